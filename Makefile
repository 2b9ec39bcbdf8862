# Two commands for a newcomer: `make site` and `make test` (see README.md).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.regkb-installed

.PHONY: site serve test check clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/mkdocs build --strict --site-dir site
	@echo "Site built in site/. View it with: make serve (http://127.0.0.1:8000/) or python3 -m http.server -d site"

serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

check: $(STAMP)
	$(BIN)/regkb check

test: $(STAMP)
	$(BIN)/python -m pytest -q

clean:
	rm -rf site .cache
