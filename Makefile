# Two commands on a fresh machine (Debian 12, Python 3.11, Node 20, root or not, no Docker):
#   make dev    install everything, start localbase (PostgreSQL + Auth + REST) and the app
#   make test   install everything (plus Debian's chromium), run every test layer
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# Reflex rewrites requirements.txt at every start (same content, new date), so the install stamp
# is named after the file's sha256: pip runs again when the content changes, not the date.
REQUIREMENTS_SHA := $(firstword $(shell sha256sum requirements.txt 2>/dev/null))
STAMP := $(VENV)/.installed-$(REQUIREMENTS_SHA)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Reflex's own bun download needs the internet; bun comes from the npm registry into .tools/
# instead, and Reflex is told to use the bun on PATH. Exported to every recipe (reflex, pytest).
BUN_VERSION := 1.4.5
TOOLS := $(CURDIR)/.tools
BUN := $(TOOLS)/node_modules/.bin/bun
export PATH := $(TOOLS)/node_modules/.bin:$(PATH)
export REFLEX_USE_SYSTEM_BUN := 1
# No internet here: no PyPI version check, no telemetry (Reflex posts it synchronously).
export REFLEX_CHECK_LATEST_VERSION := 0
export REFLEX_TELEMETRY_ENABLED := false
# Playwright cannot download its browsers here: the e2e tests drive Debian's chromium.
CHROMIUM := /usr/bin/chromium
APP_PORT ?= 3000

.PHONY: dev test install system-deps bun tokenizer browser-deps n8n down bench clean

install: system-deps bun tokenizer $(STAMP)

$(STAMP):
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	@rm -f $(VENV)/.installed $(VENV)/.installed-*
	@touch $(STAMP)

# PostgreSQL server binaries: localbase needs initdb and pg_ctl.
system-deps:
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null; then \
	  echo "Installing PostgreSQL server binaries (apt)"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq postgresql; \
	fi

# bun, pinned, project-local (checked by running it, so a half-finished install is redone).
bun:
	@if [ "$$($(BUN) --version 2>/dev/null)" != "$(BUN_VERSION)" ]; then \
	  command -v npm >/dev/null || { echo "npm (Node.js) is required to install bun" >&2; exit 1; }; \
	  echo "Installing bun $(BUN_VERSION) into .tools/ (npm)"; \
	  mkdir -p $(TOOLS) && \
	  npm install --prefix $(TOOLS) --save-exact --no-audit --no-fund --loglevel=error \
	    bun@$(BUN_VERSION) && \
	  test "$$($(BUN) --version)" = "$(BUN_VERSION)"; \
	fi

# The analyst counts tokens with OpenAI's o200k_base; its ranks come from npm (js-tiktoken).
JS_TIKTOKEN_VERSION := 1.0.21
tokenizer:
	@if [ ! -f $(TOOLS)/node_modules/js-tiktoken/dist/ranks/o200k_base.js ]; then \
	  echo "Installing js-tiktoken $(JS_TIKTOKEN_VERSION) into .tools/ (npm)"; \
	  mkdir -p $(TOOLS) && \
	  npm install --prefix $(TOOLS) --save-exact --no-audit --no-fund --loglevel=error \
	    js-tiktoken@$(JS_TIKTOKEN_VERSION); \
	fi

browser-deps:
	@if [ ! -x $(CHROMIUM) ]; then \
	  echo "Installing Debian's chromium for the e2e tests (apt)"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends chromium; \
	fi

# Localbase + the app in production mode on one port (APP_PORT, default 3000); Ctrl-C stops both.
# With SUPABASE_URL (and keys) already in the environment, the app uses that Supabase instead.
dev: install
	@APP_PORT=$(APP_PORT) bash scripts/dev.sh

down:
	@test -x $(PY) && $(PY) -m localbase down || true

# A real n8n for the tests that import Omni's workflow files: installed once (~6 min) into a
# cache folder outside the repo (OMNI_TOOLS_CACHE, default ~/.cache/omni), checked by running it.
n8n:
	@bash scripts/install_n8n.sh >/dev/null

# Extra pytest arguments: make test PYTEST_ARGS="-m e2e -x"
test: install browser-deps n8n
	$(PY) -m pytest $(PYTEST_ARGS)

bench: install
	$(PY) -m benchmarks.localbase_api

clean: down
	rm -rf .localbase .e2e test-artifacts
