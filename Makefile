# Two commands for a newcomer: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
OUT    ?= out

.PHONY: demo test test-dateutil4 test-spark lint types pytest docs clean

# The virtual environment with the package (editable) and its runtime deps.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e .
	touch $@

# ... plus the development tools and every optional extra (the SQL engines:
# DuckDB embedded, and the PostgreSQL client; the server is a Debian package).
$(VENV)/.installed-dev: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install --quiet --disable-pip-version-check \
		-e '.[dev,dev-recurrence,orjson,pandas,polars,registrations,sql,postgres,site]'
	touch $@

# Spark (pyspark and its jars, about 470 MB, and Java 17 or later) is kept out
# of `make test`: its tests are marked `spark` and run here, by CI too; they
# skip when Java is missing.
$(VENV)/.installed-spark: $(VENV)/.installed-dev pyproject.toml
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[spark]'
	touch $@

test-spark: $(VENV)/.installed-spark
	$(BIN)/pytest -q -m spark tests/test_rules_spark.py

# The library supports python-dateutil 2.9 and 4.x. The tools above pin 2.9
# (recurring-ical-events needs it), so a second environment runs the tests
# with 4.x, without the test files that need recurring-ical-events.
DU4 := .venv-dateutil4
$(DU4)/.installed: pyproject.toml
	$(PYTHON) -m venv $(DU4)
	$(DU4)/bin/python -m pip install --quiet --disable-pip-version-check \
		-e '.[dev,orjson,pandas,polars,registrations,site,sql,postgres]' 'python-dateutil>=4,<5'
	touch $@

test-dateutil4: $(DU4)/.installed
	$(DU4)/bin/python -c "import dateutil; print('python-dateutil', dateutil.__version__)"
	$(DU4)/bin/pytest -q --ignore=tests/test_ical_interop.py --ignore=tests/test_ical_expansion.py

# The demo also builds the programme site, which needs the `site` extra (Jinja2).
$(VENV)/.installed-site: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[site]'
	touch $@

demo: $(VENV)/.installed-site
	$(BIN)/egov-events validate
	$(BIN)/egov-events summary
	$(BIN)/egov-events summary --lang en
	mkdir -p $(OUT)
	$(BIN)/egov-events ics -o $(OUT)/kikao-kazi-2019.ics
	$(BIN)/egov-events site -o $(OUT)/site

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: $(VENV)/.installed-dev
	$(BIN)/mypy

pytest: $(VENV)/.installed-dev
	$(BIN)/pytest -q

test: lint types pytest

# The documentation site, from docs/ (Markdown through MyST, the reference from
# the docstrings), with every warning an error. Open docs/_build/html/index.html.
$(VENV)/.installed-docs: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[docs]'
	touch $@

docs: $(VENV)/.installed-docs
	$(BIN)/sphinx-build -W --keep-going -b html docs docs/_build/html

# Speed and memory, as ratios to references measured in the same run (see
# bench/README.md). Not part of `make test`: timings are not tests.
.PHONY: bench bench-quick bench-check bench-baseline
ARGS ?=
$(VENV)/.installed-bench: $(VENV)/.installed-dev pyproject.toml
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[bench,orjson,polars]'
	touch $@

bench: $(VENV)/.installed-bench
	$(PY) bench/run.py $(ARGS)

bench-quick: $(VENV)/.installed-bench
	$(PY) bench/run.py --quick $(ARGS)

# Exit 1 if a ratio is more than 25% worse than the saved baseline.
bench-check: $(VENV)/.installed-bench
	$(PY) bench/run.py --compare bench/baseline.json $(ARGS)

# Rewrite the baseline (on the project's standard machine, then commit it).
bench-baseline: $(VENV)/.installed-bench
	$(PY) bench/run.py --save bench/baseline.json $(ARGS)

clean:
	rm -rf $(VENV) $(DU4) $(OUT) docs/_build .pytest_cache .mypy_cache .ruff_cache .hypothesis
