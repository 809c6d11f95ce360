"""RDF serialisations of the dataset: Turtle, N-Triples, N-Quads, TriG, JSON-LD.

Line-based formats are sorted so that the same input gives byte-identical files.
"""

from __future__ import annotations

import json

from rdflib import Dataset, Graph

from ..rdf import PREFIXES

FORMATS = {  # name → (rdflib format, file suffix)
    "turtle": ("turtle", "ttl"),
    "nt": ("nt", "nt"),
    "nquads": ("nquads", "nq"),
    "trig": ("trig", "trig"),
    "json-ld": ("json-ld", "jsonld"),
}


def union_graph(dataset: Dataset) -> Graph:
    """Every triple of every named graph in one graph (what graph.ttl holds)."""
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def jsonld_context() -> dict:
    """The JSON-LD context (prefixes) written beside JSON-LD output."""
    return {"@context": {prefix: str(namespace) for prefix, namespace in sorted(PREFIXES.items())}}


def serialize(dataset: Dataset, fmt: str) -> str:
    """The dataset in one of FORMATS; quads formats keep the per-article named graphs."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown RDF format {fmt!r}; choose from {', '.join(FORMATS)}")
    if fmt in {"nquads", "trig"}:
        text = dataset.serialize(format=FORMATS[fmt][0])
    elif fmt == "json-ld":
        text = union_graph(dataset).serialize(format="json-ld", context=jsonld_context()["@context"],
                                              sort_keys=True, indent=1)
        json.loads(text)  # fail here, not in the user's tool, if rdflib wrote something broken
        return text
    else:
        text = union_graph(dataset).serialize(format=FORMATS[fmt][0])
    if fmt in {"nt", "nquads"}:
        lines = sorted({line for line in text.splitlines() if line.strip()})
        return "\n".join(lines) + "\n"
    return text
