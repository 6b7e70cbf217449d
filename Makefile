# Two commands do everything on a fresh Debian machine with Python 3.11:
#   make run    installs the platform, loads the registry and serves http://127.0.0.1:8000
#   make test   installs the test tools (PostgreSQL, Chromium) and runs the whole suite on SQLite and PostgreSQL
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-dev setup lint format typecheck messages bench screenshots clean

run: install
	$(BIN)/austausch migrate --noinput
	$(BIN)/austausch registry import
	$(BIN)/austausch demo
	$(BIN)/austausch collectstatic --noinput --verbosity 0
	$(BIN)/austausch serve --host $(HOST) --port $(PORT)

test: install-dev
	scripts/system-packages test
	scripts/test

# Every catalogue: the package's and each app's own.
CATALOGUES := $(wildcard austausch/locale/*/LC_MESSAGES/django.po austausch/*/locale/*/LC_MESSAGES/django.po)

install: $(VENV)/.installed node_modules/.installed $(CATALOGUES:.po=.mo) build/fonts/.built build/kern/.built

install-dev: install $(VENV)/.installed-dev

$(VENV)/.installed: pyproject.toml
	scripts/system-packages run
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed pyproject.toml
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# KERN's Fira Sans cut down to the characters the pages use (scripts/subset_fonts.py).
build/fonts/.built: node_modules/.installed $(VENV)/.installed scripts/subset_fonts.py
	$(BIN)/python scripts/subset_fonts.py
	touch $@

# KERN's CSS cut down to the rules whose classes our templates, scripts and Python use (scripts/purge_css.py).
PAGE_SOURCES := $(shell find austausch -name '*.html' -o -name '*.js' -o -name '*.py')
build/kern/.built: node_modules/.installed $(VENV)/.installed scripts/purge_css.py $(PAGE_SOURCES)
	$(BIN)/python scripts/purge_css.py
	touch $@

%.mo: %.po $(VENV)/.installed
	$(BIN)/python scripts/compile_messages.py $<

# Developers' habits.
lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format:
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

typecheck:
	$(BIN)/mypy

# Extract new strings into the .po files (needs GNU gettext: apt-get install gettext).
messages:
	$(BIN)/python scripts/messages.py

bench: install-dev
	$(BIN)/python bench/registry_import.py
	$(BIN)/python bench/town_finder.py
	bench/town_page.sh
	$(BIN)/python bench/programme_page.py
	$(BIN)/python bench/search_latency.py
	$(BIN)/python bench/search_eval.py
	$(BIN)/python bench/slow_clients.py
	$(BIN)/python bench/registry_writers.py
	$(BIN)/python bench/server_kill.py

# PNGs of the main pages at 390 and 1280 px in var/screenshots/ (needs Chromium and the demo data of `make run`).
screenshots: install-dev
	$(BIN)/python scripts/screenshots.py

clean:
	rm -rf $(VENV) node_modules var build
