# One task runner for people and CI. `make ask` and `make test` are the README's two commands.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
Q ?= Sở nào chủ trì chỉ tiêu 6.6?

.PHONY: install ask test lint eval bench bench-api serve clean

install: $(VENV)/.installed

# torch is pinned to the CPU wheel first: an unpinned torch would pull a multi-GB CUDA build.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q "torch==2.13.0"
	$(BIN)/python -m pip install -q -e ".[dev]"
	touch $@

ask: install
	$(BIN)/kehoach ask "$(Q)"

test: install
	$(BIN)/python -m pytest -q

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

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
