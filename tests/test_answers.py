"""A denial answers the charge last made against the denier in the story: its maker is the
recipient, unless the text names whose charge it was."""

from __future__ import annotations

import pytest

from kg.model import Article


def _rejections(extractor, text: str):
    [result] = list(extractor.run([Article("t", text, "2019-05-04")]))
    return [e for e in result.events if e.category == "REJECT"]


@pytest.mark.parametrize("text", [
    "Ukraine accused Russia of shelling the plant. Moscow denied the allegations.",
    "Ukraine accused Russia of shelling the plant on Sunday. The Kremlin rejected the accusations as lies.",
])
def test_a_denial_answers_whoever_made_the_charge(extractor, text):
    [rejection] = _rejections(extractor, text)
    assert [m.actor.label for m in rejection.recipients] == ["Ukraine"]


def test_a_denial_with_no_earlier_charge_has_no_recipient(extractor):
    [rejection] = _rejections(extractor, "Moscow denied the allegations on Monday.")
    assert rejection.recipients == []


def test_a_named_owner_is_not_replaced_by_the_earlier_accuser(extractor):
    text = "Ukraine accused Russia of shelling the plant. Moscow denied the allegations by activists."
    for rejection in _rejections(extractor, text):
        assert "Ukraine" not in [m.actor.label for m in rejection.recipients]


def test_a_charge_against_someone_else_is_not_answered(extractor):
    text = "Ukraine accused Belarus of hosting the troops. Moscow denied the allegations."
    for rejection in _rejections(extractor, text):
        assert rejection.recipients == []


@pytest.mark.parametrize(("text", "category"), [
    ("Syrian aircraft bombed the market in Idlib. Turkey condemned the bombing.", "ACCUSE"),
    ("Russian troops shelled the town on Monday. The United Nations demanded an end to the shelling.", "REQUEST"),
])
def test_a_stance_on_an_earlier_act_addresses_its_doer(extractor, text, category):
    [result] = list(extractor.run([Article("t", text, "2019-05-04")]))
    [stance] = [e for e in result.events if e.category == category]
    [doer] = [m.actor for m in stance.recipients]
    [attacker] = [m.actor for e in result.events if e.category == "ASSAULT" for m in e.actors]
    assert doer == attacker


def test_a_stance_on_an_act_nobody_was_said_to_do_addresses_no_one(extractor):
    [result] = list(extractor.run([Article("t", "Turkey condemned the bombing of the market.", "2019-05-04")]))
    assert all(not e.recipients for e in result.events)


@pytest.mark.parametrize("text", [
    "Hamas fired rockets at Israel. The Islamist group also threatened Egypt.",
    "Hamas fired rockets at Israel. The militant group also threatened Egypt.",
])
def test_a_described_group_is_the_last_group_named(extractor, text):
    [result] = list(extractor.run([Article("t", text, "2019-05-04")]))
    [threat] = [e for e in result.events if e.category == "THREATEN"]
    assert [m.actor.label for m in threat.actors] == ["Hamas"]


def test_a_group_described_by_a_nationality_is_not_the_last_group(extractor):
    text = "Hamas fired rockets at Israel. The Syrian group also threatened Egypt."
    [result] = list(extractor.run([Article("t", text, "2019-05-04")]))
    assert all("Hamas" not in [m.actor.label for m in e.actors] for e in result.events if e.category == "THREATEN")


def test_a_stance_on_the_move_addresses_whoever_made_it(extractor):
    text = "Chile expelled two Bolivian diplomats. Bolivia condemned the decision."
    [result] = list(extractor.run([Article("t", text, "2019-05-04")]))
    [stance] = [e for e in result.events if e.category == "ACCUSE"]
    assert [m.actor.label for m in stance.recipients] == ["Chile"]


def test_a_stance_on_the_move_of_a_named_owner_keeps_the_owner(extractor):
    text = "Chile expelled two Bolivian diplomats. Bolivia condemned the Peruvian decision."
    [result] = list(extractor.run([Article("t", text, "2019-05-04")]))
    assert all("Chile" not in [m.actor.label for m in e.recipients] for e in result.events if e.category == "ACCUSE")
