# Remote SPARQL stores (`--endpoint`): the server the tests run against,
# and the throughput measurement in the README's "Scaling out".
# Included by the Makefile; `make test` depends on `remote-test-server`.

# Oxigraph server from PyPI, in a venv beside the build, so tests/remote.rs
# find it without touching the system Python (or set OXIGRAPH_SERVER).
OXIGRAPH_VERSION := 0.5.13
OXIGRAPH_VENV := $(or $(CARGO_TARGET_DIR),target)/oxigraph-venv
OXIGRAPH_SERVER_BIN := $(OXIGRAPH_VENV)/bin/oxigraph
REMOTE_CORPUS ?= ../shared/corpus/news
REMOTE_PORT ?= 7879

.PHONY: remote-test-server remote-bench

## remote-test-server: install the Oxigraph server (PyPI oxigraph==0.5.13) for tests/remote.rs
remote-test-server:
	@if [ -x "$(OXIGRAPH_SERVER_BIN)" ] && "$(OXIGRAPH_SERVER_BIN)" --version | grep -q "$(OXIGRAPH_VERSION)"; then \
	  echo "oxigraph $(OXIGRAPH_VERSION): $(OXIGRAPH_SERVER_BIN)"; \
	else \
	  python3 -m venv "$(OXIGRAPH_VENV)" || { echo "python3 -m venv failed: install python3-venv"; exit 1; }; \
	  "$(OXIGRAPH_VENV)/bin/pip" install --quiet "oxigraph==$(OXIGRAPH_VERSION)"; \
	  "$(OXIGRAPH_SERVER_BIN)" --version; \
	fi

## remote-bench: ingest the corpus into a fresh Oxigraph server on loopback and print the throughput
remote-bench: remote-test-server build
	@dir=$$(mktemp -d); \
	"$(OXIGRAPH_SERVER_BIN)" serve --location "$$dir/store" --bind 127.0.0.1:$(REMOTE_PORT) --union-default-graph >/dev/null 2>&1 & pid=$$!; \
	trap 'kill $$pid 2>/dev/null; rm -rf "$$dir"' EXIT; \
	for i in $$(seq 100); do curl -sf "http://127.0.0.1:$(REMOTE_PORT)/query?query=ASK%7B%7D" >/dev/null && break; sleep 0.1; done; \
	$(BIN) ingest $(REMOTE_CORPUS) --endpoint http://127.0.0.1:$(REMOTE_PORT); \
	echo "--- embedded store, for comparison:"; \
	$(BIN) ingest $(REMOTE_CORPUS) --store "$$dir/embedded"
