# Benchmarks of dipgraph: `make bench` and `make load-test`.
#
# Included from the main Makefile; also works alone:
#     make -f benches/harness/bench.mk bench
#     make -f benches/harness/bench.mk bench BENCH_ARGS='--only centrality'
#     make -f benches/harness/bench.mk bench CARGO=true   # use the release binary as it is, no cargo
#
# Targets
#   bench-data  the 59,242-post archive unpacked, its first 1k / 10k files
#               (hard links) and two fixed-seed random graphs (edge-list CSV)
#   bench-venv  networkx and python-igraph (benches/harness/requirements.txt) in a venv
#   bench       all of the above + the release build, then benches/harness/bench.py:
#               prints a table, writes out/bench.json
#   load-test   the 3,000-article corpus in a store, `dipgraph serve`, 10,000
#               canned queries from 16 clients: out/loadtest.json
#
# Everything large lives under $(BENCH_TARGET) (the cargo target dir), never
# in the work tree. Each step skips what is already there.

# Including this file must not change the including Makefile's default goal.
BENCH_SAVED_DEFAULT_GOAL := $(.DEFAULT_GOAL)

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c

CARGO ?= cargo
BENCH_TARGET := $(or $(CARGO_TARGET_DIR),target)
RELEASE_BIN ?= $(BENCH_TARGET)/release/dipgraph
BENCH_DATA_DIR ?= $(BENCH_TARGET)/bench-data
BENCH_DATA ?= $(BENCH_DATA_DIR)/archive/
BENCH_VENV ?= $(BENCH_TARGET)/bench-venv
BENCH_ARCHIVE ?= ../shared/corpus/archive/waimei-2014-2021.tar.zst
BENCH_OUT ?= out
# Extra arguments for benches/harness/bench.py, e.g. --only parse,ingest --sizes 1k,10k
BENCH_ARGS ?=
# Python for the orchestration (stdlib only); the peers use the venv's.
BENCH_PYTHON ?= python3

LOADTEST_CORPUS ?= ../shared/corpus/news
LOADTEST_STORE ?= $(BENCH_TARGET)/loadtest-store
LOADTEST_ARGS ?=

# Files the subsets and the timings count as articles (as dipgraph does).
BENCH_ARTICLE_GLOB := \( -name '*.txt' -o -name '*.md' -o -name '*.markdown' -o -name '*.html' -o -name '*.htm' \)

.PHONY: bench bench-data bench-venv bench-release load-test

## bench-data: unpack the archive, cut the 1k/10k subsets, draw the random graphs
bench-data: $(BENCH_DATA_DIR)/archive/.unpacked $(BENCH_DATA_DIR)/1k/.done $(BENCH_DATA_DIR)/10k/.done \
            $(BENCH_DATA_DIR)/graph-10k.csv $(BENCH_DATA_DIR)/graph-100k.csv

$(BENCH_DATA_DIR)/archive/.unpacked: | $(BENCH_ARCHIVE)
	@command -v zstd >/dev/null || { \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends zstd; }
	rm -rf $(BENCH_DATA_DIR)/archive.tmp
	mkdir -p $(BENCH_DATA_DIR)/archive.tmp
	zstd -dc $(BENCH_ARCHIVE) | tar -x -C $(BENCH_DATA_DIR)/archive.tmp
	rm -rf $(BENCH_DATA_DIR)/archive
	mv $(BENCH_DATA_DIR)/archive.tmp $(BENCH_DATA_DIR)/archive
	@echo "archive: $$(find $(BENCH_DATA_DIR)/archive -type f $(BENCH_ARTICLE_GLOB) -printf . | wc -c) article files," \
	  "$$(du -sh --apparent-size $(BENCH_DATA_DIR)/archive | cut -f1)"
	touch $@

# The first N article files in sorted path order, hard-linked (same names,
# same date folders) so they cost no space. NUL-separated: some file names of
# the archive contain line breaks. (No pipefail there: head ends the pipe early.)
$(BENCH_DATA_DIR)/%/.done: $(BENCH_DATA_DIR)/archive/.unpacked
	@n=$$(echo '$*' | sed 's/k$$/000/'); \
	case "$$n" in (*[!0-9]*|'') echo "bench-data: unknown subset $*"; exit 1;; esac; \
	rm -rf $(BENCH_DATA_DIR)/$*.tmp; mkdir -p $(BENCH_DATA_DIR)/$*.tmp; \
	(set +o pipefail; cd $(BENCH_DATA_DIR)/archive && find . -type f $(BENCH_ARTICLE_GLOB) -printf '%P\0' \
	  | LC_ALL=C sort -z | head -z -n "$$n" \
	  | xargs -0 cp -l --parents -t ../$*.tmp); \
	rm -rf $(BENCH_DATA_DIR)/$*; mv $(BENCH_DATA_DIR)/$*.tmp $(BENCH_DATA_DIR)/$*; \
	got=$$(find $(BENCH_DATA_DIR)/$* -type f -printf . | wc -c); echo "subset $*: $$got files"; \
	[ "$$got" = "$$n" ] || { echo "bench-data: subset $* has $$got files, not $$n"; exit 1; }; \
	touch $@

$(BENCH_DATA_DIR)/graph-10k.csv:
	$(BENCH_PYTHON) benches/harness/gen_graph.py --nodes 10000 --edges 50000 --seed 42 --out $@

$(BENCH_DATA_DIR)/graph-100k.csv:
	$(BENCH_PYTHON) benches/harness/gen_graph.py --nodes 100000 --edges 500000 --seed 42 --out $@

## bench-venv: networkx and python-igraph for the side-by-side centrality timings
bench-venv: $(BENCH_VENV)/.installed

$(BENCH_VENV)/.installed: benches/harness/requirements.txt
	test -x $(BENCH_VENV)/bin/python || $(BENCH_PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install -q --disable-pip-version-check -r benches/harness/requirements.txt
	touch $@

bench-release:
	$(CARGO) build --release

## bench: every benchmark, a table on stdout and out/bench.json
bench: bench-data bench-venv bench-release
	mkdir -p $(BENCH_OUT)
	$(BENCH_PYTHON) benches/harness/bench.py --bin $(RELEASE_BIN) --data $(BENCH_DATA_DIR) \
	  --peer-python $(BENCH_VENV)/bin/python --out $(BENCH_OUT)/bench.json $(BENCH_ARGS)

## load-test: 10,000 canned queries from 16 clients against `dipgraph serve`
# The corpus store is built once and reused while the binary is unchanged
# (delete $(LOADTEST_STORE).stamp to rebuild it anyway).
load-test: bench-release
	mkdir -p $(BENCH_OUT)
	if [ ! -e $(LOADTEST_STORE).stamp ] || [ $(RELEASE_BIN) -nt $(LOADTEST_STORE).stamp ]; then \
	  rm -rf $(LOADTEST_STORE) $(LOADTEST_STORE).stamp; \
	  $(RELEASE_BIN) ingest $(LOADTEST_CORPUS) --store $(LOADTEST_STORE); \
	  touch $(LOADTEST_STORE).stamp; \
	else echo "load-test: reusing $(LOADTEST_STORE)"; fi
	$(BENCH_PYTHON) benches/harness/loadtest.py --bin $(RELEASE_BIN) --store $(LOADTEST_STORE) \
	  --queries queries --requests 10000 --clients 16 --out $(BENCH_OUT)/loadtest.json $(LOADTEST_ARGS)

.DEFAULT_GOAL := $(BENCH_SAVED_DEFAULT_GOAL)
