"""The same event told by several articles, merged: one kgo:ReportedEvent per real-world event.

Every article graph keeps its own kgo:Event (one mention, with its sentence and offsets); a
separate named graph, MERGED_GRAPH, groups the mentions that report the same thing and counts
them, as GDELT's NumMentions, NumArticles and NumSources do. It is derived data: recomputed
from all the events present, so adding an article to a store (`kg build --store`) updates the
merged events, and the same events always give the same merged graph.

Two mentions report the same event when they agree on category, factuality, actors and
recipients (as sets, after actor resolution), their dates lie within WINDOW_DAYS of the first
mention of the group, and their places do not differ (a mention without a place fits any).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

from rdflib import RDF, Graph, Literal, URIRef

# (kg/rdf.py's terms and literals, made once and shared with the article graphs)
from .rdf import _KGO, _RDF, _RDFS, _XSD, KGR, _kept_literal
from .vocabulary import KGO

MERGED_GRAPH = KGR["merged-events"]  # not under kgr:graph/, which holds one graph per article
WINDOW_DAYS = 3  # "on Tuesday" in Wednesday's paper and "on 7 March" in a weekly agree within this

MENTIONS = """
PREFIX kgo: <https://w3id.org/geokg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
SELECT ?event ?role ?who ?category ?factuality ?date ?place ?article ?url ?label WHERE {
  ?event a kgo:Event ; kgo:eventCategory ?category ; kgo:factuality ?factuality ; kgo:article ?article .
  OPTIONAL { VALUES (?property ?role) { (kgo:actor "actor") (kgo:recipient "recipient") } ?event ?property ?who }
  OPTIONAL { ?event kgo:date ?date }
  OPTIONAL { ?event kgo:place ?place }
  OPTIONAL { ?article schema:url ?url }
  OPTIONAL { ?event rdfs:label ?label }
}"""


@dataclass
class Mention:
    iri: str
    category: str
    factuality: str
    date: str
    place: str
    article: str
    url: str
    label: str
    actors: set[str] = field(default_factory=set)
    recipients: set[str] = field(default_factory=set)

    @property
    def key(self) -> tuple:
        return (self.category, self.factuality, tuple(sorted(self.actors)), tuple(sorted(self.recipients)))

    @property
    def outlet(self) -> str:
        """Who published it: the URL's host, else the article itself (each counts as its own source)."""
        host = urlsplit(self.url).hostname if self.url else None
        return (host or "").removeprefix("www.") or self.article


def _value(term) -> str:
    if term is None:
        return ""
    return str(term.value) if hasattr(term, "value") and not isinstance(term, str) else str(term)


def read_mentions(source) -> list[Mention]:
    """The events of an rdflib graph or a kg Store, each with its participants."""
    if hasattr(source, "oxigraph"):  # a kg.store.Store
        rows = ({name: _value(solution[name]) for name in
                 ("event", "role", "who", "category", "factuality", "date", "place", "article", "url", "label")}
                for solution in source.query(MENTIONS))
    else:
        result = source.query(MENTIONS)
        rows = ({str(var): (str(row[var]) if row[var] is not None else "") for var in result.vars} for row in result)
    found: dict[str, Mention] = {}
    for row in rows:
        mention = found.setdefault(row["event"], Mention(
            row["event"], row["category"], row["factuality"], row["date"], row["place"], row["article"], row["url"],
            row["label"]))
        if row["role"] == "actor":
            mention.actors.add(row["who"])
        elif row["role"] == "recipient":
            mention.recipients.add(row["who"])
    return sorted(found.values(), key=lambda m: m.iri)


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def group_mentions(mentions: list[Mention], window: int = WINDOW_DAYS) -> list[list[Mention]]:
    """Mentions of the same event, in a deterministic order (date, then IRI, within each group)."""
    by_key: dict[tuple, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_key[mention.key].append(mention)
    groups: list[list[Mention]] = []
    for _key, members in sorted(by_key.items()):
        open_groups: list[list] = []  # [first day, place (the first one named), mentions]
        for mention in sorted(members, key=lambda m: (m.date or "9999", m.iri)):
            day = _day(mention.date)
            for entry in open_groups:
                first, place, group = entry
                close = day is not None and first is not None and (day - first).days <= window
                if close and (not place or not mention.place or place == mention.place):
                    group.append(mention)
                    entry[1] = place or mention.place
                    break
            else:
                open_groups.append([day, mention.place, [mention]])
                groups.append(open_groups[-1][2])
    return sorted(groups, key=lambda g: (g[0].date or "9999", g[0].iri))


def reported_iri(group: list[Mention]) -> URIRef:
    """Named by what it is and when it was first reported, so adding a later report keeps the IRI."""
    first = group[0]
    digest = hashlib.sha1("\x1f".join([*map(str, first.key), first.date or first.iri]).encode()).hexdigest()[:16]
    return KGR["reported/" + digest]


def merged_graph(mentions: list[Mention], window: int = WINDOW_DAYS, graph=None) -> Graph:
    """The kgo:ReportedEvent of every group of mentions (single mentions too, so every event counts),
    added to `graph` when given (anything with `add`, such as kg/turtle.py's Triples)."""
    groups = group_mentions(mentions, window)
    return describe_groups(groups, [reported_iri(group) for group in groups], graph)


def describe_groups(groups: list[list[Mention]], nodes: list[URIRef], graph=None) -> Graph:
    """The triples of `merged_graph` for groups already made and named (`nodes[i]` is
    `reported_iri(groups[i])`): kg build names them for its own table before writing them."""
    graph = Graph() if graph is None else graph
    for group, node in zip(groups, nodes, strict=True):
        graph.add((node, _RDF.type, _KGO.ReportedEvent))
        graph.add((node, _RDFS.label, Literal(group[0].label or group[0].iri)))
        for mention in group:
            graph.add((node, _KGO.mention, URIRef(mention.iri)))
        dates = sorted(m.date for m in group if m.date)
        if dates:
            graph.add((node, _KGO.firstReported, Literal(dates[0][:10], datatype=_XSD.date)))
            graph.add((node, _KGO.lastReported, Literal(dates[-1][:10], datatype=_XSD.date)))
        graph.add((node, _KGO.numMentions, _kept_literal(len(group))))
        graph.add((node, _KGO.numArticles, _kept_literal(len({m.article for m in group}))))
        graph.add((node, _KGO.numSources, _kept_literal(len({m.outlet for m in group}))))
    return graph


def add_merged(dataset, window: int = WINDOW_DAYS):
    """Put the merged events of every article graph of an rdflib Dataset in MERGED_GRAPH."""
    from .views.rdf_formats import union_graph

    dataset.remove_graph(MERGED_GRAPH)
    mentions = read_mentions(union_graph(dataset))
    target = dataset.graph(MERGED_GRAPH)
    for triple in merged_graph(mentions, window):
        target.add(triple)
    return dataset


def reported_count(dataset) -> int:
    """Reported events in an rdflib Dataset's MERGED_GRAPH."""
    return len(set(dataset.graph(MERGED_GRAPH).subjects(RDF.type, KGO.ReportedEvent)))


def refresh_merged(store, window: int = WINDOW_DAYS) -> int:
    """Recompute MERGED_GRAPH of a kg Store from all its events; returns the number of merged events.

    The store's event rows are spilled to a SQLite file on disk and read back one merge key at a
    time, and the merged graph is written in chunks, so memory does not grow with the store."""
    import json
    import shutil
    import sqlite3
    import tempfile
    from pathlib import Path

    from rdflib.plugins.serializers.nt import _nt_row

    work = Path(tempfile.mkdtemp(prefix="kg-merge-"))
    db = sqlite3.connect(work / "mentions.sqlite")
    try:
        db.execute("CREATE TABLE rows (event TEXT, role TEXT, who TEXT, category TEXT, factuality TEXT, date TEXT, "
                   "place TEXT, article TEXT, url TEXT, label TEXT)")
        names = ("event", "role", "who", "category", "factuality", "date", "place", "article", "url", "label")
        db.executemany("INSERT INTO rows VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (tuple(_value(solution[name]) for name in names) for solution in store.query(MENTIONS)))
        db.execute("CREATE INDEX by_event ON rows (event)")
        # one row per event, made and kept on disk: its fields, its actors and recipients as sorted
        # JSON lists, and the merge key (category, factuality, actors, recipients)
        db.execute("""
            CREATE TABLE mentions AS
            SELECT json_array(category, factuality, json(actors), json(recipients)) AS mkey, * FROM (
              SELECT event, category, factuality, MAX(date) AS date, MAX(place) AS place, MAX(article) AS article,
                     MAX(url) AS url, MAX(label) AS label,
                     (SELECT json_group_array(who) FROM (SELECT DISTINCT who FROM rows r
                       WHERE r.event = e.event AND r.role = 'actor' ORDER BY who)) AS actors,
                     (SELECT json_group_array(who) FROM (SELECT DISTINCT who FROM rows r
                       WHERE r.event = e.event AND r.role = 'recipient' ORDER BY who)) AS recipients
              FROM rows e GROUP BY event, category, factuality)""")
        store.drop_own_graph(MERGED_GRAPH)
        reported, chunk = 0, []

        def write(mentions: list[Mention]) -> int:
            graph = merged_graph(mentions, window)
            chunk.extend(_nt_row(triple) for triple in graph)
            return len(set(graph.subjects(RDF.type, KGO.ReportedEvent)))

        current, mentions = None, []
        cursor = db.execute("SELECT mkey, event, category, factuality, date, place, article, url, label, actors, "
                            "recipients FROM mentions ORDER BY mkey, event")
        while rows := cursor.fetchmany(1000):
            for mkey, event, category, factuality, day, place, article, url, label, actors, recipients in rows:
                if mkey != current and mentions:
                    reported += write(mentions)
                    mentions = []
                    if len(chunk) > 2000:
                        store.bulk_add(MERGED_GRAPH, "".join(chunk))
                        chunk.clear()
                current = mkey
                mentions.append(Mention(event, category, factuality, day, place, article, url, label,
                                        set(json.loads(actors)), set(json.loads(recipients))))
        if mentions:
            reported += write(mentions)
        if chunk:
            store.bulk_add(MERGED_GRAPH, "".join(chunk))
        return reported
    finally:
        db.close()
        shutil.rmtree(work, ignore_errors=True)
