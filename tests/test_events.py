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
    ("in March 2003", False, "2003-03-01"), ("in 1988", False, "1988-01-01"), ("the 1990s", False, "1990-01-01"),
    ("two decades ago", False, "1996-01-01"), ("five years ago", False, "2011-01-01"),
])
def test_relative_dates_resolve_against_the_article_date(expression, future, expected):
    from kg.dates import resolve

    assert resolve(expression, "2016-12-14", future=future) == expected


# ---------------------------------------------------------------- quotations, aims and ongoing acts

def test_we_in_a_quotation_is_the_body_the_speaker_speaks_for(extractor):
    text = '"We will keep striking the Islamic State," said Gen. Omar Saleh, the Iraqi army chief of staff.'
    events = events_of(extractor, text)
    assert any(m.actor.id == "state/IRQ/armed-forces" for e in events for m in e.actors)


def test_we_in_a_statement_is_the_body_that_opened_it(extractor):
    text = "The United States condemns the bombing in Kabul. We urge the Afghan government to protect civilians."
    assert find(events_of(extractor, text), "REQUEST", "USA", "AFG")


def test_we_is_never_the_enemy_named_in_the_same_sentence(extractor):
    events = events_of(extractor, "To defeat the Taliban we would need to work with many local partners.")
    assert not any(m.actor.id == "org/taliban" for e in events for m in e.actors)


def test_continuing_an_attack_is_an_attack_not_a_threat(extractor):
    events = events_of(extractor, "The Kenyan army will continue to strike al-Shabaab camps.")
    assert find(events, "ASSAULT", "KEN", "SOM")
    assert not find(events, "THREATEN", "KEN")


def test_an_aim_is_a_future_act_not_a_threat(extractor):
    events = events_of(extractor, "Iraq's efforts to destroy the Islamic State continue.")
    assert any(e.category == "ASSAULT" and e.factuality == "future" for e in events)
    assert not any(e.category == "THREATEN" for e in events)


def test_a_demand_made_by_marching_is_made(extractor):
    events = events_of(extractor, "Students marched in Jakarta to demand reforms from the Indonesian government.")
    assert find(events, "REQUEST", "IDN", "IDN")


def test_gerund_after_an_adjective_takes_the_clause_subject(extractor):
    events = events_of(extractor, "Hezbollah remains committed to carrying out attacks against Israel.")
    assert find(events, "ASSAULT", "LBN", "ISR", factuality="future")


def test_what_one_is_accused_of_is_not_asserted(extractor):
    events = events_of(extractor, "Turkey accused Russia of carrying out strikes on Kurdish towns.")
    assert find(events, "ACCUSE", "TUR", "RUS")
    assert not [e for e in events if e.category == "ASSAULT" and e.factuality == "asserted"]


def test_our_partners_are_not_us(extractor):
    text = "The United States condemns the attack. We will stand with our partners against terrorism."
    events = events_of(extractor, text)
    assert not any({m.actor.id for m in e.actors} & {m.actor.id for m in e.recipients} for e in events)
    assert not [e for e in events for m in e.recipients if m.text == "our"]


def test_subject_pronoun_continues_the_last_subject(extractor):
    text = "After Iraqi forces came under fire from Islamic State fighters, they asked the coalition for support."
    assert find(events_of(extractor, text), "REQUEST", "IRQ", "IGO")


def test_the_enemy_is_the_armed_group_last_named(extractor):
    text = "Al-Shabaab fighters attacked a base in Somalia. Kenyan troops later attacked the enemy near the town."
    assert find(events_of(extractor, text), "ASSAULT", "KEN", "SOM")


def test_seizing_from_someone_targets_them(extractor):
    events = events_of(extractor, "Iraqi troops tried to seize the hospital from Islamic State fighters.")
    assert any(m.actor.id == "org/islamic-state" for e in events for m in e.recipients)


def test_a_disposition_to_attack_is_a_future_attack_not_a_threat(extractor):
    events = events_of(extractor, "Hezbollah is determined to attack Israel, the report said.")
    assert find(events, "ASSAULT", "LBN", "ISR", factuality="future")


def test_parties_named_after_between_take_part(extractor):
    talks = events_of(extractor, "Talks between Iran and Saudi Arabia resumed in Baghdad.")
    assert any({"IRN", "SAU"} <= {m.actor.code for m in e.actors + e.recipients} for e in talks
               if e.category == "CONSULT")
    fighting = events_of(extractor, "A war between Ethiopia and Eritrea broke out in 1998.")
    assert find(fighting, "ASSAULT", "ETH", "ERI") and all(e.symmetric for e in fighting)


def test_target_found_anywhere_in_the_light_verb_clause(extractor):
    events = events_of(extractor, "The coalition conducted 15 strikes using bombers and drones against Islamic State "
                                  "targets.")
    assert any(m.actor.id == "org/islamic-state" for e in find(events, "ASSAULT", "IGO") for m in e.recipients)


def test_support_coordinated_with_a_strike_is_the_strikers(extractor):
    events = events_of(extractor, "French aircraft carried out 11 strikes coordinated with and in support of the "
                                  "government of Mali against al-Qaeda targets.")
    assert find(events, "SUPPORT", "FRA", "MLI")
    assert find(events, "ASSAULT", "FRA", "IMG")


def test_regional_government_is_its_own_actor(extractor):
    events = events_of(extractor, "Baghdad seeks closer cooperation between the Iraqi government and the Kurdistan "
                                  "Regional Government.")
    assert any("org/krg" in {m.actor.id for m in e.actors + e.recipients} for e in events)


def test_who_receives_fire_is_the_target(extractor):
    events = events_of(extractor, "Iraqi forces continued to receive heavy fire from Islamic State fighters.")
    assert find(events, "ASSAULT", "IMG", "IRQ")
    events = events_of(extractor, "A Turkish convoy came under attack from PKK militants near Hakkari.")
    assert find(events, "ASSAULT", "TUR", "TUR")  # the PKK is coded TUR, its home country


def test_target_held_by_an_actor_is_that_actor(extractor):
    events = events_of(extractor, "The Yemeni army captured 300 square kilometres of territory held by the Houthis.")
    assert any(m.actor.id == "org/houthis" for e in find(events, "ASSAULT", "YEM") for m in e.recipients)
    events = events_of(extractor, "The Kenyan army destroyed an al-Shabaab-held bridge.")
    assert find(events, "ASSAULT", "KEN", "SOM")


def test_refusing_to_allow_is_a_rejection(extractor):
    assert find(events_of(extractor, "Kenya will not allow al-Shabaab to regroup."), "REJECT", "KEN", "SOM")
    assert find(events_of(extractor, "Israel allowed Palestinians to enter Jerusalem."), "CONCEDE", "ISR", "PSE")


def test_defences_against_an_enemy_are_fighting(extractor):
    events = events_of(extractor, "The Iraqi army strengthened its defences against the Islamic State.")
    assert find(events, "ASSAULT", "IRQ", "IMG")


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


def test_pushing_an_enemy_back_is_an_attack(extractor):
    events = events_of(extractor, "Kenyan troops pushed al-Shabaab back from the border.")
    assert find(events, "ASSAULT", "KEN", "SOM")


def test_a_name_after_near_does_not_act(extractor):
    events = events_of(extractor, "Near Tal Hamis, the Kurdish Peshmerga attacked ISIL.")
    assert all(m.text != "Tal Hamis" for e in events for m in e.actors)
    assert find(events, "ASSAULT", "IRQ", "IMG")


def test_a_possessed_event_exists_whatever_is_sought(extractor):
    events = events_of(extractor, "Many villagers are seeking to join the SDF's fight against ISIL.")
    assert find(events, "ASSAULT", "SYR", "IMG")


def test_strikes_delivering_munitions_against_a_target_hit_it(extractor):
    events = events_of(extractor, "The coalition's four airstrikes delivered 24 munitions against ISIL targets.")
    assert find(events, "ASSAULT", "IGO", "IMG")


def test_with_names_a_partner_only_after_of(extractor):
    events = events_of(extractor, "The Iraqi army is targeting the training with the Kurds.")
    assert not [m for e in events for m in e.recipients if m.text == "Kurds"]


def test_an_event_told_as_background_is_historical(extractor):
    assert find(events_of(extractor, "Iraq invaded Kuwait in 1990."), "ASSAULT", "IRQ", "KWT", factuality="historical")
    assert find(events_of(extractor, "Two decades ago, NATO bombed Serbia."), "ASSAULT", "IGO", "SRB",
                factuality="historical")
    assert find(events_of(extractor, "Russia bombed Aleppo on Tuesday."), "ASSAULT", "RUS")


def test_a_date_that_modifies_a_noun_does_not_date_the_event(extractor):
    events = events_of(extractor, "Iran attacked the 2015 headquarters of the rebels.")
    assert all(e.factuality != "historical" and e.date == "2016-12-14" for e in events)


@pytest.mark.parametrize("text", ["Kenyan nurses are on strike against the government.",
                                  "Nigerian workers marched in protest against the government.",
                                  "Nigerian workers stopped work over the new labour law."])
def test_strikes_and_protests_phrased_with_a_preposition(extractor, text):
    events = [e for e in events_of(extractor, text) if e.category == "PROTEST"]
    assert events and {m.actor.sector for m in events[0].actors} == {"MED" if "nurses" in text else "LAB"}


def test_the_subject_of_a_clause_with_air_strikes_does_not_strike(extractor):
    events = events_of(extractor, "Kenyan civilians died in air strikes on the town.")
    assert not [e for e in events if e.category in {"PROTEST", "ASSAULT"} and codes(e.actors) == {("KEN", "CVL")}]


def test_stand_in_words_are_not_aliases_and_implied_parties_have_no_span(extractor):
    from kg.rdf import Run, add_results, new_dataset
    from kg.views.plover import record
    from kg.views.rdf_formats import union_graph

    text = ("Kenyan aircraft carried out two strikes on al-Shabaab camps on Monday. The strikes destroyed "
            "three al-Shabaab trucks. Thousands of Kenyan workers went on strike in Nairobi.")
    results = list(extractor.run([Article("t", text, "2016-12-14")]))
    events = results[0].events
    protests = [e for e in events if e.category == "PROTEST"]
    implied = [m for e in protests for m in e.recipients if m.kind == "implied"]
    assert implied, [(e.category, [m.text for m in e.recipients]) for e in events]
    entity = next(r for e in protests for r in record(e)["recipient"] if r.get("implied"))
    assert "raw_text" not in entity and "start" not in entity
    graph = union_graph(add_results(new_dataset(), results, Run("test")))
    from rdflib.namespace import SKOS

    aliases = {str(o) for o in graph.objects(None, SKOS.altLabel)}
    assert not aliases & {"strikes", "went", "strike"}, aliases


@pytest.mark.parametrize("text", ["Japan's foreign minister spoke by phone with China on Tuesday.",
                                  "Japan has been in touch with China about the missile test.",
                                  "Japan raised the issue in a call with China.",
                                  "Japan held a phone call with China.",
                                  "Japan remained in contact with China throughout the crisis."])
def test_contacts_by_phone_or_call_are_consultations(extractor, text):
    events = events_of(extractor, text)
    assert find(events, "CONSULT", "JPN", "CHN") or find(events, "CONSULT", "CHN", "JPN"), \
        [(e.category, e.trigger) for e in events]


def test_a_call_for_something_is_not_a_consultation(extractor):
    events = events_of(extractor, "Japan's call for a ceasefire went unanswered.")
    assert not [e for e in events if e.category == "CONSULT"]


def test_standing_with_a_people_is_support(extractor):
    events = events_of(extractor, "Canada stands with the people of Ukraine.")
    assert find(events, "SUPPORT", "CAN", "UKR")


def test_denying_safe_haven_is_coercion_not_a_rejected_claim(extractor):
    events = events_of(extractor, "Kenya denied safe haven to al-Shabaab fighters.")
    assert find(events, "COERCE", "KEN"), [(e.category, e.predicate) for e in events]
    assert not [e for e in events if e.predicate == "deniesClaimOf"]


def test_a_commitment_to_act_is_owned_by_whoever_made_it(extractor):
    events = events_of(extractor, "Canada reaffirmed its commitment to support the government of Kenya.")
    assert find(events, "SUPPORT", "CAN", "KEN"), [(e.category, [m.text for m in e.actors]) for e in events]


@pytest.mark.parametrize("text", ["Kenyan operations against al-Shabaab went on through the rainy season.",
                                  "Kenyan jets joined the fight against al-Shabaab last week.",
                                  "Kenyan troops have perpetrated abuses against al-Shabaab prisoners."])
def test_operations_joined_fights_and_perpetrated_abuses_are_assaults(extractor, text):
    events = events_of(extractor, text)
    assert [e for e in events if e.category == "ASSAULT" and "KEN" in {m.actor.code for m in e.actors}
            and "al-Shabaab" in " ".join(m.text for m in e.recipients)], \
        [(e.category, e.trigger, [m.text for m in e.recipients]) for e in events]


def test_an_operation_with_no_opponent_is_no_event(extractor):
    events = events_of(extractor, "Kenyan operations in the north went on through the rainy season.")
    assert not [e for e in events if e.trigger == "operations"]


def test_a_one_sided_fight_with_a_named_opponent_is_not_mutual(extractor):
    events = find(events_of(extractor, "Syrian troops fought rebels near Idlib."), "ASSAULT", "SYR")
    assert events and not any(e.symmetric for e in events)


def test_pronouns_and_descriptions_are_never_aliases(extractor):
    from rdflib.namespace import SKOS

    from kg.rdf import Run, add_results, new_dataset
    from kg.views.rdf_formats import union_graph

    text = ("Al-Shabaab fighters attacked a Kenyan base on Monday. The group said it would strike again. "
            "Kenya's army said: \"We will hunt them down.\" They attacked its camps.")
    results = list(extractor.run([Article("t", text, "2016-12-14")]))
    kinds = {m.kind for m in results[0].mentions}
    assert {"pronoun", "definite"} <= kinds, kinds
    graph = union_graph(add_results(new_dataset(), results, Run("test")))
    aliases = {str(o).lower() for o in graph.objects(None, SKOS.altLabel)}
    assert not aliases & {"it", "its", "they", "them", "we", "the group"}, aliases
