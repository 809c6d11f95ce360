"""RDF serialisations of the dataset: Turtle, N-Triples, N-Quads, TriG, JSON-LD.

Every format is deterministic: line-based formats are sorted, TriG writes its graphs in IRI
order, and JSON-LD arrays are sorted, so that the same input gives byte-identical files
whatever Python's hash seed.
"""

from __future__ import annotations

import json
from functools import cache
from io import BytesIO

from rdflib import Dataset, Graph
from rdflib.plugins.serializers.trig import TrigSerializer

from ..formats import RDF_FORMATS
from ..rdf import PREFIXES

FORMATS = RDF_FORMATS  # name → (rdflib format, file suffix)


def union_graph(dataset: Dataset) -> Graph:
    """Every triple of every named graph in one graph (what graph.ttl holds)."""
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


@cache
def _context_file() -> str:
    from ..resources import ontology_path

    return ontology_path("context.jsonld").read_text(encoding="utf-8")


def jsonld_context() -> dict:
    """The JSON-LD context (prefixes and short terms) of ontology/context.jsonld."""
    return json.loads(_context_file())


class _SortedTrigSerializer(TrigSerializer):
    """rdflib's TriG serializer with the graphs in a fixed order (default graph, then by IRI);
    rdflib keeps contexts in a set, so its own order changes with the hash seed."""

    def __init__(self, store: Dataset) -> None:
        super().__init__(store)
        self.contexts.sort(key=lambda g: (g.identifier != self.default_context, str(g.identifier)))


def _sorted_json(value):
    """JSON-LD with every array sorted (node order carries no meaning outside @list)."""
    if isinstance(value, dict):
        return {key: (item if key == "@list" else _sorted_json(item)) for key, item in value.items()}
    if isinstance(value, list):
        items = [_sorted_json(item) for item in value]
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
    return value


def serialize(dataset: Dataset, fmt: str) -> str:
    """The dataset in one of FORMATS; quads formats keep the per-article named graphs."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown RDF format {fmt!r}; choose from {', '.join(FORMATS)}")
    if fmt == "trig":
        buffer = BytesIO()
        _SortedTrigSerializer(dataset).serialize(buffer, encoding="utf-8")
        return buffer.getvalue().decode("utf-8")
    if fmt == "nquads":
        text = dataset.serialize(format=FORMATS[fmt][0])
    elif fmt == "json-ld":
        context = jsonld_context()["@context"]
        text = union_graph(dataset).serialize(format="json-ld", context=context)
        document = _sorted_json(json.loads(text))  # also fails here, not in the user's tool, if broken
        return json.dumps(document, sort_keys=True, indent=1, ensure_ascii=False) + "\n"
    else:
        text = union_graph(dataset).serialize(format=FORMATS[fmt][0])
    if fmt in {"nt", "nquads"}:
        lines = sorted({line for line in text.splitlines() if line.strip()})
        return "\n".join(lines) + "\n"
    return text
