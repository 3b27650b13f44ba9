# twitchcheck — every check runs the same way locally and in CI (.ci/run calls `make test`).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# axe-core (accessibility rules) from the npm registry, injected into the page by the browser tests.
AXE_VERSION := 4.14.1
AXE    := .cache/axe/node_modules/axe-core/axe.min.js

.PHONY: install run example test check lint typecheck imports test-unit test-kb test-deep bench bench-baseline bench-perf clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP) ## create .venv and install twitchcheck with its dev tools

$(AXE):
	npm install --silent --no-save --no-audit --no-fund --prefix .cache/axe axe-core@$(AXE_VERSION)

run: $(STAMP) ## validate the knowledge base, then serve the web page and API (prints the address)
	$(BIN)/twitchcheck kb validate
	$(BIN)/twitchcheck serve --host 127.0.0.1 --port $(or $(PORT),8000)

example: $(STAMP) ## an example assessment in the terminal (a worried 29-year-old with calf twitching)
	$(BIN)/twitchcheck assess --age 29 --sex male \
	  --present twitch_legs --present duration_months --present anxious_mood --present cramps \
	  --absent weakness --absent muscle_wasting --absent numbness_tingling

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

imports: $(STAMP)
	$(BIN)/lint-imports

check: lint typecheck imports ## ruff, mypy --strict, import-linter

test-unit: $(STAMP) $(AXE)
	$(BIN)/pytest -q -m "not deep"

test: check test-unit ## every check and every test (what CI runs)

test-kb: $(STAMP) ## only the knowledge-base sweep
	$(BIN)/pytest -q -m kb

test-deep: $(STAMP) ## high example-count safety properties (>= 10,000 examples each)
	$(BIN)/pytest -q -m deep -p no:cacheprovider

bench: $(STAMP) ## accuracy, calibration, sensitivity on the vignettes -> bench/out/report.md + PNGs
	$(BIN)/python -m bench.accuracy
	$(BIN)/python -m bench.text  # lay text -> findings: corpus F1, vignettes from text, speed
	$(BIN)/python -m bench.interview  # questions the adaptive interview needs -> interview.md
	$(BIN)/python -m bench.hostile  # hostile vignettes (messy users), structured and from text
	$(BIN)/python -m bench.hpo_patients  # simulated HPO patients: ours vs hpo3 similarity

bench-baseline: $(STAMP) ## rewrite bench/baseline.json (on purpose only; commit it with the change)
	$(BIN)/python -m bench.regression

# wrk (the HTTP load generator) comes from Debian; installed here if missing. Loopback only, ~3 min.
bench-perf: $(STAMP) ## speed and load: engine, batch, text, start-up, HTTP -> bench/out/perf.md + PNGs
	@command -v wrk >/dev/null 2>&1 || { apt-get update && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends wrk; }
	$(BIN)/python -m bench.perf

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache .hypothesis bench/out
