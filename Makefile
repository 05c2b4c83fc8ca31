# ticker — entry points. `make run` and `make test` are the whole set-up.

SHELL := /bin/bash
CARGO ?= cargo
TANSU_VERSION ?= 0.6.0
CARGO_DENY_VERSION ?= 0.20.2
BROKER_ADDRESS ?= 127.0.0.1:9092
export PATH := $(HOME)/.cargo/bin:$(PATH)

.PHONY: run test demo broker broker-install broker-stop lint deny bench bench-e2e bench-roles bench-venv bench-serve screenshots fuzz schemas clean-data ner-model

## run: start the local broker if nothing listens on the configured address, then run the pipeline
run: broker
	$(CARGO) run --release --bin ticker -- run

## test: unit and end-to-end tests (installs the tansu broker binary when missing)
test: broker-install
	@command -v chromedriver >/dev/null 2>&1 && command -v chromium >/dev/null 2>&1 \
	  || echo "!!!!!!!!!! chromium/chromium-driver missing: the browser test of the page will be SKIPPED (apt-get install chromium chromium-driver) !!!!!!!!!!"
	$(CARGO) test --workspace

## screenshots: the four pages of `ticker serve` as the browser test sees them, into docs/screenshots/
screenshots: broker-install
	TICKER_SCREENSHOTS=$(CURDIR)/docs/screenshots $(CARGO) test -p ticker-tests --test e2e browser -- --nocapture

## bench-serve: `ticker serve` alone on 10,000 stories: RSS, story-page time (500 articles), alert latency; then the criterion bench
bench-serve: broker
	$(CARGO) build --release --bin ticker -p ticker-cli
	$(CARGO) build --release -p ticker-tests --bin ticker-serve-load
	target/release/ticker-serve-load target/release/ticker $(BROKER_ADDRESS)
	$(CARGO) bench -p ticker-serve

## demo: offline tour: fixture news site -> pipeline -> local broker -> records read back
demo: broker
	$(CARGO) build --release --bin ticker -p ticker-cli
	$(CARGO) build --release -p ticker-tests --bin ticker-fixture-site
	scripts/demo.sh

## broker-install: build the tansu broker (about 11 minutes) unless it is on PATH
broker-install:
	@command -v tansu >/dev/null 2>&1 || $(CARGO) install tansu --version $(TANSU_VERSION) --locked --features dynostore,libsql

## broker: start tansu on $(BROKER_ADDRESS) with its data under data/ (no-op when something listens there)
broker: broker-install
	@scripts/broker.sh start $(BROKER_ADDRESS)

## broker-stop: stop the broker started by `make broker`
broker-stop:
	@scripts/broker.sh stop $(BROKER_ADDRESS)

## lint: formatting and clippy, as CI runs them
lint:
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

## deny: licences and duplicate versions of the dependency tree (deny.toml), offline; installs cargo-deny when missing and fetches every locked crate first (those of other platforms too, which a build does not download, but `cargo metadata` reads)
deny:
	@command -v cargo-deny >/dev/null 2>&1 || $(CARGO) install cargo-deny --version $(CARGO_DENY_VERSION) --locked
	$(CARGO) fetch --locked
	$(CARGO) deny --offline check licenses bans

## bench-e2e: ticker and the Python peer pipeline on the same 711 pages into the local broker (burst), ticker on the same pages from 10 publishers on 127.0.0.2-11 (feeds, news sitemaps, section pages), then ticker at 200 new articles/s (steady); needs nginx-light; see docs/benchmarks.md
bench-e2e: broker bench-venv
	$(CARGO) build --release --bin ticker -p ticker-cli
	PEER_PYTHON=bench/load/.venv/bin/python bench/load/run.sh target/release/ticker 8
	PUBLISHERS=10 bench/load/run.sh target/release/ticker 8
	bench/load/steady.sh target/release/ticker 200 8

## bench-roles: the process role alone, one instance then two (one member each), on 2,133 saved pages; then the roles in steady flow (fetch to article record) and a WARC backfill through them (`docs/benchmarks.md`)
bench-roles: broker bench-venv
	$(CARGO) build --release --bin ticker -p ticker-cli
	$(CARGO) build --release -p ticker-tests --bin ticker-roles-load
	target/release/ticker-roles-load target/release/ticker $(BROKER_ADDRESS) 1
	target/release/ticker-roles-load target/release/ticker $(BROKER_ADDRESS) 2
	bench/load/roles_steady.sh target/release/ticker
	bench/load/roles_backfill.sh target/release/ticker

## bench-venv: the Python peer pipeline's virtualenv (feedparser, requests, trafilatura, confluent-kafka), used by the benches to read back
bench-venv:
	@test -x bench/load/.venv/bin/python || (python3 -m venv bench/load/.venv && bench/load/.venv/bin/pip install --quiet feedparser requests 'trafilatura>=2,<3' lxml_html_clean confluent-kafka)

## bench: criterion benchmarks
bench:
	$(CARGO) bench --workspace

## fuzz: libFuzzer targets (normalize_html, extract_text, parse_feed), FUZZ_SECONDS each (stable toolchain)
FUZZ_SECONDS ?= 60
fuzz:
	scripts/fuzz.sh $(FUZZ_SECONDS)

## ner-model: train the German entity tagger from the shared SmartData corpus into models/ner-de.model (for `[extract] tagger`; deterministic)
NER_TRAIN ?= ../shared/data/nlp/ner-train
ner-model:
	mkdir -p models
	$(CARGO) run --release -q -p ticker-cli -- train ner $(NER_TRAIN)/smartdata-train.conll $(NER_TRAIN)/smartdata-test.conll --out models/ner-de.model

## schemas: regenerate schemas/ from the record types
schemas:
	TICKER_UPDATE_SCHEMAS=1 $(CARGO) test -p ticker-model schemas

## clean-data: remove local state and broker data (stop the broker first)
clean-data:
	rm -rf data
