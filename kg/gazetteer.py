"""The actor dictionary: states, their bodies, organisations, people and their offices.

Read once from ontology/gazetteer/*.tsv (see its README for the columns). Every entry becomes
a canonical `Actor` with a stable id; the resolver in `actors.py` decides which entry a
stretch of text means. The hand-written files come first; the `phoenix_*.tsv` files, generated
from the Phoenix dictionaries by tools/import_phoenix.py, add people with dated roles,
organisations and agent nouns without ever replacing a hand-written entry.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from typing import NamedTuple

from .extract.types import ActorType
from .model import Actor
from .resources import ontology_path, read_tsv, split_list

ORG_FILES = ("igos.tsv", "armed_groups.tsv", "media.tsv", "ngos.tsv", "phoenix_orgs.tsv")
PEOPLE_FILES = ("people.tsv", "phoenix_people.tsv")
# Organisation `type` values of the data files → ontology classes.
ORG_TYPES = {
    "IGO": "IntergovernmentalOrganisation", "ArmedGroup": "ArmedGroup", "StateForce": "ArmedForces",
    "Media": "Media", "Party": "Party", "NGO": "Organisation", "Company": "Organisation",
    "Government": "Government",  # a region's own government ("the Kurdistan Regional Government")
    "StateBody": "StateBody", "Organisation": "Organisation",
}


@dataclass(frozen=True)
class Tenure:
    person: str
    office: str
    of: str
    start: str
    end: str  # "" while in office
    leader: bool

    def covers(self, date: str | None) -> bool:
        """True when the office was held on `date` (ISO strings compare in date order)."""
        if not date:
            return not self.end
        return self.start <= date and (not self.end or date <= self.end)


class Role(NamedTuple):
    """A code and sector a person held between two days (phoenix_roles.tsv): "SYR GOV from
    2000-07-17". Unlike a Tenure it names no office, so it never answers "who was president".
    (A tuple: tens of thousands are read at start-up.)"""

    person: str
    code: str
    sector: str
    start: str  # "" since ever
    end: str  # "" still

    def covers(self, date: str | None) -> bool:
        if not date:
            return not self.end
        return (not self.start or self.start <= date) and (not self.end or date <= self.end)


class Period(NamedTuple):
    """A state's part in something between two days: a club's member (memberships.tsv), a
    movement's rule over it (governing.tsv). ISO days or years; `until` is the first day after."""

    state: str
    since: str
    until: str  # "" while it lasts

    def covers(self, on: str) -> bool:
        """True on `on` (ISO strings compare in date order; a year sorts before its days)."""
        return self.since <= on and (not self.until or on < self.until)


def _check_period(where: str, since: str, until: str, form: str, pattern: str) -> None:
    """A period's dates must be written as `pattern` says (`form` names it in the error)."""
    for value in (since, until):
        if value and not re.fullmatch(pattern, value):
            raise ValueError(f"{where}: date {value!r} is not {form}")


@dataclass(frozen=True)
class Body:
    key: str
    sector: str
    type: str
    label: str
    bare: bool
    heads: tuple[str, ...]


@dataclass(frozen=True)
class Phrase:
    """A string the resolver looks for, and what it names."""

    text: str
    kind: str  # state | demonym | metonym | org | person | region | title | body | people
    key: str  # entry id (or office / body key)
    bulk: bool = False  # one of thousands of imported names: matched by `TextMatcher`


def slug(text: str) -> str:
    """Lower-case ASCII-ish slug used inside IRIs."""
    cleaned = re.sub(r"[^\w]+", "-", text.lower(), flags=re.UNICODE).strip("-")
    return cleaned or "x"


class Gazetteer:
    """All dictionary entries, indexed for lookup by id, phrase and office."""

    def __init__(self) -> None:
        self.states: dict[str, Actor] = {}
        self.demonym: dict[str, str] = {}  # state id → adjective used in labels
        self.orgs: dict[str, Actor] = {}
        self.people: dict[str, Actor] = {}
        self.regions: dict[str, Actor] = {}
        self.places: dict[str, Actor] = {}
        self.peoples: dict[str, tuple[str, str | None]] = {}  # people id → (label, home state id)
        self.roles: dict[str, str] = {}  # office → sector
        self.bodies: dict[str, Body] = {}  # body key → first row (label, type, sector)
        self.tenures: dict[str, list[Tenure]] = defaultdict(list)  # of → tenures
        self.tenures_of_person: dict[str, list[Tenure]] = defaultdict(list)
        self.roles_of_person: dict[str, list[Role]] = defaultdict(list)
        self.imported: set[str] = set()  # ids of actors read from the generated phoenix_*.tsv files
        self._outside_roles: dict[str, Actor] = {}  # person id → the person when no role covers the date
        self.phrases: list[Phrase] = []
        self.bare_heads: set[str] = set()
        self.body_of_head: dict[str, str] = {}
        self.lifespans: dict[str, tuple[date | None, date | None]] = {}  # actor id → (start, end)
        self.memberships: dict[str, list[Period]] = defaultdict(list)  # club → its members' periods
        self.governing: dict[str, list[Period]] = defaultdict(list)  # movement → when it governed which state
        self._load()

    # ------------------------------------------------------------ loading

    def _load(self) -> None:
        self._load_states()
        self._load_orgs()
        self._load_people()
        self._load_roles_and_offices()
        self._load_person_roles()
        self._load_bodies()
        self._load_regions()
        self._load_places()
        self._load_peoples()
        self._load_lifespans()
        self._load_memberships()
        self._load_governing()
        self._with_typographic_variants()

    def _load_states(self) -> None:
        for row in read_tsv(ontology_path("gazetteer", "states.tsv")):
            sid = row["id"]
            names, demonyms = split_list(row["names"]), split_list(row["demonyms"])
            self.states[sid] = Actor(
                # A state acting as a whole acts through its government (PLOVER's GOV).
                id=f"state/{sid}", label=row["label"], type="State", code=row["code"],
                sector=row["sector"] or "GOV", qid=row["qid"] or None,
                aliases=tuple(names), country=f"state/{sid}",
            )
            self.demonym[sid] = demonyms[0] if demonyms else row["label"]
            self.phrases += [Phrase(n, "state", sid) for n in [row["label"], *names]]
            self.phrases += [Phrase(d, "demonym", sid) for d in demonyms]
            self.phrases += [Phrase(m, "metonym", sid) for m in split_list(row["metonyms"])]

    def _load_orgs(self) -> None:
        for name in ORG_FILES:
            path = ontology_path("gazetteer", name)
            for row in read_tsv(path):
                oid = row["id"]
                if oid in self.orgs:
                    raise ValueError(f"{path}: organisation id {oid!r} is already used by an earlier row")
                code = row["code"] or None
                # An intergovernmental body with no more specific sector acts through its governing
                # organs, which PLOVER codes GOV ("UN Secretary-General", "the Security Council").
                default = "GOV" if row["type"] == "IGO" else None
                self.orgs[oid] = Actor(
                    id=f"org/{oid}", label=row["label"], type=ActorType(ORG_TYPES.get(row["type"], "Organisation")),
                    code=code, sector=row["sector"] or default, qid=row["qid"] or None,
                    aliases=tuple(split_list(row["aliases"])),
                    country=f"state/{code}" if code and code in self.states else None,
                )
                bulk = name.startswith("phoenix_")
                if bulk:
                    self.imported.add(f"org/{oid}")
                self.phrases += [Phrase(a, "org", oid, bulk) for a in [row["label"], *split_list(row["aliases"])]]

    def _load_people(self) -> None:
        for name in PEOPLE_FILES:
            path = ontology_path("gazetteer", name)
            for row in read_tsv(path):
                pid = row["id"]
                if pid in self.people:
                    raise ValueError(f"{path}: person id {pid!r} is already used by an earlier row")
                code = row["code"] or None
                self.people[pid] = Actor(
                    id=f"person/{pid}", label=row["label"], type=ActorType.PERSON, code=code,
                    sector=row["sector"] or None, qid=row["qid"] or None,
                    aliases=tuple(split_list(row["aliases"])),
                    country=f"state/{code}" if code and code in self.states else None,
                )
                bulk = name.startswith("phoenix_")
                if bulk:
                    self.imported.add(f"person/{pid}")
                self.phrases += [Phrase(a, "person", pid, bulk) for a in [row["label"], *split_list(row["aliases"])]]

    def _load_person_roles(self) -> None:
        """Dated roles: the person's code and sector follow the article's date; the row in
        phoenix_people.tsv says what holds outside every role."""
        path = ontology_path("gazetteer", "phoenix_roles.tsv")
        for row in read_tsv(path):
            role = Role(row["person"], row["code"], row["sector"], row["start"], row["end"])
            if role.person not in self.people:
                raise ValueError(f"{path}: role of unknown person {role.person!r}")
            self.roles_of_person[role.person].append(role)
        for pid, roles in self.roles_of_person.items():
            self._outside_roles[pid] = self.people[pid]
            if any(not r.end for r in roles):
                self.people[pid] = self.person_on(pid, None)  # undated: the roles still held

    def _load_roles_and_offices(self) -> None:
        for row in read_tsv(ontology_path("gazetteer", "roles.tsv")):
            self.roles[row["office"]] = row["sector"]
            self.phrases += [Phrase(t, "title", row["office"]) for t in split_list(row["titles"])]
        for row in read_tsv(ontology_path("gazetteer", "offices.tsv")):
            tenure = Tenure(row["person"], row["office"], row["of"], row["start"], row["end"],
                            row.get("leader") == "1")
            self.tenures[tenure.of].append(tenure)
            self.tenures_of_person[tenure.person].append(tenure)
        for pid, person in self.people.items():
            if not person.sector and self.tenures_of_person.get(pid):
                # An office holder acts in the sector of the office (PLOVER codes IGO chiefs GOV).
                first = min(self.tenures_of_person[pid], key=lambda t: t.start)
                self.people[pid] = replace(person, sector=self.roles.get(first.office) or None)

    def _load_bodies(self) -> None:
        for row in read_tsv(ontology_path("gazetteer", "bodies.tsv")):
            body = Body(row["key"], row["sector"], row["type"], row["label"], row["bare"] == "1",
                        tuple(split_list(row["heads"])))
            self.bodies.setdefault(body.key, body)
            for head in body.heads:
                self.phrases.append(Phrase(head, "body", body.key))
                self.body_of_head[head.lower()] = body.key
                if body.bare:
                    self.bare_heads.add(head.lower())
        # Agent nouns ("magistrates", "gendarmes"): more heads of the same bodies; bare only when
        # they hold a bare head ("rebel commanders").
        path = ontology_path("gazetteer", "phoenix_agents.tsv")
        for row in read_tsv(path):
            noun, key = row["noun"], row["body"]
            if key not in self.bodies:
                raise ValueError(f"{path}: agent noun {noun!r} names unknown body {key!r}")
            if noun.lower() not in self.body_of_head:
                self.phrases.append(Phrase(noun, "body", key, bulk=True))
                self.body_of_head[noun.lower()] = key
                if row["bare"] == "1":
                    self.bare_heads.add(noun.lower())

    def _load_memberships(self) -> None:
        """Members of small clubs (memberships.tsv), checked against the organisations and states."""
        from .vocabulary import _numbered_rows

        path = ontology_path("gazetteer", "memberships.tsv")
        for number, row in _numbered_rows(path):
            club, member, since, until = row["club"], row["member"], row["since"], row["until"]
            if club not in self.orgs:
                raise ValueError(f"{path}:{number}: unknown club {club!r} (not an organisation id)")
            if member not in self.states:
                raise ValueError(f"{path}:{number}: unknown member state {member!r}")
            _check_period(f"{path}:{number}", since, until, "YYYY or YYYY-MM-DD", r"\d{4}(-\d{2}-\d{2})?")
            self.memberships[club].append(Period(member, since, until))

    def _load_governing(self) -> None:
        """Movements that govern their state for a time (governing.tsv), checked on load."""
        from .vocabulary import _numbered_rows

        path = ontology_path("gazetteer", "governing.tsv")
        for number, row in _numbered_rows(path):
            org, state, since, until = row["org"], row["state"], row["since"], row["until"]
            if org not in self.orgs:
                raise ValueError(f"{path}:{number}: unknown organisation {org!r}")
            if state not in self.states:
                raise ValueError(f"{path}:{number}: unknown state {state!r}")
            _check_period(f"{path}:{number}", since, until, "YYYY-MM-DD", r"\d{4}-\d{2}-\d{2}")
            if not since:
                raise ValueError(f"{path}:{number}: a governing period needs its start date")
            self.governing[org].append(Period(state, since, until))

    def org_on(self, org: str, date: str | None) -> Actor:
        """The organisation as of `date`: a movement that governed its state then is that
        state's government (the Taliban in 2024); otherwise, or undated, the organisation."""
        if date:
            for period in self.governing.get(org, []):
                if period.covers(date):
                    return self.body(period.state, "government")
        return self.orgs[org]

    def members_of(self, club: str, date: str | None) -> list[str]:
        """State keys of the club's members on `date` (all current members when undated)."""
        on = date or "9999"
        return [period.state for period in self.memberships.get(club, []) if period.covers(on)]

    def _with_typographic_variants(self) -> None:
        """News writes apostrophes both ways: "Da'esh" and "Da’esh" name the same group."""
        extra = [replace(p, text=p.text.replace("'", "’")) for p in self.phrases if "'" in p.text]
        extra += [replace(p, text=p.text.replace("’", "'")) for p in self.phrases if "’" in p.text]
        self.phrases += extra

    def _load_regions(self) -> None:
        for row in read_tsv(ontology_path("gazetteer", "regions.tsv")):
            rid = row["id"]
            self.regions[rid] = Actor(id=f"region/{rid}", label=row["label"], type="Region",
                                      aliases=tuple(split_list(row["aliases"])))
            self.phrases += [Phrase(a, "region", rid) for a in split_list(row["aliases"])]

    def _load_places(self) -> None:
        for row in read_tsv(ontology_path("gazetteer", "places.tsv")):
            pid, code = row["id"], row["code"]
            # A place named as an actor stands for the people who live there (PLOVER's CVL).
            self.places[pid] = Actor(id=f"place/{pid}", label=row["label"], type="Place", code=code, sector="CVL",
                                     aliases=tuple(split_list(row["aliases"])),
                                     country=f"state/{code}" if code in self.states else None)
            self.phrases += [Phrase(a, "place", pid) for a in [row["label"], *split_list(row["aliases"])]]

    def _load_peoples(self) -> None:
        for row in read_tsv(ontology_path("gazetteer", "peoples.tsv")):
            home = row["home"] if row["home"] in self.states else None
            self.peoples[row["id"]] = (row["label"], home)
            self.phrases += [Phrase(a, "people", row["id"]) for a in split_list(row["aliases"])]

    def _load_lifespans(self) -> None:
        known = {a.id for table in (self.orgs, self.states, self.regions) for a in table.values()}
        self.lifespans = read_lifespans(ontology_path("gazetteer", "lifespans.tsv"), known)

    # ------------------------------------------------------------ lookups

    def existed(self, actor: Actor, on: str | None) -> bool:
        """Whether `actor` existed on the ISO date `on` (True when either is unknown): a phrase
        naming an organisation before it was founded names something else."""
        span = self.lifespans.get(actor.id)
        try:
            day = date.fromisoformat(on) if on else None
        except ValueError:
            day = None
        if span is None or day is None:
            return True
        start, end = span
        return (start is None or start <= day) and (end is None or day <= end)

    def people_in(self, people_id: str, label: str, state_id: str | None) -> Actor:
        """An ethnic or communal group as it lives in one country ("Kurds" in Iraq): PLOVER codes
        it as that country's civilians; without a country it has no code."""
        state = self.states.get(state_id) if state_id else None
        return Actor(id=f"group/{people_id}/{state_id or 'x'}", label=label, type="Group",
                     code=state.code if state else None, sector="CVL" if state else None,
                     country=state.id if state else None)

    def body(self, state_id: str, key: str) -> Actor:
        """The canonical actor for a body of a state ("Syrian Armed Forces")."""
        state = self.states[state_id]
        spec = self.bodies[key]
        label = spec.label.format(adj=self.demonym.get(state_id, state.label), name=state.label)
        return Actor(id=f"state/{state_id}/{key}", label=label, type=spec.type, code=state.code,
                     sector=spec.sector, country=state.id)

    def holder(self, office: str, of: str, date: str | None) -> str | None:
        """Id of the person who held `office` of `of` on `date`. With no date nobody: an undated
        2016 story's "Syrian president" is not whoever holds the office today."""
        if not date:
            return None
        candidates = [t for t in self.tenures.get(of, ()) if t.office == office and t.covers(date)]
        return max(candidates, key=lambda t: t.start).person if candidates else None

    def leader(self, of: str, date: str | None) -> str | None:
        """Id of the principal leader of a state or organisation on `date` (nobody when undated)."""
        if not date:
            return None
        candidates = [t for t in self.tenures.get(of, ()) if t.leader and t.covers(date)]
        return max(candidates, key=lambda t: t.start).person if candidates else None

    def person_on(self, person_id: str, date: str | None) -> Actor:
        """The person as coded on `date`: the code and sector of the latest role held that day,
        else what holds outside every role (for people without dated roles, always the row)."""
        roles = self.roles_of_person.get(person_id)
        if not roles:
            return self.people[person_id]
        base = self._outside_roles[person_id]
        held = [r for r in roles if r.covers(date)]
        if not held:
            return base
        role = max(held, key=lambda r: (r.start, r.end or "9999"))
        return replace(base, code=role.code, sector=role.sector or None,
                       country=f"state/{role.code}" if role.code in self.states else None)

    def person_titled(self, person_id: str, date: str | None, sector: str, code: str | None = None) -> Actor:
        """A person named with a title ("President Levy Mwanawasa", "U.N. mediator X", "former
        minister X"): the title and the body named with it say what they were that day, which
        beats dated roles that may be incomplete. Hand-written people keep their own row: their
        offices are curated."""
        actor = self.person_on(person_id, date)
        if person_id not in self.roles_of_person:
            return actor
        code = code or actor.code
        return replace(actor, sector=sector, code=code,
                       country=f"state/{code}" if code in self.states else None)

    def canonical(self, actor: Actor) -> Actor:
        """The one description a graph of many articles gives an actor. A person with dated
        roles is coded by each article's date and titles; the graph describes them as their row
        does (undated: the roles still held), so one node never carries two sectors."""
        key = actor.id.split("/", 1)[1] if actor.id.startswith("person/") else None
        return self.people[key] if key in self.roles_of_person else actor

    def offices_of(self, person_id: str) -> list[Tenure]:
        return self.tenures_of_person.get(person_id, [])

    def state_of_code(self, code: str | None) -> str | None:
        """The state id for an ISO-3 code (states whose id is their code)."""
        return code if code in self.states else None


class TextMatcher:
    """Finds phrases by their text on token boundaries and returns what spaCy's PhraseMatcher
    returns, [(match_id, start, end)]. The PhraseMatcher needs every phrase tokenised into the
    vocabulary, which costs about a second at every start for the hand-written names and
    seconds more for tens of thousands of imported ones; here a phrase is one dictionary key,
    so building takes a fraction of a second.

    A token's text is compared with its trailing whitespace folded to one space ("Bashar
    al-Assad" matches the tokens Bashar · al · - · Assad); `exact` phrases compare case, the
    others compare lower case.

    Phrases sit in tiers, all scanned in one pass: matches come out tier by tier, each tier's
    in text order (by start, then end; exact before lower case at one place), which is the
    order of running one PhraseMatcher per tier one after another."""

    def __init__(self, strings, tiers: int = 1) -> None:
        self.strings = strings  # the pipeline's StringStore: match ids are its hashes (None: the rule names)
        # per tier: (case-sensitive text → match ids, lower-case text → match ids)
        self.tables: list[tuple[dict[str, list[int]], dict[str, list[int]]]] = [
            (defaultdict(list), defaultdict(list)) for _ in range(tiers)]
        self.prefixes: set[str] = set()  # lower-case text before each space of every phrase
        self._joined: tuple[dict, dict] | None = None

    def add(self, label: str, text: str, exact: bool, tier: int = 0) -> None:
        key = " ".join(text.split())
        if not key:
            return
        match_id = self.strings.add(label) if self.strings is not None else label
        exact_table, lower_table = self.tables[tier]
        table = exact_table[key] if exact else lower_table[key.lower()]
        if match_id not in table:
            table.append(match_id)
        self.prefixes.update(prefixes_of(key))
        self._joined = None

    @classmethod
    def from_tiers(cls, strings, tiers: list[tuple[dict[str, list[int]], dict[str, list[int]]]],
                   prefixes: set[str]) -> TextMatcher:
        """A matcher from finished tables, one (exact, lower) pair per tier."""
        matcher = cls(strings, len(tiers))
        for (exact, lower), (exact_table, lower_table) in zip(tiers, matcher.tables, strict=True):
            exact_table.update(exact)
            lower_table.update(lower)
        matcher.prefixes = set(prefixes)
        return matcher

    def __len__(self) -> int:
        return sum(len(exact) + len(lower) for exact, lower in self.tables)

    def _merged(self) -> tuple[dict[str, list[tuple[int, int]]], dict[str, list[tuple[int, int]]]]:
        """Every tier's tables as one case-sensitive and one lower-case table, text → [(tier,
        match id)], so a candidate text costs two lookups however many tiers there are. Made on
        the first call (the tables are filled before it)."""
        if self._joined is None:
            exact: dict[str, list[tuple[int, int]]] = {}
            lower: dict[str, list[tuple[int, int]]] = {}
            for tier, (exact_table, lower_table) in enumerate(self.tables):
                for joined, table in ((exact, exact_table), (lower, lower_table)):
                    for text, ids in table.items():
                        joined.setdefault(text, []).extend((tier, m) for m in ids)
            self._joined = (exact, lower)
        return self._joined

    def __call__(self, doc) -> list[tuple[int, int, int]]:
        out: list[list[tuple[int, int, int]]] = [[] for _ in self.tables]
        exact, lower = self._merged()
        # Each token's text, read once: indexing the Doc makes a new Token object every time.
        # None stands for a space token (a second space or a line break inside a name).
        texts = [None if token.is_space else (token.text, bool(token.whitespace_)) for token in doc]
        n = len(texts)
        prefixes = self.prefixes
        for i in range(n):
            text = ""
            if texts[i] is None:
                continue
            for j in range(i, n):
                word = texts[j]
                if word is None:
                    continue
                text += word[0]
                low = text.lower()
                if text in exact:
                    for tier, m in exact[text]:
                        out[tier].append((m, i, j + 1))
                if low in lower:
                    for tier, m in lower[low]:
                        out[tier].append((m, i, j + 1))
                if word[1]:
                    if low not in prefixes:
                        break  # no phrase goes on past this word
                    text += " "
        return [match for tier in out for match in tier]


def prefixes_of(key: str) -> Iterator[str]:
    """The lower-case text before each space of a phrase (a longer phrase may go on past there)."""
    low = key.lower()
    space = low.find(" ")
    while space != -1:
        yield low[:space]
        space = low.find(" ", space + 1)


@cache
def load_gazetteer() -> Gazetteer:
    """The gazetteer, read once per process (from the compiled cache when the files are unchanged, kg/cache.py)."""
    from .cache import compiled

    return compiled("gazetteer", Gazetteer)


def read_lifespans(path, known: set[str]) -> dict[str, tuple[date | None, date | None]]:
    """lifespans.tsv: when an organisation existed, by actor id. Checked row by row (an id of
    `known`, ISO dates, start before end, a source), errors naming file:line."""
    from .vocabulary import _numbered_rows  # (a module-level import would be circular)

    lifespans: dict[str, tuple[date | None, date | None]] = {}
    for number, row in _numbered_rows(path):
        where = f"{path}:{number}"
        actor_id = row.get("id", "")
        if actor_id not in known:
            raise ValueError(f"{where}: {actor_id!r} is no state, organisation or region of the gazetteer")
        if actor_id in lifespans:
            raise ValueError(f"{where}: {actor_id!r} has a lifespan already")
        if not row.get("source"):
            raise ValueError(f"{where}: a lifespan needs its source")
        try:
            start, end = (date.fromisoformat(row[c]) if row.get(c) else None for c in ("start", "end"))
        except ValueError as error:
            raise ValueError(f"{where}: {error}") from None
        if start and end and end < start:
            raise ValueError(f"{where}: ends ({end}) before it starts ({start})")
        lifespans[actor_id] = (start, end)
    return lifespans

