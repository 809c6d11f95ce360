"""The news test corpus's expectations (tests/news_corpus/expected.tsv): read, validated, checked.

The file says what an analyst expects from each article of the corpus (an event, no junk
actor, a village typed as a place, one person under two names). It is read once and every
row is validated before anything runs, with errors naming file:line, so a typo in an
expectation is an error and never a check that silently passes. `Outputs` reads what
`kg build` wrote (events.jsonl and graph.ttl) and answers each check from those files alone.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

import rdflib
from rdflib.namespace import RDF, RDFS, SKOS

from kg.extract.types import ActorType
from kg.rdf import KGR
from kg.vocabulary import KGO, load_vocabulary

SYMMETRIC = {"CONSULT", "AGREE", "COOPERATE"}  # categories matched in either direction

COLUMNS = ("file", "check", "subject", "value", "recipient", "known_gap")
ANY = "*"  # any file (corpus-wide checks), any actor or any category


class Check(StrEnum):
    EVENT = "event"
    NO_EVENT = "no_event"
    NO_ACTOR = "no_actor"
    ACTOR_TYPE = "actor_type"
    ACTOR_CODE = "actor_code"
    SAME_ACTOR = "same_actor"
    DISTINCT_ACTOR = "distinct_actor"


# Which fields each check needs (besides file and check); the others must be empty.
NEEDS = {
    Check.EVENT: ("subject", "value", "recipient"),
    Check.NO_EVENT: ("subject", "value", "recipient"),
    Check.NO_ACTOR: ("subject",),
    Check.ACTOR_TYPE: ("subject", "value"),
    Check.ACTOR_CODE: ("subject", "value"),
    Check.SAME_ACTOR: ("subject", "value"),
    Check.DISTINCT_ACTOR: ("subject", "value"),
}
PER_FILE_ONLY = {Check.EVENT, Check.NO_EVENT, Check.NO_ACTOR}


class ExpectationError(ValueError):
    """A malformed expectations file; the message names file:line."""


@dataclass(frozen=True)
class Expectation:
    where: str  # file:line, for messages
    file: str
    check: Check
    subject: str
    value: str = ""
    recipient: str = ""
    known_gap: str = ""

    @property
    def name(self) -> str:
        parts = [self.file, self.check, self.subject, self.value, self.recipient]
        return " ".join(p for p in parts if p)


def load_expectations(path: Path) -> list[Expectation]:
    """Every row of `path`, validated: known check, the fields it needs, an existing article,
    a PLOVER category, an ontology class. Raises ExpectationError naming file:line."""
    articles = {p.stem for p in path.parent.glob("*.txt")}
    categories = set(load_vocabulary().categories)
    classes = {t.value for t in ActorType}
    out: list[Expectation] = []
    header_seen = False
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        where = f"{path}:{number}"
        if not raw.strip() or raw.startswith("#"):
            continue
        cells = raw.split("\t")
        if not header_seen:
            if tuple(cells) != COLUMNS:
                raise ExpectationError(f"{where}: header must be {' '.join(COLUMNS)} (tab-separated), got {cells}")
            header_seen = True
            continue
        if len(cells) > len(COLUMNS):
            raise ExpectationError(f"{where}: {len(cells)} cells, at most {len(COLUMNS)}")
        row = dict(zip(COLUMNS, [c.strip() for c in cells] + [""] * (len(COLUMNS) - len(cells)), strict=True))
        try:
            check = Check(row["check"])
        except ValueError:
            raise ExpectationError(f"{where}: unknown check {row['check']!r}; known: "
                                   f"{', '.join(c.value for c in Check)}") from None
        if row["file"] != ANY and row["file"] not in articles:
            raise ExpectationError(f"{where}: no article {row['file']}.txt in {path.parent}")
        if row["file"] == ANY and check in PER_FILE_ONLY:
            raise ExpectationError(f"{where}: {check} needs one article, not {ANY}")
        for column in ("subject", "value", "recipient"):
            if column in NEEDS[check] and not row[column]:
                raise ExpectationError(f"{where}: {check} needs a {column}")
            if column not in NEEDS[check] and row[column]:
                raise ExpectationError(f"{where}: {check} takes no {column} (got {row[column]!r})")
        if check in {Check.EVENT, Check.NO_EVENT} and row["value"] not in categories | {ANY}:
            raise ExpectationError(f"{where}: {row['value']!r} is no PLOVER category")
        if check == Check.EVENT and row["value"] == ANY:
            raise ExpectationError(f"{where}: an expected event needs its category")
        if check == Check.ACTOR_TYPE and row["value"].removeprefix("!") not in classes:
            raise ExpectationError(f"{where}: {row['value']!r} is no actor class of ontology/kg.ttl")
        out.append(Expectation(where, row["file"], check, row["subject"], row["value"], row["recipient"],
                               row["known_gap"]))
    if not header_seen:
        raise ExpectationError(f"{path}:1: no header line")
    return out


@dataclass
class Node:
    key: str  # the actor's id, as in events.jsonl's iri_id
    types: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)  # label and alternative labels
    code: str | None = None


class Outputs:
    """What one `kg build` wrote: the events per article and the actor nodes of the graph."""

    def __init__(self, out: Path) -> None:
        self.events: dict[str, list[dict]] = defaultdict(list)
        with (out / "events.jsonl").open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                self.events[record["cite_info"]["doc_id"]].append(record)
        graph = rdflib.Graph().parse(out / "graph.ttl")
        actor_classes = {KGO[t.value]: t.value for t in ActorType}
        self.nodes: dict[str, Node] = {}
        for subject, cls in graph.subject_objects(RDF.type):
            if cls in actor_classes and str(subject).startswith(str(KGR)):
                node = self.nodes.setdefault(str(subject), Node(str(subject).removeprefix(str(KGR))))
                node.types.add(actor_classes[cls])
        for iri, node in self.nodes.items():
            ref = rdflib.URIRef(iri)
            node.names = {str(o).strip() for p in (RDFS.label, SKOS.altLabel) for o in graph.objects(ref, p)}
            code = graph.value(ref, KGO.countryCode)
            node.code = str(code) if code is not None else None

    # ------------------------------------------------------------ lookups

    def named(self, name: str) -> list[Node]:
        return [n for n in self.nodes.values() if name in n.names]

    def event_actors(self, file: str) -> list[dict]:
        return [a for e in self.events.get(file, []) for a in (*e["actor"], *e["recipient"])]

    def keys_for(self, file: str, name: str) -> set[str]:
        """The actors `name` stands for in `file`: those its events name so, else graph nodes."""
        if file != ANY:
            found = {a["iri_id"] for a in self.event_actors(file) if _names(a, name)}
            if found:
                return found
        return {n.key for n in self.named(name)}

    # ------------------------------------------------------------ checks

    def verify(self, x: Expectation) -> None:
        """Raise AssertionError with what was found when `x` does not hold."""
        getattr(self, f"_{x.check.value}")(x)

    def _matching_events(self, x: Expectation) -> list[dict]:
        def parties(e: dict, subject: str, recipient: str) -> bool:
            return (subject == ANY or any(_names(a, subject) for a in e["actor"])) \
                and (recipient == ANY or any(_names(a, recipient) for a in e["recipient"]))

        # meetings, agreements and cooperation go both ways, as the scorer matches them
        return [e for e in self.events.get(x.file, [])
                if (x.value == ANY or x.value in e["event"])
                and (parties(e, x.subject, x.recipient)
                     or (set(e["event"]) <= SYMMETRIC and parties(e, x.recipient, x.subject)))]

    def _summary(self, file: str) -> str:
        rows = [f"{[a['iri_id'] + '<' + (a.get('raw_text') or '') + '>' for a in e['actor']]} {e['event']} "
                f"{[a['iri_id'] + '<' + (a.get('raw_text') or '') + '>' for a in e['recipient']]}"
                for e in self.events.get(file, [])]
        return "\n  ".join(rows) or "(no events)"

    def _event(self, x: Expectation) -> None:
        assert self._matching_events(x), f"{x.where}: no such event; the article's events:\n  {self._summary(x.file)}"

    def _no_event(self, x: Expectation) -> None:
        found = self._matching_events(x)
        assert not found, f"{x.where}: unwanted event(s); the article's events:\n  {self._summary(x.file)}"

    def _no_actor(self, x: Expectation) -> None:
        nodes = self.named(x.subject)
        assert not nodes, f"{x.where}: {x.subject!r} names {[(n.key, sorted(n.types)) for n in nodes]}"
        in_events = [a["iri_id"] for a in self.event_actors(x.file) if _names(a, x.subject)]
        assert not in_events, f"{x.where}: {x.subject!r} is an event party {in_events}"

    def _actor_type(self, x: Expectation) -> None:
        nodes = self.named(x.subject)
        negated, wanted = x.value.startswith("!"), x.value.removeprefix("!")
        assert nodes or negated, f"{x.where}: no actor node is named {x.subject!r}"
        wrong = [(n.key, sorted(n.types)) for n in nodes if (wanted in n.types) == negated]
        assert not wrong, f"{x.where}: {x.subject!r} is typed {wrong}, wanted {x.value}"

    def _actor_code(self, x: Expectation) -> None:
        nodes = self.named(x.subject)
        negated, wanted = x.value.startswith("!"), x.value.removeprefix("!")
        assert nodes or negated, f"{x.where}: no actor node is named {x.subject!r}"
        wanted_code = None if wanted == "-" else wanted
        wrong = [(n.key, n.code) for n in nodes if (n.code == wanted_code) == negated]
        assert not wrong, f"{x.where}: {x.subject!r} has code(s) {wrong}, wanted {x.value}"

    def _same_actor(self, x: Expectation) -> None:
        one, two = self.keys_for(x.file, x.subject), self.keys_for(x.file, x.value)
        assert one and two, f"{x.where}: not found: {x.subject!r} → {sorted(one)}, {x.value!r} → {sorted(two)}"
        assert len(one | two) == 1, f"{x.where}: {x.subject!r} → {sorted(one)} but {x.value!r} → {sorted(two)}"

    def _distinct_actor(self, x: Expectation) -> None:
        one, two = self.keys_for(x.file, x.subject), self.keys_for(x.file, x.value)
        assert one and two, f"{x.where}: not found: {x.subject!r} → {sorted(one)}, {x.value!r} → {sorted(two)}"
        assert not one & two, f"{x.where}: {x.subject!r} and {x.value!r} are both {sorted(one & two)}"


def _names(party: dict, name: str) -> bool:
    """Whether an events.jsonl actor entry is the actor `name`: its key, label or words."""
    return name in {party["iri_id"], party["entity_name"], (party.get("raw_text") or "").strip()}
