# Antrean: `make run` starts the demo office, `make test` runs the whole suite, `make check` the
# quick part of it (lint, types, and every test without a browser or a server process).
PYTHON ?= python3
# Compiled modules and pytest's rewritten test modules are cached in __pycache__ (ignored by
# git) where the environment turns that off: each of the test workers and servers otherwise
# compiles them all again (2 s of CPU per pytest worker).
unexport PYTHONDONTWRITEBYTECODE
VENV := .venv
BIN := $(VENV)/bin
VENDOR := antrean/web/static/vendor
STAMP := $(VENV)/.installed
SOUNDS := display/static/sounds/generated/.complete

.PHONY: run test check lint install system-deps assets sounds bench bench-cluster bench-reports bench-rollups bench-kiosk bench-booking bench-printing bench-deployment bench-server-start bench-browser clean

run: install assets sounds
	$(BIN)/python run.py --config config.toml

# Four pytest-xdist workers: a live or browser test spends much of its time waiting on a
# server, a page, a voice clip playing or PostgreSQL, so on this 2-CPU machine four finish
# sooner than two, and six no sooner (make test on 2026-12-01: 3:34 with four, 4:08 with six).
# An idle worker steals queued tests from a busy one. PYTEST_WORKERS=0: serial. make check,
# whose tests wait on nothing, runs three (43-45 s against 47-51 s with four, 48 s with two).
PYTEST_WORKERS ?= 4
XDIST = -n $(PYTEST_WORKERS) $(if $(filter 0,$(PYTEST_WORKERS)),,--dist worksteal)
# Plugins named, not auto-loaded: pytest rewrites the asserts of every module of an installed
# plugin's package (all of schemathesis and hypothesis) in each worker, a few seconds of CPU
# apiece where no bytecode is cached (PYTHONDONTWRITEBYTECODE). The suite uses only these.
PYTEST := PYTEST_DISABLE_PLUGIN_AUTOLOAD=1 $(BIN)/python -m pytest -p xdist.plugin \
	-p xdist.looponfail -p _hypothesis_pytestplugin

test: install assets sounds system-deps lint
	$(PYTEST) -q $(XDIST) $(PYTEST_ARGS)

# Tests marked browser (Chromium), live (a second process: run.py servers, node, espeak-ng
# and sox) or postgres (the PostgreSQL server) are left out; tests/conftest.py marks them from
# the fixtures and parameters they use, so check needs no server running. The fuzzers try a
# fifth of their generated inputs (tests/support/fuzz_budget.py: every example, boundary and
# edge value is still sent); make test and CI run the full budget. Here, 2026-12-01: 43-45 s
# (about 80 s of CPU), and make test 3:34.
check: PYTEST_WORKERS = 3
check: install sounds lint
	ANTREAN_FUZZ_BUDGET=quick $(PYTEST) -q $(XDIST) -m "not browser and not live and not postgres" $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check antrean display kiosk tests bench run.py
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

assets: $(VENDOR)/socket.io.min.js

$(VENDOR)/socket.io.min.js: package.json
	npm install --ignore-scripts --no-audit --no-fund --silent
	mkdir -p $(VENDOR)
	cp node_modules/socket.io-client/dist/socket.io.min.js $(VENDOR)/

# Offline voice clips for the lobby TV, spoken by espeak-ng at set-up.
sounds: $(SOUNDS)

$(SOUNDS): antrean/core/announcement.py antrean/core/kiosk_speech.py display/voice_clips.py config.toml
	@command -v espeak-ng >/dev/null || $(MAKE) system-deps
	$(BIN)/python -m display.voice_clips display/static/sounds/generated --config config.toml
	touch $@

# Debian packages the tests and the TV need: Chromium for browser tests (its headless shell for
# most, the full browser for the day a kiosk and TV run), espeak-ng/sox for clips.
system-deps:
	@if ! command -v chromium >/dev/null || ! command -v chromium-headless-shell >/dev/null || ! command -v espeak-ng >/dev/null || ! command -v sox >/dev/null || ! command -v redis-server >/dev/null; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium chromium-headless-shell espeak-ng sox fonts-dejavu-core redis-server; \
	fi

# The hot path beside the stack's floor: tickets/s, reads/s, calls on 48-1,000 screens, CPU/request.
bench: install
	$(BIN)/python -m bench.hot_path

# Two server processes on PostgreSQL with Redis between them (ANTREAN_TEST_POSTGRES_URL/REDIS_URL).
bench-cluster: install
	$(BIN)/python -m bench.issue_and_display --cluster

# 100 offices of a deployment x 5 loket x 10 screens on two processes (PostgreSQL + Redis): time
# to open the offices, call -> screen, cross-office deliveries, CPU/call, RSS, beside the floor.
bench-deployment: install
	$(BIN)/python -m bench.deployment_offices

# A year of a busy office (300,000 tickets) on SQLite and PostgreSQL; prints report timings.
bench-reports: install
	$(BIN)/python -m bench.reports_year

# What keeping the report roll-ups in step (a trigger on ticket_events) costs issuing and calling.
bench-rollups: install
	$(BIN)/python -m bench.rollup_hot_path

bench-kiosk: install
	$(BIN)/python -m bench.kiosk_issue

bench-booking: install
	$(BIN)/python -m bench.booking_rush

# How fast printer failures are noticed, and the kiosk's answer with healthy, dead and stalled
# printers (the printing tests assert only behaviour).
bench-printing: install
	$(BIN)/python -m bench.kiosk_printing

# A live test's server start: python run.py against forked from the zygote, beside the floor.
bench-server-start: install
	$(BIN)/python -m bench.server_start

# Chromium's CPU for one TV and kiosk session, the full browser against its headless shell.
bench-browser: install assets sounds system-deps
	$(BIN)/python -m bench.browser_cpu

clean:
	rm -rf $(VENV) node_modules $(VENDOR) display/static/sounds/generated test-artifacts
