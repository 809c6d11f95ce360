"""The closed sets and the id grammar: the ontology and the code name the same actor classes,
unknown values fail where they enter, and ids are built and read by one set of functions."""

from __future__ import annotations

import pytest

from kg.extract import ids
from kg.extract.types import ActorType, Cause, Factuality, MentionKind, Modality, check_actor_types
from kg.gazetteer import load_gazetteer
from kg.model import Actor, Event, Mention


def test_actor_types_are_the_ontology_classes():
    check_actor_types()  # raises when kg.ttl and ActorType disagree


def test_every_gazetteer_actor_has_a_known_type():
    gaz = load_gazetteer()
    for actor in [*gaz.states.values(), *gaz.orgs.values(), *gaz.people.values(), *gaz.places.values()]:
        assert isinstance(actor.type, ActorType), actor.id


def test_an_unknown_actor_type_is_refused_naming_the_actor():
    with pytest.raises(ValueError, match="state/XXX.*Kingdom"):
        Actor(id="state/XXX", label="X", type="Kingdom")


def test_text_values_become_members_and_serialise_as_text():
    actor = Actor(id="state/SYR", label="Syria", type="State")
    mention = Mention(actor, 0, 5, "Syria", "pronoun")
    event = Event("a", "SUPPORT", "backs", [mention], factuality="future")
    assert actor.type is ActorType.STATE and mention.kind is MentionKind.PRONOUN
    assert event.factuality is Factuality.FUTURE
    assert f"{event.factuality}" == "future" and str(actor.type) == "State"
    assert not mention.names_actor


def test_unknown_mention_kind_and_factuality_fail():
    actor = Actor(id="state/SYR", label="Syria", type="State")
    with pytest.raises(ValueError):
        Mention(actor, 0, 5, "Syria", "nickname")
    with pytest.raises(ValueError):
        Event("a", "SUPPORT", "backs", [], factuality="probably")


def test_modality_names_its_governing_word_only_for_head_causes():
    assert Modality(Factuality.HYPOTHETICAL, Cause.HYPOTHETICAL_HEAD, "threaten").governed_by({"threaten"})
    assert not Modality(Factuality.HYPOTHETICAL, Cause.AUX).governed_by({"threaten", ""})
    assert not Modality(Factuality.NEGATED, Cause.NEGATING_HEAD, "refuse").governed_by({"refuse"})


def test_id_grammar_round_trips():
    assert ids.state_id("SYR") == "state/SYR"
    assert ids.body_id("SYR", "armed-forces") == "state/SYR/armed-forces"
    assert ids.key_of(ids.body_id("SYR", "government")) == "SYR/government"
    assert ids.unknown_person_id("Ana Quispe Torres") == "person/x-ana-quispe-torres"
    assert ids.is_gazetteer_person("person/vladimir-putin")
    assert not ids.is_gazetteer_person(ids.unknown_person_id("Ana"))
    assert ids.is_org(ids.unknown_org_id("Some Committee"))
    assert ids.is_state_part("state/SYR/government") and not ids.is_state_part("org/un")
    assert Actor(id="org/x", label="x", type="Organisation", country=ids.state_id("IRQ")).state_key == "IRQ"
