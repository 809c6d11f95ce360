"""Each input kind `kg build` reads becomes the right Article: text, id, date, title, url."""

from __future__ import annotations

import io
import json
import sys

import pytest
from conftest import ACCUSING, BACKING, PAGE, SAMPLES, jsonl, write

from kg.ingest import InputProblem, read_inputs
from kg.model import Article

FURNITURE = ("Home", "Log in", "Subscribe", "Join now", "Become a member", "membership", "Copyright",
             "Cookie settings", "Terms and conditions", "World Desk")


def only_articles(items) -> list[Article]:
    items = list(items)
    problems = [str(i) for i in items if isinstance(i, InputProblem)]
    assert not problems, problems
    return items


def test_plain_text_file_is_one_article_named_after_the_file(tmp_path):
    path = write(tmp_path, "russia-backs.txt", BACKING + "\n")
    [article] = only_articles(read_inputs([str(path)]))
    assert article.id == "russia-backs"
    assert article.text == BACKING + "\n"
    assert (article.date, article.title, article.url) == (None, None, None)
    assert article.source == str(path)


def test_text_header_lines_give_title_date_url_and_id_and_are_not_part_of_the_text(tmp_path):
    path = write(tmp_path, "a.txt", "Title: Russia and Assad\nDate: 2016-12-12\nURL: https://example.org/r\n"
                 "Id: report-7\n\n" + BACKING)
    [article] = only_articles(read_inputs([str(path)]))
    assert article.text == BACKING
    assert (article.id, article.date, article.title, article.url) == (
        "report-7", "2016-12-12", "Russia and Assad", "https://example.org/r")


def test_text_that_merely_starts_with_a_colon_word_keeps_all_its_text(tmp_path):
    text = "Date: unknown, but Russia backs Assad, officials said in Moscow on Monday."
    [article] = only_articles(read_inputs([str(write(tmp_path, "a.txt", text))]))
    assert article.text == text
    assert article.date is None


def test_byte_order_mark_is_not_part_of_the_text(tmp_path):
    path = write(tmp_path, "bom.txt", "\ufeff".encode() + BACKING.encode())
    [article] = only_articles(read_inputs([str(path)]))
    assert article.text == BACKING


@pytest.mark.parametrize("suffix", [".html", ".htm"])
def test_html_page_gives_the_article_text_without_page_furniture(tmp_path, suffix):
    [article] = only_articles(read_inputs([str(write(tmp_path, "page" + suffix, PAGE))]))
    assert article.id == "page"
    assert article.date == "2016-12-15"
    assert article.title == "Turkey and Iran trade accusations over Aleppo"
    assert "Turkey accused the Syrian government forces of breaking the ceasefire" in article.text
    assert "together with the Red Cross." in article.text
    for furniture in FURNITURE:
        assert furniture not in article.text, furniture
    assert "<" not in article.text


def test_html_headline_appears_once(tmp_path):
    [article] = only_articles(read_inputs([str(write(tmp_path, "page.html", PAGE))]))
    assert article.text.count("Turkey and Iran trade accusations over Aleppo") == 1
    assert article.text.startswith("Turkey and Iran trade accusations over Aleppo")


def test_sample_html_drops_navigation_membership_box_newsletter_and_footer():
    [article] = only_articles(read_inputs([str(SAMPLES / "ceasefire-talks.html")]))
    assert "Russia and Turkey brokered a ceasefire on Tuesday" in article.text
    assert "aid convoys reach the besieged districts" in article.text
    for furniture in ("Home", "Become a member", "Subscribe now", "Sign up for our daily newsletter",
                      "Privacy policy", "Terms of use"):
        assert furniture not in article.text, furniture
    assert article.text.count("Russia and Turkey broker a truce for Aleppo") == 1
    assert article.date == "2016-12-13"


def test_jsonl_gives_one_article_per_line_with_its_fields(tmp_path):
    path = write(tmp_path, "corpus.jsonl", jsonl(
        {"id": "doc-1", "text": BACKING, "date": "2016-12-12", "title": "Backing", "url": "https://example.org/1"},
        {"id": "doc-2", "text": ACCUSING, "date": "2016-12-13T08:30:00Z"},
    ))
    first, second = only_articles(read_inputs([str(path)]))
    assert first == Article("doc-1", BACKING, "2016-12-12", "Backing", "https://example.org/1", f"{path}:1")
    assert (second.id, second.text, second.date, second.title, second.url) == (
        "doc-2", ACCUSING, "2016-12-13", None, None)
    assert second.source == f"{path}:2"


def test_jsonl_line_without_id_is_named_after_file_and_line(tmp_path):
    path = write(tmp_path, "news.jsonl", "\n" + jsonl({"text": BACKING}))
    [article] = only_articles(read_inputs([str(path)]))
    assert article.id == "news-2"


def test_jsonl_text_is_kept_exactly_including_line_separators_and_crlf(tmp_path):
    # U+2028, U+0085 and form feeds may stand unescaped inside a JSON string; they must not split the line.
    text = BACKING + "\u2028" + ACCUSING + "\x85 Iran said nothing.\x0c"
    path = write(tmp_path, "odd.jsonl", json.dumps({"id": "odd", "text": text}, ensure_ascii=False) + "\r\n"
                 + json.dumps({"id": "next", "text": ACCUSING}) + "\r\n")
    first, second = only_articles(read_inputs([str(path)]))
    assert (first.id, first.text) == ("odd", text)
    assert (second.id, second.source) == ("next", f"{path}:2")


def test_folder_is_read_recursively_in_order_with_ids_relative_to_it(tmp_path):
    write(tmp_path, "b.txt", BACKING)
    write(tmp_path, "sub/a.txt", ACCUSING)
    write(tmp_path, "sub/page.html", PAGE)
    write(tmp_path, "sub/notes.pdf", b"%PDF-1.4 not an article")
    write(tmp_path, "c.jsonl", jsonl({"id": "j", "text": ACCUSING}))
    articles = only_articles(read_inputs([str(tmp_path)]))
    assert [a.id for a in articles] == ["b", "j", "sub/a", "sub/page"]


def test_samples_folder_gives_the_three_sample_articles():
    articles = only_articles(read_inputs([str(SAMPLES)]))
    assert [a.id for a in articles] == ["aleppo-evacuation", "aleppo-offensive", "ceasefire-talks"]
    assert [a.date for a in articles] == ["2016-12-14", "2016-12-08", "2016-12-13"]


def stdin(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_dash_reads_plain_text_from_standard_input(monkeypatch):
    stdin(monkeypatch, BACKING.encode())
    [article] = only_articles(read_inputs(["-"]))
    assert (article.id, article.text, article.source) == ("stdin", BACKING, "<stdin>")


def test_dash_reads_jsonl_from_standard_input(monkeypatch):
    stdin(monkeypatch, jsonl({"id": "x", "text": BACKING}, {"id": "y", "text": ACCUSING}).encode())
    articles = only_articles(read_inputs(["-"]))
    assert [(a.id, a.text, a.source) for a in articles] == [
        ("x", BACKING, "<stdin>:1"), ("y", ACCUSING, "<stdin>:2")]


def test_dash_reads_a_web_page_from_standard_input_as_html(monkeypatch):
    stdin(monkeypatch, PAGE.encode())
    [article] = only_articles(read_inputs(["-"]))
    assert "Turkey accused the Syrian government forces" in article.text
    assert "<p>" not in article.text and "Subscribe" not in article.text


def test_inputs_are_read_in_the_order_given(tmp_path):
    a = write(tmp_path, "a.txt", BACKING)
    z = write(tmp_path, "z.txt", ACCUSING)
    assert [x.id for x in only_articles(read_inputs([str(z), str(a)]))] == ["z", "a"]
