"""Naming verbs name, they do not appeal: "called the charges baseless" condemns whoever the
charges belong to, "called him a reporter" is no event; blame falls on what it is put on."""

from __future__ import annotations

import pytest

from kg.model import Article


def _coded(extractor, text: str) -> list[tuple[str, list[str], list[str]]]:
    [result] = list(extractor.run([Article("t", text, "2021-09-30")]))
    return [(e.category, [m.actor.label for m in e.actors], [m.actor.label for m in e.recipients])
            for e in result.events if e.confidence >= 0.2]


@pytest.mark.parametrize(("text", "recipient"), [
    ("Serbia called the Croatian verdict a violation of the treaty.", "Croatia"),
    ("Kenya described the Somali ruling as politically motivated.", "Somalia"),
    ("Turkey called Assad a terrorist.", "Bashar al-Assad"),
])
def test_naming_something_a_crime_or_a_lie_accuses_its_owner(extractor, text, recipient):
    assert ("ACCUSE", [_actor(text)], [recipient]) in _coded(extractor, text)


def test_naming_a_claim_baseless_rejects_it(extractor):
    assert ("REJECT", ["Chile"], ["Bolivia"]) in _coded(extractor, "Chile called Bolivia's claims baseless.")


def _actor(text: str) -> str:
    return text.split()[0]


@pytest.mark.parametrize("text", [
    "The Kenyan newspaper called him a brave reporter.",
    "Chile called the Bolivian proposal a starting point.",
])
def test_naming_without_condemnation_is_no_appeal(extractor, text):
    assert not [c for c in _coded(extractor, text) if c[0] in {"REQUEST", "ACCUSE"}]


def test_calling_on_someone_is_still_an_appeal(extractor):
    assert ("REQUEST", ["Mali"], ["France"]) in _coded(extractor, "Mali called on France to withdraw its troops.")


@pytest.mark.parametrize("text", [
    "Pakistan blamed the attacks on India.",
    "Pakistan blamed India for the attacks.",
    "Pakistan placed the blame on India.",
])
def test_blame_falls_on_whom_it_is_put_on(extractor, text):
    assert ("ACCUSE", ["Pakistan"], ["India"]) in _coded(extractor, text)


@pytest.mark.parametrize(("text", "actor", "recipient"), [
    ("Kabul said the Pakistani raid was a violation of its sovereignty.", "Government of Afghanistan", "Pakistan"),
    ("Amnesty International says the Thai law is illegal.", "Amnesty International", "Thailand"),
])
def test_a_statement_condemning_an_act_accuses_its_owner(extractor, text, actor, recipient):
    assert ("ACCUSE", [actor], [recipient]) in _coded(extractor, text)


def test_a_statement_that_condemns_nothing_is_no_accusation(extractor):
    assert not [c for c in _coded(extractor, "Russia said the talks with Ukraine were useful.") if c[0] == "ACCUSE"]


@pytest.mark.parametrize(("text", "actor", "recipient"), [
    ("Pakistan expects the Afghan government to stop the militants.", "Pakistan", "Government of Afghanistan"),
    ("Chile wants Bolivia to withdraw the complaint.", "Chile", "Bolivia"),
    ("Iran pressured Iraq to expel the group.", "Iran", "Iraq"),
])
def test_telling_someone_to_act_is_a_demand_on_them(extractor, text, actor, recipient):
    assert ("REQUEST", [actor], [recipient]) in _coded(extractor, text)


def test_wanting_to_act_oneself_is_no_demand(extractor):
    assert not [c for c in _coded(extractor, "Chile wants to meet Bolivia.") if c[0] == "REQUEST"]


@pytest.mark.parametrize("adverb", ["seldom", "rarely", "never"])
def test_near_negations_deny_the_act(extractor, adverb):
    [result] = list(extractor.run([Article("t", f"Malaysia {adverb} criticised China.", "2021-09-30")]))
    assert [e.factuality for e in result.events if e.category == "ACCUSE"] == ["negated"]


def test_a_warning_about_what_someone_will_do_is_aimed_at_them(extractor):
    text = "The European Union warned that the Bolivian government's plan would split the country."
    assert ("THREATEN", ["European Union"], ["Government of Bolivia"]) in _coded(extractor, text)


@pytest.mark.parametrize(("text", "protest"), [
    ("Chile demonstrated its resolve to Bolivia.", False),
    ("Bolivian miners rallied support in La Paz.", False),
    ("Bolivian miners demonstrated against the Bolivian government.", True),
    ("Bolivian miners marched against the Bolivian government.", True),
    ("Bolivian students protested against the Bolivian government.", True),
])
def test_protest_verbs_with_an_object_show_rather_than_protest(extractor, text, protest):
    assert any(c[0] == "PROTEST" for c in _coded(extractor, text)) is protest


@pytest.mark.parametrize(("text", "actor", "recipient"), [
    ("Turkey hit out at Sweden over the protests.", "Turkey", "Sweden"),
    ("Russia lashed out at Estonia on Monday.", "Russia", "Estonia"),
    ("Chile spoke out against Bolivia's plan.", "Chile", "Bolivia"),
])
def test_criticism_idioms_accuse(extractor, text, actor, recipient):
    assert ("ACCUSE", [actor], [recipient]) in _coded(extractor, text)


def test_speaking_with_someone_is_still_a_consultation(extractor):
    assert ("CONSULT", ["Iran"], ["Iraq"]) in _coded(extractor, "Iran spoke with Iraq.")


def test_a_quoted_question_is_no_request(extractor):
    assert _coded(extractor, '"Who will pay for the Bolivian army?" she asked.') == []


def test_asking_someone_is_still_a_request(extractor):
    assert ("REQUEST", ["Chile"], ["Bolivia"]) in _coded(extractor, "Chile asked Bolivia for help.")


@pytest.mark.parametrize(("text", "actor", "recipient"), [
    ("Kenya launched an operation to flush out al-Shabab militants.", "Kenya", "al-Shabaab"),
    ("The Iraqi army began an offensive to retake Mosul from Islamic State.", "Iraqi Armed Forces", "Islamic State"),
])
def test_an_operation_is_aimed_at_whom_its_aim_names(extractor, text, actor, recipient):
    assert ("ASSAULT", [actor], [recipient]) in _coded(extractor, text)


def test_a_call_for_someones_release_is_a_demand_on_their_government(extractor):
    text = ("Guatemalan police arrested the journalist Jose Ruben Zamora. "
            "Rights groups called for Zamora's immediate release.")
    [result] = list(extractor.run([Article("t", text, "2022-08-01")]))
    [demand] = [e for e in result.events if e.category == "REQUEST"]
    assert [m.actor.label for m in demand.recipients] == ["Government of Guatemala"]


def test_a_wish_voiced_by_someone_else_is_not_the_actors_offer(extractor):
    text = "She hopes Chile and Peru can coordinate their efforts."
    [result] = list(extractor.run([Article("t", text, "2022-08-01")]))
    assert all(str(e.factuality) == "hypothetical" for e in result.events)
    assert not [e for e in result.events if e.category == "AGREE"]


def test_an_actors_own_hope_to_act_is_still_its_offer(extractor):
    assert ("AGREE", ["Chile"], ["Bolivia"]) in _coded(extractor, "Chile hopes it can meet Bolivia soon.")


def test_disputing_a_claim_rejects_it(extractor):
    assert ("REJECT", ["Chile"], ["Bolivia"]) in _coded(extractor, "Chile disputed the Bolivian report.")


def test_a_state_calling_for_its_own_nationals_release_asks_no_one_named(extractor):
    text = "Chilean police detained Ana Rojas in Santiago. Chile called for Ana Rojas's release."
    [result] = list(extractor.run([Article("t", text, "2022-08-01")]))
    demands = [e for e in result.events if e.category == "REQUEST"]
    assert all("Government of Chile" not in [m.actor.label for m in e.recipients] for e in demands)
