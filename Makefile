# dolphin-data: `make all` sets up and builds the Dolphin 2.9 mix offline from raw/; `make test` runs the tests.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
RECIPE ?= recipes/2.9.yaml
OUT ?= out/2.9

.PHONY: install all build test bench lint clean chromium

$(BIN)/dolphin-data: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	$(BIN)/python -m dolphin_data.assets fetch
	touch $@

# Headless Chromium renders the HTML report in its test (Debian package; needs root, as on CI).
chromium:
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)

install: $(BIN)/dolphin-data

all: install build

build: install
	$(BIN)/dolphin-data build $(RECIPE) --out $(OUT)

test: install chromium
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python -m bench

lint: install
	$(BIN)/ruff check dolphin_data tests bench

clean:
	rm -rf out .pytest_cache build *.egg-info
