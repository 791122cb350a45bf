# Two commands do all set-up on a fresh machine: `make conformance` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
# make conformance ENDPOINT=http://host:port   (overrides AWS_ENDPOINT_URL_ECS / AWS_ENDPOINT_URL)
ENDPOINT ?=
# extra pytest arguments, e.g. ARGS="-n 4 --region eu-west-1"
ARGS ?=

.PHONY: conformance test lint setup lock contract-lock clean

conformance: $(PY_STAMP) $(NODE_STAMP)
	CONFORMANCE_ENDPOINT="$(ENDPOINT)" $(BIN)/python -m pytest suites $(ARGS)

test: $(PY_STAMP) $(NODE_STAMP) lint
	$(BIN)/python -m pytest -c tests/pytest.ini tests $(ARGS)

lint: $(PY_STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

setup: $(PY_STAMP) $(NODE_STAMP)

$(PY_STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt '.[dev]'
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Re-resolve the Python lock from pyproject.toml's pins (a deliberate upgrade).
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet --disable-pip-version-check '.[dev]'
	.venv-lock/bin/python -m pip freeze --exclude createtaskset-conformance > constraints.txt
	rm -rf .venv-lock

# Accept a new botocore model for CreateTaskSet after reviewing its drift.
contract-lock: $(PY_STAMP)
	$(BIN)/python -m contract.model

clean:
	rm -rf $(VENV) node_modules reports/allure-results reports/allure-report reports/*.json reports/*.xml reports/*.log
