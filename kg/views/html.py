"""Interactive HTML view of the actor network: one self-contained, offline, script-safe page.

The page is our own template (html_assets/page.html, view.js, view.css). vis-network's JS and
CSS are read at run time from the copy the installed pyvis package ships and inlined, so the
file makes no network request; pyvis's own template is not used because it links Bootstrap
from a CDN and does not escape its heading.

Safety: every piece of graph text reaches the page once, as JSON inside a
`<script type="application/json">` block with `<`, `>`, `&`, U+2028 and U+2029 escaped, and the
page's script renders it with `textContent` only. A Content-Security-Policy allows exactly the
page's own inline scripts and styles (by SHA-256 hash) and no network at all.

Speed: positions are computed here, ahead of time, so the browser draws at once with physics
off (physics is an option in the page). Parallel events between the same actors with the same
category and predicate are merged into one drawn edge; see `edge_groups`.

Every event of the graph is in the page: an event without a recipient is a loop on its actor.
Besides the network, the data carries what the page's timeline (event dates), map (places'
coordinates, events' places) and group-by-country view (each actor's state, `states`) need.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import re
from collections import defaultdict
from pathlib import Path

import networkx as nx
import numpy as np
from rdflib import RDFS, URIRef

from .. import __version__
from ..atomic import write_text
from ..rdf import DANGLING
from ..resources import ontology_graph
from ..vocabulary import KGO, load_vocabulary
from .plover import DEFAULT_MIN_CONFIDENCE

ASSETS = Path(__file__).with_name("html_assets")
HIDDEN_BY_DEFAULT = ("negated", "hypothetical")  # factualities the page hides until asked
QUAD_COLOURS = {"verbal cooperation": "#6baed6", "material cooperation": "#2171b5",
                "verbal conflict": "#fd8d3c", "material conflict": "#cb181d"}
UNKNOWN_COLOUR = "#999999"
SMALL_GRAPH = 250  # components below this use networkx's spring layout; larger ones `mesh_layout`

GroupKey = tuple[str, str, str, str, bool]  # source, target, category, predicate, mutual


# ------------------------------------------------------------------ vocabulary for the legend

def type_colours() -> dict[str, str]:
    """Actor class → colour, from kgo:legendColor in the ontology; kept in the compiled cache
    (kg/cache.py, keyed by the ontology's files) since nothing else in a build needs the ontology
    parsed from its Turtle."""
    from ..cache import compiled

    return dict(compiled("type-colours", _type_colours))


def type_labels() -> dict[str, str]:
    """Actor class → its rdfs:label, kept in the compiled cache as `type_colours` is."""
    from ..cache import compiled

    return dict(compiled("type-labels", _type_labels))


def _type_colours() -> dict[str, str]:
    graph = ontology_graph()
    return {str(cls).rsplit("#", 1)[-1]: str(colour) for cls, colour in graph.subject_objects(KGO.legendColor)}


def _type_labels() -> dict[str, str]:
    graph = ontology_graph()
    return {str(cls).rsplit("#", 1)[-1]: str(graph.value(URIRef(cls), RDFS.label))
            for cls in graph.subjects(KGO.legendColor, None)}


# ------------------------------------------------------------------ merging parallel events

def edge_groups(net: nx.MultiDiGraph) -> dict[GroupKey, list[str]]:
    """The drawn edges: one per (source, target, PLOVER category, fine predicate, mutual).

    Every event edge of the networkx graph falls in exactly one group; the value lists the
    event IRIs of the group. `mutual` edges come from reciprocal events that name several actors
    and no recipient ("Putin and Erdogan discuss"); they are drawn without an arrow. Events with
    no recipient at all are self-loops (source == target), drawn as a loop on the actor.
    """
    groups: dict[GroupKey, list[str]] = {}
    for source, target, key, data in net.edges(keys=True, data=True):
        group = (source, target, data.get("category", ""), data.get("predicate", ""), bool(data.get("mutual")))
        groups.setdefault(group, []).append(str(data.get("event", key)))
    return groups


def shown_by_default(data: dict, hidden: tuple[str, ...] = HIDDEN_BY_DEFAULT,
                     min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> bool:
    """Whether the page's default filters show an event: its factuality is not hidden and its
    confidence reaches the calibrated threshold PLOVER output uses (docs/extraction.md)."""
    return data.get("factuality") not in hidden and _confidence(data) >= min_confidence


def _confidence(data: dict) -> float:
    return round(float(data.get("confidence", 0.0) or 0.0), 3)  # as the page carries it


def visible_edge_count(net: nx.MultiDiGraph, hidden: tuple[str, ...] = HIDDEN_BY_DEFAULT,
                       min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> int:
    """Edges the page shows with its default filters: groups with an event the filters show."""
    return len({(s, t, d.get("category", ""), d.get("predicate", ""), bool(d.get("mutual")))
                for s, t, d in net.edges(data=True) if shown_by_default(d, hidden, min_confidence)})


def connected_actor_count(net: nx.MultiDiGraph, hidden: tuple[str, ...] = HIDDEN_BY_DEFAULT,
                          min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> int:
    """Actors the page shows by default: those with at least one event its filters show."""
    return len({n for s, t, d in net.edges(data=True) if shown_by_default(d, hidden, min_confidence)
                for n in (s, t)})


def loop_label(predicate: str) -> str:
    """A recipient-less event's edge label: "imposes conditions on" without its dangling "on"."""
    words = predicate.split()
    return " ".join(words[:-1]) if len(words) > 1 and words[-1] in DANGLING else predicate


# ------------------------------------------------------------------ layout

def layout(net: nx.Graph, seed: int = 7, spacing: float = 110.0) -> dict[str, tuple[float, float]]:
    """Positions in screen units, computed once in Python so the browser need not simulate.

    Each connected component is laid out on its own and the components are packed in rows,
    largest first: a force layout of the whole graph would fling isolated actors to the rim
    and squash the connected core. Small components use networkx's spring layout. Large ones
    use `mesh_layout`: from 500 nodes networkx's spring layout needs SciPy (not a dependency),
    and its dense fallback is O(n²) in memory and took 30 s for 5,000 nodes (2 s already for
    500), while `mesh_layout` does the same Fruchterman–Reingold with repulsion summed on a
    grid by FFT in about 1 s for 5,000 nodes. `spacing` is the distance kept between
    neighbours, about one label wide.
    """
    nodes = sorted(net.nodes, key=str)  # the graph's order varies from run to run; the page must not
    simple = nx.Graph()
    simple.add_nodes_from(nodes)
    simple.add_edges_from(sorted((min(u, v, key=str), max(u, v, key=str)) for u, v in net.edges() if u != v))
    order = {node: i for i, node in enumerate(nodes)}
    components = sorted((sorted(c, key=order.__getitem__) for c in nx.connected_components(simple)),
                        key=lambda c: (-len(c), order[c[0]]))
    placed = [_component_layout(_induced(simple, c), c, seed, spacing) for c in components]
    # A lone actor's box is as wide as its label (about 7 px a character at the page's font size).
    widths = [max(spacing, 7.0 * len(str(net.nodes[c[0]].get("label", ""))) + 24) if len(c) == 1 else 0.0
              for c in components]
    return _pack(components, placed, widths, spacing)


def _induced(graph: nx.Graph, nodes: list) -> nx.Graph:
    """The subgraph on `nodes` in that order (a networkx subgraph view may iterate a set, whose
    order changes with Python's hash seed, and the layout would change with it)."""
    inside = set(nodes)
    sub = nx.Graph()
    sub.add_nodes_from(nodes)
    sub.add_edges_from((u, v) for u in nodes for v in graph[u] if v in inside)
    return sub


def _component_layout(component: nx.Graph, nodes: list, seed: int, spacing: float) -> np.ndarray:
    """Centred positions of one connected component, spread to about `spacing` between neighbours."""
    n = len(nodes)
    if n == 1:
        return np.zeros((1, 2))
    if n < SMALL_GRAPH:
        raw = nx.spring_layout(component, seed=seed, iterations=100)
        coords = np.array([raw[node] for node in nodes], dtype=float)
    else:
        index = {node: i for i, node in enumerate(nodes)}
        pairs = np.array([(index[u], index[v]) for u, v in component.edges()], dtype=np.int64).reshape(-1, 2)
        coords = mesh_layout(n, pairs, seed=seed)
    coords -= coords.mean(axis=0)
    extent = float(np.abs(coords).max()) or 1.0
    return coords * (spacing * 1.1 * math.sqrt(n) / extent)


def _pack(components: list[list], placed: list[np.ndarray], widths: list[float],
          spacing: float) -> dict[str, tuple[float, float]]:
    """Shelf packing: components left to right in rows about 1.6 times as wide as the total is tall.

    `widths` is the least width of each component's box (a lone actor's label)."""
    if not components:
        return {}
    spans = [coords.max(axis=0) - coords.min(axis=0) for coords in placed]
    boxes = [(max(float(span[0]) + spacing, width), float(span[1]) + spacing)
             for span, width in zip(spans, widths, strict=True)]
    row_width = max(max(w for w, _ in boxes), math.sqrt(sum(w * h for w, h in boxes) * 1.6))
    positions: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for nodes, coords, span, (w, h) in zip(components, placed, spans, boxes, strict=True):
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        corner = np.array([x + (w - span[0]) / 2, y + (h - span[1]) / 2])  # centred in its box
        for node, (px, py) in zip(nodes, coords - coords.min(axis=0) + corner, strict=True):
            positions[node] = (float(px), float(py))
        x += w
        row_height = max(row_height, h)
    centre = np.array(list(positions.values())).mean(axis=0)
    return {node: (round(px - float(centre[0]), 1), round(py - float(centre[1]), 1))
            for node, (px, py) in positions.items()}


def mesh_layout(n: int, pairs: np.ndarray, iterations: int = 100, seed: int = 7,
                gravity: float = 1.5) -> np.ndarray:
    """Fruchterman–Reingold in O(n + e + g² log g) per step: repulsion from a density grid.

    Nodes are binned on a g×g grid and the repulsive field (k²/r, as in FR) is the grid
    convolved with that kernel by FFT; attraction (d²/k) is summed along the edges. A gentle
    pull to the centre keeps disconnected pieces on screen. Deterministic for a given seed.
    """
    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2)) - 0.5
    if n < 2:
        return pos * 0.0
    k = 1.0 / math.sqrt(n)
    grid = int(min(512, max(32, 2 ** math.ceil(math.log2(2 * math.sqrt(n))))))
    size = 2 * grid  # room for the kernel's negative offsets: circular = linear convolution
    offsets = np.fft.fftfreq(size, 1.0 / size)
    dx, dy = np.meshgrid(offsets, offsets, indexing="ij")
    r2 = dx * dx + dy * dy
    r2[0, 0] = 1.0
    kernel_x, kernel_y = np.fft.rfft2(dx / r2), np.fft.rfft2(dy / r2)  # unit kernel, 0 at the origin
    src, dst = pairs[:, 0], pairs[:, 1]
    step = 0.1
    cooling = step / (iterations + 1)
    for _ in range(iterations):
        low = pos.min(axis=0)
        cell = float((pos.max(axis=0) - low).max()) / (grid - 1) or 1.0
        cx, cy = np.minimum(((pos - low) / cell).astype(np.int64), grid - 1).T
        density = np.zeros((size, size))
        np.add.at(density, (cx, cy), 1.0)
        spectrum = np.fft.rfft2(density)
        field_x = np.fft.irfft2(spectrum * kernel_x, s=(size, size))
        field_y = np.fft.irfft2(spectrum * kernel_y, s=(size, size))
        disp = np.stack([field_x[cx, cy], field_y[cx, cy]], axis=1) * (k * k / cell)
        if len(src):
            delta = pos[src] - pos[dst]
            pull = delta * (np.sqrt((delta * delta).sum(axis=1)) / k)[:, None]
            for axis in (0, 1):
                disp[:, axis] += np.bincount(dst, pull[:, axis], minlength=n)
                disp[:, axis] -= np.bincount(src, pull[:, axis], minlength=n)
        disp -= gravity * (pos - pos.mean(axis=0))
        length = np.maximum(np.sqrt((disp * disp).sum(axis=1)), 1e-9)
        pos += disp * (np.minimum(length, step) / length)[:, None]
        step -= cooling
    return pos


# ------------------------------------------------------------------ page data

def _category_order(found: dict[str, str]) -> list[str]:
    """Categories in the data, cooperation to conflict (quad class, then PLOVER score)."""
    vocab = load_vocabulary().categories
    quads = list(QUAD_COLOURS)

    def rank(name: str) -> tuple:
        quad = found[name]
        score = vocab[name].score if name in vocab else 0.0
        return (quads.index(quad) if quad in quads else len(quads), -score, name)

    return sorted(found, key=rank)


def view_data(net: nx.MultiDiGraph, title: str = "Actor network",
              positions: dict[str, tuple[float, float]] | None = None) -> dict:
    """Everything the page shows, as plain JSON-ready data (indices instead of repeated IRIs)."""
    colours, labels = type_colours(), type_labels()
    positions = layout(net) if positions is None else positions
    node_ids = sorted(net.nodes, key=str)  # stable order: the same graph gives the same bytes
    node_index = {node: i for i, node in enumerate(node_ids)}
    type_names = sorted(colours) + sorted({str(d.get("type", "")) for _, d in net.nodes(data=True)} - set(colours))
    type_index = {name: i for i, name in enumerate(type_names)}

    found_categories: dict[str, str] = {}
    events: dict[str, dict] = {}
    incident: dict[str, set[str]] = defaultdict(set)
    for source, target, key, data in net.edges(keys=True, data=True):
        iri = str(data.get("event", key))
        found_categories.setdefault(str(data.get("category", "")), str(data.get("quad", "")))
        events.setdefault(iri, data)
        incident[source].add(iri)
        incident[target].add(iri)
    categories = _category_order(found_categories)
    quads = list(QUAD_COLOURS) + sorted(set(found_categories.values()) - set(QUAD_COLOURS))
    category_index = {name: i for i, name in enumerate(categories)}

    articles: dict[str, int] = {}
    article_rows: list[dict] = []
    event_index: dict[str, int] = {}
    event_rows: list[dict] = []
    reported: dict[str, int] = {}  # reported event (several articles' mentions merged) → index
    for iri, data in sorted(events.items()):
        article = str(data.get("article", ""))
        if article not in articles:
            articles[article] = len(article_rows)
            article_rows.append({"id": article, "title": str(data.get("title", "")), "url": str(data.get("url", ""))})
        event_index[iri] = len(event_rows)
        event_rows.append({
            "id": iri, "c": category_index[str(data.get("category", ""))], "p": str(data.get("predicate", "")),
            "d": str(data.get("date", "")), "f": str(data.get("factuality", "")),
            "k": round(float(data.get("confidence", 0.0) or 0.0), 3),
            "e": str(data.get("evidence", "")).strip(), "s": str(data.get("source", "")),
            "sa": str(data.get("source_actor", "")), "a": articles[article], "l": str(data.get("label", "")),
        })
        if data.get("place"):
            event_rows[-1]["pl"] = str(data["place"])  # turned into a node index below
        if data.get("reported"):
            event_rows[-1]["r"] = reported.setdefault(str(data["reported"]), len(reported))
            event_rows[-1]["m"] = int(data.get("mentions", 1) or 1)

    states = _states(net)
    state_index = {iri: i for i, iri in enumerate(states)}
    nodes = []
    for node in node_ids:
        data = net.nodes[node]
        x, y = positions.get(node, (0.0, 0.0))
        aliases = [a.strip() for a in str(data.get("aliases", "") or "").split(" | ") if a.strip()]
        count = data.get("event_count")
        nodes.append({
            "id": str(node), "l": str(data.get("label", node)), "t": type_index[str(data.get("type", ""))],
            "cc": str(data.get("code", "") or ""), "sc": str(data.get("sector", "") or ""),
            "q": str(data.get("qid", "") or ""), "al": aliases, "co": str(data.get("country", "") or ""),
            "x": x, "y": y, "n": int(count) if count is not None else len(incident.get(node, ())),
            "st": state_index.get(str(data.get("state", "") or node), -1),
        })
        if data.get("lat") is not None and data.get("lon") is not None:
            nodes[-1].update(la=round(float(data["lat"]), 4), lo=round(float(data["lon"]), 4))
    for row in event_rows:
        if "pl" in row:
            row["pl"] = node_index.get(row["pl"], -1)

    edges = []
    for (source, target, category, predicate, mutual), iris in sorted(edge_groups(net).items(), key=str):
        edge = {"f": node_index[source], "t": node_index[target], "c": category_index[category],
                "p": loop_label(predicate) if source == target else predicate, "m": 1 if mutual else 0,
                "ev": sorted({event_index[i] for i in iris})}
        edges.append(edge)
    _angle_loops(edges)
    _curve_parallel(edges)

    return {
        "title": title, "generator": f"geo-kg {__version__}", "hidden": list(HIDDEN_BY_DEFAULT),
        "minConfidence": DEFAULT_MIN_CONFIDENCE,
        "types": [{"name": t, "label": labels.get(t, t or "unknown"), "color": colours.get(t, UNKNOWN_COLOUR)}
                  for t in type_names],
        "quads": [{"label": q, "color": QUAD_COLOURS.get(q, UNKNOWN_COLOUR)} for q in quads],
        "categories": [{"name": c, "q": quads.index(found_categories[c])} for c in categories],
        "nodes": nodes, "edges": edges, "events": event_rows, "articles": article_rows,
        "states": [{"id": iri, "l": states[iri], "n": node_index.get(iri, -1)} for iri in states],
    }


def _states(net: nx.MultiDiGraph) -> dict[str, str]:
    """State IRI → label, for every state an actor acts for (kgo:ofState) and every State node;
    the label of a state that is not itself a node is read from its members' country."""
    found: dict[str, str] = {}
    for node, data in sorted(net.nodes(data=True), key=lambda item: str(item[0])):
        if data.get("type") == "State":
            found[str(node)] = str(data.get("label", node))
    for _node, data in sorted(net.nodes(data=True), key=lambda item: str(item[0])):
        state = str(data.get("state", "") or "")
        if state and state not in found:
            found[state] = str(data.get("country", "") or state.rsplit("/", 1)[-1])
    return dict(sorted(found.items()))


def _angle_loops(edges: list[dict]) -> None:
    """Loops (recipient-less events) on one actor get distinct angles ("a"), so their labels part."""
    count: dict[int, int] = defaultdict(int)
    for edge in edges:
        if edge["f"] == edge["t"]:
            # vis-network puts the loop's centre on the node's border at this angle, counter-clockwise
            # from the right: π/2 is straight up, away from the node's label below it; later loops
            # alternate to its right and left.
            k = count[edge["f"]]
            edge["a"] = round((math.pi / 2 + (k + 1) // 2 * (1 if k % 2 else -1) * math.pi / 4) % (2 * math.pi), 3)
            count[edge["f"]] += 1


def _curve_parallel(edges: list[dict]) -> None:
    """Edges sharing a pair of actors get distinct static curves ("r"), so none hides another."""
    by_pair: dict[tuple[int, int], list[dict]] = defaultdict(list)
    for edge in edges:
        if edge["f"] != edge["t"]:  # loops are parted by angle instead
            by_pair[(min(edge["f"], edge["t"]), max(edge["f"], edge["t"]))].append(edge)
    for group in by_pair.values():
        if len(group) < 2:
            continue
        for i, edge in enumerate(group):
            bend = 0.18 * (i // 2 + 1) * (1 if i % 2 == 0 else -1)
            edge["r"] = bend if edge["f"] <= edge["t"] else -bend  # same side whatever the direction


# ------------------------------------------------------------------ the page

def script_json(value: object) -> str:
    """JSON safe inside a <script> element: no `</script>`, `<!--`, or JS line terminators."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def vis_network_assets() -> tuple[str, str]:
    """vis-network's JS and CSS from the installed pyvis package (newest bundled version). Its
    folder is found without importing it: `import pyvis` loads Jinja2 and IPython (~0.1 s)."""
    lib = _package_folder("pyvis") / "templates" / "lib"
    found = sorted(lib.glob("vis-*/vis-network.min.js"),
                   key=lambda p: tuple(int(x) for x in re.findall(r"\d+", p.parent.name)))
    if not found:
        raise FileNotFoundError(f"vis-network not found under {lib}; is pyvis installed?")
    # The source-map comment would point DevTools at a file that is not there.
    js = re.sub(r"^//# sourceMappingURL=.*$", "", found[-1].read_text(encoding="utf-8"), flags=re.M)
    css = found[-1].with_name("vis-network.css").read_text(encoding="utf-8")
    if re.search(r"</script|<!--", js, re.I) or re.search(r"</style", css, re.I):
        raise ValueError(f"{found[-1].parent} cannot be inlined safely")
    return js, css


def _package_folder(name: str) -> Path:
    """The folder of an installed package (its __init__.py's), as `package.__file__` gives it."""
    from importlib.util import find_spec

    spec = find_spec(name)
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError(f"No module named {name!r}", name=name)
    return Path(spec.origin).parent


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def render(net: nx.MultiDiGraph, title: str = "Actor network",
           positions: dict[str, tuple[float, float]] | None = None) -> str:
    """The HTML page for a networkx actor graph (as built by `views.network.to_networkx`)."""
    vis_js, vis_css = vis_network_assets()
    view_js = (ASSETS / "view.js").read_text(encoding="utf-8")
    view_css = (ASSETS / "view.css").read_text(encoding="utf-8")
    scripts, styles = [vis_js, view_js], [vis_css, view_css]
    csp = "; ".join([
        "default-src 'none'",
        "script-src " + " ".join(_sha256(s) for s in scripts),
        "style-src " + " ".join(_sha256(s) for s in styles),
        "img-src data:", "base-uri 'none'", "form-action 'none'",
    ])
    parts = {
        "csp": html.escape(csp), "title": html.escape(title), "generator": html.escape(f"geo-kg {__version__}"),
        "vis_css": vis_css, "view_css": view_css, "vis_js": vis_js, "view_js": view_js,
        "data": script_json(view_data(net, title, positions)),
    }
    template = (ASSETS / "page.html").read_text(encoding="utf-8")
    # One pass, so nothing inserted is ever read again as a placeholder.
    return re.sub(r"\{\{(\w+)\}\}", lambda m: parts[m.group(1)], template)


def write_html(net: nx.MultiDiGraph, path: Path, title: str = "Actor network") -> None:
    write_text(path, render(net, title))

