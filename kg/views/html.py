"""Interactive HTML view of the actor network, drawn by vis-network through pyvis.

The page is self-contained: vis-network is inlined and pyvis's Bootstrap CDN links are
removed, so it draws offline. Positions are computed ahead with networkx and physics is
off, so large graphs are ready at once. All text reaches the page as JSON (escaped by
pyvis's template) or through `html.escape`; pyvis's own `heading` is never used because
it is not escaped.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import networkx as nx
from pyvis.network import Network
from rdflib import RDFS, URIRef

from ..atomic import write_text
from ..resources import ontology_graph
from ..vocabulary import KGO

_CDN = re.compile(r'<(link|script)\b[^>]*(href|src)="https?://[^"]*"[^>]*>(\s*</script>)?', re.I)
QUAD_COLOURS = {"verbal cooperation": "#6baed6", "material cooperation": "#2171b5",
                "verbal conflict": "#fd8d3c", "material conflict": "#cb181d"}


def type_colours() -> dict[str, str]:
    """Actor class → colour, from kgo:legendColor in the ontology."""
    graph = ontology_graph()
    return {str(cls).rsplit("#", 1)[-1]: str(colour) for cls, colour in graph.subject_objects(KGO.legendColor)}


def type_labels() -> dict[str, str]:
    graph = ontology_graph()
    return {str(cls).rsplit("#", 1)[-1]: str(graph.value(URIRef(cls), RDFS.label))
            for cls in graph.subjects(KGO.legendColor, None)}


def layout(net: nx.MultiDiGraph, scale: float = 1000.0) -> dict[str, tuple[float, float]]:
    """Positions computed once in Python so the browser need not simulate physics."""
    if net.number_of_nodes() == 0:
        return {}
    simple = nx.Graph(net)
    iterations = 50 if simple.number_of_nodes() <= 2000 else 15
    return nx.spring_layout(simple, seed=7, scale=scale, iterations=iterations)


def render(net: nx.MultiDiGraph, title: str = "Actor network") -> str:
    """The HTML page for a networkx actor graph (one drawn edge per event edge)."""
    colours = type_colours()
    vis = Network(height="92vh", width="100%", directed=True, cdn_resources="in_line", notebook=False)
    vis.toggle_physics(False)
    positions = layout(net)
    degree = dict(net.degree())
    for node, data in net.nodes(data=True):
        x, y = positions.get(node, (0.0, 0.0))
        tooltip = "\n".join(filter(None, [
            data.get("label", ""), f"type: {data.get('type', '')}",
            f"country: {data.get('code') or '-'}  sector: {data.get('sector') or '-'}",
            f"Wikidata: {data['qid']}" if data.get("qid") else "", f"events: {degree.get(node, 0)}",
        ]))
        vis.add_node(node, label=data.get("label", node), title=tooltip, x=float(x), y=float(y),
                     color=colours.get(data.get("type", ""), "#999999"), size=10 + min(30, 3 * degree.get(node, 0)),
                     physics=False)
    for source, target, data in net.edges(data=True):
        tooltip = "\n".join(filter(None, [
            f"{data.get('category', '')}: {data.get('predicate', '')}",
            f"date: {data.get('date') or '-'}  factuality: {data.get('factuality', '')}  "
            f"confidence: {data.get('confidence', '')}",
            f"source: {data['source']}" if data.get("source") else "",
            f"evidence: {data.get('evidence', '')}",
            f"article: {data.get('title') or data.get('article', '')}",
        ]))
        vis.add_edge(source, target, title=tooltip, label=data.get("predicate", ""),
                     color=QUAD_COLOURS.get(data.get("quad", ""), "#888888"), arrows="to")
    page = vis.generate_html(notebook=False)
    page = _CDN.sub("", page)
    heading = f"<h1 style=\"font-family:sans-serif;font-size:18px;margin:6px\">{html.escape(title)}</h1>"
    page = page.replace("<body>", "<body>\n" + heading + _legend(colours), 1)
    return page


def _legend(colours: dict[str, str]) -> str:
    labels = type_labels()
    items = "".join(
        f'<span style="margin-right:12px"><span style="display:inline-block;width:10px;height:10px;'
        f'background:{html.escape(colours[t])};border-radius:5px"></span> {html.escape(labels.get(t, t))}</span>'
        for t in sorted(colours))
    return f'<div id="legend" style="font-family:sans-serif;font-size:12px;margin:6px">{items}</div>'


def write_html(net: nx.MultiDiGraph, path: Path, title: str = "Actor network") -> None:
    write_text(path, render(net, title))
