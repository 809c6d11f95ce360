"""Actor resolution: each case is a sentence written for these tests, the words that name an
actor in it, the article date, and the canonical actor (id, or code and sector) they must
resolve to. Covers names, titles resolved by date, metonyms, demonyms, state bodies, armed
groups, organisations, pronouns and ambiguous names."""

from __future__ import annotations

import pytest

from kg.model import Article
from kg.pipeline import Extractor


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def resolve(extractor: Extractor, text: str, date: str | None):
    doc = extractor.nlp(text)
    return extractor.resolver.resolve(doc, date)


def actor_named(extractor: Extractor, text: str, surface: str, date: str | None = "2016-12-14"):
    """The actor of the mention that covers `surface` (the first occurrence)."""
    start = text.index(surface)
    end = start + len(surface)
    hits = [r for r in resolve(extractor, text, date)
            if r.mention.start <= start < r.mention.end or start <= r.mention.start < end]
    assert hits, f"no actor found for {surface!r} in {text!r}"
    return hits[0].actor


# (sentence, surface, date, expected actor id)
BY_ID = [
    # named people, with and without titles
    ("Syrian President Bashar al-Assad met envoys in Damascus.", "Bashar al-Assad", "2016-12-14",
     "person/bashar-al-assad"),
    ("Assad told reporters the offensive would go on.", "Assad", "2016-12-14", "person/bashar-al-assad"),
    ("Bashar Assad thanked his allies.", "Bashar Assad", "2016-12-14", "person/bashar-al-assad"),
    ("Russian Foreign Minister Sergei Lavrov spoke in Moscow.", "Sergei Lavrov", "2016-12-14",
     "person/sergei-lavrov"),
    ("Lavrov rejected the proposal.", "Lavrov", "2016-12-14", "person/sergei-lavrov"),
    ("Putin and Erdogan spoke by phone.", "Putin", "2016-12-14", "person/vladimir-putin"),
    ("Putin and Erdogan spoke by phone.", "Erdogan", "2016-12-14", "person/recep-tayyip-erdogan"),
    ("President Erdoğan criticised the plan.", "Erdoğan", "2016-12-14", "person/recep-tayyip-erdogan"),
    ("Israeli Prime Minister Benjamin Netanyahu visited Washington.", "Benjamin Netanyahu", "2017-02-15",
     "person/benjamin-netanyahu"),
    ("Ayatollah Ali Khamenei addressed the nation.", "Ali Khamenei", "2016-06-01", "person/ali-khamenei"),
    # offices resolved against the article date
    ("The Syrian president said the war would end soon.", "Syrian president", "2016-12-14",
     "person/bashar-al-assad"),
    ("The Syrian president said elections would be held.", "Syrian president", "2025-06-01",
     "person/ahmed-al-sharaa"),
    ("The Syrian leader gave a rare interview.", "Syrian leader", "2016-12-14", "person/bashar-al-assad"),
    ("Turkey's foreign minister arrived in Moscow.", "Turkey's foreign minister", "2016-12-14",
     "person/mevlut-cavusoglu"),
    ("Turkey's foreign minister arrived in Moscow.", "Turkey's foreign minister", "2024-01-15",
     "person/hakan-fidan"),
    ("The Turkish president spoke to reporters.", "Turkish president", "2016-12-14",
     "person/recep-tayyip-erdogan"),
    ("The Turkish prime minister spoke to reporters.", "Turkish prime minister", "2010-03-01",
     "person/recep-tayyip-erdogan"),
    ("The US president signed the order.", "US president", "2010-06-01", "person/barack-obama"),
    ("The US president signed the order.", "US president", "2018-06-01", "person/donald-trump"),
    ("The US president signed the order.", "US president", "2022-06-01", "person/joe-biden"),
    ("The British prime minister flew to Brussels.", "British prime minister", "2015-05-01",
     "person/david-cameron"),
    ("The British prime minister flew to Brussels.", "British prime minister", "2017-05-01",
     "person/theresa-may"),
    ("The Russian president met the generals.", "Russian president", "2010-01-10", "person/dmitry-medvedev"),
    ("The Russian president met the generals.", "Russian president", "2016-01-10", "person/vladimir-putin"),
    ("The UN secretary-general called for calm.", "UN secretary-general", "2016-06-01",
     "person/ban-ki-moon"),
    ("The UN secretary-general called for calm.", "UN secretary-general", "2019-06-01",
     "person/antonio-guterres"),
    ("Iran's supreme leader warned Washington.", "Iran's supreme leader", "2016-12-14", "person/ali-khamenei"),
    # metonyms: capitals and seats of power stand for the government
    ("The Kremlin said talks would continue.", "Kremlin", "2016-12-14", "state/RUS/government"),
    ("Moscow said talks would continue.", "Moscow", "2016-12-14", "state/RUS/government"),
    ("Washington imposed new sanctions.", "Washington", "2016-12-14", "state/USA/government"),
    ("Ankara summoned the envoy.", "Ankara", "2016-12-14", "state/TUR/government"),
    ("Tehran denied the report.", "Tehran", "2016-12-14", "state/IRN/government"),
    ("Damascus welcomed the decision.", "Damascus", "2016-12-14", "state/SYR/government"),
    ("Downing Street declined to comment.", "Downing Street", "2016-12-14", "state/GBR/government"),
    ("The White House issued a statement.", "White House", "2016-12-14", "state/USA/government"),
    # states by name, short name and demonym
    ("Russia backs the Syrian government.", "Russia", "2016-12-14", "state/RUS"),
    ("The Russian Federation vetoed the resolution.", "Russian Federation", "2016-12-14", "state/RUS"),
    ("Türkiye closed the border.", "Türkiye", "2023-01-10", "state/TUR"),
    ("The U.S. sent aid.", "U.S.", "2016-12-14", "state/USA"),
    ("Britain recalled its ambassador.", "Britain", "2016-12-14", "state/GBR"),
    ("North Korea fired a missile.", "North Korea", "2016-12-14", "state/PRK"),
    ("South Korea protested.", "South Korea", "2016-12-14", "state/KOR"),
    ("Niger closed its airspace.", "Niger", "2023-08-10", "state/NER"),
    ("Nigeria closed its airspace.", "Nigeria", "2023-08-10", "state/NGA"),
    ("South Sudan and Sudan signed a deal.", "South Sudan", "2016-12-14", "state/SSD"),
    ("Kosovo declared independence.", "Kosovo", "2008-02-17", "state/KOS"),
    # state bodies
    ("The Syrian army shelled the town.", "Syrian army", "2016-12-14", "state/SYR/armed-forces"),
    ("Russia's defence ministry released a video.", "defence ministry", "2016-12-14",
     "state/RUS/defence-ministry"),
    ("Turkish police detained twelve people.", "Turkish police", "2016-12-14", "state/TUR/police"),
    ("The Israeli parliament passed the law.", "Israeli parliament", "2016-12-14", "state/ISR/legislature"),
    ("Iranian state television showed the launch.", "Iranian state television", "2016-12-14", "org/irib"),
    ("Syrian state television said six people died.", "Syrian state television", "2016-12-14",
     "org/syrian-state-television"),
    # organisations and armed groups
    ("The UN called for a ceasefire.", "UN", "2016-12-14", "org/united-nations"),
    ("NATO moved more troops east.", "NATO", "2016-12-14", "org/nato"),
    ("The Arab League suspended Syria.", "Arab League", "2011-11-12", "org/arab-league"),
    ("Hezbollah fighters crossed the border.", "Hezbollah", "2016-12-14", "org/hezbollah"),
    ("The Houthis fired drones at ships.", "Houthis", "2024-01-10", "org/houthis"),
    ("ISIS claimed the attack.", "ISIS", "2016-12-14", "org/islamic-state"),
    ("Daesh fighters retreated.", "Daesh", "2016-12-14", "org/islamic-state"),
    ("Al-Shabaab attacked a base.", "Al-Shabaab", "2016-12-14", "org/al-shabaab"),
    ("The Taliban seized the district.", "Taliban", "2016-12-14", "org/taliban"),
    ("The PKK denied involvement.", "PKK", "2016-12-14", "org/pkk"),
    # pronouns within an article
    ("Erdogan arrived in Sochi. He said the talks were useful.", "He", "2016-12-14",
     "person/recep-tayyip-erdogan"),
]


@pytest.mark.parametrize(("text", "surface", "date", "expected"), BY_ID,
                         ids=[f"{c[1]}@{c[2]}" for c in BY_ID])
def test_mention_resolves_to_canonical_actor(extractor, text, surface, date, expected):
    assert actor_named(extractor, text, surface, date).id == expected


# (sentence, surface, expected code, expected sector)
BY_CODE = [
    # bodies named without a country take the article's main country
    ("Syrian troops advanced. The Syrian army and Syrian officials said government forces took the hill.",
     "government forces", "SYR", "MIL"),
    ("Syrian troops advanced. The Syrian army and Syrian officials said regime forces took the hill.",
     "regime forces", "SYR", "MIL"),
    ("Syrian troops advanced, Syrian media said, and Syrian rebels fled. The rebels regrouped.",
     "rebels regrouped", "SYR", "REB"),
    # people the gazetteer lacks take a country and sector from their title
    ("Chadian Defence Minister Jean-Paul Obadeyi resigned.", "Jean-Paul Obadeyi", "TCD", "GOV"),
    ("Peruvian Foreign Minister Ana Quispe Torres arrived.", "Ana Quispe Torres", "PER", "GOV"),
    # coordinated country words give one actor each
    ("Hungarian and Romanian officials agreed to cooperate.", "Hungarian", "HUN", "GOV"),
    ("Hungarian and Romanian officials agreed to cooperate.", "Romanian officials", "ROU", "GOV"),
    # intergovernmental and non-state codes
    ("The European Union extended sanctions.", "European Union", "EUR", "GOV"),
    ("Islamic State claimed the bombing.", "Islamic State", "IMG", "REB"),
    ("Hamas fired rockets.", "Hamas", "PSE", "REB"),
    ("The Red Cross suspended its work in the city.", "Red Cross", "NGO", "MED"),
    ("Human Rights Watch accused the police of torture.", "Human Rights Watch", "NGO", "CVL"),
    ("Algeria lifted its ban on the FIS.", "FIS", "DZA", "PTY"),
    # ethnic and communal groups are civilians of the country the text gives them
    ("Syrian Kurds crossed into Turkey on foot.", "Syrian Kurds", "SYR", "CVL"),
    ("Bosnian Croats voted in Mostar.", "Bosnian Croats", "BIH", "CVL"),
    ("Nigerian police said Igbo traders in Lagos had closed their shops.", "Igbo traders", "NGA", "BUS"),
    ("A group of Hausa elders met the Nigerian president.", "Hausa", "NGA", "CVL"),
    ("Kenyan police said Somali herders and Oromo rebels clashed near the border.", "Oromo rebels", "KEN", "REB"),
    # envoys and mediators of organisations and states
    ("Rebels agreed to meet U.N. mediator Jan Kowalski on Monday.", "Jan Kowalski", "UNO", "GOV"),
    ("Russian special envoy Ivan Petrov met Syrian officials.", "Ivan Petrov", "RUS", "GOV"),
    # "ethnic Xs" live where the story is, not in X's own state
    ("About 300 ethnic Greeks rallied in Albania on Sunday.", "ethnic Greeks", "ALB", "CVL"),
    ("Ethnic Serb fighters fired on Croatian police in Croatia.", "fighters", "HRV", "REB"),
    # social groups take the sector their head noun names
    ("Kenyan teachers marched to the education ministry.", "teachers", "KEN", "EDU"),
    ("Striking Chilean miners blocked the highway.", "miners", "CHL", "LAB"),
    ("Nigerian doctors stopped work over unpaid wages.", "doctors", "NGA", "MED"),
    ("Egyptian clerics denounced the decree.", "clerics", "EGY", "REL"),
    ("Turkish journalists protested against the arrests.", "journalists", "TUR", "JRN"),
    ("Indian farmers blocked the highway to Delhi.", "farmers", "IND", "AGR"),
    ("Ecuadorian smugglers fired on the patrol.", "smugglers", "ECU", "CRM"),
    ("Egyptian officers arrested the protesters.", "officers", "EGY", "MIL"),
    ("Pakistan's high court ordered his release.", "high court", "PAK", "JUD"),
    ("Israeli police questioned Jordanian detainees.", "detainees", "JOR", "CVL"),
    # unknown people take the sector of the title before their name
    ("Pakistani opposition leader Imran Shah met the envoy.", "Imran Shah", "PAK", "PTY"),
    ("Kenyan troops advanced. Gen. Joseph Mwangi accused the rebels.", "Joseph Mwangi", "KEN", "MIL"),
    ("Egyptian Lt. Gen. Omar Fathy met the envoy.", "Omar Fathy", "EGY", "MIL"),
    ("Kenyan police said candidate Peter Otieno was arrested.", "Peter Otieno", "KEN", "PTY"),
    ("The Kenyan Minister for Interior Paul Ouma banned the rally.", "Paul Ouma", "KEN", "GOV"),
    ("Serbian Labour Minister Dragan Petrovic signed the bill.", "Dragan Petrovic", "SRB", "GOV"),
    ("Kenyan lawmaker John Kamau walked out.", "John Kamau", "KEN", "LEG"),
    ("Kenyan Attorney General Mary Wanjiru charged him.", "Mary Wanjiru", "KEN", "JUD"),
    # a capital as the place where something happens is its people; as a subject, the government
    ("The president imposed a curfew in Nairobi after the riots.", "Nairobi", "KEN", "CVL"),
    ("Nairobi rejected the accusation.", "Nairobi", "KEN", "GOV"),
    # a demonym used as a plural noun names the people, not the state
    ("Police detained dozens of Kenyans in Nairobi.", "Kenyans", "KEN", "CVL"),
]


@pytest.mark.parametrize(("text", "surface", "code", "sector"), BY_CODE, ids=[c[1] for c in BY_CODE])
def test_mention_gets_plover_country_and_sector(extractor, text, surface, code, sector):
    actor = actor_named(extractor, text, surface)
    assert (actor.code, actor.sector) == (code, sector)


@pytest.mark.parametrize("text", ["Kenyan officials said the general election was delayed.",
                                  "Kenya accused the opposition of fraud in general."])
def test_an_adjective_or_idiom_that_spells_a_title_is_no_actor(extractor, text):
    found = [r.mention.text for r in resolve(extractor, text, "2016-12-14") if r.actor.sector == "MIL"]
    assert found == []


def test_same_actor_in_two_articles_is_one_iri(extractor):
    texts = ["Assad met Russian officials.", "Syrian President Bashar al-Assad thanked Iran."]
    results = list(extractor.run(Article(str(i), t, "2016-12-14") for i, t in enumerate(texts)))
    ids = [{m.actor.id for m in r.mentions if m.actor.type == "Person"} for r in results]
    assert ids[0] == ids[1] == {"person/bashar-al-assad"}


def test_lowercase_common_word_is_not_a_country(extractor):
    resolved = resolve(extractor, "They ate turkey and chad bread at the party.", "2016-12-14")
    assert not [r for r in resolved if r.actor.type == "State"]


def test_west_in_west_africans_is_not_the_west(extractor):
    resolved = resolve(extractor, "West Africans crossed the border.", "2016-12-14")
    assert "region/the-west" not in {r.actor.id for r in resolved}


def test_surname_after_another_given_name_is_someone_else(extractor):
    actor = actor_named(extractor, "General Omar Saleh inspected the troops in Basra.", "Omar Saleh")
    assert actor.id != "person/ali-abdullah-saleh"
    assert actor_named(extractor, "Sergei Lavrov spoke to reporters.", "Lavrov").id == "person/sergei-lavrov"


def test_a_surname_repeats_the_person_named_in_full_earlier(extractor):
    text = "Defense Secretary Ash Carter met Kenyan officials in Nairobi. Later, Carter thanked Iraq."
    resolved = resolve(extractor, text, "2016-12-14")
    later = [r for r in resolved if r.mention.start == text.rindex("Carter")]
    assert later and later[0].actor.id == "person/ash-carter"


def test_an_unknown_name_after_near_is_a_place(extractor):
    actor = actor_named(extractor, "Near Tal Hamis, one strike hit an ISIL unit.", "Tal Hamis")
    assert actor.type == "Place"


def test_the_country_as_a_location_is_not_an_actor(extractor):
    text = "Syria's army said rebels hold the northern part of the country."
    resolved = resolve(extractor, text, "2016-12-14")
    assert not [r for r in resolved if r.mention.text == "the country"]


def test_people_without_a_country_in_the_text_take_their_home_state(extractor):
    assert actor_named(extractor, "Zulu leaders called for calm.", "Zulu leaders").code == "ZAF"


def test_people_that_live_in_several_states_get_no_code_without_context(extractor):
    actor = actor_named(extractor, "Kurds celebrated the new year.", "Kurds")
    assert actor.type == "Group" and actor.code is None


def test_a_people_word_before_a_place_name_is_not_the_people(extractor):
    hits = [r for r in resolve(extractor, "Officials in Tamil Nadu met reporters.", None) if r.kind == "people"]
    assert not hits


def test_unknown_person_takes_the_only_country_the_story_names(extractor):
    text = "The court in Ivory Coast allowed Kouassi Yao to stand in the election."
    actor = actor_named(extractor, text, "Kouassi Yao")
    assert actor.type == "Person" and actor.code == "CIV"
    actor = actor_named(extractor, "Kenya and Uganda hosted Kouassi Yao.", "Kouassi Yao")
    assert actor.code is None  # two countries named: the text does not say which


@pytest.mark.parametrize("text, surface, expected", [
    ("Foreign Minister Sergei Lavrov met John Kerry in Geneva. The minister later criticized Ukraine.",
     "The minister", "person/sergei-lavrov"),
    ("John Kerry met President Vladimir Putin. The president said talks would go on.",
     "The president", "person/vladimir-putin"),
])
def test_a_title_with_the_refers_to_the_person_last_named_with_it(extractor, text, surface, expected):
    assert actor_named(extractor, text, surface).id == expected


def test_a_title_no_one_was_named_with_refers_to_no_one(extractor):
    text = "Foreign Minister Sergei Lavrov met John Kerry. The president said talks would go on."
    start = text.index("The president")
    assert not [r for r in resolve(extractor, text, "2016-12-14") if r.mention.start <= start < r.mention.end]
