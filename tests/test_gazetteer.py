"""The gazetteer data: coverage the project promises, well-formed rows, and a sample of
Wikidata IDs that are well known."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from kg.gazetteer import load_gazetteer

NON_STATE_CODES = {"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"}


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def test_every_un_member_and_observer_is_covered(gaz):
    states = [a for a in gaz.states.values() if a.sector != "PRE"]
    assert len(states) >= 193 + 2
    for code in ("KOS", "TWN", "HKG", "PSE", "VAT", "SSD", "RUS", "SYR", "USA"):
        assert code in gaz.states, code


def test_partially_recognised_entities_take_the_claiming_state(gaz):
    pre = {a.label: a.code for a in gaz.states.values() if a.sector == "PRE"}
    assert pre.get("Abkhazia") == "GEO" and pre.get("Transnistria") == "MDA"


def hand_written(actors):
    """The hand-curated rows (the generated phoenix_*.tsv files add thousands more)."""
    return [a for a in actors if a.id not in load_gazetteer().imported]


def test_at_least_forty_intergovernmental_organisations(gaz):
    igos = [a for a in gaz.orgs.values() if a.type == "IntergovernmentalOrganisation"]
    assert len(hand_written(igos)) >= 40 and len(igos) >= 100
    assert {a.code for a in igos} <= NON_STATE_CODES


def test_at_least_sixty_armed_groups(gaz):
    groups = [a for a in gaz.orgs.values() if a.type in {"ArmedGroup", "Party"}]
    assert len(hand_written(groups)) >= 60 and len(groups) >= 500


def test_imported_people_and_organisations_outnumber_the_hand_rows(gaz):
    assert len(hand_written(gaz.people.values())) >= 700 and len(gaz.people) >= 15_000
    assert len(hand_written(gaz.orgs.values())) >= 250 and len(gaz.orgs) >= 5_000


def test_humanitarian_and_rights_groups_are_ngos(gaz):
    ngos = {a.label: a for a in gaz.orgs.values() if a.code == "NGO"}
    assert len(hand_written(ngos.values())) >= 15 and len(ngos) >= 1_000
    assert {"Amnesty International", "Human Rights Watch", "Médecins Sans Frontières"} <= set(ngos)
    assert ngos["International Committee of the Red Cross"].sector == "MED"


def test_peoples_have_home_states_that_exist(gaz):
    assert len(gaz.peoples) >= 40
    assert gaz.peoples["yoruba"][1] == "NGA" and gaz.peoples["kurds"][1] is None


def test_at_least_150_office_holders_with_dated_offices(gaz):
    holders = {t.person for tenures in gaz.tenures.values() for t in tenures}
    assert len(holders) >= 150
    for tenures in gaz.tenures.values():
        for t in tenures:
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", t.start), t
            assert not t.end or t.start <= t.end, t
            assert t.person in gaz.people and t.office in gaz.roles, t


def test_every_entry_has_label_code_and_stable_id(gaz):
    everything = [*gaz.states.values(), *gaz.orgs.values(), *gaz.people.values(), *gaz.places.values()]
    ids = Counter(a.id for a in everything)
    assert not [i for i, n in ids.items() if n > 1]
    for actor in everything:
        assert actor.label and re.fullmatch(r"[a-z]+/[A-Za-z0-9\-]+", actor.id), actor
        assert actor.code and (actor.code in NON_STATE_CODES or re.fullmatch(r"[A-Z]{3}", actor.code)), actor
        assert actor.qid is None or re.fullmatch(r"Q[1-9]\d*", actor.qid), actor


def test_states_and_organisations_have_a_sector_where_plover_gives_one(gaz):
    assert all(a.sector for a in gaz.states.values())
    assert all(a.sector for a in gaz.orgs.values() if a.type in {"ArmedGroup", "Media", "ArmedForces"})


WELL_KNOWN_QIDS = {
    "state/RUS": "Q159", "state/IRN": "Q794", "state/SYR": "Q858", "state/TUR": "Q43", "state/USA": "Q30",
    "state/GBR": "Q145", "state/FRA": "Q142", "state/DEU": "Q183", "state/CHN": "Q148",
    "person/vladimir-putin": "Q7747", "person/barack-obama": "Q76", "person/donald-trump": "Q22686",
    "person/joe-biden": "Q6279", "person/angela-merkel": "Q567", "person/emmanuel-macron": "Q3052772",
    "org/united-nations": "Q1065", "org/nato": "Q7184", "org/european-union": "Q458",
}


@pytest.mark.parametrize(("actor_id", "qid"), sorted(WELL_KNOWN_QIDS.items()))
def test_well_known_wikidata_ids(gaz, actor_id, qid):
    kind, key = actor_id.split("/", 1)
    table = {"state": gaz.states, "person": gaz.people, "org": gaz.orgs}[kind]
    assert table[key].qid == qid


def test_no_alias_names_two_people(gaz):
    owners = Counter(p.text.lower() for p in gaz.phrases if p.kind == "person")
    people_of = {}
    for phrase in (p for p in gaz.phrases if p.kind == "person"):
        people_of.setdefault(phrase.text.lower(), set()).add(phrase.key)
    assert not {alias: ids for alias, ids in people_of.items() if len(ids) > 1}
    assert owners
