# `make` lists the targets. Every target installs what it needs first.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export HOST PORT

.PHONY: help install run serve test lint format migrate shell clean

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-8s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(VENV)/.installed: requirements/base.txt requirements/prod.txt requirements/dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements/dev.txt
	touch $@

install: $(VENV)/.installed ## Create .venv and install requirements/dev.txt

run: migrate ## Serve the API on SQLite with Django's dev server at HOST:PORT
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

serve: install ## Production server: gunicorn, settings.prod, HOST/PORT/WEB_CONCURRENCY
	DJANGO_SETTINGS_MODULE=settings.prod $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	DJANGO_SETTINGS_MODULE=settings.prod PATH="$(CURDIR)/$(BIN):$$PATH" \
		bin/entrypoint gunicorn --config config/gunicorn.conf.py config.wsgi

test: install ## Run the whole suite (SQLite; PostgreSQL when DATABASE_URL=postgres://...)
	$(BIN)/pytest

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

clean: ## Remove .venv, the SQLite database, caches and collected static files
	rm -rf $(VENV) db.sqlite3 .cache staticfiles .pytest_cache .ruff_cache
