"""Where extraction leaves its results on a spaCy Doc, as data that survives `Doc.to_bytes`.

`nlp.pipe(..., n_process=2)` and `DocBin` move Docs between processes as bytes: extension
values must be plain data (dicts, lists, strings, numbers) for that. So each result is stored
plain under a `geo_*_data` attribute and read back as typed, picklable objects through a
getter:

    doc._.article     the Article the text came from (id, date, title), set before the
                      components run (`article_doc`); None for a bare `nlp(text)`
    doc._.mentions    resolved actor mentions (kg.model.Mention), in text order
    doc._.events      coded events (kg.model.Event)
    span._.actor      the Actor a span of doc.spans["geo_actors"] names (None elsewhere)

and two span groups: doc.spans["geo_mentions"] (gazetteer and NER matches: label = mention
kind, id = gazetteer key or NER label, kb_id = Wikidata QID) and doc.spans["geo_actors"] (the
resolved mentions: label = kind, id = actor id, kb_id = QID).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..model import Actor, Article, Event, Mention

MATCHES = "geo_mentions"  # span group: what the gazetteer and NER matched
ACTORS = "geo_actors"  # span group: the resolved mentions


# ---------------------------------------------------------------- plain data

# Each mention's actor is turned into plain data and back three times per document (geo_actors,
# plover_events, the results), and the same actors recur in mention after mention. So both
# conversions are remembered by the identity of what they converted: an entry holds that object,
# so its id is not reused while the entry lives, and the tables are emptied when they reach
# _MEMO_SIZE entries. Actors are frozen, and the plain data is never changed in place (actor_from
# copies it), so sharing one dict among mentions is safe.
_MEMO_SIZE = 4096
_data_of_actor: dict[int, tuple[Actor, dict]] = {}
_actor_of_data: dict[int, tuple[dict, Actor]] = {}


def _remember(actor: Actor, data: dict) -> None:
    if len(_data_of_actor) >= _MEMO_SIZE or len(_actor_of_data) >= _MEMO_SIZE:
        _data_of_actor.clear()
        _actor_of_data.clear()
    _data_of_actor[id(actor)] = (actor, data)
    _actor_of_data[id(data)] = (data, actor)


def actor_data(actor: Actor) -> dict:
    known = _data_of_actor.get(id(actor))
    if known is not None and known[0] is actor:
        return known[1]
    data = {"id": actor.id, "label": actor.label, "type": str(actor.type), "code": actor.code,
            "sector": actor.sector, "qid": actor.qid, "aliases": list(actor.aliases), "country": actor.country}
    _remember(actor, data)
    return data


def actor_from(data: dict) -> Actor:
    known = _actor_of_data.get(id(data))
    if known is not None and known[0] is data:
        return known[1]
    actor = Actor(**{**data, "aliases": tuple(data["aliases"])})
    _remember(actor, data)
    return actor


def mention_data(mention: Mention) -> dict:
    return {"actor": actor_data(mention.actor), "start": mention.start, "end": mention.end,
            "text": mention.text, "kind": str(mention.kind)}


def mention_from(data: dict) -> Mention:
    return Mention(actor_from(data["actor"]), data["start"], data["end"], data["text"], data["kind"])


_EVENT_MENTIONS = ("actors", "recipients")
_EVENT_OPTIONAL = ("source", "place")


def event_data(event: Event) -> dict:
    data = {name: getattr(event, name) for name in event.__dataclass_fields__}
    for name in _EVENT_MENTIONS:
        data[name] = [mention_data(m) for m in data[name]]
    for name in _EVENT_OPTIONAL:
        data[name] = mention_data(data[name]) if data[name] is not None else None
    data["factuality"] = str(event.factuality)
    return data


def event_from(data: dict) -> Event:
    values = dict(data)
    for name in _EVENT_MENTIONS:
        values[name] = [mention_from(m) for m in values[name]]
    for name in _EVENT_OPTIONAL:
        values[name] = mention_from(values[name]) if values[name] is not None else None
    return Event(**values)


def article_data(article: Article) -> dict:
    """The article without its text (the Doc has it)."""
    return {"id": article.id, "date": article.date, "title": article.title, "url": article.url,
            "source": article.source}


class _Children:
    """Every token's children in one document, as lists made once: the rules (kg/actors.py,
    kg/events.py, kg/evidence.py) walk the same tokens' children again and again, and each
    `Token.children` walk makes new Token objects. Only the last document's table is kept, and
    it holds that Doc, so another Doc can never be taken for it."""

    doc: Doc | None = None
    lists: list[list[Token]] = []


_CHILDREN = _Children()


def kids(token: Token) -> list[Token]:
    """`token.children` (the same tokens, in the same order), from the table of its document.
    The list is shared: read it, never change it. The parse must not change after the first call
    on a document (no rule changes it)."""
    table = _CHILDREN
    if table.doc is not token.doc:
        table.doc, table.lists = token.doc, _children_lists(token.doc)
    return table.lists[token.i]


def _children_lists(doc: Doc) -> list[list[Token]]:
    tokens = list(doc)
    lists: list[list[Token]] = [[] for _ in tokens]
    # The HEAD array holds head.i - i (as unsigned integers: read back as signed), so no Token is
    # made for each head; children go in in index order, which is spaCy's (lefts, then rights).
    for i, offset in enumerate(doc.to_array("HEAD").astype(numpy.int64).tolist()):
        if offset:
            lists[i + offset].append(tokens[i])
    return lists


def token_texts(doc: Doc) -> list[str]:
    """Every token's text, read from the Doc's array: iterating the Doc would make a Token object
    for every word."""
    strings = doc.vocab.strings
    return [strings[orth] for orth in doc.to_array("ORTH").tolist()]


def token_indices(doc: Doc, attr: str, ids: Sequence[int]) -> list[int]:
    """The indices of the tokens whose `attr` ("TAG", "DEP") is one of `ids` (StringStore hashes),
    read from the Doc's array: a rule that looks at a few tokens need not make a Token object
    for every word."""
    values = doc.to_array(attr)
    hit = numpy.zeros(len(values), dtype=bool)
    for value in ids:
        hit |= values == value
    return numpy.flatnonzero(hit).tolist()


# ---------------------------------------------------------------- extensions

def _get_article(doc: Doc) -> Article | None:
    data = doc._.geo_article_data
    return Article(text=doc.text, **data) if data is not None else None


def article_fields(doc: Doc) -> Article | None:
    """The article's id, date, title and source, with its text left empty: `doc._.article`
    rebuilds the text from every token (a Python loop over the document), and the components
    read only the other fields."""
    data = doc._.geo_article_data
    return Article(text="", **data) if data is not None else None


def _set_article(doc: Doc, article: Article | None) -> None:
    doc._.geo_article_data = article_data(article) if article is not None else None


def _get_mentions(doc: Doc) -> list[Mention]:
    return [mention_from(r["mention"]) for r in doc._.geo_resolved_data or []]


def _get_events(doc: Doc) -> list[Event]:
    return [event_from(e) for e in doc._.geo_events_data or []]


def _get_actor(span: Span) -> Actor | None:
    for r in span.doc._.geo_resolved_data or []:
        if r["start"] == span.start and r["end"] == span.end and r["mention"]["actor"]["id"] == span.id_:
            return actor_from(r["mention"]["actor"])
    return None


def register_extensions() -> None:
    """Declare the extensions (idempotent: every component calls it)."""
    for name in ("geo_article_data", "geo_resolved_data", "geo_events_data"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    if not Doc.has_extension("article"):
        Doc.set_extension("article", getter=_get_article, setter=_set_article)
    if not Doc.has_extension("mentions"):
        Doc.set_extension("mentions", getter=_get_mentions)
    if not Doc.has_extension("events"):
        Doc.set_extension("events", getter=_get_events)
    if not Span.has_extension("actor"):
        Span.set_extension("actor", getter=_get_actor)


def article_doc(nlp: Language, article: Article) -> Doc:
    """A tokenised Doc that knows its article, ready for `nlp.pipe`: the components read the
    date (offices are resolved on it) and the title (it says where the story is)."""
    register_extensions()
    doc = nlp.make_doc(article.text)
    doc._.article = article
    return doc
