"""Actor precision (kg/evidence.py and the title, body and surname rules in kg/actors.py): names
only NER found need evidence of being an actor, places are places, one name is one actor, and
time-bound actors exist only within their dates. Every sentence here is written for these tests
(short invented reports about real places and organisations)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.dates import dateline
from kg.extract.types import ActorType as T
from kg.gazetteer import read_lifespans


def mentions(extractor, text: str, date: str | None = "2019-05-04"):
    return extractor.resolver.resolve(extractor.nlp(text), date)


def named(extractor, text: str, surface: str, date: str | None = "2019-05-04"):
    """The actors of the mentions that overlap the first occurrence of `surface`."""
    start = text.index(surface)
    end = start + len(surface)
    return [r.actor for r in mentions(extractor, text, date) if r.mention.start < end and start < r.mention.end]


# ------------------------------------------------------------ never actors

@pytest.mark.parametrize(("text", "junk"), [
    ("Log In\nInbox\nIran accused Israel of striking a depot near Damascus on Saturday.\nCookie Settings",
     ["Inbox", "Cookie Settings", "Log In"]),
    ("Pakistani troops began Operation Swift Eagle against militants in the north. A second push, code-named "
     "Kestrel, followed a week later.", ["Operation Swift Eagle", "Kestrel"]),
    ("Rebels drove Nissan Patrol pickups into the main square of Tripoli.", ["Nissan"]),
    ("Fans of Leicester City and Inter Milan watched the match in a cafe in Baghdad.",
     ["Leicester City", "Inter Milan"]),
])
def test_page_furniture_code_names_makes_and_clubs_are_no_actors(extractor, text, junk):
    for surface in junk:
        assert not named(extractor, text, surface), surface


def test_a_city_named_with_the_word_city_is_no_sports_club(extractor):
    text = "Protesters marched in Quezon City on Sunday against the new law."
    assert [a.type for a in named(extractor, text, "Quezon City")] == [T.PLACE]


# ------------------------------------------------------------ places are places

@pytest.mark.parametrize(("text", "place"), [
    ("Militants shelled Khirbet Ghazaleh overnight, the army said.", "Khirbet Ghazaleh"),
    ("Government troops advanced on the town of Qabasin on Monday.", "Qabasin"),
    ("Residents of Hajin said the water had been cut for a week.", "Hajin"),
    ("Hajin lies on the eastern bank of the Euphrates, Syrian officials said.", "Hajin"),
])
def test_a_name_the_text_treats_as_a_place_is_a_place(extractor, text, place):
    actors = named(extractor, text, place)
    assert actors and all(a.type == T.PLACE for a in actors), actors


def test_a_name_coordinated_with_a_place_is_one_and_every_mention_follows(extractor):
    text = ("Turkish-backed fighters took Tal Halaf and Zarqan on Sunday. Zarqan was almost deserted, "
            "and Zarqan had no power.")
    first, *_ = named(extractor, text, "Zarqan")
    assert first.type == T.PLACE
    later = text.index("Zarqan had")
    assert all(r.actor.type == T.PLACE for r in mentions(extractor, text) if r.mention.start == later)


def test_a_foreign_city_keeps_its_own_country(extractor):
    text = ("Iraqi and Kurdish negotiators will meet in Lausanne next week, the Iraqi government said. "
            "Baghdad and Erbil have argued over oil for years.")
    (lausanne,) = named(extractor, text, "Lausanne")
    assert (lausanne.type, lausanne.code) == (T.PLACE, "CHE")


# ------------------------------------------------------------ persons and organisations

def test_a_person_in_apposition_to_an_ngo_role_takes_the_ngo_code(extractor):
    text = ("Iraqi forces detained dozens of men in Mosul. Omar Nasser, a researcher at Amnesty International, "
            "said the men had no lawyers.")
    (person,) = named(extractor, text, "Omar Nasser")
    assert person.type == T.PERSON and person.code == "NGO"


def test_an_honorific_is_evidence_of_a_person(extractor):
    text = "Mr. Haddad said the talks in Beirut had failed."
    (person,) = named(extractor, text, "Haddad")
    assert person.type == T.PERSON


def test_surname_and_full_name_with_the_arabic_article_are_one_person(extractor):
    text = ("Karim Aziz al-Jabouri, a member of the Salahuddin council, accused the militants of looting. "
            "Jabouri said police had fled.")
    full = named(extractor, text, "Karim Aziz al-Jabouri")
    short = named(extractor, text, "Jabouri said")
    assert full and short and full[0].id == short[0].id


def test_a_news_agency_in_title_case_is_the_agency_where_the_article_calls_it_one(extractor):
    text = "Russian state news agency Tass reported the strike. Tass said two ships were hit."
    assert [a.id for a in named(extractor, text, "Tass said")] == ["org/tass"]
    alone = "Tass said two ships were hit."
    assert "org/tass" not in [a.id for a in named(extractor, alone, "Tass")]


# ------------------------------------------------------------ titles that name no office holder

def test_a_tribal_or_indefinite_leader_is_not_the_office_holder(extractor):
    text = "A tribal leader in Deir ez-Zor accused the Syrian army of looting homes."
    assert "person/bashar-al-assad" not in [a.id for a in named(extractor, text, "tribal leader", "2018-03-01")]
    control = "The Syrian president accused the rebels of looting homes."
    assert [a.id for a in named(extractor, control, "Syrian president", "2018-03-01")] == ["person/bashar-al-assad"]


def test_an_indefinite_minister_of_a_state_is_its_government_not_the_minister(extractor):
    text = "An Iraqi minister said the border would reopen."
    assert [a.id for a in named(extractor, text, "Iraqi minister", "2016-05-01")] == ["state/IRQ/government"]


# ------------------------------------------------------------ fighters of different sides

def test_a_peoples_fighters_and_the_jihadists_they_fight_are_two_sides(extractor):
    text = ("Kurdish fighters clashed with Islamic State militants near Hasakah on Friday. "
            "Dozens of militants were killed, the fighters said.")
    (kurds,) = named(extractor, text, "Kurdish fighters")
    (jihadists,) = named(extractor, text, "militants were")
    assert kurds.type == T.ARMED_GROUP and jihadists.id == "org/islamic-state"
    assert kurds.id != jihadists.id and kurds.id != "state/SYR/rebels"


# ------------------------------------------------------------ time-bound actors

def test_an_organisation_exists_only_within_its_dates(extractor):
    text = "U.S.-led coalition forces bombed positions near Ramadi on Tuesday."
    assert "org/global-coalition-against-daesh" not in [a.id for a in named(extractor, text, "coalition",
                                                                             "2005-11-05")]
    assert "org/global-coalition-against-daesh" in [a.id for a in named(extractor, text, "coalition", "2016-11-05")]


def test_lifespans_are_validated_with_file_and_line(tmp_path: Path):
    path = tmp_path / "lifespans.tsv"
    header = "# comment\nid\tstart\tend\tsource\n"
    for row, message in [("org/nowhere\t2014-01-01\t\tknown\n", "is no state"),
                         ("org/a\t2014-13-01\t\tknown\n", "month must be"),
                         ("org/a\t2014-01-01\t2010-01-01\tknown\n", "before it starts"),
                         ("org/a\t2014-01-01\t\t\n", "needs its source")]:
        path.write_text(header + row, encoding="utf-8")
        with pytest.raises(ValueError, match=rf"lifespans\.tsv:3: .*{message}"):
            read_lifespans(path, {"org/a"})
    path.write_text(header + "org/a\t2014-01-01\t\tknown\n", encoding="utf-8")
    assert str(read_lifespans(path, {"org/a"})["org/a"][0]) == "2014-01-01"


# ------------------------------------------------------------ datelines

@pytest.mark.parametrize(("text", "line"), [
    ("BEIRUT, May 4, 2019 (Wire) — Israel struck a depot.", "BEIRUT, May 4, 2019 (Wire) —"),
    ("Menu\nSearch\n\nMOSUL, Iraq, 3 March 2017 – Iraqi forces advanced.", "MOSUL, Iraq, 3 March 2017 –"),
    ("WASHINGTON — The State Department said on Monday ...", "WASHINGTON —"),
    ("Russia backs Assad - officials said so on Monday.", None),
])
def test_dateline_is_found_in_the_opening_lines(text, line):
    where = dateline(text)
    assert (text[where[0]:where[1]] if where else None) == line


def test_the_dateline_names_no_actor(extractor):
    text = "BEIRUT, May 4, 2019 (Wire) — Israel struck a depot near Damascus, the Syrian army said."
    assert not named(extractor, text, "BEIRUT")
    assert [a.id for a in named(extractor, text, "Israel")] == ["state/ISR"]
