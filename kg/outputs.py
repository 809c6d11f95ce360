"""Writes the standard set of outputs of `kg build` as one set: all new files, or the old ones untouched."""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
from rdflib import Dataset

from .atomic import staged_folder, write_text
from .model import ArticleResult
from .views.html import write_html
from .views.network import to_networkx, write_graphml
from .views.plover import lines
from .views.rdf_formats import serialize, union_graph


def write_outputs(dataset: Dataset, results: list[ArticleResult], out: Path, title: str,
                  coded_date: str = "") -> dict[str, int]:
    """graph.ttl, graph.trig, graph.html, graph.graphml and events.jsonl in `out`; returns counts.
    PLOVER records carry `coded_date` only when one is given (`kg build --timestamp`): the
    same input then gives the same files on any day.

    All five are written into a staging folder first and moved into `out` only when every one
    is complete, so a failure or Ctrl-C while rendering leaves the previous set untouched."""
    graph = union_graph(dataset)
    net = to_networkx(graph)
    with staged_folder(out) as stage:
        write_text(stage / "graph.ttl", graph.serialize(format="turtle"))
        write_text(stage / "graph.trig", serialize(dataset, "trig"))  # the same triples in their named graphs
        write_graphml(xml_safe(net), stage / "graph.graphml")
        write_html(net, stage / "graph.html", title)
        records = list(lines(results, coded_date=coded_date))
        write_text(stage / "events.jsonl", "".join(line + "\n" for line in records))
    return {"actors": net.number_of_nodes(), "events": sum(len(r.events) for r in results),
            "plover": len(records), "triples": len(graph)}


# Characters XML 1.0 cannot hold at all, not even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(net: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose text attributes XML can hold: a form feed or other control character in an
    article (common in text pasted from PDFs) would otherwise abort the whole GraphML file. They
    become spaces there only; graph.ttl and events.jsonl keep the exact text."""
    safe = net.copy()
    nodes = (data for _, data in safe.nodes(data=True))
    edges = (data for *_, data in safe.edges(keys=True, data=True))
    for data in [safe.graph, *nodes, *edges]:
        for key, value in data.items():
            if isinstance(value, str) and _NOT_XML.search(value):
                data[key] = _NOT_XML.sub(" ", value)
    return safe
