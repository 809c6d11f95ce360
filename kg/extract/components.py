"""The registered spaCy components that do the extraction, after the parser:

    verb_lemmas    verb lemmas the model's lemmatiser cut short ("staged" → "stag") set right
    geo_mentions   gazetteer phrases and NER entities → doc.spans["geo_mentions"]
    geo_actors     mentions resolved to canonical actors → doc._.mentions, doc.spans["geo_actors"]
    plover_events  PLOVER events coded from the parse → doc._.events

Because extraction runs inside the pipeline, `nlp.pipe(..., n_process=N)` parallelises all of
it, not only the parse. The rules live in kg/actors.py and kg/events.py; the components hold
the loaded vocabularies, read the article from `doc._.article` and leave plain data behind
(kg/extract/doc.py). Settings (look-back windows, confidences) come from the component config.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from ..actors import ActorResolver, Resolved
from ..events import EventExtractor
from ..gazetteer import Gazetteer, load_gazetteer
from ..model import Article
from ..vocabulary import load_vocabulary
from .context import ActorSettings, EventSettings, defaults
from .deps import check_label_scheme
from .doc import (
    ACTORS,
    MATCHES,
    article_fields,
    event_data,
    mention_data,
    mention_from,
    register_extensions,
    token_indices,
)
from .types import MentionKind, check_actor_types

COMPONENTS = ("verb_lemmas", "geo_mentions", "geo_actors", "plover_events")
VERB_FORMS = {"VBD", "VBN", "VBG", "VBZ", "VBP"}  # verb forms the lemmatiser may get wrong
_VERB_FORM_IDS = [get_string_id(tag) for tag in sorted(VERB_FORMS | {"VB"})]  # VB too: "retook" tagged a base form


def _qid(tables: dict, kind: str, key: str) -> str | None:
    """The Wikidata QID of what a gazetteer phrase names, if the gazetteer has one (`tables`:
    `_qid_tables(gaz)`, made once per component)."""
    table = tables.get(kind)
    actor = table.get(key) if table is not None else None
    return actor.qid if actor is not None else None


def _qid_tables(gaz: Gazetteer) -> dict:
    """Mention kind → the gazetteer table its keys belong to."""
    return {MentionKind.STATE: gaz.states, MentionKind.DEMONYM: gaz.states, MentionKind.METONYM: gaz.states,
            MentionKind.ORG: gaz.orgs, MentionKind.PERSON: gaz.people, MentionKind.REGION: gaz.regions,
            MentionKind.PLACE: gaz.places}


def resolved_data(r: Resolved) -> dict:
    return {"mention": mention_data(r.mention), "start": r.start, "end": r.end, "head": r.head,
            "confidence": r.confidence, "kind": str(r.kind)}


def resolved_from(data: dict) -> Resolved:
    return Resolved(mention_from(data["mention"]), data["start"], data["end"], data["head"], data["confidence"],
                    MentionKind(data["kind"]))


def _component(nlp: Language, kind: type):
    """The first component of `nlp` of a class, if any (to share its loaded data)."""
    return next((pipe for _, pipe in nlp.pipeline if isinstance(pipe, kind)), None)


class VerbLemmas:
    """Sets right the lemma of an inflected verb the lemmatiser got wrong, when the lexicon
    knows the right one and not the wrong one: cut short by its final e ("staged" → "stag",
    "hopes" → "hop"), or an irregular verb behind a prefix left whole ("retook", "overran": the
    model's own table of irregular forms gives "take", "run"). Every rule after it reads lemmas."""

    def __init__(self, nlp: Language) -> None:
        vocab = load_vocabulary()
        self.verbs = frozenset(lemma for lemma, pos in vocab.frames if pos == "VERB") | frozenset(vocab.light_verbs) \
            | frozenset(vocab.say_verbs)
        self.irregular = _irregular_verbs(nlp)

    def __call__(self, doc: Doc) -> Doc:
        for i in token_indices(doc, "TAG", _VERB_FORM_IDS):  # (only the verbs: a Token per word costs more)
            token = doc[i]
            lemma = token.lemma_
            if lemma in self.verbs:
                continue
            if token.tag_ == "VB":
                if (whole := self._prefixed_irregular(token.lower_)) is not None:
                    token.lemma_ = whole  # "the army retook": a past form the tagger took for a base form
                continue
            if lemma + "e" in self.verbs and token.lower_.startswith(lemma):
                token.lemma_ = lemma + "e"
            elif (whole := self._prefixed_irregular(token.lower_)) is not None:
                token.lemma_ = whole
        return doc

    def _prefixed_irregular(self, word: str) -> str | None:
        """'retook' → 'retake', 'overran' → 'overrun': a verb prefix before an irregular form."""
        for prefix in VERB_PREFIXES:
            rest = word[len(prefix):]
            if word.startswith(prefix) and rest in self.irregular and prefix + self.irregular[rest] in self.verbs:
                return prefix + self.irregular[rest]
        return None


VERB_PREFIXES = ("re", "over", "out", "under", "with", "up")


def _irregular_verbs(nlp: Language) -> dict[str, str]:
    """The model lemmatiser's own irregular verb forms ("took" → "take"), if it has a table."""
    try:
        table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_exc")["verb"]
    except (KeyError, ValueError, AttributeError):
        return {}
    return {form: lemmas[0] for form, lemmas in table.items() if lemmas}


class GeoMentions:
    """Marks what the gazetteer knows and what NER adds (the resolver's matching step)."""

    def __init__(self, nlp: Language) -> None:
        register_extensions()
        check_label_scheme(nlp)
        check_actor_types()
        self.resolver = ActorResolver(nlp, load_gazetteer())
        self.qid_tables = _qid_tables(self.resolver.gaz)

    def __call__(self, doc: Doc) -> Doc:
        tables = self.qid_tables
        doc.spans[MATCHES] = [Span(doc, s.start, s.end, label=s.label_, span_id=s.id_,
                                   kb_id=_qid(tables, s.label_, s.id_) or "") for s in self.resolver.matches(doc)]
        return doc


class GeoActors:
    """Resolves the marked mentions (and pronouns, descriptions, compositions) to actors."""

    def __init__(self, nlp: Language, settings: ActorSettings) -> None:
        register_extensions()
        check_label_scheme(nlp)
        mentions = _component(nlp, GeoMentions)
        # Share the phrase matcher geo_mentions built; the resolver keeps no per-document state.
        base = mentions.resolver if mentions is not None else ActorResolver(nlp, load_gazetteer())
        self.resolver = base.with_settings(settings)

    def __call__(self, doc: Doc) -> Doc:
        article = article_fields(doc)
        spans = list(doc.spans[MATCHES]) if MATCHES in doc.spans else None
        resolved = self.resolver.resolve(doc, article.date if article else None, article.title if article else None,
                                         spans=spans)
        doc._.geo_resolved_data = data = [resolved_data(r) for r in resolved]
        _HANDOFF[:] = [(data, resolved)]
        doc.spans[ACTORS] = [Span(doc, r.start, r.end, label=str(r.kind), span_id=r.actor.id, kb_id=r.actor.qid or "")
                             for r in resolved]
        return doc


# geo_actors hands the mentions it resolved straight to plover_events when the same Doc goes from
# one to the other in this process (the usual case): reading them back from the plain data made
# every mention's objects again. Matched by the identity of the data list stored on the Doc, and
# taken once; a Doc that went through bytes (another process) is read from its data as before.
_HANDOFF: list[tuple[list, list[Resolved]]] = []


class PloverEvents:
    """Codes PLOVER events from the parse and the resolved mentions."""

    def __init__(self, nlp: Language, settings: EventSettings) -> None:
        register_extensions()
        check_label_scheme(nlp)
        actors = _component(nlp, GeoActors)
        resolver = actors.resolver if actors is not None else ActorResolver(nlp, load_gazetteer())
        self.events = EventExtractor(load_vocabulary(), resolver, settings)

    def __call__(self, doc: Doc) -> Doc:
        if doc._.geo_resolved_data is None:
            raise ValueError("plover_events needs the geo_actors component before it in the pipeline")
        article = article_fields(doc) or Article(id="", text="")  # events read its id and date
        data = doc._.geo_resolved_data
        handed = _HANDOFF.pop() if _HANDOFF else None
        resolved = list(handed[1]) if handed is not None and handed[0] is data \
            else [resolved_from(r) for r in data]
        doc._.geo_events_data = [event_data(e) for e in self.events.extract(doc, article, resolved)]
        return doc


@Language.factory("verb_lemmas", requires=["token.lemma", "token.tag"], assigns=["token.lemma"])
def make_verb_lemmas(nlp: Language, name: str) -> VerbLemmas:
    return VerbLemmas(nlp)


@Language.factory("geo_mentions", requires=["token.dep", "token.pos", "token.tag", "doc.ents"],
                  assigns=["doc.spans"])
def make_geo_mentions(nlp: Language, name: str) -> GeoMentions:
    return GeoMentions(nlp)


@Language.factory("geo_actors", default_config={"settings": defaults(ActorSettings)},
                  requires=["token.dep", "token.lemma"], assigns=["doc.spans"])
def make_geo_actors(nlp: Language, name: str, settings: dict) -> GeoActors:
    return GeoActors(nlp, ActorSettings.from_config(settings))


@Language.factory("plover_events", default_config={"settings": defaults(EventSettings)},
                  requires=["token.dep", "token.lemma", "doc.ents"])
def make_plover_events(nlp: Language, name: str, settings: dict) -> PloverEvents:
    return PloverEvents(nlp, EventSettings.from_config(settings))


def add_extraction(nlp: Language, config: dict[str, dict] | None = None) -> Language:
    """Add the four components at the end of `nlp` (after the parser, tagger, lemmatizer and
    NER they read); `config` maps a component name to its config ({"settings": {...}})."""
    config = config or {}
    for name in COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, config=config.get(name, {}))
    return nlp
