# `make` lists the targets. Every target installs what it needs first.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export HOST PORT

.PHONY: help install run serve test lint format migrate shell clean bench bench-scale bench-smoke bench-instructions valgrind wrk cluster haproxy

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-12s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(VENV)/.installed: requirements/base.txt requirements/prod.txt requirements/dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements/dev.txt
	touch $@

install: $(VENV)/.installed ## Create .venv and install requirements/dev.txt

# The production server's own stamp: requirements/prod.txt only, no development tools.
$(VENV)/.installed-prod: requirements/base.txt requirements/prod.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements/prod.txt
	touch $@

# collectstatic rewrites every file it post-processes (under running nodes too), so it runs only when
# the packages or the apps' static files changed, and `serve` runs it under a lock: nodes started at
# once from one checkout take turns. After changing STATIC_* or STORAGES, delete staticfiles/.
staticfiles/staticfiles.json: $(VENV)/.installed-prod $(shell find apps -path '*/static/*' -type f)
	DJANGO_SETTINGS_MODULE=settings.prod $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	touch $@

run: migrate ## Serve the API on SQLite with Django's dev server at HOST:PORT
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

serve: ## Production server: gunicorn, settings.prod, HOST/PORT/WEB_CONCURRENCY
	mkdir -p .cache && flock .cache/serve.lock $(MAKE) --no-print-directory staticfiles/staticfiles.json
	DJANGO_SETTINGS_MODULE=settings.prod PATH="$(CURDIR)/$(BIN):$$PATH" \
		bin/entrypoint gunicorn --config config/gunicorn.conf.py config.wsgi

cluster: haproxy ## NODES (default 3) of make serve behind HAProxy at HOST:PORT (docs/operations.md)
	mkdir -p .cache && flock .cache/serve.lock $(MAKE) --no-print-directory staticfiles/staticfiles.json
	$(BIN)/python bin/cluster

haproxy:
	command -v haproxy >/dev/null || { apt-get update -qq && apt-get install -y -qq haproxy; }

test: install ## Run the whole suite (SQLite; PostgreSQL when DATABASE_URL=postgres://...)
	$(BIN)/pytest

.PHONY: test-faults iptables
test-faults: install iptables ## Live fault tests: PostgreSQL and Redis refused, black-holed, killed under gunicorn (minutes; root)
	FAULT_TESTS=1 DATABASE_URL=$${DATABASE_URL:-postgres://root@127.0.0.1:5432/faults} $(BIN)/pytest -s tests/faults

# The fault tests drop packets to their own proxy's port with iptables to emulate a dead host.
iptables:
	command -v iptables >/dev/null || { apt-get update -qq && apt-get install -y -qq iptables; }

.PHONY: clients
clients: install ## Regenerate clients/ (OpenAPI snapshot, TypeScript types, Python client) from the code
	clients/generate

lint: install ## ruff check and ruff format --check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install ## Fix what ruff can fix and format the code
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrate: install ## Apply the migrations (SQLite unless DATABASE_URL is set)
	$(BIN)/python manage.py migrate --noinput

shell: install ## Django shell
	$(BIN)/python manage.py shell

bench: install wrk ## Benchmark: API vs a floor app, gunicorn + PostgreSQL + Redis (docs/benchmarks.md)
	$(BIN)/python -m bench.run

bench-scale: install wrk ## Benchmark list and detail at 10,000 and at 1,000,000 posts (minutes)
	BENCH_SCALE=1000000 BENCH_ENDPOINTS=list,detail BENCH_RESULTS=bench/results/bench-scale $(BIN)/python -m bench.run

bench-smoke: install wrk ## The benchmark in seconds, for CI: checks it runs and every answer is 2xx
	BENCH_DURATION=2 BENCH_ROUNDS=1 BENCH_WARMUP=1 BENCH_RESULTS=$${TMPDIR:-/tmp}/bench-smoke $(BIN)/python -m bench.run

bench-instructions: install valgrind ## After make bench: instructions per request in-process (valgrind), every endpoint but login
	for endpoint in list detail list-apikey detail-apikey create update; do $(BIN)/python -m bench.instructions $$endpoint || exit 1; done

valgrind:
	command -v valgrind >/dev/null || { apt-get update -qq && apt-get install -y -qq valgrind; }

wrk:
	command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }

clean: ## Remove .venv, the SQLite database, caches and collected static files
	rm -rf $(VENV) db.sqlite3 .cache staticfiles .pytest_cache .ruff_cache
