"""Events and actors as RDF: the single source of truth every view is made from.

One named graph per article (so a store can replace or drop an article), events as nodes
with their evidence and PROV-O provenance, and a direct actor→predicate→recipient triple for
asserted events only. IRIs are derived from content, never from counters or blank nodes, so
the same input always yields the same triples.
"""

from __future__ import annotations

import hashlib
import os
import re
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
# What is known about the actors (type, labels, codes, offices, memberships) is the same whichever
# article names them, so it lives once in this shared graph: a union of the article graphs then
# holds each actor fact once, and the article graphs hold only events and their provenance.
ACTORS_GRAPH = URIRef("https://w3id.org/geokg/id/actors")
WD = Namespace("http://www.wikidata.org/entity/")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")  # W3C WGS84 lat/long
GEONAMES = Namespace("https://sws.geonames.org/")
DANGLING = {"on", "with", "to", "against", "from", "at", "of", "in"}  # "imposes conditions on" + nobody
STATE_SECTORS = {"GOV", "MIL", "COP", "LEG", "JUD", "SPY"}  # PLOVER sectors of a state's own organs
# Bodies of a state that are org:subOrganizationOf it.
STATE_PARTS = {ActorType.GOVERNMENT, ActorType.ARMED_FORCES, ActorType.STATE_BODY, ActorType.MEDIA}
PREFIXES = {"kgo": KGO, "kgr": KGR, "plover": PLOVER, "wd": WD, "prov": PROV, "skos": SKOS,
            "dcterms": DCTERMS, "org": ORG, "schema": SCHEMA, "owl": OWL, "xsd": XSD, "wgs": GEO}


class MadeOnce:
    """A namespace whose terms are made once, then handed out again. rdflib's Namespace (and RDF's
    DefinedNamespace) builds and checks a new URIRef on every `KGO.actor`, some thirty times per
    event; one object per term also lets the Turtle writer's name lookups match by identity."""

    def __init__(self, namespace) -> None:
        self._namespace = namespace
        self._terms: dict[str, URIRef] = {}

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("_"):  # (copy and pickle probe for special names: not terms)
            raise AttributeError(name)
        term = self._namespace[name]  # what `namespace.name` gives, for Namespace and DefinedNamespace
        setattr(self, name, term)
        return term

    def __getitem__(self, name: str) -> URIRef:
        """The term `namespace[name]`: for a vocabulary's names (predicates, categories), not ids."""
        term = self._terms.get(name)
        if term is None:
            term = self._terms[name] = self._namespace[name]
        return term


_KGO, _PLOVER, _PROV, _RDF, _RDFS, _XSD, _DCTERMS, _SCHEMA = (
    MadeOnce(ns) for ns in (KGO, PLOVER, PROV, RDF, RDFS, XSD, DCTERMS, SCHEMA))


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


_ACTOR_IRIS: dict[str, URIRef] = {}
ACTOR_IRIS_KEPT = 50_000  # the same actors are named event after event, article after article


def actor_iri(actor: Actor | str) -> URIRef:
    """The actor's IRI, made once per id and kept: quoting the id and checking the IRI cost more
    than the rest of an event's triples, and one object per IRI matches by identity later."""
    ident = actor if isinstance(actor, str) else actor.id
    iri = _ACTOR_IRIS.get(ident)
    if iri is None:
        if len(_ACTOR_IRIS) >= ACTOR_IRIS_KEPT:
            _ACTOR_IRIS.clear()
        iri = _ACTOR_IRIS[ident] = KGR[quote(ident, safe="/-_.~")]
    return iri


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
    """Add each article's named graph (replacing any earlier graph of the same article), and its
    actors to the shared actors graph (added to, never replaced: other articles name them too)."""
    gazetteer = load_gazetteer()
    actors = dataset.graph(ACTORS_GRAPH)
    for result in results:
        iri = graph_iri(result.article.id)
        dataset.remove_graph(iri)
        graph = dataset.graph(iri)
        article_graph(graph, result, run, gazetteer, actors)
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


def article_graph(graph: Graph, result: ArticleResult, run: Run, gazetteer: Gazetteer,
                  actors_graph: Graph | None = None) -> Graph:
    """All triples one article contributes: the article and its events in `graph`, what it says
    about its actors in `actors_graph` (the shared actors graph; `graph` itself when None)."""
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
    target = graph if actors_graph is None else actors_graph
    for actor_id, actor in actors.items():
        for triple in _actor_triples(actor, frozenset(seen_actors.get(actor_id, set())), article.date, gazetteer):
            target.add(triple)
    # The states that described bodies and officials act for, named so that a roll-up has a label to show.
    for state_key in sorted({a.state_key for a in actors.values() if acts_for_state(a)} - {None}):
        state = gazetteer.states.get(state_key)
        if state is not None and state.id not in actors:
            for triple in _actor_triples(state, frozenset(), article.date, gazetteer):
                target.add(triple)
    for event in result.events:
        _describe_event(graph, event, article, run)
    return graph


_ACTOR_TRIPLES: dict[tuple, list[tuple]] = {}
ACTOR_TRIPLES_KEPT = 20_000  # descriptions kept: the same actors recur from article to article


def _actor_triples(actor: Actor, surface: frozenset[str], date: str | None, gazetteer: Gazetteer) -> list[tuple]:
    """The triples `_describe_actor` adds, in its order; they depend only on these arguments, so
    an actor named the same way on the same day is described once and the triples reused."""
    if gazetteer is not load_gazetteer():  # (only the process's own is kept alive by the memo)
        collected = _Collected()
        _describe_actor(collected, actor, set(surface), date, gazetteer)
        return collected.triples
    key = (actor, surface, date)
    found = _ACTOR_TRIPLES.get(key)
    if found is None:
        if len(_ACTOR_TRIPLES) >= ACTOR_TRIPLES_KEPT:
            _ACTOR_TRIPLES.clear()
        collected = _Collected()
        _describe_actor(collected, actor, set(surface), date, gazetteer)
        found = _ACTOR_TRIPLES[key] = collected.triples
    return found


class _Collected:
    """Triples in the order they are added (what `_describe_actor` needs of a graph)."""

    def __init__(self) -> None:
        self.triples: list[tuple] = []

    def add(self, triple: tuple) -> None:
        self.triples.append(triple)


def _describe_article(graph: Graph, article: Article) -> None:
    node = article_iri(article.id)
    graph.add((node, _RDF.type, _KGO.Article))
    graph.add((node, _DCTERMS.identifier, Literal(article.id)))
    if article.title:
        graph.add((node, _DCTERMS.title, Literal(article.title)))
    if article.date:
        graph.add((node, _DCTERMS.date, Literal(article.date, datatype=_XSD.date)))
    if article.url:
        graph.add((node, _SCHEMA.url, Literal(article.url, datatype=_XSD.anyURI)))


_RUN_TRIPLES: dict[Run, list[tuple]] = {}


def _describe_run(graph: Graph, run: Run) -> None:
    """The run's description, made once per run (every article of a build repeats it)."""
    found = _RUN_TRIPLES.get(run)
    if found is None:
        if len(_RUN_TRIPLES) >= 16:
            _RUN_TRIPLES.clear()
        collected = _Collected()
        _run_triples(collected, run)
        found = _RUN_TRIPLES[run] = collected.triples
    for triple in found:
        graph.add(triple)


def _run_triples(graph: Graph | _Collected, run: Run) -> None:
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
    actor = gazetteer.canonical(actor)
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
        if acts_for_state(actor):
            graph.add((node, KGO.ofState, actor_iri(actor.country)))
    if actor.type == ActorType.PLACE:
        _describe_location(graph, actor)
    for text in sorted(surface):
        if text != actor.label and not text.lower().startswith("the "):  # stand-ins never get here
            graph.add((node, SKOS.altLabel, Literal(text)))
    if actor.type == ActorType.PERSON and ids.namespace(actor.id) == ids.PERSON:
        _describe_offices(graph, actor, date, gazetteer)


def _describe_location(graph: Graph, actor: Actor) -> None:
    """W3C geo:lat/geo:long of a place, from GeoNames (kg/places.py, offline), and its GeoNames IRI."""
    from .places import locate

    found = locate(actor.label, actor.code, actor.aliases)
    if found is None:
        return
    node = actor_iri(actor)
    graph.add((node, GEO.lat, Literal(Decimal(str(found.lat)), datatype=XSD.decimal)))
    graph.add((node, GEO.long, Literal(Decimal(str(found.lon)), datatype=XSD.decimal)))
    graph.add((node, KGO.geonames, GEONAMES[f"{found.geonames_id}/"]))


def acts_for_state(actor: Actor) -> bool:
    """True for a state's own bodies and officials, whose events roll up to the state (kgo:ofState):
    its government, ministries, armed forces, police, intelligence, state media, and people whose
    sector is a state one. A country's rebels, civilians or opposition belong to it (kgo:country)
    but do not act for it."""
    if not actor.country or actor.country == actor.id:
        return False
    if actor.type in STATE_PARTS and ids.is_state_part(actor.id):
        return actor.sector != "JRN" or actor.id.endswith("/state-media")
    return actor.type == ActorType.PERSON and actor.sector in STATE_SECTORS


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


_LITERALS: dict[tuple, Literal] = {}
LITERALS_KEPT = 50_000
_TRUE = Literal(True)


def _kept_literal(value: str | int, datatype: URIRef | None = None) -> Literal:
    """`Literal(value, datatype=datatype)` — with XSD.decimal, `value` is the decimal's text and the
    literal `Literal(Decimal(value), datatype=XSD.decimal)` — made once per value and kept: events
    repeat their factualities, cues, triggers, dates, confidences and offsets, and making a
    Literal (casting, checking the lexical form) costs more than the rest of its triple. Only
    exact str and int values are kept (True would find the literal of 1)."""
    if type(value) is not str and type(value) is not int:
        return _new_literal(value, datatype)
    key = (value, datatype)
    found = _LITERALS.get(key)
    if found is None:
        if len(_LITERALS) >= LITERALS_KEPT:
            _LITERALS.clear()
        found = _LITERALS[key] = _new_literal(value, datatype)
    return found


def _new_literal(value: str | int, datatype: URIRef | None) -> Literal:
    if datatype is not None and datatype == XSD.decimal:
        return Literal(Decimal(value), datatype=datatype)
    return Literal(value, datatype=datatype)


def _describe_event(graph: Graph, event: Event, article: Article, run: Run) -> None:
    vocab = load_vocabulary()
    node = event_iri(event)
    predicate = _KGO[event.predicate]
    graph.add((node, _RDF.type, _KGO.Event))
    graph.add((node, _KGO.eventCategory, _PLOVER[event.category]))
    graph.add((node, _KGO.predicate, predicate))
    graph.add((node, _RDFS.label, Literal(event_label(event, vocab.predicate_label[event.predicate]))))
    for mention in event.actors:
        graph.add((node, _KGO.actor, actor_iri(mention.actor)))
        if acts_for_state(mention.actor):  # the roll-up link, beside the event it serves (kg query --rollup)
            graph.add((node, _KGO.actorState, actor_iri(mention.actor.country)))
    for mention in event.recipients:
        graph.add((node, _KGO.recipient, actor_iri(mention.actor)))
        if acts_for_state(mention.actor):
            graph.add((node, _KGO.recipientState, actor_iri(mention.actor.country)))
    graph.add((node, _KGO.factuality, _kept_literal(str(event.factuality))))
    if event.cue:
        graph.add((node, _KGO.factualityCue, _kept_literal(event.cue)))
    graph.add((node, _KGO.confidence, _kept_literal(str(event.confidence), _XSD.decimal)))
    if event.date:
        graph.add((node, _KGO.date, _kept_literal(event.date, _XSD.date)))
    graph.add((node, _KGO.trigger, _kept_literal(event.trigger)))
    graph.add((node, _KGO.evidenceText, Literal(event.sentence)))
    graph.add((node, _KGO.evidenceStart, _kept_literal(event.sentence_start)))
    graph.add((node, _KGO.evidenceEnd, _kept_literal(event.sentence_end)))
    graph.add((node, _KGO.article, article_iri(article.id)))
    graph.add((node, _PROV.wasDerivedFrom, article_iri(article.id)))  # kgo:article, for PROV-only readers
    graph.add((node, _PROV.wasGeneratedBy, run.iri))
    if event.source:
        graph.add((node, _KGO.source, actor_iri(event.source.actor)))
    if event.source_text:
        graph.add((node, _KGO.sourceText, Literal(event.source_text)))
    if event.place:
        graph.add((node, _KGO.place, actor_iri(event.place.actor)))
    if event.symmetric:  # a reciprocal event: the actors did it to each other
        graph.add((node, _KGO.symmetric, _TRUE))
    if event.factuality == Factuality.ASSERTED:
        _direct_triples(graph, event, predicate)


def event_label(event: Event, predicate_label: str) -> str:
    """A readable sentence for the event: "Russia and Iran back Syrian Armed Forces",
    "Vladimir Putin and Recep Tayyip Erdoğan discuss", "Iran imposes conditions on the agreement".

    The verb agrees with the number of actors; a reciprocal event drops its dangling preposition;
    an event with no actor as recipient borrows its object from the evidence sentence (the words
    after the trigger, see `object_phrase`), or drops the dangling preposition when none is found."""
    names = [m.actor.label for m in event.actors]
    words = predicate_label.split()
    if words and (len(names) > 1 or (len(names) == 1 and _plural_name(event.actors[0].actor))):
        words[0] = plural_verb(words[0])
    subject = join_names(names)
    if event.recipients:
        return " ".join([subject, *words, join_names([m.actor.label for m in event.recipients])]).strip()
    obj = "" if event.symmetric else object_phrase(event, words)
    if obj:
        return " ".join([subject, *words, obj]).strip()
    if len(words) > 1 and words[-1] in DANGLING:  # "imposes conditions on" with no one named
        words = words[:-1]
    return " ".join([subject, *words]).strip()


def _plural_name(actor: Actor) -> bool:
    """"Syrian Armed Forces", "Syrian Rebels" take a plural verb; "United States" and "United
    Nations" (a state, an organisation) do not."""
    last = actor.label.rsplit(" ", 1)[-1]
    return actor.type in {"ArmedForces", "Group", "ArmedGroup"} and last.endswith("s") and not last.endswith("ss")


def join_names(names: list[str]) -> str:
    """"A", "A and B", "A, B and C"."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] if names else ""


_PLURAL_EXCEPTIONS = {"is": "are", "has": "have", "does": "do"}


def plural_verb(verb: str) -> str:
    """The plural of a verb in the third person singular: backs → back, discusses → discuss,
    carries → carry, goes → go, imposes → impose."""
    if verb in _PLURAL_EXCEPTIONS:
        return _PLURAL_EXCEPTIONS[verb]
    if verb.endswith("ies") and len(verb) > 4:
        return verb[:-3] + "y"
    if verb.endswith(("sses", "shes", "ches", "xes", "zzes", "oes")):
        return verb[:-2]
    return verb[:-1] if verb.endswith("s") and not verb.endswith("ss") else verb


# Words that end an object phrase taken from the evidence: prepositions, conjunctions, clause openers.
_PHRASE_STOP = {"to", "on", "in", "at", "for", "after", "before", "during", "since", "with", "from", "by", "over",
                "and", "or", "but", "that", "which", "who", "whom", "as", "while", "because", "if", "unless",
                "until", "when", "where", "than", "amid", "despite", "into", "under", "said", "says", "of",
                "near", "around", "across", "through", "along", "toward", "towards", "against", "about",
                "between", "within", "without", "outside", "inside", "behind", "beyond", "off", "up", "down", "out"}
_PRONOUNS = {"it", "them", "him", "her", "us", "me", "you", "itself", "themselves", "each", "one", "this", "that"}
_WORD = re.compile(r"[\w'’-]+|[^\w\s]")


def object_phrase(event: Event, predicate_words: list[str], most: int = 6) -> str:
    """The words the event acts on, read from the evidence after its trigger ("the agreement"
    in "Iran imposed new conditions on the agreement, …"), or "" when none can be read safely.

    A predicate that ends in a preposition ("imposes conditions on") takes the phrase after
    that preposition within five words of the trigger; a bare verb ("rejects") the phrase right
    after it. The phrase stops at punctuation, a preposition or a conjunction."""
    start = event.trigger_end - event.sentence_start
    if not event.trigger or not 0 < start <= len(event.sentence):
        return ""
    tokens = _WORD.findall(event.sentence[start:])
    if predicate_words and predicate_words[-1] in DANGLING:
        window = [t.lower() for t in tokens[:6]]
        if predicate_words[-1] not in window:
            return ""
        tokens = tokens[window.index(predicate_words[-1]) + 1:]
    elif len(predicate_words) > 1:
        return ""  # "holds talks with": the object is the recipient or nothing
    phrase: list[str] = []
    for token in tokens:
        if not (token[0].isalnum() or token[0] == "'") or token.lower() in _PHRASE_STOP or len(phrase) == most:
            break
        phrase.append(token)
    if not phrase or phrase[0].lower() in _PRONOUNS or len(phrase) == most:
        return ""
    return " ".join(phrase)


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
