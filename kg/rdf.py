"""Events and actors as RDF: the single source of truth every view is made from.

One named graph per article (so a store can replace or drop an article), events as nodes
with their evidence and PROV-O provenance, and a direct actor→predicate→recipient triple for
asserted events only. IRIs are derived from content, never from counters or blank nodes, so
the same input always yields the same triples.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from urllib.parse import quote

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV

from . import __version__
from .extract import ids
from .extract.types import ActorType, Factuality
from .gazetteer import Gazetteer, load_gazetteer
from .model import Actor, Article, ArticleResult, Event
from .views.plover import event_id
from .vocabulary import KGO, PLOVER, load_vocabulary

KGR = Namespace("https://w3id.org/geokg/id/")
# The ontology's own IRI names the graph that holds it in stores and exports, so that the cookbook
# queries (rdfs:subPropertyOf*, skos:notation, quad classes) run against a self-contained dataset.
ONTOLOGY_GRAPH = URIRef("https://w3id.org/geokg/ontology")
WD = Namespace("http://www.wikidata.org/entity/")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
DANGLING = {"on", "with", "to", "against", "from", "at", "of", "in"}  # "imposes conditions on" + nobody
# Bodies of a state that are org:subOrganizationOf it.
STATE_PARTS = {ActorType.GOVERNMENT, ActorType.ARMED_FORCES, ActorType.STATE_BODY, ActorType.MEDIA}
PREFIXES = {"kgo": KGO, "kgr": KGR, "plover": PLOVER, "wd": WD, "prov": PROV, "skos": SKOS,
            "dcterms": DCTERMS, "org": ORG, "schema": SCHEMA, "owl": OWL, "xsd": XSD}


@dataclass(frozen=True)
class Run:
    """What produced the graph: tool version and model, and optionally when."""

    model: str
    started: str | None = None  # ISO timestamp, only when asked for (it breaks byte-identity)

    @property
    def iri(self) -> URIRef:
        digest = hashlib.sha1(f"{__version__}|{self.model}|{self.started or ''}".encode()).hexdigest()[:12]
        return KGR[f"run/{digest}"]

    @staticmethod
    def now(model: str) -> Run:
        """A run stamped with SOURCE_DATE_EPOCH when set (reproducible builds), else the clock."""
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
        return Run(model, moment.replace(microsecond=0).isoformat())


def actor_iri(actor: Actor | str) -> URIRef:
    ident = actor if isinstance(actor, str) else actor.id
    return KGR[quote(ident, safe="/-_.~")]


def article_iri(article_id: str) -> URIRef:
    return KGR["article/" + quote(article_id, safe="-_.~")]


def graph_iri(article_id: str) -> URIRef:
    return KGR["graph/" + quote(article_id, safe="-_.~")]


def event_iri(event: Event) -> URIRef:
    return KGR["event/" + event_id(event)]


def new_dataset() -> Dataset:
    dataset = Dataset()
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace)
    return dataset


def add_results(dataset: Dataset, results: Iterable[ArticleResult], run: Run) -> Dataset:
    """Add each article's named graph (replacing any earlier graph of the same article)."""
    gazetteer = load_gazetteer()
    _describe_run(dataset.default_graph if hasattr(dataset, "default_graph") else dataset, run)
    for result in results:
        iri = graph_iri(result.article.id)
        dataset.remove_graph(iri)
        graph = dataset.graph(iri)
        article_graph(graph, result, run, gazetteer)
    return dataset


def ontology_triples() -> Iterable[tuple]:
    """The triples of ontology/kg.ttl, decimals in canonical form ("5" → "5.0").

    rdflib writes "5"^^xsd:decimal as the Turtle number 5.0, which reads back as a different
    literal; canonical lexical forms make every export round-trip to the same triples.
    """
    from .resources import ontology_graph

    for s, p, o in ontology_graph():
        if isinstance(o, Literal) and o.datatype == XSD.decimal and "." not in str(o):
            o = Literal(f"{o}.0", datatype=XSD.decimal)
        yield s, p, o


def add_ontology(dataset: Dataset) -> Dataset:
    """Put ontology/kg.ttl in its own named graph (replacing an older copy)."""
    dataset.remove_graph(ONTOLOGY_GRAPH)
    graph = dataset.graph(ONTOLOGY_GRAPH)
    for triple in ontology_triples():
        graph.add(triple)
    return dataset


def article_graph(graph: Graph, result: ArticleResult, run: Run, gazetteer: Gazetteer) -> Graph:
    """All triples one article contributes: the article, its actors and its events."""
    article = result.article
    _describe_article(graph, article)
    _describe_run(graph, run)
    graph.add((run.iri, PROV.used, article_iri(article.id)))
    seen_actors: dict[str, set[str]] = {}
    for mention in result.mentions:
        seen_actors.setdefault(mention.actor.id, set()).update([mention.text] if mention.names_actor else [])
    actors = {m.actor.id: m.actor for m in result.mentions}
    for event in result.events:
        for mention in [*event.actors, *event.recipients, *filter(None, [event.source, event.place])]:
            actors.setdefault(mention.actor.id, mention.actor)
            seen_actors.setdefault(mention.actor.id, set()).update([mention.text] if mention.names_actor else [])
    for actor_id, actor in actors.items():
        _describe_actor(graph, actor, seen_actors.get(actor_id, set()), article.date, gazetteer)
    for event in result.events:
        _describe_event(graph, event, article, run)
    return graph


def _describe_article(graph: Graph, article: Article) -> None:
    node = article_iri(article.id)
    graph.add((node, RDF.type, KGO.Article))
    graph.add((node, DCTERMS.identifier, Literal(article.id)))
    if article.title:
        graph.add((node, DCTERMS.title, Literal(article.title)))
    if article.date:
        graph.add((node, DCTERMS.date, Literal(article.date, datatype=XSD.date)))
    if article.url:
        graph.add((node, SCHEMA.url, Literal(article.url, datatype=XSD.anyURI)))


def _describe_run(graph: Graph, run: Run) -> None:
    node = run.iri
    graph.add((node, RDF.type, KGO.ExtractionRun))
    graph.add((node, RDFS.label, Literal(f"geo-kg {__version__} with {run.model}")))
    graph.add((node, PROV.wasAssociatedWith, KGR[f"software/geo-kg/{__version__}"]))
    graph.add((KGR[f"software/geo-kg/{__version__}"], RDF.type, PROV.SoftwareAgent))
    graph.add((KGR[f"software/geo-kg/{__version__}"], RDFS.label, Literal(f"geo-kg {__version__}")))
    graph.add((KGR[f"software/geo-kg/{__version__}"], SCHEMA.softwareVersion, Literal(__version__)))
    graph.add((node, KGO.model, Literal(run.model)))
    if run.started:
        graph.add((node, PROV.startedAtTime, Literal(run.started, datatype=XSD.dateTime)))


def _describe_actor(graph: Graph, actor: Actor, surface: set[str], date: str | None,
                    gazetteer: Gazetteer) -> None:
    node = actor_iri(actor)
    graph.add((node, RDF.type, KGO[str(actor.type)]))
    graph.add((node, RDFS.label, Literal(actor.label)))
    if actor.code:
        graph.add((node, KGO.countryCode, Literal(actor.code)))
    if actor.sector:
        graph.add((node, KGO.sector, Literal(actor.sector)))
    if actor.qid:
        graph.add((node, OWL.sameAs, WD[actor.qid]))
    if actor.country and actor.country != actor.id:
        graph.add((node, KGO.country, actor_iri(actor.country)))
        if actor.type in STATE_PARTS and ids.is_state_part(actor.id):
            graph.add((node, ORG.subOrganizationOf, actor_iri(actor.country)))
    for text in sorted(surface):
        if text != actor.label and not text.lower().startswith("the "):  # stand-ins never get here
            graph.add((node, SKOS.altLabel, Literal(text)))
    if actor.type == ActorType.PERSON and ids.namespace(actor.id) == ids.PERSON:
        _describe_offices(graph, actor, date, gazetteer)


def _describe_offices(graph: Graph, actor: Actor, date: str | None, gazetteer: Gazetteer) -> None:
    """Offices with their dates; leader-of and member-of for those held on the article date."""
    person_id = ids.key_of(actor.id)
    node = actor_iri(actor)
    for tenure in gazetteer.offices_of(person_id):
        of = ids.state_id(tenure.of) if tenure.of in gazetteer.states else ids.org_id(tenure.of)
        tenure_node = KGR[ids.tenure_path(person_id, tenure.office, quote(tenure.of, safe='-'), tenure.start)]
        graph.add((node, KGO.tenure, tenure_node))
        graph.add((tenure_node, RDF.type, ORG.Membership))
        graph.add((tenure_node, ORG.member, node))
        graph.add((tenure_node, ORG.organization, actor_iri(of)))
        graph.add((tenure_node, KGO.office, Literal(tenure.office)))
        graph.add((tenure_node, KGO.startDate, Literal(tenure.start, datatype=XSD.date)))
        if tenure.end:
            graph.add((tenure_node, KGO.endDate, Literal(tenure.end, datatype=XSD.date)))
        if tenure.covers(date):
            if tenure.leader:
                graph.add((node, KGO.leaderOf, actor_iri(of)))
            elif tenure.of in gazetteer.states and gazetteer.roles.get(tenure.office) == "GOV":
                graph.add((node, KGO.memberOf, actor_iri(ids.body_id(tenure.of, "government"))))
            else:
                graph.add((node, KGO.memberOf, actor_iri(of)))


def _describe_event(graph: Graph, event: Event, article: Article, run: Run) -> None:
    vocab = load_vocabulary()
    node = event_iri(event)
    predicate = KGO[event.predicate]
    graph.add((node, RDF.type, KGO.Event))
    graph.add((node, KGO.eventCategory, PLOVER[event.category]))
    graph.add((node, KGO.predicate, predicate))
    label = " and ".join(m.actor.label for m in event.actors) + " " + vocab.predicate_label[event.predicate]
    if event.recipients:
        label += " " + " and ".join(m.actor.label for m in event.recipients)
    elif label.rsplit(" ", 1)[-1] in DANGLING:  # "imposes conditions on" with no one named
        label = label + " each other" if event.symmetric else label.rsplit(" ", 1)[0]
    graph.add((node, RDFS.label, Literal(label)))
    for mention in event.actors:
        graph.add((node, KGO.actor, actor_iri(mention.actor)))
    for mention in event.recipients:
        graph.add((node, KGO.recipient, actor_iri(mention.actor)))
    graph.add((node, KGO.factuality, Literal(str(event.factuality))))
    graph.add((node, KGO.confidence, Literal(Decimal(str(event.confidence)), datatype=XSD.decimal)))
    if event.date:
        graph.add((node, KGO.date, Literal(event.date, datatype=XSD.date)))
    graph.add((node, KGO.trigger, Literal(event.trigger)))
    graph.add((node, KGO.evidenceText, Literal(event.sentence)))
    graph.add((node, KGO.evidenceStart, Literal(event.sentence_start)))
    graph.add((node, KGO.evidenceEnd, Literal(event.sentence_end)))
    graph.add((node, KGO.article, article_iri(article.id)))
    graph.add((node, PROV.wasDerivedFrom, article_iri(article.id)))  # kgo:article, for PROV-only readers
    graph.add((node, PROV.wasGeneratedBy, run.iri))
    if event.source:
        graph.add((node, KGO.source, actor_iri(event.source.actor)))
    if event.source_text:
        graph.add((node, KGO.sourceText, Literal(event.source_text)))
    if event.place:
        graph.add((node, KGO.place, actor_iri(event.place.actor)))
    if event.symmetric:  # a reciprocal event: the actors did it to each other
        graph.add((node, KGO.symmetric, Literal(True)))
    if event.factuality == Factuality.ASSERTED:
        _direct_triples(graph, event, predicate)


def _direct_triples(graph: Graph, event: Event, predicate: URIRef) -> None:
    actors = sorted({actor_iri(m.actor) for m in event.actors})
    recipients = sorted({actor_iri(m.actor) for m in event.recipients})
    if recipients:
        for a in actors:
            for r in recipients:
                if a != r:
                    graph.add((a, predicate, r))
    elif event.symmetric:
        for i, a in enumerate(actors):
            for b in actors[i + 1:]:
                graph.add((a, predicate, b))
