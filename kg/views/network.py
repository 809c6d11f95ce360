"""The graph as networkx: actors are nodes, events between them are edges.

Built from the RDF dataset (the single source of truth) with one SPARQL query per kind
of thing, so the store does the joining.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
from rdflib import OWL, RDF, RDFS, SKOS, Dataset, Graph, URIRef

from ..atomic import atomic_open
from .rdf_formats import union_graph

ACTORS_QUERY = """
SELECT ?actor ?label ?type ?code ?sector ?qid WHERE {
  ?actor a ?type ; rdfs:label ?label .
  FILTER(STRSTARTS(STR(?type), STR(kgo:))
         && ?type NOT IN (kgo:Event, kgo:ReportedEvent, kgo:Article, kgo:ExtractionRun))
  OPTIONAL { ?actor kgo:countryCode ?code }
  OPTIONAL { ?actor kgo:sector ?sector }
  OPTIONAL { ?actor owl:sameAs ?qid }
}"""

# Extra facts shown by the HTML view; separate queries so they cannot multiply actor rows.
ALIASES_QUERY = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?actor ?alias WHERE { ?actor skos:altLabel ?alias }"""
COUNTRIES_QUERY = """PREFIX kgo: <https://w3id.org/geokg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?actor ?country WHERE { ?actor kgo:country ?c . ?c rdfs:label ?country }"""

# Coordinates of places (W3C geo, from GeoNames): the HTML map and GraphML's lat/lon attributes.
LOCATIONS_QUERY = """PREFIX geo: <http://www.w3.org/2003/01/geo/wgs84_pos#>
SELECT ?actor ?lat ?long WHERE { ?actor geo:lat ?lat ; geo:long ?long }"""

# The state a state body, armed force or office holder belongs to (kgo:ofState), for roll-up.
STATES_QUERY = """PREFIX kgo: <https://w3id.org/geokg/ontology#>
SELECT ?actor ?state WHERE { ?actor kgo:ofState ?state }"""

EVENTS_QUERY = """
SELECT ?event ?role ?actor ?category ?predicate ?plabel ?factuality ?confidence ?date ?evidence
       ?article ?title ?url ?source ?sourceActor ?quad ?label ?symmetric ?place ?reported ?mentions WHERE {
  ?event a kgo:Event ; kgo:eventCategory ?cat ; kgo:predicate ?predicate ; kgo:factuality ?factuality ;
         kgo:confidence ?confidence ; kgo:evidenceText ?evidence ; kgo:article ?article .
  { ?event kgo:actor ?actor BIND("actor" AS ?role) }
  UNION { ?event kgo:recipient ?actor BIND("recipient" AS ?role) }
  ?cat skos:notation ?category ; kgo:quadClass ?quadClass .
  ?quadClass skos:prefLabel ?quad .
  OPTIONAL { ?predicate rdfs:label ?plabel }
  OPTIONAL { ?event kgo:date ?date }
  OPTIONAL { ?event kgo:sourceText ?source }
  OPTIONAL { ?event kgo:source ?sourceIri . ?sourceIri rdfs:label ?sourceActor }
  OPTIONAL { ?article dcterms:title ?title }
  OPTIONAL { ?article schema:url ?url }
  OPTIONAL { ?event rdfs:label ?label }
  OPTIONAL { ?event kgo:symmetric ?symmetric }
  OPTIONAL { ?event kgo:place ?place }
  OPTIONAL { ?reported kgo:mention ?event ; kgo:numMentions ?mentions }
}"""


def to_networkx(source: Dataset | Graph) -> nx.MultiDiGraph:
    """Actors as nodes (label, type, code, sector, qid, aliases, country, event_count); every
    event as at least one edge, so that no extracted event is lost to a view or an export:

    - one edge per actor → recipient pair (the usual case);
    - `mutual` edges between the actors of a reciprocal event that names no recipient
      ("Putin and Erdogan will discuss"), drawn without an arrow;
    - otherwise a `no_recipient` self-loop on each of its actors ("Iran imposed conditions on
      the deal": the deal is not an actor), which CSV writes with an empty target.

    Every edge carries the event's readable `label` ("Iran imposes conditions on the deal").
    `source` is a dataset, or its union graph when the caller has one already (no second copy)."""
    from ..resources import ontology_graph
    from ..vocabulary import KGO

    graph = union_graph(source) if isinstance(source, Dataset) else source
    merged = graph  # category labels and quad classes live in the ontology: add it when absent
    if (None, KGO.quadClass, None) not in graph:
        merged = graph + ontology_graph()
        for prefix, ns in graph.namespaces():
            merged.bind(prefix, ns)
    net = actor_net(graph)
    events: dict[str, dict] = {}
    for row in merged.query(EVENTS_QUERY):
        record = events.setdefault(str(row.event), {
            "actors": set(), "recipients": set(), "category": str(row.category),
            "predicate": str(row.plabel or row.predicate), "factuality": str(row.factuality),
            "confidence": float(row.confidence), "date": str(row.date or ""), "evidence": str(row.evidence),
            "article": str(row.article), "title": str(row.title or ""), "url": str(row.url or ""),
            "source": str(row.source or ""), "source_actor": str(row.sourceActor or ""),
            "quad": str(row.quad), "label": str(row.label or ""), "place": str(row.place or ""),
            # the reported event it is a mention of (kg/merge.py) and how many mentions that has
            "reported": str(row.reported or ""), "mentions": int(row.mentions) if row.mentions is not None else 1,
            "symmetric": row.symmetric is not None and str(row.symmetric).lower() == "true",
        })
        record["actors" if str(row.role) == "actor" else "recipients"].add(str(row.actor))
    for iri, record in sorted(events.items()):
        actors = sorted(a for a in record.pop("actors") if a in net)
        recipients = sorted(r for r in record.pop("recipients") if r in net)
        symmetric = record.pop("symmetric")
        for actor in {*actors, *recipients}:
            net.nodes[actor]["event_count"] += 1
        for a, r, kind in event_edges(actors, recipients, symmetric):
            net.add_edge(a, r, key=iri, event=iri, mutual=kind == "mutual", no_recipient=kind == "no recipient",
                         **record)
    return net


def actor_net(graph: Graph) -> nx.MultiDiGraph:
    """The actors of `graph` as nodes with their attributes (event_count 0), no edges yet.

    An actor with two values of one attribute (two labels, or a group placed in two countries by
    different articles) gets the first in sorted order: rdflib's result order changes with
    Python's hash seed, so taking whichever row comes last would make the same input give
    different files from run to run (or from one worker count to another)."""
    direct = _direct_rows(graph)

    def rows(query: str) -> list:
        return direct[query] if direct is not None else _sorted_rows(graph, query)

    net = nx.MultiDiGraph()
    for row in rows(ACTORS_QUERY):
        key = str(row.actor)
        if key in net:
            continue
        net.add_node(key, label=str(row.label), type=str(row.type).rsplit("#", 1)[-1],
                     code=str(row.code or ""), sector=str(row.sector or ""),
                     qid=str(row.qid).rsplit("/", 1)[-1] if row.qid else "", aliases="", country="",
                     state="", event_count=0)
    aliases: dict[str, set[str]] = {}
    for row in (direct[ALIASES_QUERY] if direct is not None else graph.query(ALIASES_QUERY)):
        aliases.setdefault(str(row.actor), set()).add(str(row.alias))
    for key, names in aliases.items():
        if key in net:  # " | "-joined: GraphML has no list type
            net.nodes[key]["aliases"] = " | ".join(sorted(names - {net.nodes[key]["label"]}))
    done: set[tuple[str, str]] = set()
    for query, update in ((COUNTRIES_QUERY, lambda row: {"country": str(row.country)}),
                          (LOCATIONS_QUERY, lambda row: {"lat": float(row.lat), "lon": float(row.long)}),
                          (STATES_QUERY, lambda row: {"state": str(row.state)})):
        for row in rows(query):
            if str(row.actor) in net and (query, str(row.actor)) not in done:
                done.add((query, str(row.actor)))
                net.nodes[str(row.actor)].update(update(row))
    return net


def _sorted_rows(graph: Graph, query: str) -> list:
    return sorted(graph.query(query), key=lambda row: tuple("" if v is None else str(v) for v in row))


# ------------------------------------------------------------------ the same rows without SPARQL

class _NotDirect(Exception):
    """The graph holds something only the SPARQL queries are sure to answer as they do."""


def _direct_rows(graph: Graph) -> dict[str, list] | None:
    """For each query of `actor_net`, the first of its sorted rows for every actor (all that
    `actor_net` reads), found by walking the graph's triples: parsing, translating and evaluating
    five SPARQL queries cost more than the rest of the actor view of a build. The first sorted row
    of an actor is the least value of each variable in turn (its rows are every combination of its
    values), so these rows are the same terms. None — use SPARQL — when that cannot be sure:
    another kind of graph, other prefix bindings, an actor that is not an IRI, a type that is not
    an IRI, or two different terms written the same way competing to be the least."""
    from ..vocabulary import KGO

    bound = dict(graph.namespaces())  # ACTORS_QUERY's kgo:, rdfs: and owl: are the graph's own
    if type(graph) is not Graph or any(bound.get(prefix) != URIRef(str(ns))
                                       for prefix, ns in (("kgo", KGO), ("rdfs", RDFS), ("owl", OWL))):
        return None
    lat, long = (URIRef("http://www.w3.org/2003/01/geo/wgs84_pos#" + name) for name in ("lat", "long"))
    try:
        labels = _values(graph, RDFS.label)
        return {ACTORS_QUERY: _actor_rows(graph, labels, str(KGO)),
                ALIASES_QUERY: [_Row(actor=s, alias=o) for s, o in graph.subject_objects(SKOS.altLabel)
                                if _iri(s)],
                COUNTRIES_QUERY: _first_rows(_joined(_values(graph, KGO.country), labels), "country"),
                LOCATIONS_QUERY: _location_rows(_values(graph, lat), _values(graph, long)),
                STATES_QUERY: _first_rows(_values(graph, KGO.ofState), "state")}
    except _NotDirect:
        return None


class _Row:
    """One result row: its variables as attributes, as rdflib's ResultRow has them."""

    def __init__(self, **values) -> None:
        self.__dict__.update(values)


def _iri(term) -> bool:
    if not isinstance(term, URIRef):
        raise _NotDirect(f"{term!r} is not an IRI")
    return True


def _values(graph: Graph, predicate) -> dict:
    """Subject → its objects of `predicate` (subjects must be IRIs)."""
    found: dict = {}
    for s, o in graph.subject_objects(predicate):
        if _iri(s):
            found.setdefault(s, {})[o] = None
    return found


def _least(values) -> object | None:
    """The value whose text sorts first (None when there is none), as sorting rows by
    `str` picks it; two different terms with that same text would leave it to rdflib's order."""
    if not values:
        return None
    least = min(values, key=str)
    if sum(1 for value in values if str(value) == str(least)) > 1:
        raise _NotDirect(f"two terms written {least!r}")
    return least


def _actor_rows(graph: Graph, labels: dict, kgo: str) -> list:
    """ACTORS_QUERY's first row per actor: least label, type (of kgo:'s, not the four that are
    not actors), code, sector and qid (None where its OPTIONAL finds nothing)."""
    from ..vocabulary import KGO

    excluded = {KGO.Event, KGO.ReportedEvent, KGO.Article, KGO.ExtractionRun}
    types, codes = _values(graph, RDF.type), _values(graph, KGO.countryCode)
    sectors, qids = _values(graph, KGO.sector), _values(graph, OWL.sameAs)
    rows = []
    for actor in sorted(types.keys() & labels.keys(), key=str):
        kinds = [t for t in types[actor] if _iri(t) and t.startswith(kgo) and t not in excluded]
        if kinds:
            rows.append(_Row(actor=actor, label=_least(labels[actor]), type=_least(kinds),
                             code=_least(codes.get(actor)), sector=_least(sectors.get(actor)),
                             qid=_least(qids.get(actor))))
    return rows


def _joined(links: dict, values: dict) -> dict:
    """Subject → the values of the nodes it links to (`?s link ?node . ?node value ?v`)."""
    found: dict = {}
    for s, nodes in links.items():
        for node in nodes:
            for value in values.get(node, ()):
                found.setdefault(s, {})[value] = None
    return found


def _first_rows(values: dict, name: str) -> list:
    """(actor, least value) rows of a two-variable query, in the actors' order."""
    return [_Row(actor=s, **{name: _least(values[s])}) for s in sorted(values, key=str)]


def _location_rows(lats: dict, longs: dict) -> list:
    """LOCATIONS_QUERY's first row per place: its least latitude, then its least longitude."""
    return [_Row(actor=s, lat=_least(lats[s]), long=_least(longs[s]))
            for s in sorted(lats.keys() & longs.keys(), key=str)]


def event_edges(actors: list[str], recipients: list[str], symmetric: bool) -> list[tuple[str, str, str]]:
    """The drawn (from, to, kind) edges of one event; never empty while it has a participant."""
    pairs = [(a, r, "directed") for a in actors for r in recipients if a != r]
    if not pairs and not recipients and symmetric and len(actors) > 1:
        pairs = [(a, b, "mutual") for i, a in enumerate(actors) for b in actors[i + 1:]]
    if not pairs:  # no recipient (or only itself): the event stays on its actors
        pairs = [(a, a, "no recipient") for a in (actors or recipients)]
    return pairs


def write_graphml(net: nx.MultiDiGraph, path: Path) -> None:
    """GraphML for Gephi, yEd and networkx users (written atomically)."""
    with atomic_open(path, "wb") as handle:
        nx.write_graphml(net, handle)


def write_gexf(net: nx.MultiDiGraph, path: Path) -> None:
    with atomic_open(path, "wb") as handle:
        nx.write_gexf(net, handle)
