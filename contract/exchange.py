"""One request/response pair as it crossed the wire, with secrets redacted for reports."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

REDACTED = "<redacted>"
_SECRET_HEADERS = {"authorization", "x-amz-security-token"}
_SIGNED_PARTS = re.compile(r"\b(Signature|Credential)=[^,\s]+")
_NOT_PARSED = object()


def redact_headers(headers: dict[str, str]) -> dict[str, str]:
    return {
        name: REDACTED if name.lower() in _SECRET_HEADERS else _SIGNED_PARTS.sub(rf"\1={REDACTED}", value)
        for name, value in headers.items()
    }


def _snippet(data: bytes, limit: int = 400) -> str:
    text = data.decode("utf-8", errors="replace")
    return text if len(text) <= limit else text[:limit] + f"... ({len(data)} bytes)"


@dataclass
class Exchange:
    operation: str
    url: str
    request_headers: dict[str, str]
    request_body: bytes
    status: int | None = None
    response_headers: dict[str, str] = field(default_factory=dict)
    response_body: bytes = b""
    transport_error: str | None = None
    sent_at: float = 0.0  # epoch seconds, by this machine's clock
    elapsed_s: float = 0.0
    _parsed: Any = field(default=_NOT_PARSED, repr=False)

    @property
    def request_json(self) -> Any:
        try:
            return json.loads(self.request_body)
        except ValueError:
            return self.request_body.decode("utf-8", errors="replace")

    def header(self, name: str) -> str | None:
        for key, value in self.response_headers.items():
            if key.lower() == name.lower():
                return value
        return None

    def json_body(self) -> Any:
        """The response body parsed as JSON; raises ValueError (with the reason) when it is not JSON."""
        if self._parsed is _NOT_PARSED:
            try:
                self._parsed = json.loads(self.response_body.decode("utf-8"))
            except RecursionError:
                raise ValueError("JSON nested too deeply to read") from None
        return self._parsed

    def describe_request(self) -> str:
        return f"POST {self.url} {self.operation} {_snippet(self.request_body)}"

    def describe_response(self) -> str:
        if self.transport_error:
            return f"no HTTP response: {self.transport_error}"
        ctype = self.header("Content-Type") or "no Content-Type"
        return f"HTTP {self.status} ({ctype}) {_snippet(self.response_body) or '<empty body>'}"

    def to_report(self) -> dict[str, Any]:
        """A JSON-safe, redacted record for report attachments."""
        try:
            body: Any = self.json_body()
        except ValueError:
            body = self.response_body.decode("utf-8", errors="replace")
        return {
            "request": {
                "method": "POST",
                "url": self.url,
                "operation": self.operation,
                "headers": redact_headers(self.request_headers),
                "body": self.request_json,
            },
            "response": {
                "status": self.status,
                "headers": redact_headers(self.response_headers),
                "body": body,
                "transport_error": self.transport_error,
                "elapsed_s": round(self.elapsed_s, 4),
            },
        }
