"""Whether a name the gazetteer lacks is a political actor, a place, or neither.

spaCy's NER proposes names; on news pages it also proposes page furniture ("Inbox", "Privacy
Policy"), sports clubs, makes of vehicles, operation code names, villages it takes for people
and news agencies it takes for a woman called Sana. NER alone is therefore no evidence that a
name is an actor. A name the gazetteer lacks stays an actor only with evidence the text gives:

- a person: a full name (two words or more), an honorific or title before it ("Mr. Dulaimi"),
  a person noun in apposition ("Lena Halvorsen, a researcher at ..."), or speaking ("X said");
- an organisation: an organisation word in it ("... Brigade", "... Front"), an acronym, or
  acting as the subject of a verb;

and is a place instead when the text treats it as one anywhere in the article ("the town of X",
"residents of X", "X lies south of ...", a place-name word such as "Tal" or "Ain", coordination
with a place, a GeoNames city of the story's country). One name is one actor in an article:
the evidence of one mention holds for all mentions written the same way.

Two more article-wide rules: the dateline ("KABUL, March 3, 2021 (Wire) —") names where the
story was filed, not an actor; an organisation is an actor only within its lifespan
(ontology/gazetteer/lifespans.tsv). And a person in apposition to an organisation ("a researcher
at Human Rights Watch") takes the organisation's code, not the story's country.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from .dates import DATELINE_REACH, dateline
from .extract import ids
from .extract.context import ActorContext
from .extract.doc import kids
from .extract.types import ActorType as T
from .extract.types import MentionKind as K
from .gazetteer import Gazetteer
from .model import Actor, Mention
from .vocabulary import words

FURNITURE = words("page_furniture")
CODE_NAME_MARKERS = words("code_name_markers")
ORG_HEADS = words("org_heads")
PERSON_NOUNS = words("person_nouns") | words("person_titles")
HONORIFICS = words("honorifics")
TOPONYM_GENERICS = words("toponym_generics")
INHABITANT_NOUNS = words("inhabitant_nouns") | words("parts") | words("settlement_nouns")
PLACE_VERBS = words("place_verbs")
MOTION_VERBS = words("motion_verbs")
PRODUCT_NOUNS = words("product_nouns")
CLUB_WORDS = words("club_words")
SAY_LEMMAS = words("say_lemmas")
LOCATIVES = words("locatives")
AFFILIATION_PREPOSITIONS = {"at", "of", "for", "with", "from"}
AFFILIATING_TYPES = {T.ORGANISATION, T.IGO, T.MEDIA}
_ACRONYM = re.compile(r"^[A-Z][A-Z&]{1,6}$")
_AGENCY_NEAR = r"(?:news\s+agency|agency)"


# ------------------------------------------------------------ names that are never actors

def never_an_actor(span: Span, gaz_cities) -> bool:
    """Page furniture, operation code names, makes of vehicles and weapons, sports clubs:
    names NER proposes that no analyst would draw as an actor. `gaz_cities()`: lower-cased city
    names (GeoNames), to recognise clubs named after their city; called only for names that
    could be a club, since reading GeoNames takes a second."""
    if _furniture(span) or _code_name(span):
        return True
    if any(t.lower_ in ORG_HEADS for t in span):
        return False  # "the Cato Institute think tank": an organisation's name says so
    return _product(span) or _sports_club(span, gaz_cities)


def _alpha_words(span: Span) -> list[str]:
    return [t.lower_ for t in span if t.is_alpha]


def _furniture(span: Span) -> bool:
    """'Inbox', 'Privacy Policy', 'Manage Preferences': made only of web-page furniture words."""
    found = _alpha_words(span)
    return bool(found) and all(w in FURNITURE for w in found)


def _code_name(span: Span) -> bool:
    """'Operation Iron Harvest', 'a raid code-named Falcon', 'dubbed Thunderbolt'."""
    doc = span.doc
    if span[0].lower_ in CODE_NAME_MARKERS:
        return True
    before = [t.lower_ for t in doc[max(0, span.start - 3):span.start] if not t.is_punct or t.text == "-"]
    joined = "".join(before)
    return bool(before) and (before[-1] in CODE_NAME_MARKERS or joined.endswith("code-named")
                             or joined.endswith("codenamed"))


def _product(span: Span) -> bool:
    """'Toyota Hilux pickups', 'Shahed drones': a name modifying a vehicle or device noun, or
    followed by a model name NER marks as a product."""
    doc = span.doc
    after = span.end
    while after < len(doc) and after < span.end + 2 and doc[after].pos_ == "PROPN":
        if doc[after].ent_type_ == "PRODUCT":
            return True
        after += 1
    if after < len(doc) and (doc[after].lower_ in PRODUCT_NOUNS or doc[after].lemma_.lower() in PRODUCT_NOUNS):
        return True
    node = span.root
    for _ in range(3):
        if node.dep_ != "compound" or node.head.i == node.i:
            break
        node = node.head
        if node.lower_ in PRODUCT_NOUNS or node.lemma_.lower() in PRODUCT_NOUNS:
            return True
    return False


def _sports_club(span: Span, cities) -> bool:
    """'Real Madrid', 'Manchester United', 'Pittsburgh Steelers': a city's name with a club word
    (unless the whole is a city's name, as "Mexico City"), or a city's name followed by a plural
    nickname that is no organisation word."""
    names = [t for t in span if t.is_alpha]
    if len(names) < 2:
        return False
    if any(t.lower_ in CLUB_WORDS for t in names):
        if span.text.strip().lower() in cities():
            return False  # "Mexico City", "Kuwait City": the city itself
        return any(t.lower_ in cities() for t in names if t.lower_ not in CLUB_WORDS)
    last = names[-1]
    return last.tag_ == "NNPS" and last.lower_ not in ORG_HEADS and names[0].lower_ in cities()


def named_agency(span: Span, agencies: dict[str, Actor]) -> Actor | None:
    """'state news agency Sana', 'the official Irna news agency': a news agency the gazetteer
    lists under an acronym ("SANA", "IRNA"), written in title case as some newspapers do, when
    the article calls it an agency next to one of its mentions."""
    words_ = span.text.split()
    while len(words_) > 1 and words_[-1].lower() in {"news", "agency"}:
        words_.pop()  # NER's "Irna news agency"
    actor = agencies.get(" ".join(words_).lower())
    return actor if actor is not None and agency_named(span, " ".join(words_)) else None


def agency_named(span: Span, name: str | None = None) -> bool:
    """Whether the article calls `name` (the span's text) an agency next to one of its mentions:
    'news agency Sana', 'the Irna news agency'."""
    name = re.escape(name or span.text.strip())
    return bool(re.search(rf"\b{_AGENCY_NEAR}\W+(?:\w+\W+)?{name}\b|\b{name}\W+(?:\w+\W+)?{_AGENCY_NEAR}\b",
                          span.doc.text, re.I))


# ------------------------------------------------------------ evidence in the text

def _is(token: Token, word_class: frozenset[str]) -> bool:
    """The token, as written or as its lemma, is in the word class ("families", "family")."""
    return token.lower_ in word_class or token.lemma_.lower() in word_class


def person_evidence(doc: Doc, start: int, end: int) -> bool:
    """A full name, an honorific or title before it, a person noun in apposition, or speaking."""
    span = doc[start:end]
    if len([t for t in span if t.is_alpha or "-" in t.text]) >= 2:
        return True
    if start > 0 and doc[start - 1].lower_.rstrip(".") in HONORIFICS | PERSON_NOUNS:
        return True
    root = span.root
    if any(c.dep_ == "appos" and c.lemma_.lower() in PERSON_NOUNS for c in kids(root)):
        return True
    if root.dep_ == "appos" and root.head.lemma_.lower() in PERSON_NOUNS:
        return True
    return root.dep_ == "nsubj" and root.head.lemma_.lower() in SAY_LEMMAS


def org_evidence(doc: Doc, start: int, end: int) -> bool:
    """An organisation word in the name, an acronym, a long name, or the subject of a verb that acts."""
    span = doc[start:end]
    if any(t.lower_ in ORG_HEADS for t in span) or _ACRONYM.match(span.text.strip()):
        return True
    if len([t for t in span if t.is_alpha and t.text[:1].isupper()]) >= 3:
        return True  # "Inter Services Public Relations": page furniture is never this long a name
    root = span.root
    return root.dep_ == "nsubj" and root.head.pos_ == "VERB" and root.head.lemma_.lower() not in {"be", "have"}


def _toponym(span: Span) -> bool:
    """'Tal Tamr', 'Ain al-Asad', 'Deir-Hafer': a name led by a place-name word."""
    first = span[0].lower_.split("-")[0]
    return first in TOPONYM_GENERICS and (len(span) > 1 or "-" in span[0].text)


def place_cue(doc: Doc, start: int, end: int, places: set[int]) -> bool:
    """What in the text makes a name a place: a place-name word ('Tal Tamr', 'Ain Issa'), 'the
    town of X', 'residents of X', 'X lies south of', 'families from X fled', a place preposition,
    or coordination with a place. `places`: token indices already known to be places."""
    span = doc[start:end]
    if _toponym(span):
        return True
    root = span.root
    head = root.head
    if root.dep_ == "pobj" and head.lower_ in {"of", "from"} and _is(head.head, INHABITANT_NOUNS):
        return True
    if root.dep_ == "pobj" and (head.lower_ in LOCATIVES or (
            head.lower_ == "from" and _is(head.head, MOTION_VERBS))):
        return True
    if root.dep_ in {"nsubj", "nsubjpass"} and _is(head, PLACE_VERBS):
        return True
    linked = [c for c in kids(root) if c.dep_ in {"conj", "appos"}]
    if root.dep_ in {"conj", "appos"}:
        linked.append(head)
    return any(t.i in places for t in linked)


# ------------------------------------------------------------ the article-wide pass

def settle(gaz: Gazetteer, ctx: ActorContext, doc: Doc, resolved: list, make_resolved, city_in) -> list:
    """The mentions of one article, with the rules above applied (see the module docstring).
    `make_resolved(start, end, doc, actor, confidence, kind)` builds a mention; `city_in(name,
    state)` is the ISO-3 country GeoNames gives a city of that name (in `state` when it has one
    there), else None."""
    resolved = _outside_dateline(doc, resolved)
    resolved = [r for r in resolved if gaz.existed(r.actor, ctx.date)]
    resolved = _names_settled(gaz, ctx, doc, resolved, make_resolved, city_in)
    return _affiliated(doc, resolved)


def _outside_dateline(doc: Doc, resolved: list) -> list:
    where = dateline(_opening_text(doc, DATELINE_REACH))
    if where is None:
        return resolved
    start, end = where
    return [r for r in resolved if not (start <= r.mention.start < end)]


def _opening_text(doc: Doc, reach: int) -> str:
    """The document's text from its start to at least its `reach`-th character (all of it when
    shorter): `doc.text` would join the text of every token, a Python loop over the whole document."""
    parts = []
    for token in doc:
        if token.idx >= reach:
            break
        parts.append(token.text_with_ws)
    return "".join(parts)


def _unknown_kind(gaz: Gazetteer, r) -> str | None:
    """'person', 'org' or 'place' for a name only NER found; None for gazetteer names."""
    if r.kind == K.NER and ids.namespace(r.actor.id) in {ids.PERSON, ids.ORG} and ids.key_of(r.actor.id).startswith(
            ids.UNKNOWN):
        return ids.namespace(r.actor.id)
    if r.kind == K.PLACE and r.actor.type == T.PLACE and r.actor.id.removeprefix("place/") not in gaz.places:
        return ids.PLACE
    return None


def _names_settled(gaz: Gazetteer, ctx: ActorContext, doc: Doc, resolved: list, make_resolved, city_in) -> list:
    """Each unknown name (all its mentions written alike) becomes a place, stays the person or
    organisation NER made of it, or is left out, on the evidence of all its mentions."""
    kinds = {id(r): _unknown_kind(gaz, r) for r in resolved}
    places = {i for r in resolved if r.actor.type == T.PLACE for i in range(r.start, r.end)}
    by_text: dict[str, list] = {}
    for r in resolved:
        if kinds[id(r)]:
            by_text.setdefault(r.mention.text.strip(), []).append(r)
    verdict: dict[str, str | None] = {}
    # A name that says what it is: an organisation word ("Cato Institute", even "at the Cato
    # Institute") or a place-name word ("Tal Tamr").
    for text, group in by_text.items():
        span = doc[group[0].start:group[0].end]
        if any(t.lower_ in ORG_HEADS for t in span):
            verdict[text] = ids.ORG if ids.ORG in {kinds[id(r)] for r in group} else None
        elif _toponym(span):
            verdict[text] = ids.PLACE
            places |= {i for r in group for i in range(r.start, r.end)}
    # Places first, twice over: a name coordinated with a place found in the first round
    # ("captured Suluk and Mabrouka") is one too.
    for _ in range(2):
        for text, group in by_text.items():
            if text not in verdict and ({kinds[id(r)] for r in group} & {ids.PLACE}
                                        or any(place_cue(doc, r.start, r.end, places) for r in group)):
                verdict[text] = ids.PLACE
                places |= {i for r in group for i in range(r.start, r.end)}
    story = ctx.scene or ctx.country
    for text, group in by_text.items():
        found = {kinds[id(r)] for r in group}
        if text in verdict:
            continue
        if ids.PERSON in found and any(person_evidence(doc, r.start, r.end) for r in group):
            verdict[text] = ids.PERSON
        elif ids.ORG in found and any(org_evidence(doc, r.start, r.end) for r in group):
            verdict[text] = ids.ORG
        elif story and city_in(text, story) == story:
            verdict[text] = ids.PLACE  # a town of the story's country, by GeoNames
        else:
            verdict[text] = None
    out = []
    for r in resolved:
        kind = kinds[id(r)]
        if not kind:
            out.append(r)
            continue
        text = r.mention.text.strip()
        settled = verdict[text]
        if settled is None:
            continue  # NER's guess, and nothing in the article supports it
        if settled == ids.PLACE:  # typed, and given its country, as a place
            out.append(make_resolved(r.start, r.end, doc, _place(gaz, text, ctx, city_in), r.confidence, K.PLACE))
        else:
            out.append(r)
    return out


def _place(gaz: Gazetteer, name: str, ctx: ActorContext, city_in) -> Actor:
    """An unknown place, in the country GeoNames puts a city of that name (the story's country
    when it has one there), else in the story's country: 'Geneva' in an Iraqi story is Swiss."""
    story = ctx.scene or ctx.country
    state = city_in(name, story) or story
    state = state if state in gaz.states else story
    code = gaz.states[state].code if state else None
    return Actor(id=ids.unknown_place_id(name), label=name, type=T.PLACE, sector="CVL" if code else None,
                 code=code, country=ids.state_id(state) if state else None)


def _affiliated(doc: Doc, resolved: list) -> list:
    """'Lena Halvorsen, a researcher at Human Rights Watch': a person the gazetteer lacks, in
    apposition to a role at an organisation, is coded as that organisation (PLOVER codes NGO
    staff NGO), not as the country the story is set in."""
    orgs = {}
    for r in resolved:
        if r.actor.type in AFFILIATING_TYPES:
            for i in range(r.start, r.end):
                orgs[i] = r.actor
    if not orgs:
        return resolved
    changed: dict[str, Actor] = {}
    for r in resolved:
        if r.actor.type != T.PERSON or not ids.key_of(r.actor.id).startswith(ids.UNKNOWN) or r.actor.id in changed:
            continue
        org = _organisation_of(doc[r.head], orgs)
        if org is not None and org.code:
            changed[r.actor.id] = replace(r.actor, code=org.code, sector=org.sector or r.actor.sector,
                                          country=org.country)
    if not changed:
        return resolved
    out = []
    for r in resolved:
        actor = changed.get(r.actor.id)
        if actor is not None:
            m = r.mention
            r = replace(r, mention=Mention(actor, m.start, m.end, m.text, m.kind))
        out.append(r)
    return out


def _organisation_of(person: Token, orgs: dict[int, Actor]) -> Actor | None:
    """The organisation a person's appositive role belongs to: 'X, a researcher at HRW', 'X, a
    Uyghur living in Australia and the vice chair of the World Uyghur Congress' (a role among
    coordinated descriptions), or the one named right after the name: 'X, of the World Uyghur
    Congress', 'Jan Egeland of the Norwegian Refugee Council'."""
    described = [c for c in kids(person) if c.dep_ == "appos"]
    described += [conj for c in described for conj in c.conjuncts]
    roles = [c for c in described if c.lemma_.lower() in PERSON_NOUNS]
    if person.dep_ == "appos" and person.head.lemma_.lower() in PERSON_NOUNS:
        roles.append(person.head)
    for word in [person, *roles]:  # the name's own phrase first, then its roles'
        for prep in (c for c in kids(word) if c.dep_ == "prep" and c.lower_ in AFFILIATION_PREPOSITIONS):
            for obj in (c for c in kids(prep) if c.dep_ == "pobj"):
                if obj.i in orgs:
                    return orgs[obj.i]
    return None
