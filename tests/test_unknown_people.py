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
