# Two commands on a fresh machine (Debian 12, Python 3.11, root or not, no Docker):
#   make dev    install everything, start localbase (PostgreSQL + Auth + REST), print how to reach it
#   make test   install everything, run every test layer
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: dev test install system-deps down bench clean

install: system-deps $(STAMP)

$(STAMP): requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $(STAMP)

# PostgreSQL server binaries: localbase needs initdb and pg_ctl.
system-deps:
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null; then \
	  echo "Installing PostgreSQL server binaries (apt)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; \
	fi

dev: install
	$(PY) -m localbase up
	@echo
	@echo "Environment for the supabase client (also: $(PY) -m localbase env):"
	@$(PY) -m localbase env
	@echo
	@echo "Logs: .localbase/log/   Stop: make down"

down:
	@test -x $(PY) && $(PY) -m localbase down || true

test: install
	$(PY) -m pytest

bench: install
	$(PY) -m benchmarks.localbase_api

clean: down
	rm -rf .localbase
