# FamilyDesk: `make run` and `make test` are all a new machine needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
PIP := $(PY) -m pip --disable-pip-version-check -q
INSTALLED := $(VENV)/.installed
TEST_INSTALLED := $(VENV)/.test-installed
BUNDLE_INSTALLED := $(VENV)/.bundle-installed
PG := scripts/pg-test-server.sh
PYTEST_ARGS ?=

.PHONY: run test test-dates test-sqlite test-postgresql journeys lint wheel-check bundle bench crash messages catalogues screenshots clean

$(PY):
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  echo "Installing python3-venv..."; \
	  if [ "$$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null; \
	  else echo "Please run: sudo apt-get install python3-venv"; exit 1; fi; \
	  rm -rf $(VENV); $(PYTHON) -m venv $(VENV); }
	@$(PIP) install --upgrade pip

$(INSTALLED): pyproject.toml | $(PY)
	@scripts/system-deps.sh
	$(PIP) install -e ".[postgres,encryption]"
	@touch $@

$(TEST_INSTALLED): $(INSTALLED)
	$(PIP) install -e ".[postgres,encryption,test]"
	@touch $@

$(BUNDLE_INSTALLED): $(INSTALLED)
	$(PIP) install -e ".[postgres,encryption,bundle]"
	@touch $@

# Compiled catalogues (.mo) are built, not committed.
catalogues: $(INSTALLED)
	@$(BIN)/pybabel compile -d resources/locale -D familydesk

## make run: set up, then open FamilyDesk on the demo database (filled on first run)
run: catalogues
	$(BIN)/familydesk --demo

## make test: lint, then the whole suite on SQLite and on PostgreSQL
test: $(TEST_INSTALLED) catalogues lint test-sqlite test-postgresql

## make test-dates: the date-sensitive tests under faketime on 29 February, New Year's Eve and
## the spring-forward night, and on PCs set to UTC and New York (scripts/test-dates.sh)
test-dates: $(TEST_INSTALLED) catalogues
	@scripts/system-deps.sh
	PY=$(PY) scripts/test-dates.sh

lint: $(TEST_INSTALLED)
	$(BIN)/ruff check familydesk tests scripts benchmarks build.spec setup.py
	$(BIN)/ruff format --check familydesk tests scripts benchmarks build.spec setup.py
	$(BIN)/lint-imports

test-sqlite: $(TEST_INSTALLED)
	$(PY) -m pytest $(PYTEST_ARGS)

test-postgresql: $(TEST_INSTALLED)
	@url=$$($(PG) start); status=$$?; \
	if [ $$status -eq 3 ] || [ -z "$$url" ]; then \
	  if [ -n "$$CI" ]; then echo "PostgreSQL could not be started on CI"; exit 1; fi; \
	  echo "PostgreSQL is not available here: skipping the PostgreSQL run."; exit 0; fi; \
	FAMILYDESK_TEST_PG_URL=$$url $(PY) -m pytest $(PYTEST_ARGS); status=$$?; \
	$(PG) stop; exit $$status

## make wheel-check: the built wheel in a new empty venv, away from the checkout, prints in Italian
wheel-check: | $(PY)
	PYTHON=$(PYTHON) BUILD_PYTHON=$(PY) scripts/wheel-check.sh

## make journeys: the real app under Xvfb (1366x768) with openbox, real keys and clicks,
## the database checked afterwards; screenshots in build/journeys/ (CI keeps them)
journeys: $(TEST_INSTALLED) catalogues
	$(PY) -m pytest -m journey tests/journeys $(PYTEST_ARGS)

## make bundle: PyInstaller one-folder build, then its own --smoke run
# after `demo`, commands sign in as its administrator; an active demo card must check
# valid (exit 0) and, with one digit mistyped, be refused by its check character (exit 1)
SMOKE_ENV := FAMILYDESK_HOME=build/smoke FAMILYDESK_OPERATOR=admin FAMILYDESK_PASSWORD=demo
bundle: $(BUNDLE_INSTALLED) catalogues
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN build.spec
	rm -rf build/smoke && mkdir -p build/smoke
	$(SMOKE_ENV) dist/familydesk/familydesk demo --families 50 --db build/smoke/smoke.sqlite3
	$(SMOKE_ENV) QT_QPA_PLATFORM=offscreen dist/familydesk/familydesk --smoke --db build/smoke/smoke.sqlite3
	$(SMOKE_ENV) dist/familydesk/familydesk check --db build/smoke/smoke.sqlite3
	$(SMOKE_ENV) dist/familydesk/familydesk search ros --db build/smoke/smoke.sqlite3 --limit 3
	$(SMOKE_ENV) dist/familydesk/familydesk export families --format xlsx --out build/smoke/famiglie.xlsx --db build/smoke/smoke.sqlite3
	$(SMOKE_ENV) dist/familydesk/familydesk import families build/smoke/famiglie.xlsx --db build/smoke/smoke.sqlite3
	$(SMOKE_ENV) dist/familydesk/familydesk print intake --family "$$($(SMOKE_ENV) dist/familydesk/familydesk search a --json --limit 1 --db build/smoke/smoke.sqlite3 | sed -n 's/.*"family_uid": "\(.*\)".*/\1/p' | head -1)" --out build/smoke/intake.pdf --db build/smoke/smoke.sqlite3
	$(SMOKE_ENV) dist/familydesk/familydesk export appointments --from "$$(date +%F)" --to "$$(date -d '+60 days' +%F)" --format ics --out build/smoke/agenda.ics --db build/smoke/smoke.sqlite3
	grep -q "BEGIN:VEVENT" build/smoke/agenda.ics
	$(SMOKE_ENV) dist/familydesk/familydesk print calls --out build/smoke/calls.pdf --db build/smoke/smoke.sqlite3
	$(SMOKE_ENV) dist/familydesk/familydesk export groups --from 2000-01-01 --to "$$(date +%F)" --format csv --out build/smoke/gruppi.csv --db build/smoke/smoke.sqlite3
	$(SMOKE_ENV) dist/familydesk/familydesk print signatures --group "$$(awk -F';' 'NR>1 && $$17>0 {print $$4; exit}' build/smoke/gruppi.csv)" --session 1 --out build/smoke/firme.pdf --db build/smoke/smoke.sqlite3
	$(SMOKE_ENV) dist/familydesk/familydesk print certificates --group "$$(awk -F';' 'NR>1 && $$17>0 {print $$4; exit}' build/smoke/gruppi.csv)" --out build/smoke/attestati.pdf --db build/smoke/smoke.sqlite3
	$(SMOKE_ENV) dist/familydesk/familydesk export cards --format csv --out build/smoke/carte.csv --db build/smoke/smoke.sqlite3
	awk -F';' 'NR>1 && $$4=="active" {print $$1; exit}' build/smoke/carte.csv > build/smoke/carta.txt && test -s build/smoke/carta.txt
	$(SMOKE_ENV) dist/familydesk/familydesk card check "$$(cat build/smoke/carta.txt)" --db build/smoke/smoke.sqlite3
	$(SMOKE_ENV) dist/familydesk/familydesk card check "$$(awk '{d = substr($$0, 11, 1); print substr($$0, 1, 10) ((d + 1) % 10) substr($$0, 12)}' build/smoke/carta.txt)" --db build/smoke/smoke.sqlite3; test $$? -eq 1
	$(SMOKE_ENV) dist/familydesk/familydesk print card --card "$$(cat build/smoke/carta.txt)" --out build/smoke/carta.pdf --db build/smoke/smoke.sqlite3
	head -c 5 build/smoke/carta.pdf | grep -q "%PDF-"
	$(SMOKE_ENV) dist/familydesk/familydesk print partners --out build/smoke/convenzionati.pdf --db build/smoke/smoke.sqlite3
	head -c 5 build/smoke/convenzionati.pdf | grep -q "%PDF-"
	$(SMOKE_ENV) FAMILYDESK_NEW_PASSPHRASE="frase di prova lunga" dist/familydesk/familydesk encrypt --db build/smoke/smoke.sqlite3
	$(SMOKE_ENV) FAMILYDESK_DB_PASSPHRASE="frase di prova lunga" dist/familydesk/familydesk check --db build/smoke/smoke.sqlite3

## make bench: performance figures (see README)
bench: $(TEST_INSTALLED) catalogues
	$(PY) benchmarks/run.py

## make crash: the kill harness with 300 kills per workload (figures for the README)
crash: $(TEST_INSTALLED)
	PYTHONPATH=. $(PY) -m tests.crash.report 300

## make messages: extract strings and merge them into the catalogues
messages: $(INSTALLED)
	$(PY) scripts/messages.py

screenshots: $(INSTALLED) catalogues
	FAMILYDESK_HOME=build/shots $(PY) scripts/screenshot.py docs --db build/shots/demo.sqlite3

clean:
	rm -rf build dist .pytest_cache .ruff_cache
	find . -name __pycache__ -prune -exec rm -rf {} +
