"""PLOVER 2.0 JSON Lines: one event record a line (the format of ../shared/eval/README.md)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from datetime import date

from .. import __version__
from ..extract.types import ActorType, Factuality, MentionKind
from ..model import ArticleResult, Event, Mention
from ..vocabulary import load_vocabulary

# Places named as the target of violence or coercion stand for the people living there.
PLACE_AS_CIVILIANS = {"ASSAULT", "COERCE", "MOBILIZE", "AID"}


def entity(mention: Mention, category: str) -> dict:
    """A PLOVER actor/recipient object for one mention."""
    actor = mention.actor
    sector = actor.sector
    if actor.type == ActorType.PLACE and category in PLACE_AS_CIVILIANS:
        sector = "CVL"
    record = {
        "code": actor.code, "sector": sector, "entity_name": actor.label,
        "entity_type": str(actor.type), "raw_text": mention.text, "start": mention.start, "end": mention.end,
        "iri_id": actor.id,
    }
    if mention.kind == MentionKind.IMPLIED:  # named nowhere: "protesters marched" implies their government
        for key in ("raw_text", "start", "end"):
            del record[key]
        record["implied"] = True
    if actor.qid:
        record["wikidata_id"] = actor.qid
    return record


def event_loc(place: Mention) -> dict:
    """PLOVER's event_loc: the place's name, its country (ISO-3) and, when GeoNames knows it
    (kg/places.py, offline), its latitude and longitude."""
    from ..places import locate

    actor = place.actor
    loc = {"name": actor.label, "raw_text": place.text, "code": actor.code, "country": actor.code}
    found = locate(actor.label, actor.code, actor.aliases) if actor.type == "Place" else None
    if found is not None:
        loc.update(lat=found.lat, lon=found.lon, country=found.country, geonames_id=found.geonames_id)
    return loc


def event_id(event: Event) -> str:
    """A stable id: the same event in the same article always gets the same id. A trigger word
    that comes again later in its sentence ("Iran urged … and Iran urged …" run together into one
    sentence) adds which occurrence it is, so two such events never share an id; the first keeps
    the id it always had."""
    parts = [event.article_id, event.category, event.predicate, str(event.sentence_start), event.trigger,
             *sorted(m.actor.id for m in event.actors), "|", *sorted(m.actor.id for m in event.recipients)]
    earlier = event.sentence[:max(0, event.trigger_start - event.sentence_start)].count(event.trigger) \
        if event.trigger else 0
    if earlier:
        parts.append(f"#{earlier}")
    return "ev-" + hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:16]


def record(event: Event, coded_date: str | None = None) -> dict:
    """The PLOVER record of one event, with our extra fields (factuality, offsets, source)."""
    category = load_vocabulary().categories[event.category]
    actors, recipients = event.actors, event.recipients
    if event.symmetric and not recipients and len(actors) > 1:
        # A reciprocal event ("Putin and Erdogan will discuss") is coded first party → the others,
        # marked symmetric, so that tools that expect a dyad find one.
        actors, recipients = actors[:1], actors[1:]
    out = {
        "id": event_id(event),
        "date": event.date,
        "event": [event.category],
        "actor": [entity(m, event.category) for m in actors],
        "recipient": [entity(m, event.category) for m in recipients],
        "predicate": event.predicate,
        "quad_code": category.quad_label,
        "event_scale": category.score,
        "cameo_root": list(category.cameo),
        "factuality": str(event.factuality),
        **({"factuality_cue": event.cue} if event.cue else {}),
        "confidence": event.confidence,
        "symmetric": event.symmetric,
        "event_text": event.trigger,
        "text": event.sentence,
        "text_info": {"start": event.sentence_start, "end": event.sentence_end},
        "cite_info": {"doc_id": event.article_id},
        "coder": f"geo-kg {__version__}",
        "coded_date": date.today().isoformat() if coded_date is None else coded_date,
    }
    if not out["coded_date"]:
        del out["coded_date"]  # "": left out, so that reruns are byte-identical
    if event.source:
        out["source"] = entity(event.source, event.category)
    if event.source_text:
        out["source_text"] = event.source_text
    if event.place:
        out["event_loc"] = event_loc(event.place)
    return out


# The default confidence an event needs to be written as a PLOVER record: the lowest at which
# the development suites' whole news stories were right at least seven times in ten
# (docs/extraction.md, "Confidence"). The graph keeps every event with its confidence.
DEFAULT_MIN_CONFIDENCE = 0.2


# Characters that some readers take for line ends (Python's str.splitlines, JavaScript's old
# JSON.parse): escaped, so one record is always one line whatever the article text holds.
_LINE_BREAKS = {"\u0085": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def json_line(record: dict) -> str:
    """One record as one JSON line: UTF-8 text as it is, except the characters some readers
    treat as line breaks, which are written as escapes (still the same JSON value)."""
    text = json.dumps(record, ensure_ascii=False, sort_keys=True)
    for char, escape in _LINE_BREAKS.items():
        text = text.replace(char, escape)
    return text


def lines(results: Iterable[ArticleResult], coded_date: str | None = None,
          include_hypothetical: bool = False, min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> Iterator[str]:
    """JSON lines for the events of every result, in input order.

    Hypothetical events (what someone wants, fears or asks others to do) are not events in
    the PLOVER sense and are left out unless asked for; negated events are kept, marked.
    Events less confident than `min_confidence` are left out.
    """
    for result in results:
        for event in result.events:
            if event.factuality == Factuality.HYPOTHETICAL and not include_hypothetical:
                continue
            if event.confidence < min_confidence:
                continue
            yield json_line(record(event, coded_date))
