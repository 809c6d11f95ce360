# Two commands set up everything: `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint bench clean gazetteer lexicon

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/kg build samples --out outputs

test: $(STAMP)
	bash tests/setup_system.sh
	$(BIN)/ruff check kg tests benchmarks tools
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check kg tests benchmarks tools

# Regenerate ontology/gazetteer/phoenix_*.tsv from the Phoenix dictionaries in ../shared/resources.
gazetteer: $(STAMP)
	$(BIN)/python tools/import_phoenix.py

bench: $(STAMP)
	$(BIN)/python benchmarks/store_queries.py
	$(BIN)/python benchmarks/html_first_draw.py
	$(BIN)/python benchmarks/extraction.py

# Regenerate ontology/lexicon_cameo.tsv and ontology/cameo_predicates.ttl from the CAMEO verb
# dictionary (../shared/resources, or RESOURCES=folder); commit the result.
RESOURCES ?= ../shared/resources
lexicon: $(STAMP)
	$(BIN)/python tools/import_cameo.py --resources $(RESOURCES)

clean:
	rm -rf $(VENV)
