"""Constructions of ordinary news writing (issue 11): reports of violence that charge the doer,
answers to owned charges, hedged acts, denials that deny nothing. Sentences written for the
project; each group covers a class of phrasings, not one sentence."""

from __future__ import annotations

import pytest

from kg.model import Article, Event


def _events(extractor, text: str, date: str = "2024-05-02") -> list[Event]:
    [result] = list(extractor.run([Article("t", text, date)]))
    return result.events


def _coded(extractor, text: str) -> set[tuple[str, str, str]]:
    """(category, actor code, recipient code) of the events a reader would see."""
    return {(e.category, a.actor.code or "", r.actor.code or "")
            for e in _events(extractor, text) if e.confidence >= 0.2 and e.factuality != "negated"
            for a in e.actors for r in (e.recipients or [None]) if r is not None}


# ------------------------------------------------- a third party's report of violence accuses

@pytest.mark.parametrize(("text", "accuser", "accused"), [
    ("Amnesty International said Syrian forces executed dozens of prisoners in Homs.", "NGO", "SYR"),
    ("Myanmar troops attacked three villages in Rakhine, Human Rights Watch said on Monday.", "NGO", "MMR"),
    ("The United Nations said Sudanese soldiers attacked a convoy of Chadian traders.", "UNO", "SDN"),
    ("Kabul said Pakistani jets bombed a market in Kunar.", "AFG", "PAK"),
])
def test_a_report_of_anothers_violence_accuses_the_doer(extractor, text, accuser, accused):
    assert ("ACCUSE", accuser, accused) in _coded(extractor, text)


@pytest.mark.parametrize("text", [
    "The Pakistani army said it killed 30 militants in Waziristan.",  # its own act
    "Nigerian officials said gunmen attacked a police post in Zamfara.",  # an act at home, told
])
def test_reporting_ones_own_or_a_domestic_act_accuses_no_one(extractor, text):
    assert not {c for c in _coded(extractor, text) if c[0] == "ACCUSE"}


def test_an_act_beside_the_statement_is_not_what_it_reports(extractor):
    text = "Russia said on Tuesday that Sudan must return a plane that was seized by Chadian troops."
    assert ("ACCUSE", "RUS", "TCD") not in _coded(extractor, text)


# ------------------------------------------------- answering an owned charge tells who made it

@pytest.mark.parametrize(("text", "accuser", "accused"), [
    ("The Afghan government rejected Pakistan's allegation that the attack was planned in Kunar.", "PAK", "AFG"),
    ("China denied Washington's accusations of hacking.", "USA", "CHN"),
    ("Venezuela dismissed Colombia's charges as lies.", "COL", "VEN"),
])
def test_rejecting_an_owned_charge_tells_that_its_owner_accused(extractor, text, accuser, accused):
    assert ("ACCUSE", accuser, accused) in _coded(extractor, text)


def test_rejecting_a_claim_that_is_no_charge_accuses_no_one(extractor):
    coded = _coded(extractor, "Manila rejected China's claims in the South China Sea.")
    assert ("REJECT", "PHL", "CHN") in coded
    assert ("ACCUSE", "CHN", "PHL") not in coded


# ------------------------------------------------- hedges: alleged, with the cue

@pytest.mark.parametrize(("text", "cue"), [
    ("Russia is thought to have bombed the hospital in Idlib.", "think"),
    ("Syrian troops were believed to have shelled the town of Douma.", "believe"),
    ("Israeli jets reportedly struck a Hezbollah depot near Baalbek.", "reportedly"),
    ("Ethiopian forces allegedly attacked Eritrean refugees in Tigray.", "allegedly"),
])
def test_a_hedged_act_is_alleged_and_names_its_hedge(extractor, text, cue):
    acts = [e for e in _events(extractor, text) if e.category == "ASSAULT"]
    assert acts and all(e.factuality == "alleged" and e.cue == cue for e in acts)


def test_an_act_told_plainly_is_asserted_without_cue(extractor):
    acts = [e for e in _events(extractor, "Russia bombed the hospital in Idlib.") if e.category == "ASSAULT"]
    assert acts and all(e.factuality == "asserted" and e.cue == "" for e in acts)


# ------------------------------------------------- denials that deny nothing

def test_neither_confirming_nor_denying_is_no_denial_and_leaves_the_act_open(extractor):
    events = _events(extractor, "Washington neither confirmed nor denied that it had struck Iranian targets in Syria.")
    assert not [e for e in events if e.category == "REJECT" and e.factuality != "negated"]
    strikes = [e for e in events if e.category == "ASSAULT"]
    assert strikes and all(e.factuality == "alleged" for e in strikes)


def test_not_confirming_or_denying_negates_both(extractor):
    events = _events(extractor, "Moscow did not confirm or deny the strikes on Kharkiv.")
    assert not [e for e in events if e.category == "REJECT" and e.factuality != "negated"]


def test_condemning_the_act_of_a_named_doer_accuses_the_doer(extractor):
    assert ("ACCUSE", "IRN", "ISR") in _coded(extractor, "Iran condemned the bombing of its embassy by Israel.")
