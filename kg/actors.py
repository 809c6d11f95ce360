"""Actor resolution: every mention in a parsed article becomes a canonical `Actor`.

Gazetteer phrases are matched first (names, demonyms, capitals, titles, the heads of state
bodies), then composed: "Russian Foreign Minister Sergei Lavrov" is one person of Russia's
government, "the Syrian president" is whoever held that office on the article's date,
"Assad's army" and "government forces" are the Syrian armed forces. spaCy's NER only fills
in what the gazetteer lacks, because on its own it mislabels places and groups.
"""

from __future__ import annotations

import copy
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, replace

from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from .evidence import agency_named, named_agency, never_an_actor, settle
from .extract import ids
from .extract.context import ActorContext, ActorSettings
from .extract.doc import kids, token_indices, token_texts
from .extract.proposals import Proposals
from .extract.types import ActorType as T
from .extract.types import MentionKind as K
from .gazetteer import Gazetteer, TextMatcher
from .model import Actor, Mention
from .places import city_names, locate
from .vocabulary import words

POSSESSIVE = {"'s", "’s", "'", "’"}
INDICATOR_KINDS = {K.STATE, K.DEMONYM, K.METONYM, K.ORG, K.PERSON, K.COMPOSED_PERSON, K.PEOPLE}
NER_KINDS = {"PERSON", "ORG", "GPE", "LOC", "FAC"}
ANAPHOR_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "poss", "dative", "conj", "appos"}
_ANAPHOR_DEP_IDS = [get_string_id(dep) for dep in sorted(ANAPHOR_DEPS)]
DEFINITE_DESCRIPTIONS = {
    "group": {T.ARMED_GROUP, T.PARTY, T.ORGANISATION}, "militants": {T.ARMED_GROUP}, "militia": {T.ARMED_GROUP},
    "movement": {T.ARMED_GROUP, T.PARTY}, "country": {T.STATE}, "alliance": {T.IGO},
    "organisation": {T.IGO, T.ORGANISATION, T.ARMED_GROUP},
    "organization": {T.IGO, T.ORGANISATION, T.ARMED_GROUP},
    "bloc": {T.IGO},
    "enemy": {T.ARMED_GROUP}, "terrorists": {T.ARMED_GROUP}, "insurgents": {T.ARMED_GROUP},
    "jihadists": {T.ARMED_GROUP}, "extremists": {T.ARMED_GROUP},
}
SPEAKER_NOUNS = words("speaker_nouns")
_PAIR_OF_PEOPLE = {T.PERSON}
_PAIR_OF_STATES = {T.STATE, T.GOVERNMENT}
PAIR_NOUNS = {  # "the two leaders", "both countries": nouns for two parties told before, by their kind
    **dict.fromkeys(("leader", "minister", "president", "premier", "man", "woman", "head", "envoy",
                     "diplomat", "counterpart"), _PAIR_OF_PEOPLE),
    **dict.fromkeys(("country", "nation", "state", "government", "neighbor", "neighbour", "side", "capital",
                     "ally", "rival"), _PAIR_OF_STATES),
}
ADJACENT_REACH = 12  # tokens back to look for a mention that ends right before another
ROLE_WORDS_MAX = 6  # "foreign ministry deputy spokesperson": the words between a body and a person's name
SPEAKING_BODY_TYPES = {T.GOVERNMENT, T.STATE_BODY, T.ARMED_FORCES, T.IGO, T.ORGANISATION, T.PARTY}
# Actors a common noun of their name can refer back to ("the court", "the commission")
NAMED_BY_WORD_TYPES = {T.IGO, T.ORGANISATION, T.MEDIA, T.PARTY, T.STATE_BODY}
TITLE_QUALIFIERS = words("title_qualifiers")
FORMER = words("former")
LOCAL_SECTORS = {"REB", "CVL", "REF", "LAB", "EDU", "MED", "REL", "JRN", "AGR", "CRM"}
FIRST_PERSON_PLURAL = {"we", "us", "our"}
FIRST_PERSON_SINGULAR = {"i", "me", "my"}
SAY_LEMMAS = words("say_lemmas")
PERSON_PRONOUNS = {"he", "him", "his", "she", "her"}
LOCATING_PARTICIPLES = words("locating_participles")
LOCATING_PREPOSITIONS = words("locating_prepositions")
TERRITORY_NOUNS = words("territory_nouns")
COMPASS_WORDS = words("compass_words")
PERSON_POSSESSIVES = {"his", "her"}  # "his government" belongs to a person, not by default to the main country
# "it", "they": the last named state, organisation or group (never a person or a place).
COLLECTIVE_PRONOUNS = {"it", "its", "they", "them", "their"}
PLURAL_PRONOUNS = {"they", "them", "their"}
NGO_NAME_WORDS = words("ngo_name_words")
STATE_ORGAN_WORDS = words("state_organ_words")
NAME_JOINERS = {"of", "for", "on", "and", "the", "in"}
COLLECTIVE_TYPES = {T.STATE, T.GOVERNMENT, T.ARMED_FORCES, T.STATE_BODY, T.ARMED_GROUP, T.PARTY,
                    T.IGO, T.MEDIA, T.ORGANISATION, T.GROUP}
GENERIC_LEADER_OFFICES = {"group_leader", "leader"}
# How far back pronouns and descriptions look, and how sure each guess is: ActorSettings
# (kg/extract/context.py), set from the geo_actors component's config.
_ABBREVIATION = re.compile(r"^[A-Z][A-Z.\-&]{0,7}$")


@dataclass
class Resolved:
    """A mention with its token span and syntactic head in the spaCy Doc."""

    mention: Mention
    start: int  # token offsets
    end: int
    head: int
    confidence: float = 1.0
    kind: K = K.UNSPECIFIED

    @property
    def actor(self) -> Actor:
        return self.mention.actor


@dataclass
class PhraseTables:
    """What the resolver's matcher is made of, worked out from the gazetteer alone (so the
    compiled cache can keep it, kg/cache.py): rule names are "kind|key"."""

    named: dict[str, tuple[K, str]]  # rule → what it names
    # The TextMatcher's tiers, (case-sensitive text → rule ids, lower-case text → rule ids), the
    # ids being the StringStore's hashes of the rule names: the hand-written abbreviations, the
    # other hand-written names, the imported names (in the order the rules read their matches).
    tiers: list[tuple[dict[str, list[int]], dict[str, list[int]]]]
    prefixes: set[str]
    agency_title_case: set[str]
    lowercase_ok: set[str]


def phrase_tables(gazetteer: Gazetteer) -> PhraseTables:
    """The matcher's phrases by rule and tier: the hand-written names (case-sensitive for
    abbreviations, lower case for the rest), then the imported (bulk) ones; and the words that
    may be written in lower case inside a name."""
    named: dict[str, tuple[K, str]] = {}
    bulk = TextMatcher(None)
    by_label: dict[tuple[bool, K, str], list[str]] = {}
    kinds = {str(k): k for k in K}  # (a dict: K(text) for each of 30,000 phrases took a tenth of a second)
    for phrase in gazetteer.phrases:
        kind = kinds.get(phrase.kind) or K(phrase.kind)
        exact = bool(_ABBREVIATION.match(phrase.text)) and kind not in {K.TITLE, K.BODY}
        if phrase.bulk:
            rule = f"{kind}|{phrase.key}"
            named[rule] = (kind, phrase.key)
            bulk.add(rule, phrase.text, exact)
            continue
        by_label.setdefault((exact, kind, phrase.key), []).append(phrase.text)
    # News agencies known by an acronym are also written in title case ("state news agency
    # Sana"); that spelling counts only where the article calls it an agency (see _gazetteer_spans).
    agency_title_case: set[str] = set()
    for phrase in gazetteer.phrases:
        if phrase.kind == K.ORG and not phrase.bulk and gazetteer.orgs[phrase.key].type == T.MEDIA \
                and _ABBREVIATION.match(phrase.text) and len(phrase.text) >= 3 and phrase.text.isalpha():
            agency_title_case.add(phrase.text.title())
            by_label.setdefault((True, K.ORG, phrase.key), []).append(phrase.text.title())
    # Words the gazetteer itself writes in lower case ("Syrian state television", "US-led").
    # (Imported agent nouns are heads, not names: they add no word here.)
    lowercase_ok = {word.lower() for phrase in gazetteer.phrases if not (phrase.bulk and phrase.kind == "body")
                    for word in re.findall(r"[^\W\d_]+", phrase.text) if word[:1].islower()}
    hand = TextMatcher(None, tiers=2)
    for (exact, kind, key), texts in by_label.items():
        rule = f"{kind}|{key}"
        named[rule] = (kind, key)
        for text in texts:
            hand.add(rule, text, exact, tier=0 if exact else 1)
    for table in (hand.tables[0][0], hand.tables[1][1]):  # the abbreviations' and the other names'
        _in_phrase_matcher_order(table)
    ids = {rule: get_string_id(rule) for rule in named}  # what the pipeline's StringStore will answer
    tiers = [({text: [ids[r] for r in rules] for text, rules in exact.items()},
              {text: [ids[r] for r in rules] for text, rules in lower.items()})
             for exact, lower in (*hand.tables, *bulk.tables)]
    return PhraseTables(named, tiers, hand.prefixes | bulk.prefixes, agency_title_case, lowercase_ok)


def _in_phrase_matcher_order(table: dict[str, list[str]]) -> None:
    """Put the rules of each hand-written phrase under two ("Abidjan": the place and the state it
    stands for; "spokesman": a title and the government's spokesperson) in the order spaCy's
    PhraseMatcher listed them, which decided which one resolution takes (the first of two equal
    spans). The PhraseMatcher that matched these names before the TextMatcher did lists them by
    its hash table of rule names, filled in the order the rules were added (the order `table`
    keeps); asking it keeps every result as it was."""
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    shared = {text: rules for text, rules in table.items() if len(rules) > 1}
    vocab = Vocab()
    matcher = PhraseMatcher(vocab, attr="ORTH")  # (each key one word, already lower case where it should be)
    for text, rules in shared.items():
        for rule in rules:
            matcher.add(rule, [Doc(vocab, words=[text])])
    for text in shared:
        table[text] = [vocab.strings[m] for m, _, _ in matcher(Doc(vocab, words=[text]))]


def _tables_for(gazetteer: Gazetteer) -> PhraseTables:
    """The phrase tables of `gazetteer`: cached for the gazetteer of ontology/, made for any other."""
    from .cache import compiled
    from .gazetteer import load_gazetteer

    if gazetteer is not load_gazetteer():
        return phrase_tables(gazetteer)
    return compiled("phrase-tables", lambda: phrase_tables(gazetteer), extra=f"spacy {spacy_version()}")


def spacy_version() -> str:
    import spacy

    return spacy.__version__


class ActorResolver:
    """Builds the phrase matcher once; `resolve` runs on each parsed document."""

    def __init__(self, nlp, gazetteer: Gazetteer, settings: ActorSettings | None = None) -> None:
        self.gaz = gazetteer
        self.settings = settings or ActorSettings()
        self.make_doc = nlp.make_doc
        self._state_of_code = {a.code: key for key, a in gazetteer.states.items() if a.code}
        self._gazetteer_places = frozenset(a.id for a in gazetteer.places.values())
        # News agencies under an acronym ("SANA", "IRNA"), for their title-case spelling ("Sana").
        self.agencies = {name.lower(): actor for actor in gazetteer.orgs.values() if actor.type == T.MEDIA
                         for name in (actor.label, *actor.aliases) if _ABBREVIATION.match(name)}
        # Each matcher rule has an opaque name; what it names (kind, key) is looked up, never parsed.
        tables = _tables_for(gazetteer)
        self._named: dict[int, tuple[K, str]] = {nlp.vocab.strings.add(rule): named
                                                 for rule, named in tables.named.items()}
        self.matcher = TextMatcher.from_tiers(nlp.vocab.strings, tables.tiers, tables.prefixes)
        self.agency_title_case = tables.agency_title_case
        self.lowercase_ok = tables.lowercase_ok

    # ------------------------------------------------------------ matching

    def _gazetteer_spans(self, doc: Doc) -> list[Span]:
        spans = []
        for match_id, start, end in self.matcher(doc):
            kind, key = self._named[match_id]
            if kind not in {K.TITLE, K.BODY} and not _capitalised(doc[start:end], self.lowercase_ok):
                continue
            if kind == K.TITLE and doc[end - 1].tag_ in {"JJ", "JJR", "JJS"}:
                continue  # "the general election", "a chief concern": an adjective, not an office
            if kind == K.TITLE and start > 0 and doc[start - 1].pos_ == "ADP" and doc[start].is_lower \
                    and (end == len(doc) or doc[end].pos_ != "PROPN"):
                continue  # "in general": a bare lower-case title right after a preposition names no one
            if kind in {K.REGION, K.PEOPLE} and end < len(doc) and doc[end].is_title:
                continue  # "West Africans", "West Bank" are not the West; "Tamil Nadu" is a place
            if kind == K.ORG and start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title \
                    and doc[start - 1].ent_iob_ in {"B", "I"} and doc[start].ent_iob_ == "I":
                continue  # "National Security Council" is not the UN Security Council
            if kind == K.ORG and doc[start:end].text in self.agency_title_case and not agency_named(doc[start:end]):
                continue  # "Sana" is the agency SANA only where the article calls it an agency
            if kind == K.PERSON and end - start == 1 and _other_given_name(doc, start, self.gaz.people[key]):
                continue  # "Omar Saleh" is not Ali Abdullah Saleh
            spans.append(Span(doc, start, end, label=kind, span_id=key))
        return spans

    def with_settings(self, settings: ActorSettings) -> ActorResolver:
        """The same matchers and gazetteer with other settings (the resolver keeps no
        per-document state, so both may serve documents at once)."""
        twin = copy.copy(self)
        twin.settings = settings
        return twin

    def matches(self, doc: Doc) -> list[Span]:
        """Gazetteer phrases (the longest where they overlap) and the NER entities they leave
        uncovered, in text order: label = mention kind, id = gazetteer key or NER label."""
        gaz = filter_spans(self._gazetteer_spans(doc))
        taken = {i for span in gaz for i in range(span.start, span.end)}
        ner = [Span(doc, e.start, e.end, label=K.NER, span_id=_ner_kind(e)) for e in doc.ents
               if _ner_kind(e) in NER_KINDS and not taken.intersection(range(e.start, e.end))]
        return sorted(gaz + [_trim_the(s) for s in ner], key=lambda s: s.start)

    # ------------------------------------------------------------ resolution

    def context_for(self, doc: Doc, spans: list[Span], date: str | None, title: str | None = None) -> ActorContext:
        """What the document says about itself before any mention is resolved: its main
        country, the scene of its places, its only state; the title (when it is not part of
        the text) counts with the lead."""
        title_spans = self._title_spans(title)
        named = {s.id_ for s in spans if s.label_ in {K.STATE, K.DEMONYM, K.METONYM}}
        texts = token_texts(doc)
        marks = [i for i, text in enumerate(texts) if text in QUOTE_MARKS]
        return ActorContext(
            date=date,
            country=self._context_country(spans + title_spans),
            scene=self._scene_country(spans + title_spans),
            sole_state=next(iter(named)) if len(named) == 1 else None,
            straight_quotes=[i for i in marks if texts[i] == '"'],  # to tell opening from closing marks
            quote_marks=marks,
            described=self._described_people(doc, spans, texts),
        )

    def _described_people(self, doc: Doc, spans: list[Span], texts: list[str]) -> dict[str, str]:
        """Where the text says people the gazetteer lacks are from, by their surname: the first
        country, demonym or town in an appositive ("Lai, a businessman and founder of a newspaper
        in Hong Kong", "Ndlovu, a Zimbabwean lawyer"). That beats the story's main country for
        every mention of the person, before and after."""
        places = [s for s in spans if s.label_ in {K.STATE, K.DEMONYM, K.METONYM, K.PLACE}]
        starts = [s.start for s in places]
        surnames = {doc[s.end - 1].text for s in spans if s.label_ == K.NER and s.id_ == "PERSON"}
        found: dict[str, str] = {}
        for i, text in enumerate(texts):  # (each token's text, read once by the caller)
            if text not in surnames or _surname(text) in found:
                continue  # "Mwangi, a publisher in Nairobi": NER may miss the surname alone
            token = doc[i]
            surname = _surname(text)
            for appos in (c for c in kids(token) if c.dep_ == "appos"):
                lo, hi = appos.left_edge.i, appos.right_edge.i
                first = bisect_left(starts, lo)
                inside = next((s for s in places[first:first + 8] if s.start <= hi and s.end - 1 <= hi), None)
                state = None if inside is None else (
                    self.gaz.places[inside.id_].state_key if inside.label_ == K.PLACE else inside.id_)
                if state in self.gaz.states:
                    found[surname] = state
                    break
        return found

    def resolve(self, doc: Doc, date: str | None, title: str | None = None,
                spans: list[Span] | None = None) -> list[Resolved]:
        """All actor mentions in `doc`, composed and resolved against the article date;
        `spans` are the gazetteer and NER matches when a pipeline component already found them."""
        spans = self.matches(doc) if spans is None else spans
        ctx = self.context_for(doc, spans, date, title)
        context = ctx.country
        # Rules propose mentions; a composition supersedes the parts it was made of (one record,
        # kg/extract/proposals.py); anaphora then fill only the tokens no chosen mention covers.
        out: Proposals[Resolved] = Proposals(key=_token_span)
        consumed: set[int] = set()
        for i, span in enumerate(spans):
            if i in consumed:
                continue
            kind, key = K(span.label_), span.id_
            resolved = None
            if kind == K.TITLE:
                resolved = self._title(ctx, doc, spans, i, key, date, context, consumed, out)
            elif kind == K.BODY:
                resolved = self._body(ctx, doc, spans, i, key, context, out)
            elif kind == K.DEMONYM and i + 1 < len(spans) and _adjacent(doc, span, spans[i + 1]) \
                    and spans[i + 1].label_ in {K.TITLE, K.BODY}:
                continue  # the title or body that follows composes with it
            elif kind == K.PEOPLE:
                resolved = self._people(ctx, doc, span, key, out)
            elif kind == K.DEMONYM and (_ethnic(doc, span) or self._nationality_of(doc, spans, i)):
                resolved = self._demonym_group(ctx, doc, spans, i, consumed)
            elif kind == K.DEMONYM and _plural_people_noun(span):
                resolved = make_resolved(span.start, span.end, doc, self.gaz.body(key, "civilians"), kind=K.DEMONYM)
            else:
                resolved = self._simple(ctx, span, kind, key, context)
                if resolved and kind == K.NER and resolved.actor.type == T.PERSON:
                    resolved = self._in_role_of(doc, span, resolved, out)
            if resolved:
                out.propose(resolved)
        linked = _with_surnames_linked(out.chosen(), self.settings, self._gazetteer_places)
        return self._with_anaphora(ctx, doc, settle(self.gaz, ctx, doc, linked, make_resolved, self.city_in))

    def city_in(self, name: str, state: str | None) -> str | None:
        """The state (gazetteer key) where GeoNames has a city called `name`: `state` when it has
        one there, else the most populous one's; None when GeoNames knows no such city."""
        code = self.gaz.states[state].code if state in self.gaz.states else None
        if code and locate(name, code) is not None:
            return state
        found = locate(name)
        return self._state_of_code.get(found.country) if found else None

    def _with_anaphora(self, ctx: ActorContext, doc: Doc, out: list[Resolved]) -> list[Resolved]:
        """Add pronouns ("he", "they") and definite descriptions ("the group") as mentions of
        the actor they most plausibly refer to, in text order."""
        taken = {i for r in out for i in range(r.start, r.end)}
        ordered = sorted(out, key=lambda r: r.start)
        starts = [r.start for r in ordered]
        found = []
        for i in token_indices(doc, "DEP", _ANAPHOR_DEP_IDS):  # (only tokens in an argument's place)
            if i in taken:
                continue
            token = doc[i]
            if token.lower_ == "it" and _impersonal(token):
                continue  # "it is likely that ...": nothing is referred to
            if not _may_refer_back(token):
                continue  # (no rule below can take it: the mentions before it need not be gathered)
            # Antecedents lie within a few hundred tokens: look only there, so long texts stay linear.
            reach = self.settings.anaphor_reach
            lo = bisect_left(starts, token.i - reach)
            known = [r for r in ordered[lo:bisect_left(starts, token.i)] if r.end <= token.i]
            if pair := self._the_two(token, known):  # "the two leaders discussed …": both of them
                found.extend(pair)
                continue
            if token.lower_ in FIRST_PERSON_PLURAL:  # the speaker is often named after the quotation
                resolved = self._speaker(ctx, token, ordered[lo:bisect_left(starts, token.i + 2 * reach)])
            elif token.lower_ in FIRST_PERSON_SINGULAR:
                resolved = self._quoted_person(ctx, token, ordered[lo:bisect_left(starts, token.i + 2 * reach)])
            else:
                resolved = self.antecedent(ctx, token, known) or self._definite(token, known) or \
                    _titled_person(token, known, self.settings)
            if resolved:
                found.append(resolved)
                if token.lower_ in PLURAL_PRONOUNS:
                    found.extend(self._coordinated_antecedents(token, resolved, known))
        return sorted(out + found, key=lambda r: (r.start, -r.end))

    def _coordinated_antecedents(self, token: Token, resolved: Resolved, known: list[Resolved]) -> list[Resolved]:
        """'Pakistan and China reject claims that their joint ventures …': a plural pronoun whose
        antecedent was named in a coordination stands for every party of it, each a mention at
        the pronoun."""
        source = next((r for r in reversed(known) if r.actor.id == resolved.actor.id), None)
        if source is None:
            return []
        doc = token.doc
        partners = {c.i for c in doc[source.head].conjuncts}
        return [make_resolved(token.i, token.i + 1, doc, r.actor, resolved.confidence, K.PRONOUN)
                for r in _unique_actors(known) if r.head in partners and r.actor.id != resolved.actor.id
                and r.actor.type in COLLECTIVE_TYPES]

    def _the_two(self, token: Token, before: list[Resolved]) -> list[Resolved]:
        """'the two leaders', 'both countries', 'the two neighbours': the last two different
        actors of the noun's kind told before it (people for leaders and ministers, states and
        governments for countries and sides), as two mentions of one phrase."""
        kinds = PAIR_NOUNS.get(token.lemma_.lower())
        if not kinds or token.tag_ not in {"NNS", "NNPS"}:
            return []
        two = any(c.dep_ == "nummod" and c.lower_ == "two" for c in kids(token)) \
            and any(c.lower_ == "the" for c in kids(token))
        both = any(c.lower_ == "both" and c.dep_ in {"det", "predet", "preconj"} for c in kids(token))
        if not (two or both) or any(c.dep_ == "prep" and c.lower_ == "of" for c in kids(token)):
            return []
        window = token.i - self.settings.definite_window
        pair: list[Resolved] = []
        for previous in reversed(before):
            if previous.start < window or len(pair) == 2:
                break
            party = previous.actor.state_key or previous.actor.id
            if previous.actor.type in kinds and previous.kind != K.PRONOUN \
                    and party not in {p.actor.state_key or p.actor.id for p in pair}:
                pair.append(previous)
        if len(pair) < 2:
            return []
        start = token.left_edge.i
        return [make_resolved(start, token.i + 1, token.doc, r.actor, self.settings.definite_confidence,
                              K.DEFINITE) for r in reversed(pair)]

    def _speaker(self, ctx: ActorContext, token: Token, resolved: list[Resolved]) -> Resolved | None:
        """'We', 'our', 'us': the body the quoted speaker speaks for, else the body that last
        acted as a clause subject nearby (a statement's author names itself: "The United States
        condemns ... We urge ..."). A body named as an object is never 'we'."""
        speaker = self._quoted_body(ctx, token, resolved)
        if speaker is None:
            window = token.i - self.settings.speaker_window
            subjects = [r for r in resolved if window <= r.start and r.end <= token.i and _is_subject(r, token.doc)
                        and r.actor.type in COLLECTIVE_TYPES - {T.GROUP}]
            speaker = subjects[-1].actor if subjects else None
        confidence = self.settings.speaker_confidence
        return make_resolved(token.i, token.i + 1, token.doc, speaker, confidence, K.PRONOUN) if speaker else None

    def _quoted_person(self, ctx: ActorContext, token: Token, resolved: list[Resolved]) -> Resolved | None:
        """'"I thank Turkey for its support," Kerry said': an 'I', 'me' or 'my' inside a quotation
        is the person the reporting verb of that quotation names. Outside quotation marks an 'I'
        is the writer, whom the text does not name: nothing."""
        doc = token.doc
        for verb in _quote_verbs(token, ctx.straight_quotes, self.settings.quote_reach, ctx.quote_marks):
            for subject in (c for c in kids(verb) if c.dep_ == "nsubj"):
                inside = [r for r in resolved if subject.left_edge.i <= r.start and r.end <= subject.right_edge.i + 1
                          and r.actor.type == T.PERSON]
                if not inside and subject.lower_ in PERSON_PRONOUNS:
                    found = self.antecedent(ctx, subject, [r for r in resolved if r.end <= subject.i])
                    inside = [found] if found else []
                if inside:
                    return make_resolved(token.i, token.i + 1, doc, inside[0].actor,
                                         self.settings.speaker_confidence, K.PRONOUN)
        return None

    def _quoted_body(self, ctx: ActorContext, token: Token, resolved: list[Resolved]) -> Actor | None:
        """Whom a first-person pronoun speaks for: the subject of a reporting verb above it, or
        of the verb that introduces the quotation it stands in."""
        verbs = [a for a in token.ancestors if a.lemma_.lower() in SAY_LEMMAS]
        verbs += _quote_verbs(token, ctx.straight_quotes, self.settings.quote_reach, ctx.quote_marks)
        for verb in verbs:
            for subject in (c for c in kids(verb) if c.dep_ in {"nsubj", "nsubjpass"}):
                body = self._body_spoken_for(ctx, subject, resolved)
                if body is not None:
                    return body
        return None

    def _body_spoken_for(self, ctx: ActorContext, subject: Token, resolved: list[Resolved]) -> Actor | None:
        """A body ("the ministry said") speaks for itself; a person for the body named beside
        them ("Col. X, the coalition's spokesman") or else their country's government or forces."""
        inside = [r for r in resolved if subject.left_edge.i <= r.start and r.end <= subject.right_edge.i + 1]
        bodies = [r.actor for r in inside if r.actor.type in COLLECTIVE_TYPES - {T.GROUP}]
        if bodies:
            return bodies[0]
        people = [r.actor for r in inside if r.actor.type == T.PERSON]
        if not people and subject.lower_ in PERSON_PRONOUNS:
            found = self.antecedent(ctx, subject, [r for r in resolved if r.end <= subject.i])
            people = [found.mention.actor] if found else []
        for person in people:
            state = person.state_key
            if state in self.gaz.states:
                return self.gaz.body(state, "armed-forces" if person.sector == "MIL" else "government")
        return None

    def _definite(self, token: Token, before: list[Resolved]) -> Resolved | None:
        """'the group', 'the country', 'the alliance': the last actor of the matching type."""
        wanted = DEFINITE_DESCRIPTIONS.get(token.lemma_.lower())
        if not wanted:
            return self._org_named_by(token, before)
        if token.dep_ == "pobj" and (token.head.lower_ in LOCATIVES or (
                token.head.lower_ == "of" and token.head.head.lemma_.lower() in PARTS)):
            return None  # "in the country", "the north of the country": a place, not an actor
        # "the Syrian group" is Syria's, not the last group named
        named = {i for r in before[-8:] for i in range(r.start, r.end)}
        start = _definite_start(token, named)
        if start is None or any(c.dep_ == "prep" and c.lower_ == "of" for c in kids(token)):
            return None
        window = token.i - self.settings.definite_window
        candidates = [r for r in before if r.start >= window and r.actor.type in wanted]
        if not candidates:
            return None
        return make_resolved(start, token.i + 1, token.doc, candidates[-1].actor,
                             self.settings.definite_confidence, K.DEFINITE)

    def _simple(self, ctx: ActorContext, span: Span, kind: K, key: str, context: str | None) -> Resolved | None:
        gaz = self.gaz
        if kind == K.STATE or kind == K.DEMONYM:
            actor = gaz.states[key]
        elif kind == K.METONYM and _after_locative(span):
            actor = gaz.body(key, "civilians")  # "a curfew in Algiers": the city's people, not the government
        elif kind == K.METONYM:
            actor = gaz.body(key, "government")
        elif kind == K.ORG:
            actor = gaz.org_on(key, ctx.date)  # "the Taliban" of 2024 is Afghanistan's government
        elif kind == K.PERSON:
            actor = gaz.person_on(key, ctx.date)  # a person's code and sector follow the article date
        elif kind == K.REGION:
            actor = gaz.regions[key]
        elif kind == K.PLACE:
            return make_resolved(span.start, span.end, span.doc, gaz.places[key],
                                 self.settings.gazetteer_place_confidence, K.PLACE)
        elif kind == K.NER:
            return self._unknown(ctx, span, key, context)
        else:
            return None
        return make_resolved(span.start, span.end, span.doc, actor, kind=kind)

    def _people(self, ctx: ActorContext, doc: Doc, span: Span, key: str, out: Proposals[Resolved]) -> Resolved:
        """'Iraqi Kurds', 'Yoruba leaders', 'the Druze': a group of the country the text names
        just before it, else of the country the story is set in, else of its home country."""
        label, home = self.gaz.peoples[key]
        previous = out.last()
        start, state = span.start, None
        if previous is not None and previous.end == span.start and previous.kind == K.DEMONYM:
            out.supersede(previous, "a demonym before a people ('Iraqi Kurds') says where they live")
            start, state = previous.start, previous.actor.state_key
        state = state or ctx.scene or ctx.country or home
        return make_resolved(start, span.end, doc, self._group(key, label, state), kind=K.PEOPLE)

    def _group(self, key: str, label: str, state: str | None) -> Actor:
        where = f" in {self.gaz.states[state].label}" if state else ""
        return self.gaz.people_in(key, f"{label}{where}", state)

    def _nationality_of(self, doc: Doc, spans: list[Span], i: int) -> bool:
        """'Bosnian Serbs', 'Afghan Tajiks': a demonym qualifying a plural people noun."""
        following = spans[i + 1] if i + 1 < len(spans) else None
        return bool(following is not None and _adjacent(doc, spans[i], following)
                    and following.label_ == K.DEMONYM and doc[following.end - 1].tag_ in {"NNS", "NNPS"})

    def _demonym_group(self, ctx: ActorContext, doc: Doc, spans: list[Span], i: int, consumed: set[int]) -> Resolved:
        """A people living in a country that is not (or not only) its own: 'ethnic Albanians'
        belong where the story is; 'Bosnian Serbs' are Serbs of Bosnia, unless the story is set
        in the other country the words name."""
        span = spans[i]
        own = span.id_
        if _ethnic(doc, span):
            state = self._ethnic_state(ctx, own, span, spans)
            group = self._group(own.lower(), span.text, state)
            return make_resolved(span.start - 1, span.end, doc, group, kind=K.PEOPLE)
        people = spans[i + 1]
        consumed.add(i + 1)
        other = people.id_
        where = ctx.scene or ctx.country
        state = other if where == other else own
        return make_resolved(span.start, people.end, doc, self._group(other.lower(), people.text, state),
                             kind=K.PEOPLE)

    def _ethnic_state(self, ctx: ActorContext, own: str, span: Span, spans: list[Span]) -> str:
        """Where 'ethnic Xs' live: the story's country when it is another one than X's own,
        else the other country their sentence names ("ethnic Albanians marched in Serbia")."""
        where = ctx.scene or ctx.country
        if where and where != own:
            return where
        for other in spans:
            if other.sent == span.sent and other.start != span.start:
                kind, key = other.label_, other.id_
                state = key if kind in {K.STATE, K.DEMONYM, K.METONYM} else (
                    self.gaz.places[key].state_key if kind == K.PLACE else None)
                if state and state != own and state in self.gaz.states:
                    return state
        return own

    def _unknown(self, ctx: ActorContext, span: Span, label: str, context: str | None) -> Resolved | None:
        """An entity the gazetteer lacks: typed from NER, given a country from its own words."""
        text = span.text.strip()
        if len(text) < 2 or not any(ch.isalpha() for ch in text):
            return None
        if never_an_actor(span, city_names):
            return None  # page furniture, a code name, a make of vehicle, a sports club
        agency = named_agency(span, self.agencies)
        if agency is not None:
            return make_resolved(span.start, span.end, span.doc, agency, self.settings.ner_confidence, K.ORG)
        state = self._state_in_text(span, ctx) or None
        if _after_locative(span):
            label = "LOC"  # "near Ayn Isa": whatever NER thought, a place
        if label == "PERSON" and _lone_opening_word(span, ctx):
            return None  # '"Cherry picking is not an option"': NER's guess at a capitalised first word
        if label == "PERSON":
            # an appositive's country, else "Ouattara" in a story told from Ivory Coast
            state = state or ctx.described.get(_surname(text.split()[-1])) or ctx.sole_state or context
            actor = Actor(id=ids.unknown_person_id(text), label=text, type=T.PERSON,
                          code=self.gaz.states[state].code if state else None,
                          country=ids.state_id(state) if state else None)
            return make_resolved(span.start, span.end, span.doc, actor, self.settings.ner_confidence, K.NER)
        if label == "ORG" and not _names_settlement(span) and _civil_society_name(span):
            # "the Alliance of Democracies", "the Peace Rights Foundation": PLOVER's NGO
            actor = Actor(id=ids.unknown_org_id(text), label=text, type=T.ORGANISATION, code="NGO", sector="CVL",
                          country=ids.state_id(state) if state else None)
            return make_resolved(span.start, span.end, span.doc, actor, self.settings.ner_confidence, K.NER)
        if label == "ORG" and not _names_settlement(span):
            code = self.gaz.states[state].code if state else None
            actor = Actor(id=ids.unknown_org_id(text), label=text, type=T.ORGANISATION, code=code,
                          sector="UNK" if code else None, country=ids.state_id(state) if state else None)
            return make_resolved(span.start, span.end, span.doc, actor, self.settings.ner_confidence, K.NER)
        place_state = state or context
        actor = Actor(id=ids.unknown_place_id(text), label=text, type=T.PLACE, sector="CVL" if place_state else None,
                      code=self.gaz.states[place_state].code if place_state else None,
                      country=ids.state_id(place_state) if place_state else None)
        return make_resolved(span.start, span.end, span.doc, actor, self.settings.unknown_place_confidence, K.PLACE)

    def _state_in_text(self, span: Span, ctx: ActorContext | None = None) -> str | None:
        """The first country or demonym named inside `span` ("Syrian Democratic Forces"). It
        depends on the span's words alone (`_words_only`), so a name written again in the same
        document is answered from `ctx` (the document's context) without matching it again."""
        words_ = tuple((t.text, bool(t.whitespace_)) for t in span)
        known = ctx.states_in_names if ctx is not None else {}
        if words_ not in known:
            known[words_] = next((sub.id_ for sub in self._gazetteer_spans(_words_only(span))
                                  if sub.label_ in {K.STATE, K.DEMONYM}), None)
        return known[words_]

    def _indicator(self, ctx: ActorContext, doc: Doc, spans: list[Span], i: int,
                   out: Proposals[Resolved]) -> Resolved | None:
        """The country, organisation or person named just before spans[i] ("Syrian", "Turkey's")."""
        span = spans[i]
        start = span.start
        while start > 0 and doc[start - 1].lower_ in TITLE_QUALIFIERS:
            start -= 1  # "Nigerian junior foreign minister", "the former Syrian president"
        for previous in reversed(out):
            if previous.end > start:
                continue
            gap = [t.lower_ for t in doc[previous.end:start]]
            if previous.kind in INDICATOR_KINDS and (
                    (all(t in POSSESSIVE for t in gap) and len(gap) <= 1) or gap == ["-", "led"]):
                return previous  # "Turkey's foreign minister", "Vietnamese-led forces"
            break
        if start >= 2 and doc[start - 2].text == "-" and doc[start - 1].lower_ == "led":
            start -= 2
        if i > 0 and spans[i - 1].label_ == K.DEMONYM and spans[i - 1].end == start:
            key = spans[i - 1].id_
            if _ethnic(doc, spans[i - 1]):  # "ethnic Albanian guerrillas": of the story's country
                key = self._ethnic_state(ctx, key, spans[i - 1], spans)
            return make_resolved(spans[i - 1].start, spans[i - 1].end, doc, self.gaz.states[key], kind=K.DEMONYM)
        return None

    def _title(self, ctx, doc, spans, i, office, date, context, consumed, out) -> Resolved | None:
        """Title compositions: [country] title [name], or the office holder on the date."""
        title = spans[i]
        indicator = self._indicator(ctx, doc, spans, i, out)
        if indicator is not None and indicator.kind == K.PEOPLE:
            indicator = None  # "a Kurdish leader" does not hold an office of the state
        if indicator and indicator in out and indicator.kind in {K.DEMONYM, K.STATE, K.METONYM, K.ORG}:
            out.supersede(indicator, "the country or organisation of a title composes with it")
        start = indicator.start if indicator else title.start
        org_key = ids.key_of(indicator.actor.id) if indicator and indicator.actor.type != T.STATE \
            and ids.is_org(indicator.actor.id) else None
        state = indicator.actor.state_key if indicator else None
        sector = self.gaz.roles.get(office, "GOV")
        former = any(t.lower_ in FORMER for t in doc[max(0, title.start - 3):title.start])
        if former:
            sector = "ELI"  # PLOVER's sector for former officials
        following = spans[i + 1] if i + 1 < len(spans) else None
        if following is not None and following.start - title.end <= 1 and \
                all(t.is_punct or t.text in {","} for t in doc[title.end:following.start]):
            kind, key = following.label_, following.id_
            if kind == K.PERSON or (kind == K.NER and key == "PERSON"):
                consumed.add(i + 1)
                if kind == K.PERSON:
                    actor = self.gaz.person_titled(key, date, sector, indicator.actor.code if indicator else None)
                else:
                    name = following.text.strip()
                    # "Prime Minister Anwar Ibrahim of Malaysia": the state named after the name
                    if indicator is None and _state_after_of(doc, spans, i + 2, following.end):
                        consumed.add(i + 2)
                        state = spans[i + 2].id_
                        following = doc[following.start:spans[i + 2].end]
                    state = state or (None if indicator else context or ctx.sole_state)
                    code = self.gaz.states[state].code if state else (
                        indicator.actor.code if indicator else None)
                    actor = Actor(id=ids.unknown_person_id(name), label=name, type=T.PERSON, code=code,
                                  sector=sector if code else None,
                                  country=ids.state_id(state) if state else None)
                return make_resolved(start, following.end, doc, actor, kind=K.COMPOSED_PERSON)
        name_end = _proper_name_after(doc, title.end, ctx.covered_tokens(spans))
        if name_end:  # a name NER missed: "Peruvian Foreign Minister Ana Quispe Torres"
            name = doc[title.end:name_end].text
            j = i + 1
            while j < len(spans) and spans[j].start < name_end:
                j += 1  # the first span after the name: a step or two
            if indicator is None and _state_after_of(doc, spans, j, name_end):
                consumed.add(j)  # "Foreign Minister Ana Quispe of Peru"
                state, name_end = spans[j].id_, spans[j].end
            state = state or (None if indicator else context or ctx.sole_state)
            code = self.gaz.states[state].code if state else (indicator.actor.code if indicator else None)
            actor = Actor(id=ids.unknown_person_id(name), label=name, type=T.PERSON, code=code,
                          sector=sector if code else None, country=ids.state_id(state) if state else None)
            return make_resolved(start, name_end, doc, actor, self.settings.name_after_title_confidence,
                                 K.COMPOSED_PERSON)
        if indicator is None and following is not None and title.end + 1 == following.start \
                and doc[title.end].lower_ == "of" and following.label_ in {K.STATE, K.ORG}:
            kind, key = following.label_, following.id_
            consumed.add(i + 1)
            state = key if kind == K.STATE else None
            org_key = key if kind == K.ORG else None
            start, end = title.start, following.end  # "the president of Armenia"
        else:
            end = title.end
        if _unspecified_holder(doc, title) and (indicator is None or _non_state_title(doc, title)):
            return None  # "a tribal leader", "a local leader": someone, not the state's office holder
        if indicator is None and (owner := _common_noun_owner(title)) is not None:
            # "the court's president", "the bank's chairman": the head of that body, not of the state
            org = self._org_named_by(owner, out)
            if org is None:
                return None
            return make_resolved(org.start, end, doc, org.actor, org.confidence, K.DEFINITE)
        of = org_key or state or (None if indicator else context)
        if of is None:
            return None
        confidence = self.settings.office_with_country_confidence if indicator \
            else self.settings.office_from_story_confidence
        person = (self.gaz.leader(of, date) if office in GENERIC_LEADER_OFFICES
                  else self.gaz.holder(office, of, date))
        if person and not former and not _unspecified_holder(doc, title):
            return make_resolved(start, end, doc, self.gaz.people[person], confidence, K.COMPOSED_PERSON)
        if of in self.gaz.states:
            body = "armed-forces" if sector == "MIL" else "government"
            return make_resolved(start, end, doc, self.gaz.body(of, body), confidence, K.BODY)
        if org_key:
            return make_resolved(start, end, doc, self.gaz.orgs[org_key], confidence, K.ORG)
        return None

    def _body(self, ctx, doc, spans, i, key, context, out) -> Resolved | None:
        """A state body: needs a country word before it unless its head stands alone."""
        span = spans[i]
        indicator = self._indicator(ctx, doc, spans, i, out)
        if indicator is not None and indicator.kind == K.PEOPLE:
            return self._people_body(doc, span, key, indicator, out)
        if indicator is not None:
            if indicator.actor.type in {T.ARMED_GROUP, T.IGO, T.PARTY} \
                    and indicator.kind == K.ORG:
                out.supersede(indicator, "an organisation's body is the organisation ('Hamas fighters')")
                return make_resolved(indicator.start, span.end, doc, indicator.actor, kind=K.ORG)
            state = indicator.actor.state_key
            if state and state in self.gaz.states:
                if indicator in out and indicator.kind in {K.DEMONYM, K.STATE, K.METONYM}:
                    out.supersede(indicator, "the country of a state body composes with it ('Syrian army')")
                    start = indicator.start
                else:
                    start = span.start
                main = make_resolved(start, span.end, doc, self.gaz.body(state, key), kind=K.BODY)
                for body in self._coordinated(doc, spans, indicator.start, key, main.head, out):
                    out.propose(body)
                return main
        located = self._located_in(doc, spans, i)
        if located is not None:  # "security forces in Guinea", "militants based in Afghanistan"
            state, end = located
            return make_resolved(span.start, end, doc, self.gaz.body(state, key),
                                 self.settings.body_in_state_confidence, K.BODY)
        modifier = _government_modifier(doc, span)
        if any(t.dep_ == "poss" and t.lower_ in PERSON_POSSESSIVES for t in kids(span.root)):
            return None  # "his government": whoever he is, not the story's main country by default
        if self.gaz.bodies[key].sector == "REB" and not modifier:
            armed = self._armed_group_named(doc, span, out) or self._armed_people(ctx, doc, span, context)
            if armed is not None:
                return armed
        if (same := self._same_body_named(span, key, out)) is not None:
            return same  # "Afghanistan's foreign ministry … foreign ministry spokesperson Balkhi"
        if span.text.lower() in self.gaz.bare_heads or modifier:
            local = None
            if self.gaz.bodies[key].sector in LOCAL_SECTORS:
                local = self._coordinated_government(span, out) or ctx.scene
            if local or context:
                return make_resolved(span.start, span.end, doc, self.gaz.body(local or context, key),
                                     self.settings.bare_body_confidence, K.BODY)
        return None

    def _in_role_of(self, doc: Doc, span: Span, person: Resolved, out: Proposals[Resolved]) -> Resolved:
        """'Foreign ministry spokesperson Abdul Qahar Balkhi', 'the Kenyan army's chief Juma
        Kariuki': an unknown person named right after a body and a role noun or two speaks for
        that body, and belongs to its country, whatever the story's main country is."""
        ending: dict[int, Resolved] = {}
        for r in reversed(out):  # only the mentions just before the name: flat cost in a long text
            if r.start < span.start - ROLE_WORDS_MAX - ADJACENT_REACH:
                break
            if r.end <= span.start and (r.end not in ending or r.start < ending[r.end].start):
                ending[r.end] = r
        at, body = span.start, None
        while at > 0 and span.start - at <= ROLE_WORDS_MAX:
            if at in ending:  # the leftmost of adjacent mentions: "Foreign ministry | spokesperson"
                body = ending[at]
                at = body.start
            elif doc[at - 1].pos_ == "NOUN" or doc[at - 1].tag_ == "POS":
                at -= 1
            else:
                break
        if body is None or at == span.start or not body.actor.code or body.actor.type not in SPEAKING_BODY_TYPES:
            return person
        actor = replace(person.actor, code=body.actor.code, country=body.actor.country,
                        sector=body.actor.sector if body.actor.type != T.ORGANISATION else person.actor.sector)
        return make_resolved(person.start, person.end, doc, actor, person.confidence, person.kind)

    def _same_body_named(self, span: Span, key: str, out: Proposals[Resolved]) -> Resolved | None:
        """A body without a country word right after the same body was named with one ("Kenya's
        foreign ministry said … a foreign ministry spokesman added") is that one, not the body of
        the story's main country."""
        root = span.root
        if any(t.dep_ == "poss" for t in kids(root)):
            return None
        if root.dep_ in {"amod", "compound"} and root.head.lemma_.lower() not in SPEAKER_NOUNS \
                and root.head.ent_type_ != "PERSON":
            return None  # "the military alliance backing Assad" is an alliance, not the army
        for previous in reversed(out):  # the last few mentions: flat cost per body in a long text
            if previous.start < span.start - ADJACENT_REACH:
                break
            if previous.end == span.start:
                return None  # "senior U.S. military officials": the words before already place it
        window = span.start - self.settings.definite_window
        for previous in reversed(out):
            if previous.start < window:
                break
            state = previous.actor.state_key
            if previous.end <= span.start and state in self.gaz.states and previous.kind == K.BODY \
                    and previous.actor.id == self.gaz.body(state, key).id \
                    and span.doc[previous.start:previous.end].root.lemma_.lower() == root.lemma_.lower():
                return make_resolved(span.start, span.end, span.doc, previous.actor,
                                     self.settings.bare_body_confidence, K.BODY)
        return None

    def _org_named_by(self, word: Token, before: list[Resolved] | Proposals[Resolved]) -> Resolved | None:
        """The organisation a common noun refers back to by a word of its name: "the court"
        after the International Court of Justice, "the commission" after the European
        Commission. Only the last few hundred tokens count (definite_window)."""
        if not _common_noun_with_the(word):
            return None
        name_word = word.lemma_.lower()
        window = word.i - self.settings.definite_window
        for previous in reversed(before):
            if previous.start < window:
                break
            if previous.end <= word.i and previous.actor.type in NAMED_BY_WORD_TYPES \
                    and name_word in previous.actor.label.lower().split():
                return make_resolved(word.i - 1, word.i + 1, word.doc, previous.actor,
                                     self.settings.definite_confidence, K.DEFINITE)
        return None

    def _located_in(self, doc: Doc, spans: list[Span], i: int) -> tuple[str, int] | None:
        """The state a body without a country word is placed in by the words right after it, and
        where those words end: "the army of Syria", "security forces in Guinea", "militants based
        in Afghanistan", "fighters present on Afghan soil", "people in the Philippines", "rebels
        in Idlib" (a town stands for its state). CAMEO codes such actors by where they are."""
        span = spans[i]
        at = span.end
        if at < len(doc) and doc[at].lower_ in LOCATING_PARTICIPLES:
            at += 1
        if at >= len(doc) or doc[at].lower_ not in LOCATING_PREPOSITIONS or (doc[at].lower_ == "of" and at != span.end):
            return None
        at += 1
        if at < len(doc) and doc[at].lower_ == "the":
            at += 1
        if at < len(doc) and doc[at].lower_ in COMPASS_WORDS:
            at += 1  # "militants in northern Iraq"
        place = next((s for s in spans[i + 1:] if s.start == at), None)
        if place is None:
            return None
        kind, key = place.label_, place.id_
        if kind == K.STATE:
            return key, place.end
        if kind == K.PLACE and self.gaz.places[key].state_key in self.gaz.states and doc[span.end].lower_ != "of":
            return self.gaz.places[key].state_key, place.end
        if kind == K.DEMONYM and place.end < len(doc) and doc[place.end].lemma_.lower() in TERRITORY_NOUNS:
            return key, place.end + 1
        return None

    def _armed_group_named(self, doc: Doc, span: Span, out: Proposals[Resolved]) -> Resolved | None:
        """'Islamic State militants ... dozens of militants': the armed group the story has just
        named with that head word, not the rebels of the story's country. (The last armed group
        named is not enough: stories name the groups a government blames beside the ones that
        acted.)"""
        head = span.root.lemma_.lower()
        window = span.start - self.settings.definite_window
        for previous in reversed(list(out)):
            if previous.start < window:
                break
            if previous.end <= span.start and previous.actor.type == T.ARMED_GROUP \
                    and doc[previous.end - 1].lemma_.lower() == head and previous.end - previous.start > 1:
                return make_resolved(span.start, span.end, doc, previous.actor, self.settings.definite_confidence,
                                     K.DEFINITE)
        return None

    def _armed_people(self, ctx: ActorContext, doc: Doc, span: Span, context: str | None) -> Resolved | None:
        """'Kurdish fighters', 'Druze militiamen': fighters of a people (a nationality word NER
        knows and the gazetteer does not name as a state) are that people's armed group in the
        story's country, not the country's rebels: Kurdish fighters and the jihadists they fight
        are two sides."""
        left = doc[span.start - 1] if span.start > 0 else None
        if left is None or left.ent_type_ != "NORP" or left.ent_iob_ != "B" or not left.text[:1].isupper():
            return None
        state = ctx.scene or context
        where = f" in {self.gaz.states[state].label}" if state in self.gaz.states else ""
        label = f"{left.text} fighters{where}"
        actor = Actor(id=f"{ids.GROUP}/{ids.slug(left.text)}-fighters/{state or 'x'}", label=label,
                      type=T.ARMED_GROUP, code=self.gaz.states[state].code if state in self.gaz.states else None,
                      sector="REB", country=ids.state_id(state) if state in self.gaz.states else None)
        return make_resolved(left.i, span.end, doc, actor, self.settings.bare_body_confidence, K.BODY)

    def _people_body(self, doc: Doc, span: Span, key: str, people: Resolved,
                     out: Proposals[Resolved]) -> Resolved:
        """'Shona rebels', 'Tamil refugees' are that country's rebels and refugees; 'Yoruba
        leaders' lead the community, not the state, and stay the group."""
        out.supersede(people, "a people before a body ('Tamil refugees') composes with it")
        state = people.actor.state_key
        if key == "government" or state is None:
            return make_resolved(people.start, span.end, doc, people.actor, kind=K.PEOPLE)
        return make_resolved(people.start, span.end, doc, self.gaz.body(state, key), kind=K.BODY)

    def _coordinated(self, doc, spans, start, key, head, out) -> list[Resolved]:
        """'Hungarian and Romanian officials': one body per coordinated country word."""
        extra = []
        if start < 2 or doc[start - 1].lower_ not in {"and", "or"}:
            return extra  # "Russia and Iran, Syrian forces": a comma alone does not coordinate
        while start >= 2 and doc[start - 1].lower_ in {"and", "or", ","}:
            previous = next((s for s in spans if s.end == start - 1), None)
            if previous is None or previous.label_ not in {K.DEMONYM, K.STATE}:
                break
            state = previous.id_
            twin = next((r for r in out if r.start == previous.start), None)
            if twin is not None:
                out.supersede(twin, "a coordinated country word ('Hungarian and Romanian officials') is a body")
            body = make_resolved(previous.start, previous.end, doc, self.gaz.body(state, key), kind=K.BODY)
            body.head = head
            extra.append(body)
            start = previous.start
        return extra

    def _coordinated_government(self, span: Span, out: Proposals[Resolved]) -> str | None:
        """'the Sudanese government and the rebels in Darfur': rebels coordinated with one
        country's government belong to that country."""
        root = span.root
        linked = {root.head.i} if root.dep_ == "conj" else set()
        linked |= {c.i for c in kids(root) if c.dep_ == "conj"}
        sentence_start = span.sent.start
        for r in reversed(out):  # only the sentence's own mentions: flat cost in a long text
            if r.end <= sentence_start:
                break
            if r.head in linked and r.actor.type == T.GOVERNMENT and r.actor.country:
                return r.actor.state_key
        return None

    def _scene_country(self, spans: list[Span]) -> str | None:
        """Where the story happens: the country of the towns and regions it names, if one
        clearly leads. Rebels, civilians and refugees without a country word belong there."""
        counts: Counter[str] = Counter()
        for span in spans:
            kind, key = span.label_, span.id_
            if kind == K.PLACE and self.gaz.places[key].country:
                counts[self.gaz.places[key].state_key] += 1
        ranked = counts.most_common(2)
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            return ranked[0][0]
        return None

    def _title_spans(self, title: str | None) -> list[Span]:
        if not title:
            return []
        return filter_spans(self._gazetteer_spans(self.make_doc(title)))

    def _context_country(self, spans: list[Span]) -> str | None:
        """The article's main country: the state named most often, directly, through its people
        and bodies, or through its towns; the headline and first paragraph count triple."""
        counts: Counter[str] = Counter()
        for index, span in enumerate(spans):
            kind, key = span.label_, span.id_
            lead = span.start_char < self.settings.lead_chars or span.doc is not spans[0].doc
            weight = self.settings.lead_weight if lead else 1
            following = spans[index + 1] if index + 1 < len(spans) else None
            if kind in {K.DEMONYM, K.STATE} and following is not None and following.doc is span.doc \
                    and following.start == span.end and following.label_ == K.BODY \
                    and self.gaz.bodies[following.id_].sector not in LOCAL_SECTORS:
                # "Syrian government forces": the story is where the state's forces are; "Somali
                # herders" or "Syrian refugees" may be anywhere
                weight *= 2
            if kind == K.PLACE:
                place = self.gaz.places[key]
                if place.country:
                    counts[place.state_key] += weight
                continue
            if kind in {K.STATE, K.DEMONYM, K.METONYM}:
                counts[key] += weight
            elif kind in {K.PERSON, K.ORG}:
                actor = self.gaz.people.get(key) if kind == K.PERSON else self.gaz.orgs.get(key)
                if actor and actor.country:
                    counts[actor.state_key] += weight
        if not counts:
            return None
        (best, n), *rest = counts.most_common(2) + [(None, 0)]
        return best if n >= 2 and n > rest[0][1] else None

    def antecedent(self, ctx: ActorContext, token: Token, resolved: list[Resolved]) -> Resolved | None:
        """What a pronoun most plausibly refers to: the last person (he, she) or the last state,
        organisation or group (it, they) named shortly before it."""
        if token.lower_ in FIRST_PERSON_PLURAL:
            return self._speaker(ctx, token, resolved)
        if token.lower_ in PERSON_PRONOUNS:
            wanted = {T.PERSON}
        elif token.lower_ in COLLECTIVE_PRONOUNS:
            wanted = COLLECTIVE_TYPES
        else:
            return None
        if token.dep_ == "poss" and token.lower_ in {"its", "their", "his", "her"}:
            subject = _clause_subject(token, resolved, wanted)
            if subject is not None:  # "Pakistan urged its citizens": its = Pakistan
                return make_resolved(token.i, token.i + 1, token.doc, subject.actor,
                                     self.settings.possessive_pronoun_confidence, K.PRONOUN)
        window = token.i - self.settings.pronoun_window  # named nearby, not three paragraphs earlier
        before = [r for r in resolved if window <= r.start and r.end <= token.i and r.actor.type in wanted]
        if not before:
            return None
        last = before[-1]
        if token.dep_ in {"nsubj", "nsubjpass"}:
            # a subject pronoun continues the story of the last subject: "After the army came under
            # fire from the rebels, it asked for air support" (it = the army)
            nearby = token.sent.start if token.sent.start == 0 else token.doc[token.sent.start - 1].sent.start
            subjects = [r for r in before if r.start >= nearby and _is_subject(r, token.doc, main_only=False)]
            last = subjects[-1] if subjects else last
        confidence = self.settings.pronoun_person_confidence if wanted == {T.PERSON} \
            else self.settings.pronoun_collective_confidence
        return make_resolved(token.i, token.i + 1, token.doc, last.actor, confidence, K.PRONOUN)


def _civil_society_name(span: Span) -> bool:
    """An organisation's name built on a word that civil-society bodies take and states' organs
    do not ("Foundation", "Alliance", "Watch", "Institute", "Congress" of a people, "Committee
    for …"): an organisation the gazetteer lacks, named so, is a non-governmental one."""
    words_ = [t for t in span if t.is_alpha]
    if len(words_) < 2 or not all(t.is_title or t.is_lower and t.lower_ in NAME_JOINERS for t in words_):
        return False
    return any(t.lower_ in NGO_NAME_WORDS for t in words_) and not any(t.lower_ in STATE_ORGAN_WORDS for t in words_)


def _unique_actors(resolved: list[Resolved]) -> list[Resolved]:
    """The mentions, one per actor (the last one told)."""
    last = {r.actor.id: r for r in resolved}
    return list(last.values())


def _common_noun_owner(title: Span) -> Token | None:
    """The common noun that possesses a title ("the court's president"), if any."""
    return next((c for c in kids(title.root) if c.dep_ == "poss" and c.pos_ == "NOUN"), None)


def _definite_start(head: Token, named: set[int]) -> int | None:
    """Where a definite description starts: 'the group', and with common-word modifiers 'the
    separatist group', 'the Islamist militia'; None when it is not one ('a group', 'Hamas's
    group', 'the Syrian group' whose modifier names someone else is left to the gazetteer)."""
    i = head.i - 1
    while i >= 0 and head.doc[i].dep_ in {"amod", "compound"} and head.doc[i].head.i == head.i \
            and head.doc[i].pos_ in {"ADJ", "NOUN"} and i not in named:
        i -= 1
    return i if i >= 0 and head.doc[i].lower_ == "the" and head.doc[i].head.i == head.i else None


def _lone_opening_word(span: Span, ctx: ActorContext) -> bool:
    """A one-word name that opens its sentence (or quotation) and is never written elsewhere in
    the article: capitalised because it comes first, not because it names someone."""
    if len(span) != 1:
        return False
    doc, i = span.doc, span.start
    opening = span.sent.start == i or (i > 0 and doc[i - 1].is_quote and doc[i - 1].i == span.sent.start)
    return opening and ctx.times_written(doc, span.text) == 1


def make_resolved(start: int, end: int, doc: Doc, actor: Actor, confidence: float = 1.0,
                  kind: K = K.UNSPECIFIED) -> Resolved:
    """A mention of `actor` over tokens start..end of `doc`."""
    span = doc[start:end]
    mention = Mention(actor, span.start_char, span.end_char, span.text, kind)
    return Resolved(mention, start, end, span.root.i, confidence, kind)


NAME_PARTICLES = {"al", "el", "ad", "as", "an", "ar", "bin", "ibn", "of", "the", "and", "for", "de", "du", "la",
                  "le", "van", "von", "der", "in", "on", "to", "a"}


def _token_span(r: Resolved) -> tuple[int, int]:
    """Where a proposal lies: equal proposals lie in the same place (Proposals' index key)."""
    return r.start, r.end


def _words_only(span: Span) -> Doc:
    """The span's words as a Doc of their own, without the parse.

    Span.as_doc() would carry the tags and entities over too, but it reads the whole document's
    arrays and entities to do so, which made resolution grow with the square of a document's
    length (one call per name the gazetteer lacks). Whether a country or demonym is named
    inside the span depends only on its words: the phrase matchers read the words' text and
    the capitalisation check reads it too; the parse-based checks of `_gazetteer_spans` only
    ever drop titles, bodies, regions, peoples, organisations and people."""
    return Doc(span.doc.vocab, words=[t.text for t in span], spaces=[bool(t.whitespace_) for t in span])


def _capitalised(span: Span, lowercase_ok: set[str]) -> bool:
    """Names are written with capitals: 'Russia Today' is a broadcaster, 'Russia today' is not."""
    for token in span:
        if not token.is_alpha or token.lower_ in NAME_PARTICLES or token.lower_ in lowercase_ok \
                or token.text[:3].lower() in {"al-", "el-"}:
            continue
        if not token.text[:1].isupper():
            return False
    return True


def _ethnic(doc: Doc, span: Span) -> bool:
    """'ethnic Albanians': the people, not the state the demonym belongs to."""
    return span.start > 0 and doc[span.start - 1].lower_ == "ethnic"


def _plural_people_noun(span: Span) -> bool:
    """'Palestinians', 'young Algerians': a demonym used as a plural noun names the country's
    people, whom PLOVER codes as civilians (CVL), not the state acting through its government."""
    last = span[-1]
    return len(span) == 1 and last.tag_ in {"NNS", "NNPS"} and last.lower_.endswith("s") \
        and last.lower_ not in {"us", "u.s."}


def _adjacent(doc: Doc, left: Span, right: Span) -> bool:
    return left.end == right.start


SETTLEMENT_NOUNS = words("settlement_nouns")
LOCATIVES = words("locatives")
PERSON_TITLES = words("person_titles")
_REFERRING_PRONOUNS = frozenset(FIRST_PERSON_PLURAL | FIRST_PERSON_SINGULAR | PERSON_PRONOUNS | COLLECTIVE_PRONOUNS)
PARTS = words("parts")


def _ner_kind(entity: Span) -> str:
    """NER's label, except that a name it calls a nationality after a place preposition ("in
    Omdurman", which the gazetteer does not know as a demonym) is a place."""
    if entity.label_ == "NORP" and entity.root.pos_ == "PROPN" and _after_locative(entity):
        return "LOC"
    return entity.label_


def _after_locative(span: Span) -> bool:
    """An unknown name governed by a place preposition ("near Ayn Isa") names a place."""
    root = span.root
    before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
    return (root.dep_ == "pobj" and root.head.lower_ in LOCATIVES) or before in {"near", "outside"}


# States whose people are named family name first: "Xi Jinping ... Xi", "Kim Jong Un ... Kim".
FAMILY_NAME_FIRST = words("family_name_first_states")


def _with_surnames_linked(resolved: list[Resolved], settings: ActorSettings,
                          gazetteer_places: frozenset[str] = frozenset()) -> list[Resolved]:
    """'Defense Secretary Ash Carter ... Carter said': a later name the gazetteer lacks that is
    the last word of a person already named in the article is that person (also when NER took
    the lone surname for a place or an organisation: 'Jabouri said')."""
    people: dict[str, Actor] = {}
    out = []
    for r in sorted(resolved, key=lambda r: r.start):
        words = r.mention.text.split()
        surname = _surname(words[-1]) if words else ""
        unknown_name = (r.kind == K.NER and r.actor.type == T.PERSON) or (len(words) == 1 and (
            (r.kind == K.NER and r.actor.type == T.ORGANISATION)
            or (r.kind == K.PLACE and r.actor.id not in gazetteer_places)))
        if unknown_name and words and surname in people \
                and people[surname].id != r.actor.id and len(words) <= 2:
            m = r.mention
            r = Resolved(Mention(people[surname], m.start, m.end, m.text, K.SURNAME), r.start, r.end, r.head,
                         settings.surname_confidence, K.SURNAME)
        elif r.actor.type == T.PERSON and words:
            people.setdefault(surname, r.actor)
            family_first = (r.actor.state_key or "").lower() in FAMILY_NAME_FIRST
            if family_first and len(r.actor.label.split()) > 1:
                people.setdefault(r.actor.label.split()[0], r.actor)  # "Kim Jong Un ... Kim said"
        out.append(r)
    return out


_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|ar|as|an|at|az|ash|adh)[-‐]", re.I)


def _surname(word: str) -> str:
    """A family name as it is matched against earlier names: without the Arabic article
    ('al-Dulaimi' and 'Dulaimi' are one name), so 'Qasim Hamid al-Dulaimi ... Dulaimi said'
    is one person."""
    return _ARTICLE_PREFIX.sub("", word)


NON_STATE_QUALIFIERS = words("non_state_qualifiers")


def _non_state_title(doc: Doc, title: Span) -> bool:
    """'a tribal leader', 'the local leader': a title qualified as belonging to no state."""
    return any(t.lower_ in NON_STATE_QUALIFIERS for t in doc[max(0, title.start - 3):title.end])


def _unspecified_holder(doc: Doc, title: Span) -> bool:
    """A title that names no particular holder: indefinite ('a minister', 'an Iraqi official')
    or qualified as outside the state ('tribal', 'local'). Such a title never resolves to whoever
    holds the office; with a country word it is that state's government at most."""
    if _non_state_title(doc, title):
        return True
    head = title.root
    determiners = [c for c in kids(head) if c.dep_ == "det"]
    return any(d.lower_ in {"a", "an", "another", "some", "one"} for d in determiners) or (
        title.start > 0 and doc[title.start - 1].lower_ in {"a", "an"})


def _names_settlement(span: Span) -> bool:
    """'two villages, Foua and Kefraya': NER may call them organisations; the syntax says places."""
    node = span.root
    for _ in range(3):
        if node.dep_ not in {"conj", "appos", "compound"} or node.head.i == node.i:
            break
        node = node.head
        if node.lemma_.lower() in SETTLEMENT_NOUNS:
            return True
    return False


def _clause_subject(token: Token, resolved: list[Resolved], wanted: set[str]) -> Resolved | None:
    """The resolved subject of the clause a possessive pronoun sits in, if it fits the pronoun."""
    verb = next((a for a in token.ancestors if a.pos_ in {"VERB", "AUX"}), None)
    while verb is not None:
        subjects = [c for c in kids(verb) if c.dep_ in {"nsubj", "nsubjpass"}]
        for subject in subjects:
            for r in resolved:
                if r.start <= subject.i < r.end and r.actor.type in wanted:
                    return r
        if subjects or verb.dep_ not in {"xcomp", "conj", "advcl"}:
            return None
        verb = verb.head
    return None


def _other_given_name(doc: Doc, start: int, person: Actor) -> bool:
    """A surname preceded by a given name of the same NER person that the gazetteer's person
    does not have (not even spelled another way): "Omar Saleh" is not Ali Abdullah Saleh."""
    before = doc[start - 1] if start > 0 else None
    if before is None or not (before.is_title and before.is_alpha and before.ent_type_ == "PERSON"
                              and doc[start].ent_iob_ == "I" and before.lower_ not in NAME_PARTICLES):
        return False
    given = {word[0].lower() for name in (person.label, *person.aliases) for word in name.split()[:-1] if word}
    return before.lower_[0] not in given


def _is_subject(r: Resolved, doc: Doc, main_only: bool = True) -> bool:
    """True when the mention is (a conjunct of) a subject: of a sentence's main verb, or of any clause."""
    head = doc[r.head]
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    if head.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    if not main_only:
        return True
    verb = head.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "ROOT"


QUOTES_OPEN = {'"', "“", "``"}
QUOTES_CLOSE = {'"', "”", "''"}
QUOTE_MARKS = QUOTES_OPEN | QUOTES_CLOSE


def _quote_verbs(token: Token, straight_quotes: list[int], reach: int, marks: list[int]) -> list[Token]:
    """The reporting verbs that introduce the quotation `token` stands in: the one after its
    closing mark ('..." said Cook') or before its opening mark ('Cook added, "...').
    `straight_quotes`: the sorted token indices of the document's '"' marks; `marks`: of all its
    quotation marks (gathered once per document, ActorContext.quote_marks: reading `reach` tokens
    each way for every "we" made long documents slower per word than short ones)."""
    doc = token.doc
    at = bisect_left(marks, token.i)
    opening = doc[marks[at - 1]] if at > 0 and marks[at - 1] >= token.i - reach else None
    if opening is None or (opening.text in QUOTES_CLOSE and opening.text not in QUOTES_OPEN):
        return []
    closing = next((doc[i] for i in marks[at:bisect_left(marks, token.i + reach)] if doc[i].text in QUOTES_CLOSE),
                   None)
    if opening.text == '"' and bisect_left(straight_quotes, opening.i) % 2:
        return []  # that straight quote closes an earlier quotation
    found = []
    if closing is not None:  # a verb: "Secretary of State Kerry said" holds the noun "State"
        found += [t for t in closing.sent if t.i > closing.i and _reporting(t)][:1]
    found += [t for t in opening.sent if t.i < opening.i and _reporting(t)][-1:]
    return found


def _state_after_of(doc: Doc, spans: list[Span], j: int, end: int) -> bool:
    """Whether spans[j] is a state told as 'of <state>' right after token `end` ("President Ruto
    of Kenya")."""
    return j < len(spans) and spans[j].label_ == K.STATE and spans[j].start == end + 1 and doc[end].lower_ == "of"


def _reporting(token: Token) -> bool:
    """A reporting verb ("said", "added", "told"), not a noun of the same lemma ("State")."""
    return token.pos_ in {"VERB", "AUX"} and token.lemma_.lower() in SAY_LEMMAS


IMPERSONAL_ADJECTIVES = words("impersonal_adjectives")


def _impersonal(it: Token) -> bool:
    """'It is likely that', 'it was said that', 'it rains': an 'it' that refers to nothing."""
    head = it.head
    if any(c.dep_ in {"ccomp", "csubj"} for c in kids(head)) and head.lemma_ in {"be", "say", "seem", "appear"}:
        return True
    return any(c.dep_ in {"acomp", "attr"} and c.lemma_.lower() in IMPERSONAL_ADJECTIVES for c in kids(head))


def _proper_name_after(doc: Doc, start: int, covered: set[int]) -> int | None:
    """End of a run of two or more capitalised proper nouns at `start` that no span covers
    (`covered`: the token indices of the document's matches, gathered once per document)."""
    end = start
    while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper() and end not in covered:
        end += 1
    return end if end - start >= 2 else None


def _trim_the(span: Span) -> Span:
    """NER spans without a leading article or preposition ("the Kremlin", "Near Raqqah")."""
    start = span.start
    while start < span.end - 1 and (span.doc[start].lower_ == "the" or span.doc[start].pos_ == "ADP"
                                    or span.doc[start].lower_ == "near"):
        start += 1
    return Span(span.doc, start, span.end, label=span.label_, span_id=span.id_) if start != span.start else span


def _government_modifier(doc: Doc, span: Span) -> bool:
    """'pro-government militias', 'regime troops': a body qualified by the government word."""
    left = doc[span.start - 1] if span.start > 0 else None
    return bool(left is not None and left.lower_ in {"government", "regime", "pro-government", "loyalist"})


def _may_refer_back(token: Token) -> bool:
    """Whether any rule of `_with_anaphora` could take `token` (the first test each of them makes):
    a pronoun it resolves, a noun of `_the_two`, `_definite` or `_titled_person`, or a common noun
    with "the" that `_org_named_by` reads. Every other argument is passed over at once."""
    if token.lower_ in _REFERRING_PRONOUNS:
        return True
    lemma = token.lemma_.lower()
    if lemma in PAIR_NOUNS or lemma in DEFINITE_DESCRIPTIONS or lemma in PERSON_TITLES:
        return True
    return _common_noun_with_the(token)


def _common_noun_with_the(word: Token) -> bool:
    """'the court', 'the commission': what `_org_named_by` reads as a name's word told again."""
    return word.pos_ == "NOUN" and any(c.lower_ == "the" for c in kids(word))


def _titled_person(token: Token, before: list[Resolved], settings: ActorSettings) -> Resolved | None:
    """'the secretary', 'the prime minister': the person last named with that title nearby
    ("Defense Secretary Ash Carter ... The secretary said"). A title with an 'of' phrase
    ("the secretary of state") names an office, not a person already introduced."""
    if token.lemma_.lower() not in PERSON_TITLES or any(c.dep_ == "prep" and c.lower_ == "of" for c in kids(token)):
        return None
    determiners = [c for c in kids(token) if c.dep_ == "det" and c.lower_ == "the"]
    if not determiners or token.dep_ == "pobj" and token.head.lower_ in LOCATIVES:
        return None
    start = determiners[0].i
    title = [t.lower_ for t in token.doc[start + 1:token.i + 1]]
    window = token.i - settings.title_window
    titled = [r for r in before if r.actor.type == T.PERSON and r.start >= window
              and _contains_words(r.mention.text.lower().split(), title)]
    if not titled:
        return None
    return make_resolved(start, token.i + 1, token.doc, titled[-1].actor, settings.definite_confidence, K.DEFINITE)


def _contains_words(words_: list[str], wanted: list[str]) -> bool:
    """Whether `wanted` occurs as a run of consecutive words in `words_`."""
    n = len(wanted)
    return any(words_[i:i + n] == wanted for i in range(len(words_) - n + 1))
