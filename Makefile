# dipgraph — the two commands a new user needs are `make run` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
CARGO ?= cargo
BIN := target/release/dipgraph
SAMPLES := data/samples
OUT := out
# Debian packages the build and the drawings need (checked, installed if missing).
DEB_PACKAGES := libclang-dev graphviz pkg-config build-essential

.PHONY: setup run test build corpus-check clean-out eval bench-extract

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
	@command -v $(CARGO) >/dev/null || { echo "cargo not found: install Rust from https://rustup.rs"; exit 1; }

build: setup
	$(CARGO) build --release

## run: the main job on the bundled samples; fills out/
run: build
	mkdir -p $(OUT)
	$(BIN) parse $(SAMPLES) --format jsonl > $(OUT)/articles.jsonl
	$(BIN) extract $(SAMPLES) --format csv > $(OUT)/interactions.csv
	@echo "wrote $(OUT)/articles.jsonl $(OUT)/interactions.csv"

## test: formatting, lints, unit and integration tests
test: setup
	$(CARGO) fmt --check
	$(CARGO) clippy --all-targets -- -D warnings
	$(CARGO) test

## corpus-check: parse the 3,000-article corpus (must finish with no panic)
corpus-check: build
	$(BIN) parse ../shared/corpus/news > /dev/null

clean-out:
	find $(OUT) -mindepth 1 ! -name .gitkeep -delete

## eval: score extraction on the samples and on the second dev set
eval: build
	$(BIN) eval --gold ../shared/eval/seeds.gold.csv $(SAMPLES)
	$(BIN) eval --gold tests/gold/corpus.gold.csv ../shared/corpus/news

## bench-extract: parse and extraction throughput on one thread (prints figures)
bench-extract: setup
	$(CARGO) bench --bench extract
