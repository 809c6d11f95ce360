"""Undated articles: offices are resolved as of the article's date, never as of today.

A 2016 story read in 2026 with no date must not make "the Syrian president" today's office
holder: the date comes from the text's dateline when there is one, from --date when the user
gives it, and otherwise titles stay with the body they belong to and the run says so once.
"""

from __future__ import annotations

import pytest

from kg.dates import date_in_text
from kg.ingest import read_inputs
from tests.conftest import write

STORY = "The Syrian president accused Turkey of arming the rebels in the north.\n"


@pytest.mark.parametrize(("text", "expected"), [
    ("KABUL, March 3, 2016 — The council met.", "2016-03-03"),
    ("LAGOS (Wire) 14 June 2011: Police said", "2011-06-14"),
    ("Posted 2019-07-01. The talks resumed.", "2019-07-01"),
    ("2016-02-30 is no day; 2016-02-28 is.", "2016-02-28"),  # impossible dates are skipped
    ("In March the army moved north.", None),  # no year, no day: not a dateline
    ("The ministers met." + " " * 400 + "On 5 May 2020 they met again.", None),  # too far down
])
def test_a_dateline_gives_the_date_of_an_undated_article(text, expected):
    assert date_in_text(text) == expected


def test_reading_a_text_without_a_date_header_takes_its_dateline(tmp_path):
    path = write(tmp_path, "story.txt", "ANKARA, August 9, 2015 - " + STORY)
    [article] = list(read_inputs([str(path)]))
    assert article.date == "2015-08-09"


def test_a_date_header_wins_over_the_dateline(tmp_path):
    path = write(tmp_path, "story.txt", "Date: 2017-01-02\n\nANKARA, August 9, 2015 - " + STORY)
    [article] = list(read_inputs([str(path)]))
    assert article.date == "2017-01-02"


def _actor_names(run) -> list[str]:
    return [actor["entity_name"] for record in run.records for actor in record["actor"]]


def test_an_undated_title_is_not_resolved_to_todays_office_holder(kg_main, tmp_path):
    path = write(tmp_path, "story.txt", STORY)
    run = kg_main("extract", path)
    assert run.code == 0
    names = _actor_names(run)
    assert names == ["Government of Syria"], names
    assert run.err.count("had no date") == 1
    assert "--date" in run.err


def test_date_option_resolves_titles_as_of_that_day(kg_main, tmp_path):
    path = write(tmp_path, "story.txt", STORY)
    run = kg_main("extract", "--date", "2016-12-14", path)
    assert _actor_names(run) == ["Bashar al-Assad"]
    assert "had no date" not in run.err
    assert {record["date"] for record in run.records} == {"2016-12-14"}


def test_the_date_option_does_not_override_an_articles_own_date(kg_main, tmp_path):
    path = write(tmp_path, "story.txt", "Date: 2025-06-01\n\n" + STORY)
    run = kg_main("extract", "--date", "2016-12-14", path)
    assert _actor_names(run) != ["Bashar al-Assad"]
    assert {record["date"] for record in run.records} == {"2025-06-01"}


def test_an_impossible_date_option_is_refused_with_its_value(kg_main, tmp_path):
    path = write(tmp_path, "story.txt", STORY)
    with pytest.raises(SystemExit) as exit_info:
        kg_main("extract", "--date", "2016-02-30", path)
    assert exit_info.value.code == 2
