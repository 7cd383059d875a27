# Two commands for people: `make run` and `make test`. Both create the environment when missing.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint format bench clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[dev]"
	touch $(STAMP)

PORT ?= 8501

run: $(STAMP)
	$(BIN)/streamlit run app.py --server.address 127.0.0.1 --server.port $(PORT)

CHROMIUM ?= /usr/lib/chromium/chromium

# The browser test needs Debian's chromium; as root, install it when missing. Never fail here:
# without it the browser test is skipped (CI sets PARAPREP_REQUIRE_BROWSER=1 to forbid that).
test: $(STAMP)
	@if [ ! -x "$(CHROMIUM)" ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing Chromium for the browser test (apt-get install chromium)..."; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium \
			>/dev/null) || echo "Could not install Chromium: the browser test will be skipped."; \
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

clean:
	rm -rf $(VENV) build *.egg-info
