# Thriving Practice. `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

CONFFILE := pelicanconf.py
PUBLISHCONF := publishconf.py
OUTPUTDIR := output
PORT ?= 8000
BIND ?= 127.0.0.1

SSH_HOST ?=
SSH_PORT ?= 22
SSH_USER ?=
SSH_TARGET_DIR ?=
GITHUB_PAGES_BRANCH ?= gh-pages

.DEFAULT_GOAL := help

# Recreated whenever requirements.txt changes, so the venv always matches the pins.
$(INSTALLED): requirements.txt
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

.PHONY: help venv html clean regenerate serve devserver publish lint format test bench audit screenshots rsync_upload github

help: ## List the targets
	@grep -E '^[a-z_]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

venv: $(INSTALLED) ## Create .venv and install the pinned packages

html: $(INSTALLED) ## Build the development site into output/ (strict: fails on any error)
	$(BIN)/python tools/build.py $(CONFFILE) --output $(OUTPUTDIR)

# Like the build, clean never deletes a folder no build wrote, and waits for a running build.
clean: ## Remove the generated site, what killed builds left, and caches
	$(PYTHON) tools/clean.py "$(OUTPUTDIR)"
	rm -rf cache .pytest_cache .ruff_cache

regenerate: $(INSTALLED) ## Rebuild on every change (no server)
	$(BIN)/pelican --autoreload -s $(CONFFILE) -o $(OUTPUTDIR)

serve: $(INSTALLED) ## Serve output/ on http://$(BIND):$(PORT)
	$(BIN)/pelican --listen --port $(PORT) --bind $(BIND) -s $(CONFFILE) -o $(OUTPUTDIR)

devserver: $(INSTALLED) ## Rebuild on change and serve on http://$(BIND):$(PORT)
	$(BIN)/pelican --autoreload --listen --port $(PORT) --bind $(BIND) -s $(CONFFILE) -o $(OUTPUTDIR)

publish: $(INSTALLED) ## Build the production site into output/ (publishconf.py)
	$(BIN)/python tools/build.py $(PUBLISHCONF) --output $(OUTPUTDIR)

lint: $(INSTALLED) ## Check the Python code with ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(INSTALLED) ## Format the Python code with ruff
	$(BIN)/ruff format .

test: $(INSTALLED) ## Run the whole test suite (unit, site build, browser)
	CHROMIUM="$$(tools/find-chromium $(BIN)/python)" $(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(INSTALLED) ## Benchmark builds of a synthetic site; writes bench/results.md (BENCH_ARGS=--quick)
	$(BIN)/python bench/bench.py $(BENCH_ARGS)

AUDIT_MODULES := tools/audit/node_modules/.installed
$(AUDIT_MODULES): tools/audit/package.json tools/audit/package-lock.json
	cd tools/audit && npm ci --no-audit --no-fund
	touch $@

audit: $(INSTALLED) $(AUDIT_MODULES) ## Lighthouse (mobile) on the production build: home, a series article, the series page
	CHROMIUM="$$(tools/find-chromium $(BIN)/python)" $(BIN)/python -m tools.audit

screenshots: html ## Save README screenshots of the home page and an article to docs/screenshots/
	CHROMIUM="$$(tools/find-chromium $(BIN)/python)" $(BIN)/python -m tools.screenshots $(OUTPUTDIR)

rsync_upload: publish ## Upload output/ with rsync (SSH_HOST, SSH_USER, SSH_TARGET_DIR, SSH_PORT)
	@test -n "$(SSH_HOST)" -a -n "$(SSH_TARGET_DIR)" || { echo "Set SSH_HOST and SSH_TARGET_DIR (and SSH_USER, SSH_PORT)"; exit 2; }
	rsync -e "ssh -p $(SSH_PORT)" -P -rvzc --cvs-exclude --delete $(OUTPUTDIR)/ $(if $(SSH_USER),$(SSH_USER)@)$(SSH_HOST):$(SSH_TARGET_DIR)

github: publish ## Publish output/ to the GITHUB_PAGES_BRANCH branch and push it
	$(BIN)/ghp-import -m "Generate Pelican site" -b $(GITHUB_PAGES_BRANCH) $(OUTPUTDIR)
	git push origin $(GITHUB_PAGES_BRANCH)
