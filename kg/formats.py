"""The names of the output formats, apart from the code that writes them.

The command line lists them in `--help` and checks `--format` against them; importing the
writers (rdflib, networkx) only to learn their names cost every command a sixth of a second.
"""

from __future__ import annotations

RDF_FORMATS = {  # name → (rdflib format, file suffix)
    "turtle": ("turtle", "ttl"),
    "nt": ("nt", "nt"),
    "nquads": ("nquads", "nq"),
    "trig": ("trig", "trig"),
    "json-ld": ("json-ld", "jsonld"),
}
GRAPH_FORMATS = ("graphml", "gexf", "csv")
EXPORT_FORMATS = (*RDF_FORMATS, "plover", *GRAPH_FORMATS, "geojson", "html")
