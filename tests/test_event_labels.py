"""Event labels read as sentences, and a state's own bodies and officials roll up to it (kgo:ofState)."""

from __future__ import annotations

import pytest

from kg.model import Actor, Article, ArticleResult, Event, Mention
from kg.rdf import Run, actor_iri, acts_for_state, add_results, event_label, new_dataset, plural_verb
from kg.vocabulary import KGO

RUSSIA = Actor("state/RUS", "Russia", "State", "RUS", "GOV", country="state/RUS")
IRAN = Actor("state/IRN", "Iran", "State", "IRN", "GOV", country="state/IRN")
ARMY = Actor("state/SYR/armed-forces", "Syrian Armed Forces", "ArmedForces", "SYR", "MIL", country="state/SYR")
REBELS = Actor("state/SYR/rebels", "Syrian Rebels", "Group", "SYR", "REB", country="state/SYR")
PUTIN = Actor("person/putin", "Vladimir Putin", "Person", "RUS", "GOV", country="state/RUS")
ERDOGAN = Actor("person/erdogan", "Recep Tayyip Erdoğan", "Person", "TUR", "GOV", country="state/TUR")
CITY = Actor("place/aleppo", "Aleppo", "Place", "SYR", "CVL", country="state/SYR")


def mention(actor: Actor) -> Mention:
    return Mention(actor, 0, 1, actor.label)


def event(actors, recipients=(), sentence="", trigger="", symmetric=False, predicate="backs") -> Event:
    start = sentence.find(trigger) if trigger else 0
    return Event("a1", "SUPPORT", predicate, [mention(a) for a in actors], [mention(r) for r in recipients],
                 trigger=trigger, sentence=sentence, trigger_start=start, trigger_end=start + len(trigger),
                 symmetric=symmetric)


@pytest.mark.parametrize(("singular", "plural"), [
    ("backs", "back"), ("discusses", "discuss"), ("imposes", "impose"), ("carries", "carry"),
    ("goes", "go"), ("is", "are"), ("has", "have"), ("reaches", "reach"), ("besieges", "besiege"),
    ("seizes", "seize"), ("accuses", "accuse")])
def test_verbs_agree_with_several_actors(singular, plural):
    assert plural_verb(singular) == plural


def test_compound_actors_take_a_plural_verb():
    assert event_label(event([RUSSIA, IRAN], [ARMY]), "backs") == "Russia and Iran back Syrian Armed Forces"
    assert event_label(event([ARMY], [REBELS]), "shells") == "Syrian Armed Forces shell Syrian Rebels"
    assert event_label(event([RUSSIA], [ARMY]), "backs") == "Russia backs Syrian Armed Forces"


def test_reciprocal_events_drop_the_dangling_preposition():
    label = event_label(event([PUTIN, ERDOGAN], symmetric=True), "discusses with")
    assert label == "Vladimir Putin and Recep Tayyip Erdoğan discuss"


def test_an_object_that_is_not_an_actor_is_read_from_the_evidence():
    sentence = "Talks stalled after Iran imposed new conditions on the evacuation deal, officials said."
    assert event_label(event([IRAN], sentence=sentence, trigger="imposed"), "imposes conditions on") == \
        "Iran imposes conditions on the evacuation deal"
    sentence = "Moscow rejected the proposal to let aid in."
    assert event_label(event([RUSSIA], sentence=sentence, trigger="rejected"), "rejects") == \
        "Russia rejects the proposal"
    # a pronoun or nothing readable: the predicate alone, without a dangling preposition
    assert event_label(event([RUSSIA], sentence="Russia rejected it.", trigger="rejected"), "rejects") == \
        "Russia rejects"
    assert event_label(event([IRAN], sentence="Iran imposed conditions.", trigger="imposed"),
                       "imposes conditions on") == "Iran imposes conditions"


def test_state_bodies_and_officials_act_for_their_state_and_others_do_not():
    assert acts_for_state(ARMY) and acts_for_state(PUTIN)
    assert not acts_for_state(REBELS) and not acts_for_state(CITY) and not acts_for_state(RUSSIA)


def test_of_state_triples_are_written_for_state_organs_only():
    result = ArticleResult(Article("a1", "x", date="2016-12-14"), [mention(a) for a in (ARMY, REBELS, PUTIN, RUSSIA)],
                           [event([RUSSIA], [ARMY])])
    dataset = add_results(new_dataset(), [result], Run("test"))
    states = {(str(s), str(o)) for s, _, o, _ in dataset.quads((None, KGO.ofState, None, None))}
    assert states == {(str(actor_iri(ARMY)), str(actor_iri("state/SYR"))),
                      (str(actor_iri(PUTIN)), str(actor_iri("state/RUS")))}
