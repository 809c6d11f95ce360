"""Views of the extraction: PLOVER JSONL, RDF serialisations, networkx/GraphML, HTML."""
