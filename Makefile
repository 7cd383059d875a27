# Two commands for people: `make run` and `make test`. Both create the environment when missing.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint format bench eval-readability clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[dev]"
	touch $(STAMP)

PORT ?= 8501

run: $(STAMP)
	$(BIN)/streamlit run app.py --server.address 127.0.0.1 --server.port $(PORT)

CHROMIUM ?= /usr/lib/chromium/chromium

# The browser test needs Debian's chromium and the printed-page tests LibreOffice; as root,
# install them when missing. Never fail here: without them those tests are skipped (CI sets
# PARAPREP_REQUIRE_BROWSER=1 to forbid that for the browser).
test: $(STAMP)
	@if [ ! -x "$(CHROMIUM)" ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing Chromium for the browser test (apt-get install chromium)..."; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium \
			>/dev/null) || echo "Could not install Chromium: the browser test will be skipped."; \
	fi
	@if ! command -v soffice >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing LibreOffice for the printed-page tests (libreoffice-writer-nogui)..."; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends libreoffice-writer-nogui >/dev/null) \
			|| echo "Could not install LibreOffice: the printed-page tests will be skipped."; \
	fi
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Speed figures against the loopback stub with simulated model latency; writes BENCHMARKS.md.
# Flags: make bench BENCH_FLAGS="--tps 30 --slots 4" (see python -m bench --help).
bench: $(STAMP)
	$(BIN)/python -m bench $(BENCH_FLAGS)

# The reading-level scale against teachers (CLEAR corpus, not in the project): writes its own
# section of BENCHMARKS.md. CLEAR=path/to/clear-dev.csv to use another copy.
CLEAR ?= ../shared/data/clear-dev.csv
eval-readability: $(STAMP)
	$(BIN)/python -m generators.readability_eval $(CLEAR) BENCHMARKS.md

clean:
	rm -rf $(VENV) build *.egg-info
