"""The event vocabulary read from the ontology and the trigger lexicon, once per process.

Categories, quad classes, scores and CAMEO roots come from ontology/kg.ttl (fine predicates
also from the generated ontology/cameo_predicates.ttl); which words trigger which fine
predicate comes from ontology/lexicon.tsv (hand-written) and ontology/lexicon_cameo.tsv
(imported from the CAMEO verb dictionary by tools/import_cameo.py; a hand-written row for the
same trigger and pos wins); the word classes the parse rules use ("negators", "effort nouns")
come from ontology/word_classes.tsv. Nothing here restates them, and every row is checked
against the rule language below when it is read.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from .resources import ONTOLOGY_DIR, ONTOLOGY_FILES, ontology_graph, ontology_path, split_list

_NAMESPACES = {"KGO": "https://w3id.org/geokg/ontology#", "PLOVER": "https://w3id.org/geokg/plover#"}


def __getattr__(name: str):
    """KGO and PLOVER, the ontology's namespaces as rdflib Namespaces, made on first use: extraction
    with a cached vocabulary needs no rdflib, and importing it costs `kg extract` a good part of a second."""
    if name in _NAMESPACES:
        from rdflib import Namespace

        value = globals()[name] = Namespace(_NAMESPACES[name])
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
    # nouns that name an event only with one of these modifiers: "defensive positions", "joint venture"
    qualified_nouns: dict[str, frozenset[str]] = field(default_factory=dict)

    def category_of(self, predicate: str) -> Category:
        return self.categories[self.predicate_category[predicate]]


def _local(uri) -> str:
    return str(uri).rsplit("#", 1)[-1]


# ---------------------------------------------------------------- the rule language
#
# The lexicon's cells are a small language; these sets name every word of it, and kg/events.py
# reads arguments through the same SLOTS (it raises on a slot it has no rule for), so a cell
# and the code cannot drift apart. An unknown word in a lexicon cell is an error at load,
# naming the file and line.

# The slots of the rule language (columns `agent` and `recip`): where a frame finds its actor
# or recipient, tried in the order a row lists them. `prep:X` is the slot `prep` with the
# preposition X as its argument. kg/events.py reads each (`_slot_tokens`) and refuses any other;
# tests/test_slots.py pins each on a parse. The dependency labels the rules read are named in
# kg/extract/deps.py and checked against the parser at start-up.
SLOTS = frozenset({
    "subj", "dobj", "prep", "dative", "poss", "mod", "by", "of", "governor", "holder", "between",
    "clause-governor", "clause-subject", "object-prep", "condition-subject", "ccomp-subject", "head",
    "receiver", "poss-of-object", "xcomp", "none",
})
SLOTS_WITH_ARGUMENT = frozenset({"prep"})
SLOT_ARGUMENT = re.compile(r"[a-z]+")


def slot_name(slot: str) -> str:
    """The slot a lexicon cell names: 'prep:with' is the slot 'prep' with the argument 'with'."""
    return slot.split(":", 1)[0]


POS = frozenset({"VERB", "NOUN", "ADJ", "LIGHT", "SAY", "PLACE", "OBLIGE", "HYPHEN"})
WORD_ONLY_POS = frozenset({"LIGHT", "SAY", "PLACE"})  # rows that are a word list: no other cells
FLAGS = frozenset("RSA")
# An object cell item: a lemma, "*" (any object) or "@prep" (the preposition a NOUN sits under).
OBJECT_ITEM = re.compile(r"\*|@[a-z]+|[a-z0-9][a-z0-9'é-]*")
TRIGGER = re.compile(r"[a-z][a-z'é-]*")
LEXICON_COLUMNS = ("trigger", "pos", "object", "agent", "recip", "predicate", "flags", "conf")
GENERATED_LEXICON = "lexicon_cameo.tsv"  # written by tools/import_cameo.py; hand rows take precedence


class LexiconError(ValueError):
    """A lexicon or word-class row that breaks the rule language; the message names file:line."""


def _numbered_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) of a tab-separated data file; `#` lines are comments."""
    header: list[str] | None = None
    with path.open(encoding="utf-8", newline="") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip() or line.startswith("#"):
                continue
            cells = [c.strip() for c in line.rstrip("\r\n").split("\t")]
            if header is None:
                header = cells
                continue
            if len(cells) > len(header):
                raise LexiconError(f"{path}:{number}: {len(cells)} cells, the header has {len(header)}")
            yield number, dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=True))


def _check_slots(cell: str, where: str, column: str) -> tuple[str, ...]:
    slots = tuple(split_list(cell))
    for slot in slots:
        name, _, argument = slot.partition(":")
        if name not in SLOTS:
            raise LexiconError(f"{where}: unknown {column} slot {slot!r} (known: {', '.join(sorted(SLOTS))})")
        if (name in SLOTS_WITH_ARGUMENT) != bool(argument) or (argument and not SLOT_ARGUMENT.fullmatch(argument)):
            raise LexiconError(f"{where}: {column} slot {slot!r}: "
                               + (f"{name} takes a preposition ({name}:with)" if name in SLOTS_WITH_ARGUMENT
                                  else f"{name} takes no argument"))
    return slots


def parse_frame(row: dict[str, str], where: str, predicates: dict[str, str]) -> Frame | None:
    """One lexicon row checked against the rule language; None for word-list rows (LIGHT, SAY, PLACE)."""
    trigger, pos = row.get("trigger", ""), row.get("pos", "")
    if not TRIGGER.fullmatch(trigger):
        raise LexiconError(f"{where}: trigger {trigger!r} is not a lower-case lemma")
    if pos not in POS:
        raise LexiconError(f"{where}: unknown pos {pos!r} (known: {', '.join(sorted(POS))})")
    if pos in WORD_ONLY_POS:
        extra = [c for c in LEXICON_COLUMNS[2:] if row.get(c)]
        if extra:
            raise LexiconError(f"{where}: a {pos} row is a word only, but it fills {', '.join(extra)}")
        return None
    objects = split_list(row.get("object", ""))
    for item in objects:
        if not OBJECT_ITEM.fullmatch(item):
            raise LexiconError(f"{where}: object {item!r} is not a lemma, * or @preposition")
    agent = _check_slots(row.get("agent", ""), where, "agent")
    recipient = _check_slots(row.get("recip", ""), where, "recip")
    if not agent:
        raise LexiconError(f"{where}: no agent slot")
    predicate = row.get("predicate", "")
    if predicate not in predicates:
        raise LexiconError(f"{where}: unknown predicate {predicate!r} (no fine predicate of that name"
                           " has a kgo:category in the ontology)")
    flags = row.get("flags", "")
    if set(flags) - FLAGS:
        raise LexiconError(f"{where}: unknown flag(s) {''.join(sorted(set(flags) - FLAGS))!r} (known: R, S, A)")
    try:
        confidence = float(row.get("conf") or 0.5)
    except ValueError:
        raise LexiconError(f"{where}: conf {row.get('conf')!r} is not a number") from None
    if not 0 < confidence <= 1:
        raise LexiconError(f"{where}: conf {confidence} is outside (0, 1]")
    return Frame(trigger=trigger, pos=pos, objects=frozenset(objects), agent=agent, recipient=recipient,
                 predicate=predicate, needs_recipient="R" in flags, reciprocal="S" in flags,
                 stative_passive="A" in flags, confidence=confidence)


def _add_rows(vocab: Vocabulary, path: Path, skip_keys: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """Read one lexicon file into the vocabulary; rows whose (trigger, pos) is in skip_keys are
    left out (hand-written rows win over generated ones). Returns the keys the file defines."""
    keys: set[tuple[str, str]] = set()
    for number, row in _numbered_rows(path):
        where = f"{path}:{number}"
        missing = [c for c in LEXICON_COLUMNS[:2] if c not in row]
        if missing:
            raise LexiconError(f"{where}: the header lacks {', '.join(missing)}")
        frame = parse_frame(row, where, vocab.predicate_category)
        key = (row["trigger"], row["pos"])
        keys.add(key)
        if key in skip_keys:
            continue
        if frame is not None and skip_keys and frame.objects - {"*"}:
            # a hand-written event noun carries its own event ("conducted strikes"): a generated
            # verb row does not take it as its object
            kept = frozenset(o for o in frame.objects if (o, "NOUN") not in skip_keys)
            if not kept:
                continue
            frame = replace(frame, objects=kept)
        if frame is None:
            word_lists = {"LIGHT": vocab.light_verbs, "SAY": vocab.say_verbs, "PLACE": vocab.place_nouns}
            word_lists[row["pos"]].add(row["trigger"])
            continue
        if frame.pos == "NOUN":
            vocab.event_nouns.add(frame.trigger)
        vocab.frames[key].append(frame)
    return keys


@cache
def load_vocabulary() -> Vocabulary:
    """Categories and predicates from the ontology, frames from the lexicon (hand-written rows
    first; the generated CAMEO rows only for triggers the hand-written lexicon does not have), from the
    compiled cache when the files are unchanged (kg/cache.py)."""
    from .cache import compiled

    return compiled("vocabulary", lambda: build_vocabulary(ONTOLOGY_DIR))


def build_vocabulary(folder: Path) -> Vocabulary:
    """The vocabulary of one ontology folder, every lexicon row validated (errors name file:line)."""
    from rdflib import RDFS, SKOS

    graph = ontology_graph() if folder == ONTOLOGY_DIR else _graph_of(folder)
    PLOVER, KGO = __getattr__("PLOVER"), __getattr__("KGO")  # noqa: N806 (the module's names)
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
    hand = _add_rows(vocab, _existing(folder / "lexicon.tsv"), set())
    for (trigger, pos), frames in vocab.frames.items():
        if pos == "NOUN" and frames and all(_needs_modifier(frame) for frame in frames):
            vocab.qualified_nouns[trigger] = frozenset().union(*(frame.objects for frame in frames))
    generated = folder / GENERATED_LEXICON
    if generated.exists():
        # a hand-written light verb ("conduct", "hold") leaves the event to its object noun; a noun
        # that is an event only with a modifier ("defensive positions") keeps the verbs' senses of
        # the bare noun ("maintained its position"), and kg.events tells the two apart
        qualified = {(noun, "NOUN") for noun in vocab.qualified_nouns}
        _add_rows(vocab, generated, (hand - qualified) | {(verb, "VERB") for verb in vocab.light_verbs})
    return vocab


def _needs_modifier(frame: Frame) -> bool:
    """A noun row that names an event only with one of its modifiers ("joint venture")."""
    return bool(frame.objects) and not any(o == "*" or o.startswith("@") for o in frame.objects)


def _existing(path: Path) -> Path:
    if not path.exists():
        raise FileNotFoundError(f"vocabulary file missing: {path}")
    return path


def _graph_of(folder: Path):
    from rdflib import Graph

    graph = Graph()
    for name in ONTOLOGY_FILES:
        if (folder / name).exists():
            graph.parse(folder / name, format="turtle")
    return graph


@cache
def _word_classes() -> dict[str, frozenset[str]]:
    return read_word_classes(ontology_path("word_classes.tsv"))


WORD_CLASS_NAME = re.compile(r"[a-z][a-z_]*")
CLASS_WORD = re.compile(r"[a-z'é-]+")


def read_word_classes(path: Path) -> dict[str, frozenset[str]]:
    """Word classes, each row checked: a class name, at least one word, no class twice."""
    classes: dict[str, frozenset[str]] = {}
    for number, row in _numbered_rows(path):
        where = f"{path}:{number}"
        name = row.get("class", "")
        if not WORD_CLASS_NAME.fullmatch(name):
            raise LexiconError(f"{where}: class name {name!r} is not a lower-case identifier")
        if name in classes:
            raise LexiconError(f"{where}: class {name!r} is defined twice")
        members = [w.lower() for w in split_list(row.get("words", ""))]
        if not members:
            raise LexiconError(f"{where}: class {name!r} has no words")
        for word in members:
            if not CLASS_WORD.fullmatch(word):
                raise LexiconError(f"{where}: {word!r} in class {name!r} is not a single lower-case word")
        classes[name] = frozenset(members)
    return classes


def words(name: str) -> frozenset[str]:
    """The words of one class in ontology/word_classes.tsv; a missing class is an error, not an empty set."""
    classes = _word_classes()
    if name not in classes:
        raise KeyError(f"word class {name!r} missing from {ontology_path('word_classes.tsv')}")
    return classes[name]
