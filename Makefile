# One task runner for people and CI. `make ask` and `make test` are the README's two commands.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
Q ?= Sở nào chủ trì chỉ tiêu 6.6?

# apt-get needs root; elsewhere sudo is tried.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install chromium ask test test-postgres lint eval bench bench-api bench-web serve screenshots clean

install: $(VENV)/.installed

# torch is pinned to the CPU build first: PyPI's default torch is a multi-GB CUDA build.
# The PyTorch CPU wheel index is tried first (as in the Dockerfile); where it cannot be
# reached (an offline mirror, a machine with the wheel on disk) the default index is used.
TORCH_CPU_INDEX ?= https://download.pytorch.org/whl/cpu

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q --timeout 20 --retries 1 --index-url $(TORCH_CPU_INDEX) "torch==2.13.0" \
	  || $(BIN)/python -m pip install -q "torch==2.13.0"
	$(BIN)/python -m pip install -q -e ".[dev,onnx]"
	touch $@

ask: install
	$(BIN)/kehoach ask "$(Q)"

# Debian's Chromium for the browser tests (Playwright's own browser download needs the
# internet). When it cannot be installed the browser tests are skipped, except in CI.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests" >&2; \
	  $(SUDO) apt-get install -y -qq chromium >/dev/null 2>&1 \
	  || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium >/dev/null; } \
	  || echo "could not install chromium: the browser tests will be skipped" >&2; }

test: install chromium
	$(BIN)/python -m pytest -q

# The tests with a throwaway PostgreSQL cluster (Debian's postgresql, installed when missing):
# the facts store's contract tests run on both backends, none may skip.
PG_DIR ?= /tmp/kehoach-test-postgres
test-postgres: install chromium
	@.ci/postgres stop $(PG_DIR) >/dev/null 2>&1 || true
	@eval "$$(.ci/postgres start $(PG_DIR))" && \
	  { $(BIN)/python -m pytest -q; status=$$?; .ci/postgres stop $(PG_DIR); exit $$status; }

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

eval: install
	$(BIN)/kehoach eval --out eval-report

bench: install
	$(BIN)/python bench/ingest_bench.py
	$(BIN)/python bench/ask_bench.py

serve: install
	$(BIN)/kehoach serve

bench-api: install
	$(BIN)/python bench/load_bench.py --home /tmp/kehoach-bench-home -n 1000 -c 8

bench-web: install chromium
	$(BIN)/python bench/web_bench.py --home /tmp/kehoach-bench-home --runs 10

# The pictures in docs/screenshots/ (chat page, phone, matrix in an en-US browser).
screenshots: install chromium
	$(BIN)/python -m tests.screenshots

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
