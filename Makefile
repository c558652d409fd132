# Two commands for a newcomer: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
OUT    ?= out

.PHONY: demo test lint types pytest clean

# The virtual environment with the package (editable) and its runtime deps.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e .
	touch $@

# ... plus the development tools and every optional extra.
$(VENV)/.installed-dev: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev,orjson,pandas,polars]'
	touch $@

demo: $(VENV)/.installed
	$(BIN)/egov-events validate
	$(BIN)/egov-events summary
	$(BIN)/egov-events summary --lang en
	mkdir -p $(OUT)
	$(BIN)/egov-events ics -o $(OUT)/kikao-kazi-2019.ics

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: $(VENV)/.installed-dev
	$(BIN)/mypy

pytest: $(VENV)/.installed-dev
	$(BIN)/pytest -q

test: lint types pytest

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .mypy_cache .ruff_cache .hypothesis
