"""Writes the standard set of outputs of `kg build` as one set: all new files, or the old ones untouched.

The outputs are written as the articles' shards arrive (kg/shards.py), never from one graph of
the whole corpus in memory:

- graph.ttl and graph.trig: the ontology first, then each article's named graph in input order
  (its Turtle body as the worker serialised it), then the shared actors graph and the merged
  events. Prefixes are declared before the first statement that uses them.
- events.jsonl: each article's PLOVER lines in input order.
- graph.graphml and graph.html: from compact per-event records kept in a SQLite file beside
  the run (on disk, not in memory) and the actors graph, which grows with the number of actors,
  not of articles. A large corpus gets an aggregate HTML view (`html_limit`).

What stays in memory grows with the distinct actors and actor-to-actor triples, not with the
corpus: repeated news about the same actors costs disk, not memory.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO
from xml.sax.saxutils import escape, quoteattr

import networkx as nx
from rdflib import Graph

from .atomic import staged_folder
from .model import ArticleResult
from .shards import ArticleShard, article_shard, new_graph, nt_line, turtle_body
from .turtle import Triples
from .views.html import write_html

HTML_LIMIT = 500  # actors in the HTML view before it shows an aggregate of the busiest ones
EVENTS_PER_ACTOR = 20  # ... or before it holds more than this many events per actor allowed
EVENTS_PER_LINK = 10  # events listed per drawn link in an aggregate view (2×limit links at most)


def write_outputs(results: Iterable[ArticleResult], out: Path, title: str, run=None, coded_date: str = "",
                  committed: Callable[[], None] | None = None, html_limit: int = HTML_LIMIT) -> dict[str, int]:
    """The outputs of `results` made in this process (kg build uses `BuildWriter` with the shards
    its workers made); returns the counts of `BuildWriter.finish`."""
    from .rdf import Run

    run = run or Run("unknown")
    with staged_folder(out, committed) as stage, BuildWriter(stage, title, html_limit) as writer:
        for result in results:
            writer.add(article_shard(result, run, coded_date))
        return writer.finish()


class _Turtle:
    """One Turtle or TriG file written block by block, declaring each prefix before its first use
    (and again if a later block binds the same prefix to another namespace)."""

    def __init__(self, handle: IO[str], quads: bool) -> None:
        self.handle, self.quads = handle, quads
        self.declared: dict[str, str] = {}

    def block(self, graph: str, prefixes: dict[str, str], body: str) -> None:
        if not body:
            return
        new = [(p, ns) for p, ns in sorted(prefixes.items()) if self.declared.get(p) != ns]
        if new:
            self.handle.write("".join(f"@prefix {p}: <{ns}> .\n" for p, ns in new) + "\n")
            self.declared.update(new)
        if self.quads:  # statements of a Turtle body are valid inside a TriG graph block as they are
            self.handle.write(f"<{graph}> {{\n{body}}}\n\n")
        else:
            self.handle.write(body + "\n")


class BuildWriter:
    """Appends shards to the outputs in a staging folder; `finish` writes what needs them all."""

    def __init__(self, stage: Path, title: str, html_limit: int = HTML_LIMIT) -> None:
        from .cache import compiled
        from .rdf import ONTOLOGY_GRAPH

        self.stage, self.title, self.html_limit = stage, title, html_limit
        self.work = Path(tempfile.mkdtemp(prefix="kg-build-"))
        self.db = sqlite3.connect(self.work / "events.sqlite")
        self.db.execute("CREATE TABLE events (seq INTEGER PRIMARY KEY, mkey TEXT, date TEXT, data TEXT)")
        self.db.execute("CREATE TABLE reported (event TEXT PRIMARY KEY, reported TEXT, mentions INTEGER)")
        self.db.execute("CREATE TABLE graphs (name TEXT)")
        self.files = {name: open(stage / name, "w", encoding="utf-8", newline="")  # noqa: SIM115 (closed in close)
                      for name in ("graph.ttl", "graph.trig", "events.jsonl")}
        self.ttl = _Turtle(self.files["graph.ttl"], quads=False)
        self.trig = _Turtle(self.files["graph.trig"], quads=True)
        shared, block = compiled("ontology-block", ontology_block)
        self.shared: set[str] = set(shared)
        self._block(str(ONTOLOGY_GRAPH), *block)
        self.actors: set[str] = set()
        self.participants: Counter[str] = Counter()  # actor IRI → events it takes part in
        self.local = self.articles = self.events = self.plover = 0
        self.model = ""

    def __enter__(self) -> BuildWriter:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        for handle in self.files.values():
            if not handle.closed:
                handle.close()
        self.db.close()
        shutil.rmtree(self.work, ignore_errors=True)

    def _block(self, graph: str, prefixes: dict[str, str], body: str) -> None:
        self.ttl.block(graph, prefixes, body)
        self.trig.block(graph, prefixes, body)

    # ------------------------------------------------------------------ as shards arrive

    def add(self, shard: ArticleShard) -> None:
        from .vocabulary import PLOVER

        self.model = self.model or shard.model
        self.articles += 1
        self._block(shard.graph, shard.prefixes, shard.turtle)
        self.files["events.jsonl"].write("".join(line + "\n" for line in shard.plover))
        self.plover += len(shard.plover)
        self.local += shard.local
        self.shared.update(shard.shared)
        self.actors.update(shard.actors)
        self.db.execute("INSERT INTO graphs VALUES (?)", (shard.graph,))
        for record in shard.events:
            self.events += 1
            self.participants.update({*record["actors"], *record["recipients"]})
            key = json.dumps([str(PLOVER[record["category"]]), record["factuality"], record["actors"],
                              record["recipients"]])
            self.db.execute("INSERT INTO events (mkey, date, data) VALUES (?, ?, ?)",
                            (key, record["date"] or "9999", json.dumps(record)))

    # ------------------------------------------------------------------ at the end

    def graph_names(self) -> Iterator[str]:
        """The article graphs written (from disk, not memory)."""
        for (name,) in self.db.execute("SELECT name FROM graphs ORDER BY rowid"):
            yield name

    def finish(self) -> dict[str, int]:
        """Actors graph, merged events, GraphML and HTML; closes the files. Returns the counts."""
        from .rdf import ACTORS_GRAPH

        actors = Graph()
        actors.parse(data="\n".join(sorted(self.actors)), format="nt")
        described = new_graph()
        for triple in actors:
            described.add(triple)
        self._block(str(ACTORS_GRAPH), *turtle_body(described))
        merged_triples, reported = self._merge()
        triples = self.local + len(self.shared | self.actors) + merged_triples
        for handle in self.files.values():
            handle.flush()
            os.fsync(handle.fileno())
            handle.close()
        nodes = actor_nodes(described, self.participants)
        write_graphml_stream(nodes, self._edges(nodes), self.stage / "graph.graphml")
        self._write_html(nodes)
        return {"actors": len(nodes), "events": self.events, "plover": self.plover, "triples": triples,
                "reported": reported, "articles": self.articles}

    def _merge(self) -> tuple[int, int]:
        """The merged-events graph (kg/merge.py) from the event records, one merge key at a time in
        key order (SQLite sorts on disk); returns its triples and reported events."""
        from .merge import MERGED_GRAPH, Mention, describe_groups, group_mentions, reported_iri

        triples = reported = 0
        chunk = Triples()

        def flush() -> None:
            nonlocal chunk
            self._block(str(MERGED_GRAPH), *turtle_body(chunk))
            chunk = Triples()

        def close_key(mentions: list[Mention]) -> None:
            nonlocal triples, reported
            groups = group_mentions(mentions)  # (grouped and named once: the table and the graph share them)
            nodes = [reported_iri(group) for group in groups]
            for group, node in zip(groups, nodes, strict=True):
                reported += 1
                self.db.executemany("INSERT INTO reported VALUES (?, ?, ?)",
                                    [(m.iri, str(node), len(group)) for m in group])
            before = len(chunk)  # (one merge key's reported events are named by the key: no triple repeats)
            describe_groups(groups, nodes, graph=chunk)
            triples += len(chunk) - before

        current, mentions = None, []
        rows = self.db.execute("SELECT mkey, data FROM events ORDER BY mkey, date, seq")
        for mkey, data in list_chunks(rows):
            if mkey != current and mentions:
                close_key(mentions)
                mentions = []
                if len(chunk) > 2_000:
                    flush()
            current = mkey
            record = json.loads(data)
            category, factuality, actors, recipients = json.loads(mkey)
            mentions.append(Mention(record["event"], category, factuality, record["date"], record["place"],
                                    record["article"], record["url"], record["label"], set(actors), set(recipients)))
        if mentions:
            close_key(mentions)
        flush()
        return triples, reported

    def _edges(self, nodes: dict[str, dict]) -> Iterator[tuple[str, str, str, dict]]:
        """Every event as drawn edges (kg/views/network.py `event_edges`), in input order."""
        labels = _ontology_labels()
        rows = self.db.execute("SELECT e.data, r.reported, r.mentions FROM events e "
                               "LEFT JOIN reported r ON r.event = json_extract(e.data, '$.event') ORDER BY e.seq")
        for data, reported_node, mentions in list_chunks(rows):
            yield from edges_of(json.loads(data), nodes, labels, reported_node or "", mentions or 1)

    def _write_html(self, nodes: dict[str, dict]) -> None:
        busy = sum(1 for node in nodes.values() if node["event_count"])
        limit = self.html_limit
        if not limit or (busy <= limit and self.events <= limit * EVENTS_PER_ACTOR):
            write_html(network(nodes, self._edges(nodes)), self.stage / "graph.html", self.title)
            return
        net, note = aggregate(nodes, self._edges, limit, self.events)
        write_html(net, self.stage / "graph.html", f"{self.title} ({note})")


def ontology_block() -> tuple[list[str], tuple[dict[str, str], str]]:
    """The ontology's triples as N-Triples lines and its Turtle block (prefixes, statements): the
    same for every build of one ontology, so the compiled cache keeps them (kg/cache.py)."""
    from .rdf import ontology_triples

    ontology = new_graph()
    for triple in ontology_triples():
        ontology.add(triple)
    return sorted(nt_line((s, p, o)) for s, p, o in ontology), turtle_body(ontology)


def list_chunks(cursor: sqlite3.Cursor, size: int = 1000) -> Iterator[tuple]:
    """Rows of a cursor fetched a thousand at a time (another statement may run between)."""
    while rows := cursor.fetchmany(size):
        yield from rows


def _ontology_labels() -> dict[str, dict[str, str]]:
    """Category notation → quad class label, and predicate IRI → label, from the ontology; kept in
    the compiled cache (kg/cache.py, keyed by the ontology's files): nothing else in a build needs
    the ontology parsed from its Turtle."""
    from .cache import compiled

    return {kind: dict(labels) for kind, labels in compiled("ontology-labels", _read_ontology_labels).items()}


def _read_ontology_labels() -> dict[str, dict[str, str]]:
    from rdflib import RDFS, SKOS

    from .resources import ontology_graph
    from .vocabulary import KGO

    graph = ontology_graph()
    quads = {}
    for category, notation in graph.subject_objects(SKOS.notation):
        quad_class = graph.value(category, KGO.quadClass)
        label = graph.value(quad_class, SKOS.prefLabel) if quad_class is not None else None
        if label is not None:
            quads[str(notation)] = str(label)
    predicates = {str(p): str(label) for p, label in graph.subject_objects(RDFS.label)
                  if str(p).startswith(str(KGO))}
    return {"quad": quads, "predicate": predicates}


def actor_nodes(actors: Graph, participants: Counter[str]) -> dict[str, dict]:
    """The network's nodes from the actors graph, as kg/views/network.py `to_networkx` makes them."""
    from .views.network import actor_net

    net = actor_net(actors)
    for key, data in net.nodes(data=True):
        data["event_count"] = participants.get(key, 0)
    return dict(sorted(net.nodes(data=True)))


def edges_of(record: dict, nodes: dict[str, dict], labels: dict, reported: str,
             mentions: int) -> Iterator[tuple[str, str, str, dict]]:
    """(from, to, key, attributes) of one event record, as `to_networkx` draws it."""
    from .views.network import event_edges
    from .vocabulary import KGO

    quad = labels["quad"].get(record["category"])
    if quad is None:
        return
    predicate = str(KGO[record["predicate"]])
    source_actor = nodes.get(record["source_iri"], {}).get("label", "") if record["source_iri"] else ""
    data = {"category": record["category"], "predicate": labels["predicate"].get(predicate, predicate),
            "factuality": record["factuality"], "confidence": record["confidence"], "date": record["date"],
            "evidence": record["evidence"], "article": record["article"], "title": record["title"],
            "url": record["url"], "source": record["source"], "source_actor": source_actor, "quad": quad,
            "label": record["label"], "place": record["place"], "reported": reported, "mentions": mentions}
    actors = sorted(a for a in record["actors"] if a in nodes)
    recipients = sorted(r for r in record["recipients"] if r in nodes)
    iri = record["event"]
    for a, r, kind in event_edges(actors, recipients, record["symmetric"]):
        yield a, r, iri, {"event": iri, "mutual": kind == "mutual", "no_recipient": kind == "no recipient", **data}


def network(nodes: dict[str, dict], edges: Iterable[tuple[str, str, str, dict]]) -> nx.MultiDiGraph:
    net = nx.MultiDiGraph()
    for key, data in nodes.items():
        net.add_node(key, **data)
    for a, r, key, data in edges:
        net.add_edge(a, r, key=key, **data)
    return net


def aggregate(nodes: dict[str, dict], edges: Callable[[dict], Iterable[tuple[str, str, str, dict]]], limit: int,
              events: int) -> tuple[nx.MultiDiGraph, str]:
    """The busiest `limit` actors, the 2×`limit` heaviest links between them (a link: one pair,
    category and predicate) and at most EVENTS_PER_LINK events of each; and a note saying so."""
    top = dict(sorted(nodes.items(), key=lambda item: (-item[1]["event_count"], item[0]))[:limit])

    def group(a: str, r: str, data: dict) -> tuple:
        return a, r, data["category"], data["predicate"], data["mutual"]

    weights: Counter[tuple] = Counter(group(a, r, d) for a, r, _, d in edges(top))
    links = {g for g, _ in sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:2 * limit]}
    kept: Counter[tuple] = Counter()
    chosen = []
    for a, r, key, data in edges(top):
        g = group(a, r, data)
        if g in links and kept[g] < EVENTS_PER_LINK:
            kept[g] += 1
            chosen.append((a, r, key, data))
    shown = len({key for *_, key, _ in chosen})
    note = (f"aggregate: the {len(top):,} busiest of {len(nodes):,} actors, the {len(links):,} heaviest links "
            f"between them and {shown:,} of {events:,} events; every event is in graph.graphml, graph.ttl "
            f"and kg query")
    return network(top, chosen), note


# ------------------------------------------------------------------ GraphML, streamed

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
NODE_KEYS = {"label": "string", "type": "string", "code": "string", "sector": "string", "qid": "string",
             "aliases": "string", "country": "string", "state": "string", "event_count": "long",
             "lat": "double", "lon": "double"}
EDGE_KEYS = {"event": "string", "mutual": "boolean", "no_recipient": "boolean", "category": "string",
             "predicate": "string", "factuality": "string", "confidence": "double", "date": "string",
             "evidence": "string", "article": "string", "title": "string", "url": "string", "source": "string",
             "source_actor": "string", "quad": "string", "label": "string", "place": "string",
             "reported": "string", "mentions": "long"}


def _xml_value(value) -> str:
    """A data value as GraphML text: booleans as true/false, characters XML cannot hold as spaces
    (a form feed pasted from a PDF would otherwise abort the file; graph.ttl keeps the exact text)."""
    text = str(value).lower() if isinstance(value, bool) else str(value)
    return escape(_NOT_XML.sub(" ", text))


def write_graphml_stream(nodes: dict[str, dict], edges: Iterable[tuple[str, str, str, dict]], path: Path) -> None:
    """GraphML for Gephi, yEd and networkx (read back with networkx.read_graphml), written edge by
    edge so the events never need to be in memory together."""
    node_ids = {name: f"d{i}" for i, name in enumerate(NODE_KEYS)}
    edge_ids = {name: f"d{len(NODE_KEYS) + i}" for i, name in enumerate(EDGE_KEYS)}
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write('<?xml version="1.0" encoding="utf-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
                     'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation='
                     '"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')
        for scope, keys, key_ids in (("node", NODE_KEYS, node_ids), ("edge", EDGE_KEYS, edge_ids)):
            for name, kind in keys.items():
                handle.write(f'  <key id="{key_ids[name]}" for="{scope}" attr.name="{name}" attr.type="{kind}" />\n')
        handle.write('  <graph edgedefault="directed">\n')
        for name, data in nodes.items():
            values = "".join(f'      <data key="{node_ids[k]}">{_xml_value(data[k])}</data>\n'
                             for k in NODE_KEYS if data.get(k) is not None)
            handle.write(f"    <node id={quoteattr(_NOT_XML.sub(' ', name))}>\n{values}    </node>\n")
        for a, r, key, data in edges:
            values = "".join(f'      <data key="{edge_ids[k]}">{_xml_value(data[k])}</data>\n'
                             for k in EDGE_KEYS if data.get(k) is not None)
            handle.write(f"    <edge source={quoteattr(_NOT_XML.sub(' ', a))} target={quoteattr(_NOT_XML.sub(' ', r))} "
                         f"id={quoteattr(key)}>\n{values}    </edge>\n")
        handle.write("  </graph>\n</graphml>\n")
        handle.flush()
        os.fsync(handle.fileno())


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
