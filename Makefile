# dipgraph — the two commands a new user needs are `make run` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
CARGO ?= cargo
# The binary lives where cargo builds it (CARGO_TARGET_DIR when set).
# One build profile (dev, optimised: see Cargo.toml) serves `run` and
# `test`, so RocksDB's C++ is compiled once, not once per profile.
BIN := $(or $(CARGO_TARGET_DIR),target)/debug/dipgraph
SAMPLES := data/samples
OUT := out
# Debian packages the build and the drawings need (checked, installed if missing).
DEB_PACKAGES := libclang-dev graphviz pkg-config build-essential curl fonts-noto-cjk python3-venv

.PHONY: setup run test build corpus-check corpus-graph clean-out eval model bench-extract bench-centrality fuzz

# The web explorer's JavaScript (`make web`, `make test-web`) and the
# benchmarks (`make bench`, `make bench-data`, `make load-test`).
include web/web.mk
include benches/harness/bench.mk
# Remote SPARQL stores: the Oxigraph server tests/remote.rs runs against.
include scripts/remote.mk
# networkx and openpyxl, which tests/export_readers.rs opens the exports with.
include scripts/export_readers.mk

## setup: install missing system packages (Debian/Ubuntu, non-interactive)
setup:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@command -v npm >/dev/null || { \
	  echo "installing: nodejs npm (the web explorer's libraries come from npm)"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends nodejs npm; }
	@command -v $(CARGO) >/dev/null || { echo "cargo not found: install Rust from https://rustup.rs"; exit 1; }

# `web` first: build.rs compiles the page's vendored libraries in.
build: setup web
	$(CARGO) build

## run: the main job on the bundled samples; fills out/
run: build
	mkdir -p $(OUT)/queries
	$(BIN) parse $(SAMPLES) --format jsonl > $(OUT)/articles.jsonl
	$(BIN) ingest $(SAMPLES) --store $(OUT)/store
	$(BIN) metrics --store $(OUT)/store --top 15
	for q in queries/*.rq; do \
	  $(BIN) query --file $$q --format csv --store $(OUT)/store > $(OUT)/queries/$$(basename $$q .rq).csv; \
	done
	$(BIN) export --store $(OUT)/store --format csv --output $(OUT)
	$(BIN) export --store $(OUT)/store --format xlsx --output $(OUT)/dipgraph.xlsx
	$(BIN) export --store $(OUT)/store --format dot --output $(OUT)/graph.dot
	$(BIN) export --store $(OUT)/store --format svg --output $(OUT)/graph.svg
	$(BIN) export --store $(OUT)/store --format png --output $(OUT)/graph.png
	$(BIN) export --store $(OUT)/store --format graphml --output $(OUT)/graph.graphml
	$(BIN) export --store $(OUT)/store --format nquads --output $(OUT)/dump.nq
	@echo "out/: store/ articles.jsonl interactions.csv events.csv nodes.csv edges.csv centrality.csv dipgraph.xlsx graph.{dot,svg,png,graphml} dump.nq queries/*.csv"

## test: formatting, lints, unit and integration tests (tests/remote.rs against
## an Oxigraph server from PyPI, tests/export_readers.rs with networkx and
## openpyxl from PyPI), then the explorer in headless Chromium (when /usr/bin/chromium is installed)
test: setup web remote-test-server export-readers
	$(CARGO) fmt --check
	$(CARGO) clippy --all-targets -- -D warnings
	$(CARGO) test
	$(MAKE) --no-print-directory test-web

## corpus-check: parse the 3,000-article corpus (must finish with no panic)
corpus-check: build
	$(BIN) parse ../shared/corpus/news > /dev/null

## model: train the name tagger on LAC's names of the training pool
## (data/ner/lac_train.tsv, written by scripts/lac_tag.py) into
## data/model/names.tagger, rebuild (the tagger is built in), then the
## interaction model on the annotated corpus (data/gold/train, articles in
## ../shared/corpus/train) into data/model/interactions.model; each prints its
## held-out or 5-fold scores. Deterministic: tests check both files are exactly
## these commands' output.
TRAIN_INPUT ?= ../shared/corpus/train
model: build
	$(BIN) train-names --silver data/ner/lac_train.tsv $(TRAIN_INPUT) --gold data/gold/train/train.gold.csv --out data/model/names.tagger
	$(CARGO) build
	$(BIN) train --gold data/gold/train $(TRAIN_INPUT) --out data/model/interactions.model

clean-out:
	find $(OUT) -mindepth 1 ! -name .gitkeep -delete

## eval: one table — samples, dev, held-out and the training corpus, with 95%
## bootstrap intervals over articles and recall per relation (sets: data/gold/sets.csv);
## `make eval EVAL_ARGS=-v` adds the error report of each set (misses and false positives by cause)
EVAL_ARGS ?=
eval: build
	$(BIN) eval --sets data/gold/sets.csv $(EVAL_ARGS)

## corpus-graph: the 3,000-article corpus into its own store, and its drawing
CORPUS := ../shared/corpus/news
corpus-graph: build
	$(BIN) ingest $(CORPUS) --store $(OUT)/corpus-store
	$(BIN) metrics --store $(OUT)/corpus-store --top 25
	$(BIN) export --store $(OUT)/corpus-store --format png --top 80 --min-weight 2 --output $(OUT)/corpus-graph.png
	$(BIN) export --store $(OUT)/corpus-store --format svg --top 80 --min-weight 2 --output $(OUT)/corpus-graph.svg

## bench-centrality: centrality timings on a random 10k-node / 50k-edge graph
bench-centrality: setup
	$(CARGO) bench --bench centrality -- 10000 50000

## bench-extract: parse and extraction throughput on one thread (prints figures)
bench-extract: setup
	$(CARGO) bench --bench extract

## fuzz: each cargo-fuzz target for FUZZ_SECONDS (not in CI). Uses stable Rust
## (RUSTC_BOOTSTRAP lets cargo-fuzz pass its flags), no sanitizer (the code is
## safe Rust; panics and hangs are what we look for), seeds from data/samples.
## Findings land in fuzz/artifacts/TARGET/; each fixed one becomes a test.
FUZZ_SECONDS ?= 300
FUZZ_TARGETS := article_reader date_resolver extractor
fuzz:
	command -v cargo-fuzz >/dev/null || $(CARGO) install cargo-fuzz --locked
	for t in $(FUZZ_TARGETS); do \
	  mkdir -p fuzz/corpus/$$t; \
	  [ "$$t" = date_resolver ] || cp -n $(SAMPLES)/* fuzz/corpus/$$t/ 2>/dev/null || true; \
	  (cd fuzz && CARGO_TARGET_DIR=$(abspath $(or $(CARGO_TARGET_DIR),target))-fuzz RUSTC_BOOTSTRAP=1 \
	    cargo fuzz run -s none $$t corpus/$$t -- -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=4096 -max_len=200000); \
	done
