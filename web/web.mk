# The web explorer's part of the build, included from the Makefile (which
# defines BIN). Node.js and npm come with the machine; the browser test also
# needs Debian's chromium package.

WEB_DIR := web
# npm rewrites this file on every install, so it dates node_modules/.
WEB_INSTALLED := $(WEB_DIR)/node_modules/.package-lock.json

.PHONY: web test-web

## web: the page's JavaScript libraries: npm ci (when package-lock.json changed), then web/vendor/
web: $(WEB_INSTALLED)
	sh $(WEB_DIR)/vendor.sh

$(WEB_INSTALLED): $(WEB_DIR)/package-lock.json $(WEB_DIR)/package.json | setup
	cd $(WEB_DIR) && npm ci --no-audit --no-fund
	touch $@

## test-web: the explorer in headless Chromium against `dipgraph serve` on the
## samples, with the page compiled into the binary (as users get it)
test-web: web
	@if [ -x /usr/bin/chromium ]; then \
	  $(CARGO) build && \
	  DIPGRAPH_WEB_DIR= DIPGRAPH_BIN="$(abspath $(BIN))" node --test tests/web/*.test.mjs; \
	else \
	  echo "skipping browser tests: /usr/bin/chromium not found"; \
	fi
