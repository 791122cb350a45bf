# Two commands do all set-up on a fresh machine: `make conformance` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
# make conformance ENDPOINT=http://host:port   (overrides AWS_ENDPOINT_URL_ECS / AWS_ENDPOINT_URL)
ENDPOINT ?=
# a target profile of targets/ (endpoint, region, prerequisites, expectations), e.g. TARGET=localstack
TARGET ?=
# a known-deviations file instead of the profile's, or none
EXPECTATIONS ?=
# extra pytest arguments, e.g. ARGS="-n 4 --region eu-west-1"
ARGS ?=
RUN_ARGS = $(if $(TARGET),--target $(TARGET)) $(if $(EXPECTATIONS),--expectations $(EXPECTATIONS)) $(ARGS)

.PHONY: conformance expectations test lint bench setup lock contract-lock clean

# ENDPOINT reaches the run through the environment, so no shell quoting can break it.
conformance expectations: export CONFORMANCE_ENDPOINT = $(ENDPOINT)

# make itself exits 2 whenever a recipe fails; the run's own exit code (README) is printed last.
conformance: $(PY_STAMP) $(NODE_STAMP)
	@$(BIN)/python -m pytest suites $(RUN_ARGS); code=$$?; echo "conformance exit code $$code"; exit $$code

# Rewrite targets/<TARGET>'s expectations file from a fresh run; reasons of unchanged entries are kept.
expectations: $(PY_STAMP)
	@test -n "$(TARGET)" || { echo "usage: make expectations TARGET=<profile in targets/>" >&2; exit 4; }
	@$(BIN)/python -m fixtures.expectations $(TARGET)
	rm -f reports/expectations-run/summary.json
	-$(BIN)/python -m pytest suites --target $(TARGET) --expectations none \
		--reports-dir reports/expectations-run --html-report none -q $(ARGS)
	$(BIN)/python -m fixtures.expectations $(TARGET) reports/expectations-run/summary.json

bench: $(PY_STAMP)
	$(BIN)/python bench/run_time.py

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
