# The README's two commands: `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
RUFF := $(VENV)/bin/ruff

# `make run` is for a developer's machine: debug on, a development key, embedded services
# unless DATABASE_URL / REDIS_URL are set.
DEV_ENV := DEBUG=1 SECRET_KEY=$${SECRET_KEY:-development-only-key-not-for-production}
TEST_ENV := DJANGO_SETTINGS_MODULE=cop_platform.settings_test \
	DATABASE_URL=postgres://cop_platform:cop_platform@127.0.0.1:5432/cop_platform \
	REDIS_URL=redis://127.0.0.1:6379/15

.PHONY: help install run stop test lint format lock services worker beat bench-mail bench bench-dashboard

help:
	@echo "make run    set up (venv, install, migrate, demo data); serve :$(PORT) with a worker and beat"
	@echo "make test   lint, migrations check, the whole suite on PostgreSQL, Redis and Chromium"
	@echo "make lint   ruff check and ruff format --check"
	@echo "make lock   regenerate requirements/{production,development}.lock from pyproject.toml"
	@echo "make bench  pages served by gunicorn on seeded 1x and 10x data, driven by wrk (bench/README.md)"
	@echo "make bench-dashboard  the program dashboard of 500 CoPs on the 10x data, in-process"

# Two locks: production installs requirements/production.lock alone (no test tools); a developer's
# machine installs requirements/development.lock, which is production's pins plus the dev extra.
$(VENV)/.installed: requirements/production.lock requirements/development.lock
	@test -x $(PY) || "$$(scripts/find-python)" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements/development.lock
	@touch $@

install: $(VENV)/.installed

# `make run` migrates, seeds, then serves on PORT with a Celery worker and beat beside the site
# (Procfile.dev, run by honcho): on the embedded PostgreSQL of scripts/run_embedded_postgres.py
# unless DATABASE_URL is set, which it stops again when the site stops. One Ctrl-C ends it all.
PORT ?= 8000
EMBEDDED_POSTGRES := $(PY) scripts/run_embedded_postgres.py
DEV_SERVE := $(PY) manage.py migrate --noinput && $(PY) manage.py seed_demo \
	&& exec $(VENV)/bin/honcho -f Procfile.dev start

run: install
	@mkdir -p "$${EMBEDDED_DIR:-.embedded}"
	$(DEV_ENV) PORT=$(PORT) $(if $(DATABASE_URL),,$(EMBEDDED_POSTGRES) run --) bash -c '$(DEV_SERVE)'

# Stops an embedded PostgreSQL left running (e.g. after `make run` was killed with SIGKILL).
stop:
	$(EMBEDDED_POSTGRES) stop

lint: install
	$(RUFF) check .
	$(RUFF) format --check .

format: install
	$(RUFF) check --fix .
	$(RUFF) format .

services:
	@scripts/ensure-test-services

test: install services lint
	$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run
	$(TEST_ENV) $(PY) -m pytest tests --ignore=tests/e2e -n $${TEST_WORKERS:-3} --dist worksteal
	$(TEST_ENV) $(PY) -m pytest tests/e2e

# Production first; development is then constrained to production's pins, so a package both
# install has one version in both locks.
lock: install
	$(PY) -m pip install --quiet uv
	$(VENV)/bin/uv pip compile pyproject.toml --python-version 3.12 \
		--generate-hashes --upgrade -o requirements/production.lock
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev -c requirements/production.lock \
		--python-version 3.12 --generate-hashes --upgrade -o requirements/development.lock

# Production processes (see README): one or more workers, and exactly one beat.
worker: install
	$(PY) -m celery -A cop_platform worker --loglevel=INFO

beat: install
	$(PY) -m celery -A cop_platform beat --loglevel=INFO

# Outbox benchmark (not a test; bench/README.md): one announcement to a CoP of 10,000 members,
# fanned out and delivered by two workers to a local SMTP sink. Needs PostgreSQL at 127.0.0.1,
# like `make test`. BENCH_PROFILE=1 profiles the workers with pyinstrument.
bench-mail: install services
	$(PY) bench/mail.py

# The program dashboard of 500 CoPs (not a test; bench/README.md): every open CoP of the 10x
# bench data moved into one program inside a rolled-back transaction, timed in-process.
bench-dashboard: install services
	$(PY) bench/one_program.py

# Page benchmark (not a test; bench/README.md): seeds or reuses cop_bench_x1 and cop_bench_x10 on
# the PostgreSQL of `make test`, serves them with gunicorn and drives every page with wrk, then
# prints one table. `make bench PAGES=home,search_common FACTOR=10 DURATION=8`.
FACTOR ?= 1 10
PAGES ?=
DURATION ?= 4
COLD ?= 3
ROUNDS ?= 2
bench: install services
	@bench/ensure-wrk
	BENCH_FACTORS="$(FACTOR)" BENCH_PAGES="$(PAGES)" BENCH_DURATION=$(DURATION) \
		BENCH_COLD_DURATION=$(COLD) BENCH_ROUNDS=$(ROUNDS) $(PY) bench/run.py
