"""The event vocabulary read from the ontology and the trigger lexicon, once per process.

Categories, quad classes, scores and CAMEO roots come from ontology/kg.ttl; which words
trigger which fine predicate comes from ontology/lexicon.tsv; the word classes the parse rules
use ("negators", "effort nouns") come from ontology/word_classes.tsv. Nothing here restates them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

from rdflib import RDFS, SKOS, Namespace, URIRef

from .resources import ontology_graph, ontology_path, read_tsv, split_list

KGO = Namespace("https://w3id.org/geokg/ontology#")
PLOVER = Namespace("https://w3id.org/geokg/plover#")


@dataclass(frozen=True)
class Category:
    name: str  # AGREE … ASSAULT
    quad: str  # VerbalCooperation …
    quad_label: str
    score: float
    cameo: tuple[str, ...]
    prop: str  # local name of the category's direct property


@dataclass(frozen=True)
class Frame:
    """One lexicon row: a trigger and where its actor and recipient are found."""

    trigger: str
    pos: str
    objects: frozenset[str]
    agent: tuple[str, ...]
    recipient: tuple[str, ...]
    predicate: str
    needs_recipient: bool
    reciprocal: bool
    stative_passive: bool  # "is committed to": the passive subject is the actor
    confidence: float


@dataclass
class Vocabulary:
    categories: dict[str, Category] = field(default_factory=dict)
    predicate_category: dict[str, str] = field(default_factory=dict)
    predicate_label: dict[str, str] = field(default_factory=dict)
    frames: dict[tuple[str, str], list[Frame]] = field(default_factory=lambda: defaultdict(list))
    light_verbs: set[str] = field(default_factory=set)
    say_verbs: set[str] = field(default_factory=set)
    place_nouns: set[str] = field(default_factory=set)  # "villages in X", "a camp for Y": whose place it is
    event_nouns: set[str] = field(default_factory=set)  # the NOUN triggers: "strikes", "talks"

    def category_of(self, predicate: str) -> Category:
        return self.categories[self.predicate_category[predicate]]


def _local(uri: URIRef) -> str:
    return str(uri).rsplit("#", 1)[-1]


@cache
def load_vocabulary() -> Vocabulary:
    """Categories and predicates from the ontology, frames from the lexicon."""
    graph = ontology_graph()
    vocab = Vocabulary()
    for concept in graph.subjects(SKOS.inScheme, PLOVER.Scheme):
        name = str(graph.value(concept, SKOS.notation))
        quad = graph.value(concept, KGO.quadClass)
        vocab.categories[name] = Category(
            name=name, quad=_local(quad), quad_label=str(graph.value(quad, SKOS.prefLabel)),
            score=float(graph.value(concept, KGO.ploverScore)),
            cameo=tuple(sorted(str(c) for c in graph.objects(concept, KGO.cameoRoot))),
            prop=_local(graph.value(concept, KGO.categoryProperty)),
        )
    for prop, concept in graph.subject_objects(KGO.category):
        vocab.predicate_category[_local(prop)] = str(graph.value(concept, SKOS.notation))
        vocab.predicate_label[_local(prop)] = str(graph.value(prop, RDFS.label))
    for row in read_tsv(ontology_path("lexicon.tsv")):
        pos = row["pos"]
        if pos == "LIGHT":
            vocab.light_verbs.add(row["trigger"])
            continue
        if pos == "SAY":
            vocab.say_verbs.add(row["trigger"])
            continue
        if pos == "PLACE":
            vocab.place_nouns.add(row["trigger"])
            continue
        if row["predicate"] not in vocab.predicate_category:
            raise ValueError(f"lexicon.tsv: {row['trigger']!r} names unknown predicate {row['predicate']!r}")
        if pos == "NOUN":
            vocab.event_nouns.add(row["trigger"])
        vocab.frames[(row["trigger"], pos)].append(Frame(
            trigger=row["trigger"], pos=pos, objects=frozenset(split_list(row["object"])),
            agent=tuple(split_list(row["agent"])), recipient=tuple(split_list(row["recip"])),
            predicate=row["predicate"], needs_recipient="R" in row["flags"],
            reciprocal="S" in row["flags"], stative_passive="A" in row["flags"], confidence=float(row["conf"] or 0.5),
        ))
    return vocab


@cache
def _word_classes() -> dict[str, frozenset[str]]:
    return {row["class"]: frozenset(w.lower() for w in split_list(row["words"]))
            for row in read_tsv(ontology_path("word_classes.tsv"))}


def words(name: str) -> frozenset[str]:
    """The words of one class in ontology/word_classes.tsv; a missing class is an error, not an empty set."""
    classes = _word_classes()
    if name not in classes:
        raise KeyError(f"word class {name!r} missing from {ontology_path('word_classes.tsv')}")
    return classes[name]
