# Two commands for a newcomer: `make site` and `make test` (see README.md).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.regkb-installed

.PHONY: site serve serve-fast test check clean browsers

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

site: $(STAMP)
	@# our modules' bytecode, once (PYTHONDONTWRITEBYTECODE=1 would have every build process compile them again)
	$(BIN)/python -m compileall -q plugins
	$(BIN)/regkb build --strict --site-dir site
	@echo "Site built in site/. View it with: make serve (http://127.0.0.1:8000/) or python3 -m http.server -d site"

serve: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

# Preview while writing: French only, no site search (about half the rebuild time of `make serve`).
serve-fast: $(STAMP)
	NO_MKDOCS_2_WARNING=1 REGKB_BUILD_LANG=fr $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

check: $(STAMP)
	$(BIN)/regkb check

# Real Chromium for the browser tests (Debian packages); skipped tests say so where it cannot install.
browsers:
	@if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing chromium and chromium-driver (Debian packages) for the browser tests"; \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver >/dev/null 2>&1 || \
	    (apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver >/dev/null 2>&1) || \
	    echo "Could not install chromium: browser tests will be skipped"; \
	  else echo "chromium/chromedriver missing and not root: browser tests will be skipped"; fi; \
	fi

test: $(STAMP) browsers
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m pytest -q -n auto --dist loadfile

clean:
	rm -rf site .cache
