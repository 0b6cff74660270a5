# dolphin-data: `make all` sets up and builds the Dolphin 2.9 mix offline from raw/; `make test` runs the tests.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
RECIPE ?= recipes/2.9.yaml
OUT ?= out/2.9

.PHONY: install all build test bench lint format clean chromium ray

$(BIN)/dolphin-data: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	$(BIN)/python -m dolphin_data.assets fetch
	touch $@

# The Ray executor is an optional extra for users; the tests install it so the Ray path really runs.
$(VENV)/.ray: pyproject.toml $(BIN)/dolphin-data
	$(BIN)/pip install -q -e '.[dev,ray]'
	touch $@

ray: $(VENV)/.ray

# Headless Chromium renders the HTML report in its test (Debian package; needs root, as on CI).
chromium:
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)

install: $(BIN)/dolphin-data

all: install build

build: install
	$(BIN)/dolphin-data build $(RECIPE) --out $(OUT)

test: install ray chromium
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python -m bench

lint: install
	$(BIN)/ruff check dolphin_data tests bench
	$(BIN)/ruff format --check dolphin_data tests bench
	$(BIN)/mypy dolphin_data

format: install
	$(BIN)/ruff check --fix dolphin_data tests bench
	$(BIN)/ruff format dolphin_data tests bench

clean:
	rm -rf out .pytest_cache build *.egg-info
