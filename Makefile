# Thriving Practice. `make help` lists the targets with the values in force.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# What building needs; the test and audit tools are installed on top by `make test`/`lint`/`audit`.
INSTALLED := $(VENV)/.installed
TEST_INSTALLED := $(VENV)/.installed-test
PIP := $(BIN)/pip install --quiet --disable-pip-version-check

CONFFILE := pelicanconf.py
PUBLISHCONF := publishconf.py
OUTPUTDIR := output
PORT ?= 8000
BIND ?= 127.0.0.1

# Deploying: set these here once, or per command (`make rsync_upload SSH_HOST=example.org`).
SSH_HOST ?=
SSH_PORT ?= 22
SSH_USER ?=
SSH_TARGET_DIR ?=
# Never --cvs-exclude: it drops every file or folder named `tags` (and `core`, `*.o`, ...).
RSYNC_EXCLUDES ?= .DS_Store Thumbs.db .pelican-build
GITHUB_REMOTE ?= origin
GITHUB_PAGES_BRANCH ?= gh-pages
# A custom domain for GitHub Pages (www.example.org): written to CNAME on every push, and the
# site built for https://<that domain> (unless SITEURL is set in the environment).
GITHUB_PAGES_CNAME ?=

# Values `make help` prints in place of their names.
HELP_VALUES := BIND PORT OUTPUTDIR CONFFILE PUBLISHCONF GITHUB_REMOTE GITHUB_PAGES_BRANCH

.DEFAULT_GOAL := help

# Recreated whenever requirements.txt changes, so the venv always matches the pins.
$(INSTALLED): requirements.txt
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(PIP) -r requirements.txt
	touch $@

$(TEST_INSTALLED): $(INSTALLED) requirements-test.txt
	$(PIP) -r requirements-test.txt
	touch $@

.PHONY: help venv venv-test html clean regenerate serve devserver publish newpost lint format test bench audit screenshots rsync_upload github

help: ## List the targets
	@grep -E '^[a-z_-]+:.*## ' $(MAKEFILE_LIST) \
	  | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}' \
	  | sed $(foreach v,$(HELP_VALUES),-e 's|$$($(v))|$($(v))|g')
	@echo
	@echo "Deploy settings: SSH_HOST=$(or $(SSH_HOST),(unset)) SSH_USER=$(or $(SSH_USER),(unset))" \
	  "SSH_PORT=$(SSH_PORT) SSH_TARGET_DIR=$(or $(SSH_TARGET_DIR),(unset))" \
	  "GITHUB_PAGES_CNAME=$(or $(GITHUB_PAGES_CNAME),(unset))"

venv: $(INSTALLED) ## Create .venv with what building needs (pinned in requirements.txt)

venv-test: $(TEST_INSTALLED) ## Add the test, lint and audit tools (requirements-test.txt)

html: $(INSTALLED) ## Build the development site into $(OUTPUTDIR)/ (strict: fails on any error)
	$(BIN)/python tools/build.py $(CONFFILE) --output "$(OUTPUTDIR)"

# Like the build, clean never deletes a folder no build wrote, and waits for a running build.
clean: ## Remove the generated site, what killed builds left, and caches
	$(PYTHON) tools/clean.py "$(OUTPUTDIR)"
	rm -rf cache .pytest_cache .ruff_cache

regenerate: $(INSTALLED) ## Strict rebuild on every save, without a server
	exec $(BIN)/python tools/devserver.py $(CONFFILE) --output "$(OUTPUTDIR)" --no-server

serve: $(INSTALLED) ## Serve $(OUTPUTDIR)/ on http://$(BIND):$(PORT) with the site's headers
	exec $(BIN)/python tools/devserver.py $(CONFFILE) --output "$(OUTPUTDIR)" --no-watch --bind $(BIND) --port $(PORT)

devserver: $(INSTALLED) ## Strict rebuild on every save, serve on http://$(BIND):$(PORT), reload the browser
	exec $(BIN)/python tools/devserver.py $(CONFFILE) --output "$(OUTPUTDIR)" --bind $(BIND) --port $(PORT)

publish: $(INSTALLED) ## Build the production site into $(OUTPUTDIR)/ ($(PUBLISHCONF))
	$(BIN)/python tools/build.py $(PUBLISHCONF) --output "$(OUTPUTDIR)"

# A variable's value exactly as typed, single-quoted for the shell: make would expand the
# "$8" of TITLE="Fees: $80 a session" (to nothing) in "$(TITLE)" and in the environment.
typed = '$(subst ','\'',$(value $(1)))'

newpost: $(INSTALLED) ## New draft article: make newpost TITLE="..." [SERIES="..."] [CATEGORY="..."]
	@$(BIN)/python tools/newpost.py $(CONFFILE) --title $(call typed,TITLE) \
	  --series $(call typed,SERIES) --category $(call typed,CATEGORY)

lint: $(TEST_INSTALLED) ## Check the Python code with ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(TEST_INSTALLED) ## Format the Python code with ruff
	$(BIN)/ruff format .

test: $(TEST_INSTALLED) ## Run the whole test suite (unit, site build, browser)
	CHROMIUM="$$(tools/find-chromium $(BIN)/python)" $(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(INSTALLED) ## Benchmark builds of a synthetic site; writes bench/results.md (BENCH_ARGS=--quick)
	$(BIN)/python bench/bench.py $(BENCH_ARGS)

AUDIT_MODULES := tools/audit/node_modules/.installed
$(AUDIT_MODULES): tools/audit/package.json tools/audit/package-lock.json
	cd tools/audit && npm ci --no-audit --no-fund
	touch $@

audit: $(TEST_INSTALLED) $(AUDIT_MODULES) ## Lighthouse (mobile) on the production build: home, a series article, the series page, the search page
	CHROMIUM="$$(tools/find-chromium $(BIN)/python)" $(BIN)/python -m tools.audit

screenshots: html $(TEST_INSTALLED) ## Save README screenshots of the home page and an article to docs/screenshots/
	CHROMIUM="$$(tools/find-chromium $(BIN)/python)" $(BIN)/python -m tools.screenshots $(OUTPUTDIR)

rsync_upload: $(INSTALLED) ## Build for production (in a folder of its own), then rsync it to SSH_USER@SSH_HOST:SSH_TARGET_DIR
	@test -n "$(SSH_HOST)" -a -n "$(SSH_TARGET_DIR)" || { \
	  echo "make rsync_upload: set SSH_HOST and SSH_TARGET_DIR (and SSH_USER, SSH_PORT if needed)"; \
	  echo "  at the top of the Makefile or per command:"; \
	  echo "  make rsync_upload SSH_HOST=example.org SSH_USER=deploy SSH_TARGET_DIR=/var/www/site"; \
	  echo "Nothing was built or uploaded."; exit 2; } >&2
	@dir='$(strip $(SSH_TARGET_DIR))'; case "$${dir%/}" in \
	  /home/*/*|/root/*|"~"/*) ;; \
	  ""|"~"|.|/home|/home/*|/root|/var|/var/www|/srv|/usr|/etc|/opt|/tmp) \
	  echo "make rsync_upload: SSH_TARGET_DIR=$$dir is not a folder of its own; the upload" \
	  "deletes there whatever the site does not have. Use a folder only the site lives in," \
	  "such as /var/www/example.org. Nothing was built or uploaded." >&2; exit 2;; esac
	@# Built in a folder of its own: $(OUTPUTDIR)/ is make devserver's too, which may rebuild
	@# the development site (drafts and all) into it at any moment of a slow upload.
	site=$$(mktemp -d) && trap 'rm -rf "$$site"' EXIT && \
	$(MAKE) --no-print-directory publish OUTPUTDIR="$$site/site" && \
	rsync -e "ssh -p $(SSH_PORT)" -P -rvzc --delete-after --delay-updates \
	  $(foreach x,$(RSYNC_EXCLUDES),--exclude='$(x)') \
	  "$$site/site/" $(if $(SSH_USER),$(SSH_USER)@)$(SSH_HOST):$(SSH_TARGET_DIR)

github: $(INSTALLED) ## Build for production (in a folder of its own), then push it to the $(GITHUB_PAGES_BRANCH) branch on $(GITHUB_REMOTE)
	@git remote get-url $(GITHUB_REMOTE) >/dev/null 2>&1 || { \
	  echo "make github: this clone has no git remote called '$(GITHUB_REMOTE)' to push to."; \
	  echo "  Create the repository on GitHub, then: git remote add $(GITHUB_REMOTE) https://github.com/<you>/<repository>.git"; \
	  echo "Nothing was built or pushed."; exit 2; } >&2
	@case $(call typed,GITHUB_PAGES_CNAME) in *[/:@\ ]*) \
	  echo "make github: GITHUB_PAGES_CNAME must be a bare domain, such as www.example.org," \
	    "not $(call typed,GITHUB_PAGES_CNAME). Nothing was built or pushed." >&2; exit 2;; esac
	@# Built in a folder of its own, as for rsync_upload; without the build's marker
	@# (.pelican-build), since ghp-import pushes every file it is given.
	site=$$(mktemp -d) && trap 'rm -rf "$$site"' EXIT && \
	$(if $(GITHUB_PAGES_CNAME),SITEURL="$${SITEURL:-https://$(GITHUB_PAGES_CNAME)}") \
	  $(MAKE) --no-print-directory publish OUTPUTDIR="$$site/site" && \
	rm "$$site/site/.pelican-build" && \
	$(BIN)/ghp-import --no-jekyll -m "Publish the site" -r $(GITHUB_REMOTE) -b $(GITHUB_PAGES_BRANCH) \
	  $(if $(GITHUB_PAGES_CNAME),--cname '$(GITHUB_PAGES_CNAME)') "$$site/site"
	git push $(GITHUB_REMOTE) $(GITHUB_PAGES_BRANCH)
