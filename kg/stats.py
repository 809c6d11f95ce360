"""`kg stats`: events counted by dyad, period and category or quad class, with PLOVER scores.

The questions event-data users ask first ("how many material-conflict events between Russia and
Turkey each month, and how hostile on average?") without writing SPARQL. One query reads every
event with its participants from a store or RDF file; the grouping is plain Python, so a row's
numbers can be checked by hand against `kg query`.

Counting rules: a row counts distinct events: the mentions of one event in several articles,
merged by kg/merge.py into a kgo:ReportedEvent, count once (and are counted as `mentions`).
An event with several actors or recipients falls in each of its dyads ("Russia and Iran back
Syria" is one event of Russia → Syria and one of Iran → Syria), so dyad rows may add up to more
than the number of events; without `dyad` in the grouping every event is counted once. An
event with no recipient has an empty recipient; a reciprocal one ("Putin and Erdogan meet")
counts for each pair of its actors. The score is
PLOVER's conflict–cooperation scale of the event's category (kgo:ploverScore).
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .store import Store, open_source

GROUPINGS = ("dyad", "period", "category", "quad")
PERIODS = ("day", "week", "month", "year")
FACTUALITIES = ("asserted", "negated", "future", "hypothetical", "historical")

EVENTS = """
PREFIX kgo: <https://w3id.org/geokg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?event ?date ?category ?quad ?score ?factuality ?symmetric ?reported ?first WHERE {
  ?event a kgo:Event ; kgo:eventCategory ?cat ; kgo:factuality ?factuality .
  ?cat skos:notation ?category ; kgo:quadClass/skos:prefLabel ?quad .
  OPTIONAL { ?cat kgo:ploverScore ?score }
  OPTIONAL { ?event kgo:date ?date }
  OPTIONAL { ?event kgo:symmetric ?symmetric }
  OPTIONAL { ?reported kgo:mention ?event OPTIONAL { ?reported kgo:firstReported ?first } }
}"""

# ?who is the participant, or with roll-up the state it acts for (kgo:ofState) when it has one.
PARTICIPANTS = """
PREFIX kgo: <https://w3id.org/geokg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?event ?role ?who ?label WHERE {
  VALUES (?property ?role) { (kgo:actor "actor") (kgo:recipient "recipient") }
  ?event a kgo:Event ; ?property ?participant .
  %s
  OPTIONAL { ?who rdfs:label ?label }
}"""
PLAIN = "BIND(?participant AS ?who)"
ROLLED_UP = "OPTIONAL { ?participant kgo:ofState ?state } BIND(COALESCE(?state, ?participant) AS ?who)"


@dataclass
class EventRow:
    date: str
    category: str
    quad: str
    score: float
    factuality: str
    symmetric: bool
    unit: str  # what is counted: the reported event it is a mention of (kg/merge.py), else itself
    actors: set[str] = field(default_factory=set)
    recipients: set[str] = field(default_factory=set)


def period_of(day: str, period: str) -> str:
    """"2016-12-14" as a day, ISO week ("2016-W50"), month ("2016-12") or year; "" when undated."""
    if not day:
        return ""
    if period == "day":
        return day[:10]
    if period == "month":
        return day[:7]
    if period == "year":
        return day[:4]
    if period == "week":
        year, week, _ = date.fromisoformat(day[:10]).isocalendar()
        return f"{year}-W{week:02d}"
    raise ValueError(f"unknown period {period!r}; choose from {', '.join(PERIODS)}")


def read_events(store: Store, rollup: bool = False) -> tuple[dict[str, EventRow], dict[str, str]]:
    """Every event of the store and the labels of its participants (IRI → label)."""
    events: dict[str, EventRow] = {}
    for row in store.query(EVENTS):
        score = row["score"]
        events[row["event"].value] = EventRow(
            # a merged event falls in the period it was first reported in, whatever its mentions say
            date=(row["first"] or row["date"]).value if (row["first"] or row["date"]) is not None else "",
            category=row["category"].value,
            quad=row["quad"].value, score=float(score.value) if score is not None else 0.0,
            factuality=row["factuality"].value,
            symmetric=row["symmetric"] is not None and row["symmetric"].value == "true",
            unit=(row["reported"] or row["event"]).value)
    labels: dict[str, str] = {}
    for row in store.query(PARTICIPANTS % (ROLLED_UP if rollup else PLAIN)):
        event = events.get(row["event"].value)
        if event is None:
            continue
        who = row["who"].value
        (event.actors if row["role"].value == "actor" else event.recipients).add(who)
        if row["label"] is not None:
            labels.setdefault(who, row["label"].value)
    return events, labels


def dyads(event: EventRow) -> set[tuple[str, str]]:
    """(actor, recipient) pairs of one event; recipient "" when it has none."""
    pairs = {(a, r) for a in event.actors for r in event.recipients}
    if not pairs and event.symmetric and len(event.actors) > 1:
        ordered = sorted(event.actors)
        pairs = {(a, b) for i, a in enumerate(ordered) for b in ordered[i + 1:]}
    return pairs or {(a, "") for a in event.actors} or {("", r) for r in event.recipients}


def aggregate(events: dict[str, EventRow], labels: dict[str, str], by: tuple[str, ...] = ("dyad", "period", "quad"),
              period: str = "month", factualities: tuple[str, ...] = ("asserted",)) -> list[dict]:
    """Rows of counts and score sums and means, sorted by their keys."""
    unknown = set(by) - set(GROUPINGS)
    if unknown:
        raise ValueError(f"cannot group by {', '.join(sorted(unknown))}; choose from {', '.join(GROUPINGS)}")
    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r}; choose from {', '.join(PERIODS)}")
    groups: dict[tuple, set[str]] = defaultdict(set)  # key → mentions (event IRIs)
    for iri, event in events.items():
        if event.factuality not in factualities:
            continue
        keys: list[tuple] = [()]
        for part in by:
            if part == "dyad":
                keys = [key + pair for key in keys for pair in sorted(dyads(event))]
            elif part == "period":
                keys = [key + (period_of(event.date, period),) for key in keys]
            else:
                keys = [key + ((event.category if part == "category" else event.quad),) for key in keys]
        for key in keys:
            groups[key].add(iri)
    rows = []
    for key, members in sorted(groups.items()):
        units = {events[iri].unit: events[iri].score for iri in sorted(members)}
        row: dict[str, object] = {}
        values = list(key)
        for part in by:
            if part == "dyad":
                actor, recipient = values.pop(0), values.pop(0)
                row.update(actor=actor, actor_label=labels.get(actor, ""), recipient=recipient,
                           recipient_label=labels.get(recipient, ""))
            else:
                row[part] = values.pop(0)
        total = sum(units.values())
        row.update(events=len(units), mentions=len(members), score_sum=round(total, 3),
                   score_mean=round(total / len(units), 3))
        rows.append(row)
    return rows


def stats_path(path: Path | str, by: tuple[str, ...] = ("dyad", "period", "quad"), period: str = "month",
               rollup: bool = False, factualities: tuple[str, ...] = ("asserted",)) -> list[dict]:
    with open_source(path, ontology=True) as store:  # categories' quad classes and scores live in the ontology
        events, labels = read_events(store, rollup)
    return aggregate(events, labels, by, period, factualities)


def format_rows(rows: list[dict], fmt: str, by: tuple[str, ...] = ("dyad", "period", "quad")) -> str:
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
    if fmt != "csv":
        raise ValueError(f"unknown format {fmt!r}; choose csv or json")
    columns = []
    for part in by:
        columns += ["actor", "actor_label", "recipient", "recipient_label"] if part == "dyad" else [part]
    columns += ["events", "mentions", "score_sum", "score_mean"]
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()
