"""Event extraction: the project's own samples give the expected events, and the coding rules
(voice, conjunctions, nominal forms, modality, attribution, dates) hold on sentences written
for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.ingest import read_inputs
from kg.model import Article, Event
from kg.pipeline import Extractor

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="module")
def sample_events(extractor) -> list[Event]:
    articles = [a for a in read_inputs([str(SAMPLES)]) if isinstance(a, Article)]
    assert len(articles) == 3
    return [e for r in extractor.run(articles) for e in r.events]


def events_of(extractor: Extractor, text: str, date: str = "2016-12-14") -> list[Event]:
    return [e for r in extractor.run([Article("t", text, date)]) for e in r.events]


def codes(mentions) -> set[tuple[str | None, str | None]]:
    return {(m.actor.code, m.actor.sector) for m in mentions}


def find(events, category, actor_code, recipient_code=None, factuality="asserted"):
    return [e for e in events if e.category == category and e.factuality == factuality
            and actor_code in {m.actor.code for m in e.actors}
            and (recipient_code is None or recipient_code in {m.actor.code for m in e.recipients})]


# ---------------------------------------------------------------- the samples

def test_samples_iran_imposes_conditions(sample_events):
    assert any(e.predicate == "imposesConditionsOn" for e in find(sample_events, "REQUEST", "IRN"))


def test_samples_russia_backs_assad(sample_events):
    backs = find(sample_events, "SUPPORT", "RUS", "SYR")
    assert any("person/bashar-al-assad" in {m.actor.id for m in e.recipients} for e in backs)


def test_samples_turkey_accuses_syrian_forces(sample_events):
    accusations = find(sample_events, "ACCUSE", "TUR", "SYR")
    assert any(("SYR", "MIL") in codes(e.recipients) for e in accusations)


def test_samples_ceasefire_brokered_by_russia_and_turkey(sample_events):
    brokered = [e for e in sample_events if e.predicate == "brokersCeasefire"]
    assert any({m.actor.code for m in e.actors} == {"RUS", "TUR"} and e.symmetric for e in brokered)


def test_samples_putin_and_erdogan_will_discuss(sample_events):
    talks = [e for e in sample_events if e.category == "CONSULT" and e.factuality == "future"]
    people = [{m.actor.id for m in e.actors} for e in talks]
    assert {"person/vladimir-putin", "person/recep-tayyip-erdogan"} in people


def test_samples_hezbollah_is_the_governments_ally(sample_events):
    assert any(("SYR", "GOV") in codes(e.recipients) for e in find(sample_events, "SUPPORT", "LBN"))


def test_samples_rebel_shelling_is_attributed_to_state_television(sample_events):
    shelling = find(sample_events, "ASSAULT", "SYR")
    rebel = [e for e in shelling if ("SYR", "REB") in codes(e.actors)]
    assert rebel and any(e.source is not None and e.source.actor.code == "SYR" for e in rebel)


def test_samples_villages_besieged_by_rebels(sample_events):
    assert any(("SYR", "REB") in codes(e.actors) for e in find(sample_events, "COERCE", "SYR"))


def test_samples_events_carry_evidence_offsets(sample_events):
    for event in sample_events:
        assert event.sentence and event.sentence_start < event.sentence_end
        for mention in event.actors + event.recipients:
            assert mention.text.strip()


# ---------------------------------------------------------------- coding rules

def test_passive_voice_takes_the_by_phrase_as_actor(extractor):
    events = events_of(extractor, "Two Syrian villages were shelled by Turkish artillery on Monday.")
    assert any(("TUR", "MIL") in codes(e.actors) for e in events if e.category == "ASSAULT")


def test_conjunction_spreads_actors(extractor):
    events = events_of(extractor, "France and Germany condemned Russia on Friday.")
    accusations = find(events, "ACCUSE", "FRA", "RUS")
    assert accusations and {m.actor.code for m in accusations[0].actors} == {"FRA", "DEU"}


def test_light_verb_with_event_noun(extractor):
    events = events_of(extractor, "Israel launched an attack on Hamas positions in Gaza.")
    assert find(events, "ASSAULT", "ISR", "PSE")


def test_hyphenated_participle_gives_support(extractor):
    events = events_of(extractor, "Iranian-backed militias in Syria fought rebels near Aleppo. "
                                  "Syrian militias held out.")
    assert find(events, "SUPPORT", "IRN")


def test_negated_event_is_marked_and_kept(extractor):
    events = events_of(extractor, "Egypt did not condemn Israel.")
    assert find(events, "ACCUSE", "EGY", "ISR", factuality="negated")
    assert not find(events, "ACCUSE", "EGY", "ISR")


def test_future_meeting_is_future(extractor):
    events = events_of(extractor, "The Chinese president will meet the Indian prime minister next month.")
    assert any(e.category == "CONSULT" and e.factuality == "future" for e in events)


def test_promised_aid_is_coded_as_agree(extractor):
    events = events_of(extractor, "Japan will send humanitarian aid to Ukraine.")
    assert find(events, "AGREE", "JPN", "UKR")
    assert not find(events, "AID", "JPN", "UKR")


def test_conditional_attack_is_a_threat(extractor):
    events = events_of(extractor, "Iran said it would attack Israel if the strikes continued.")
    assert find(events, "THREATEN", "IRN", "ISR")


def test_wanted_act_stays_hypothetical(extractor):
    events = events_of(extractor, "Jordan urged Syria to withdraw its troops from the border.")
    assert find(events, "REQUEST", "JOR", "SYR")
    assert not [e for e in events if e.category == "RETREAT" and e.factuality == "asserted"]


def test_obligation_in_reported_speech_is_a_request(extractor):
    events = events_of(extractor, "Germany said Serbia must hand over the suspects.")
    assert find(events, "REQUEST", "DEU", "SRB")


def test_reported_event_keeps_its_source(extractor):
    events = events_of(extractor, "Iraqi state television said Turkish jets bombed Kurdish rebels in Iraq.")
    bombings = find(events, "ASSAULT", "TUR")
    assert bombings and bombings[0].source is not None and bombings[0].source.actor.code == "IRQ"


def test_according_to_is_the_source(extractor):
    events = events_of(extractor, "Russian jets bombed Idlib on Monday, according to the United Nations.")
    bombings = find(events, "ASSAULT", "RUS")
    assert bombings and "United Nations" in bombings[0].source_text


def test_weekday_is_resolved_against_the_article_date(extractor):
    events = events_of(extractor, "Turkey accused Syria on Tuesday of shelling its border posts.", "2016-12-14")
    accusations = find(events, "ACCUSE", "TUR", "SYR")
    assert accusations and accusations[0].date == "2016-12-13"


def test_boilerplate_yields_no_events(extractor):
    text = "Subscribe to our daily newsletter. Become a member. Read more. Privacy policy. Terms of use."
    assert events_of(extractor, text) == []


def test_confidence_is_lower_for_inferred_actors(extractor):
    named = events_of(extractor, "Syria accused Turkey of aggression.")
    inferred = events_of(extractor, "Syrian officials spoke. Syrian troops advanced. "
                                    "The rebels accused government forces of aggression.")
    assert named and inferred
    assert max(e.confidence for e in inferred if e.category == "ACCUSE") < \
        max(e.confidence for e in named if e.category == "ACCUSE")


def test_every_actor_in_the_sample_graph_has_code_sector_and_label(extractor):
    from rdflib import RDFS

    from kg.rdf import Run, add_results, new_dataset
    from kg.views.rdf_formats import union_graph
    from kg.vocabulary import KGO

    articles = [a for a in read_inputs([str(SAMPLES)]) if isinstance(a, Article)]
    graph = union_graph(add_results(new_dataset(), list(extractor.run(articles)), Run("test")))
    actors = {s for s, _, _ in graph.triples((None, KGO.countryCode, None))}
    actors |= {o for p in (KGO.actor, KGO.recipient) for _, _, o in graph.triples((None, p, None))}
    assert len(actors) > 10
    for actor in actors:
        assert graph.value(actor, RDFS.label), actor
        assert graph.value(actor, KGO.countryCode), actor
        assert graph.value(actor, KGO.sector), actor


@pytest.mark.parametrize(("expression", "future", "expected"), [
    ("on Wednesday", False, "2016-12-14"), ("on Tuesday", False, "2016-12-13"),
    ("on Thursday", True, "2016-12-15"), ("yesterday", False, "2016-12-13"),
    ("last month", False, "2016-11-01"), ("next month", True, "2017-01-01"),
    ("last year", False, "2015-01-01"), ("last week", False, "2016-12-07"),
    ("on 3 December", False, "2016-12-03"), ("December 20, 2016", True, "2016-12-20"),
])
def test_relative_dates_resolve_against_the_article_date(expression, future, expected):
    from kg.dates import resolve

    assert resolve(expression, "2016-12-14", future=future) == expected


# ---------------------------------------------------------------- recipients found deeper in the sentence

def test_threat_is_aimed_at_the_subject_of_its_condition(extractor):
    events = events_of(extractor, "Chile threatened to recall its envoy unless Peru released the fishermen.")
    assert find(events, "THREATEN", "CHL", "PER")


def test_threat_without_condition_keeps_no_recipient(extractor):
    events = events_of(extractor, "Chile threatened to recall its envoy after the vote.")
    assert all(not e.recipients for e in events if e.category == "THREATEN")


def test_accepting_demands_is_a_concession_to_who_made_them(extractor):
    events = events_of(extractor, "The Kenyan government accepted demands from Ugandan traders for lower tariffs.")
    assert find(events, "CONCEDE", "KEN", "UGA")
    assert not find(events, "AGREE", "KEN")


def test_possessive_pronoun_does_not_hide_the_recipient_of_a_pledge(extractor):
    events = events_of(extractor, "The Ghanaian government reneged on its pledge to the Togolese people.")
    assert find(events, "REJECT", "GHA", "TGO")


def test_place_nouns_lead_to_the_people_they_belong_to(extractor):
    events = events_of(extractor, "A camp for Eritrean refugees was attacked by Sudanese militiamen.")
    assert find(events, "ASSAULT", "SDN", "ERI")


def test_targets_in_a_town_make_the_town_the_recipient(extractor):
    events = events_of(extractor, "Turkish tanks fired shells at targets in Aleppo.")
    assert find(events, "ASSAULT", "TUR", "SYR")


def test_quantified_coordinated_recipients_are_all_kept(extractor):
    events = events_of(extractor, "Ugandan police have beaten dozens of Rwandan and Burundian refugees.")
    assert find(events, "ASSAULT", "UGA", "RWA") and find(events, "ASSAULT", "UGA", "BDI")


def test_mobilising_for_a_war_against_a_state_targets_it(extractor):
    events = events_of(extractor, "Germany mobilized reservists for a possible war against Russia.")
    assert find(events, "MOBILIZE", "DEU", "RUS")


def test_suspending_links_with_a_state_sanctions_it(extractor):
    events = events_of(extractor, "Spain announced a suspension of flights with Morocco.")
    assert find(events, "SANCTION", "ESP", "MAR")


def test_rebel_held_territory_belongs_to_the_rebels(extractor):
    events = events_of(extractor, "The French army shelled Malian rebel-held towns.")
    assert any(("MLI", "REB") in codes(e.recipients) for e in find(events, "ASSAULT", "FRA"))


def test_forcing_people_out_is_coercion(extractor):
    events = events_of(extractor, "The Israeli army forced out hundreds of Palestinian families from their homes.")
    assert find(events, "COERCE", "ISR", "PSE")


def test_taking_hostages_is_an_abduction(extractor):
    for text in ("Kenyan rebels took five Turkish engineers hostage.",
                 "Kenyan rebels took hostage five Turkish engineers."):
        assert find(events_of(extractor, text), "ASSAULT", "KEN", "TUR"), text


def test_calling_for_independence_from_a_state_is_a_request_to_it(extractor):
    events = events_of(extractor, "Iraqi Kurds marched in Erbil calling for independence from Iraq.")
    assert find(events, "REQUEST", "IRQ", "IRQ")


def test_allowing_aid_deliveries_is_a_retreat(extractor):
    events = events_of(extractor, "Uzbekistan opened the bridge to allow the delivery of flour to Afghanistan.")
    assert find(events, "RETREAT", "UZB", "AFG")


def test_up_to_a_number_of_people_is_still_the_object(extractor):
    events = events_of(extractor, "Burundian rebels have kidnapped up to 16 Russian civilian advisers from a bazaar.")
    assert find(events, "ASSAULT", "BDI", "RUS")
