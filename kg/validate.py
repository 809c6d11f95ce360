"""`kg validate`: SHACL validation (pyshacl) of a graph against ontology/shapes.ttl.

The whole ontology is added to the data graph before validation (pyshacl's own ont_graph
mix-in copies only class and property axioms, not the SKOS concepts and annotations), so that
sh:class follows rdfs:subClassOf (a kgo:State is a kgo:Actor) and the shapes look PLOVER
categories and fine predicates up in kg.ttl instead of listing them a second time.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import SH


@dataclass
class Report:
    conforms: bool
    problems: list[str]  # one line per violation: focus node, path, message
    text: str  # pyshacl's full report

    def summary(self) -> str:
        if self.conforms:
            return "conforms to ontology/shapes.ttl"
        shown = "\n".join(f"  {line}" for line in self.problems[:50])
        more = f"\n  … and {len(self.problems) - 50} more" if len(self.problems) > 50 else ""
        return f"{len(self.problems)} SHACL violation(s):\n{shown}{more}"


@cache
def shapes_graph() -> Graph:
    from .resources import ontology_path

    return Graph().parse(ontology_path("shapes.ttl"), format="turtle")


def data_graph(data: Dataset | Graph) -> Graph:
    """Every triple of every graph, plus the current ontology (a copy: `data` is not changed)."""
    from .resources import ontology_graph

    graph = Graph()
    triples = data.quads((None, None, None, None)) if isinstance(data, Dataset) else data
    for s, p, o, *_ in triples:
        graph.add((s, p, o))
    for triple in ontology_graph():
        graph.add(triple)
    return graph


def validate(data: Dataset | Graph) -> Report:
    """Validate a dataset (all its graphs) or a graph against the shapes."""
    from pyshacl import validate as shacl_validate

    conforms, results, text = shacl_validate(
        data_graph(data), shacl_graph=shapes_graph(), inference="none", advanced=True,
        allow_warnings=False, inplace=True)  # inplace: data_graph() already made a private copy
    problems = sorted(_describe(results, node) for node in results.subjects(SH.resultSeverity, None))
    return Report(bool(conforms), problems, text)


def validate_path(path: Path | str) -> Report:
    """Validate a store folder or an RDF file."""
    from .store import open_source

    with open_source(path, ontology=False) as store:
        return validate(store.to_dataset(ontology=False))


def _describe(results: Graph, node) -> str:
    focus = results.value(node, SH.focusNode)
    path = results.value(node, SH.resultPath)
    message = results.value(node, SH.resultMessage) or results.value(node, SH.sourceConstraintComponent)
    value = results.value(node, SH.value)
    parts = [_short(focus)]
    if isinstance(path, URIRef):
        parts.append(_short(path))
    text = " ".join(parts) + f": {message}"
    if value is not None:
        text += f" (value: {_short(value)})"
    return text


def _short(term) -> str:
    from .query import _compact

    return _compact(str(term)) if isinstance(term, URIRef) else str(term)
