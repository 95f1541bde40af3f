# Two commands for a newcomer: `make run` (SQLite + demo data) and `make test` (whole suite).
# Everything else is installed into .venv by these targets themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format messages compilemessages migrate seed clean help bench loadtest restore-drill

help:
	@echo "make run    - install, migrate, seed demo data and serve on http://$(HOST):$(PORT)/ (SQLite)"
	@echo "make test   - install the dev extra and run the whole test suite"
	@echo "make lint   - ruff"
	@echo "make bench  - performance of the yearly figures at 100,000 complaints"
	@echo "make loadtest - gunicorn on PostgreSQL, 100,000 complaints, 20 clients for 60 s"
	@echo "make restore-drill - back up, restore and compare (PostgreSQL, demo data)"

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Re-install only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(VENV)/.installed $@

# The compiled Danish catalogue (django.mo) is committed, so setup needs no gettext tools.
# With msgfmt present it is rebuilt from django.po; `make messages` also re-extracts strings.
compilemessages: | $(PY)
	@if command -v msgfmt >/dev/null 2>&1; then \
		$(PY) manage.py compilemessages --locale da --ignore '.venv' >/dev/null; \
	else \
		echo "msgfmt not found: using the committed locale/da/LC_MESSAGES/django.mo"; \
	fi

messages: $(VENV)/.installed
	$(PY) manage.py makemessages --locale da --ignore '.venv/*' --ignore 'staticfiles/*' --no-obsolete
	$(PY) manage.py compilemessages --locale da --ignore '.venv'

migrate: $(VENV)/.installed
	$(PY) manage.py migrate --no-input

seed: migrate
	$(PY) manage.py seed_demo

# The web server, the task worker and the scheduler in one command (one process group: Ctrl+C
# stops all three). Production runs them as separate processes (README, "Production").
run: $(VENV)/.installed compilemessages seed
	@echo ""
	@echo "  The Borgerrådgiver case system: http://$(HOST):$(PORT)/"
	@echo "  Demo users (password 'demo'): jurist, borgerraadgiver, wbenhed, udvalg, sekretariat"
	@echo ""
	@trap 'kill 0' INT TERM EXIT; \
	$(PY) manage.py run_worker --interval 1 & \
	$(PY) manage.py run_scheduler & \
	$(PY) manage.py runserver $(HOST):$(PORT)

# The whole suite, on every core of the machine (pytest-xdist; each process has its own test
# database, and its own bucket with PRIVATE_STORAGE=s3).
test: $(VENV)/.installed-dev compilemessages
	$(BIN)/pytest -n auto --maxschedchunk 1

# Performance at 100,000 complaints (SQLite in var/; BENCH_DATABASE_URL=postgres://… for PostgreSQL).
bench: $(VENV)/.installed-dev
	$(PY) bench/run.py

# Load test (not in CI): gunicorn, 2 workers, production settings, on PostgreSQL
# (LOADTEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/borger_load).
loadtest: $(VENV)/.installed-dev compilemessages
	$(PY) bench/loadtest.py

# Backup and restore drill (PostgreSQL; RESTORE_DRILL_DATABASE_URL, default
# postgres://postgres@127.0.0.1:5432/borger_drill): demo data, pg_dump + tar, restore, compare.
restore-drill: $(VENV)/.installed-dev compilemessages
	$(PY) bench/restore_drill.py

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .

format: $(VENV)/.installed-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-* staticfiles .pytest_cache .ruff_cache
