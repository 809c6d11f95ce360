"""Writes the standard set of outputs of `kg build`, each file atomically."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset

from .atomic import write_text
from .model import ArticleResult
from .views.html import write_html
from .views.network import to_networkx, write_graphml
from .views.plover import lines
from .views.rdf_formats import union_graph


def write_outputs(dataset: Dataset, results: list[ArticleResult], out: Path, title: str) -> dict[str, int]:
    """graph.ttl, graph.html, graph.graphml and events.jsonl in `out`; returns counts."""
    out.mkdir(parents=True, exist_ok=True)
    graph = union_graph(dataset)
    write_text(out / "graph.ttl", graph.serialize(format="turtle"))
    net = to_networkx(dataset)
    write_graphml(net, out / "graph.graphml")
    write_html(net, out / "graph.html", title)
    write_text(out / "events.jsonl", "".join(line + "\n" for line in lines(results)))
    return {"actors": net.number_of_nodes(), "events": sum(len(r.events) for r in results),
            "triples": len(graph)}
