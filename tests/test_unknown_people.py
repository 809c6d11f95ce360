"""People the gazetteer does not know take the country their own words name, else the one a
story is told from; a story with no main country leaves them uncoded."""

from __future__ import annotations

from kg.model import Article


def _people(extractor, text: str) -> dict[str, str | None]:
    [result] = list(extractor.run([Article("t", text, "2023-04-11")]))
    return {m.actor.label: m.actor.code for m in result.mentions if m.actor.type == "Person"}


def test_an_unknown_person_in_a_story_told_from_one_country_takes_it(extractor):
    text = ("Bolivian police arrested protesters in La Paz on Monday. Bolivia's government said the "
            "protests were illegal. Police officer Juan Carlos Mamani said the protesters had attacked him.")
    assert _people(extractor, text).get("Juan Carlos Mamani") == "BOL"


def test_an_unknown_person_in_a_story_with_no_main_country_stays_uncoded(extractor):
    text = "Marta Quispe said the talks between Chile and Peru had failed."
    assert _people(extractor, text).get("Marta Quispe") is None


def _actors_of(extractor, text: str) -> list[tuple[str, str | None, str | None]]:
    [result] = list(extractor.run([Article("t", text, "2023-04-11")]))
    return [(m.actor.label, m.actor.code, m.actor.sector) for e in result.events for m in e.actors]


def test_unnamed_rights_groups_are_coded_as_ngos(extractor):
    text = "Bolivian police detained dozens of miners. Rights groups accused the Bolivian police of torture."
    assert ("Human rights groups", "NGO", "CVL") in _actors_of(extractor, text)


def test_bare_police_and_lawmakers_belong_to_the_country_the_story_is_told_from(extractor):
    text = ("Bolivia's government raised fuel prices in La Paz on Monday. Bolivian unions protested. "
            "Police arrested two union leaders. Lawmakers criticised the government.")
    actors = _actors_of(extractor, text)
    assert ("Bolivian Police", "BOL", "COP") in actors
    assert ("Bolivian Parliament", "BOL", "LEG") in actors


def test_a_family_name_first_person_is_named_again_by_the_family_name(extractor):
    text = "Chinese President Xi Jinping arrived in Hanoi. Vietnam's leaders met Xi on Tuesday."
    [result] = list(extractor.run([Article("t", text, "2023-12-12")]))
    assert "Xi Jinping" in [m.actor.label for e in result.events for m in e.actors + e.recipients]


def test_a_western_surname_is_not_read_from_the_first_word(extractor):
    text = "Bolivian President Luis Arce arrived in Lima. Peru's leaders met Luis on Tuesday."
    [result] = list(extractor.run([Article("t", text, "2023-12-12")]))
    assert "Luis Arce" not in [m.actor.label for e in result.events for m in e.recipients]


def test_a_capitalised_opening_word_is_not_taken_for_a_person(extractor):
    text = ('Bolivia\'s president spoke in La Paz. "Cherry picking is not an option," he warned Chile.')
    [result] = list(extractor.run([Article("t", text, "2023-04-11")]))
    assert "Cherry" not in [m.actor.label for m in result.mentions]
