"""The actor dictionary: states, their bodies, organisations, people and their offices.

Read once from ontology/gazetteer/*.tsv (see its README for the columns). Every entry becomes
a canonical `Actor` with a stable id; the resolver in `actors.py` decides which entry a
stretch of text means.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import cache

from .model import Actor
from .resources import ontology_path, read_tsv, split_list

ORG_FILES = ("igos.tsv", "armed_groups.tsv", "media.tsv", "ngos.tsv")
# Organisation `type` values of the data files → ontology classes.
ORG_TYPES = {
    "IGO": "IntergovernmentalOrganisation", "ArmedGroup": "ArmedGroup", "StateForce": "ArmedForces",
    "Media": "Media", "Party": "Party", "NGO": "Organisation", "Company": "Organisation",
    "Government": "Government",  # a region's own government ("the Kurdistan Regional Government")
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
        self.phrases: list[Phrase] = []
        self.bare_heads: set[str] = set()
        self.body_of_head: dict[str, str] = {}
        self._load()

    # ------------------------------------------------------------ loading

    def _load(self) -> None:
        self._load_states()
        self._load_orgs()
        self._load_people()
        self._load_roles_and_offices()
        self._load_bodies()
        self._load_regions()
        self._load_places()
        self._load_peoples()
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
                code = row["code"] or None
                # An intergovernmental body with no more specific sector acts through its governing
                # organs, which PLOVER codes GOV ("UN Secretary-General", "the Security Council").
                default = "GOV" if row["type"] == "IGO" else None
                self.orgs[oid] = Actor(
                    id=f"org/{oid}", label=row["label"], type=ORG_TYPES.get(row["type"], "Organisation"),
                    code=code, sector=row["sector"] or default, qid=row["qid"] or None,
                    aliases=tuple(split_list(row["aliases"])),
                    country=f"state/{code}" if code and code in self.states else None,
                )
                self.phrases += [Phrase(a, "org", oid) for a in [row["label"], *split_list(row["aliases"])]]

    def _load_people(self) -> None:
        for row in read_tsv(ontology_path("gazetteer", "people.tsv")):
            pid = row["id"]
            code = row["code"] or None
            self.people[pid] = Actor(
                id=f"person/{pid}", label=row["label"], type="Person", code=code,
                sector=row["sector"] or None, qid=row["qid"] or None,
                aliases=tuple(split_list(row["aliases"])),
                country=f"state/{code}" if code and code in self.states else None,
            )
            self.phrases += [Phrase(a, "person", pid) for a in [row["label"], *split_list(row["aliases"])]]

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

    def _with_typographic_variants(self) -> None:
        """News writes apostrophes both ways: "Da'esh" and "Da’esh" name the same group."""
        extra = [Phrase(p.text.replace("'", "’"), p.kind, p.key) for p in self.phrases if "'" in p.text]
        extra += [Phrase(p.text.replace("’", "'"), p.kind, p.key) for p in self.phrases if "’" in p.text]
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

    # ------------------------------------------------------------ lookups

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

    def offices_of(self, person_id: str) -> list[Tenure]:
        return self.tenures_of_person.get(person_id, [])

    def state_of_code(self, code: str | None) -> str | None:
        """The state id for an ISO-3 code (states whose id is their code)."""
        return code if code in self.states else None


@cache
def load_gazetteer() -> Gazetteer:
    """The gazetteer, read once per process."""
    return Gazetteer()
