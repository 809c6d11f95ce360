"""Property-based fuzzing (hypothesis): any bytes, any text, any JSON types, ids and dates go in;
no traceback comes out, and every output parses in rdflib and pyoxigraph, conforms to the SHACL
shapes, is valid XML where it is XML, and the HTML view runs no script in Chromium.

A few examples per property run in every `make test`; `pytest tests/test_fuzz.py
--hypothesis-profile=long` runs many more (profiles in conftest.py).
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import date

import pyoxigraph as ox
import pytest
from conftest import ACCUSING, BACKING, write
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph

from kg.ingest import MAX_ID_CHARS, InputProblem, read_inputs
from kg.model import Article
from kg.validate import validate_path

pytestmark = pytest.mark.fuzz

# Characters that break things: controls, invisible format characters, bidi overrides, surrogates'
# neighbours, non-characters, markup and quoting characters, line and paragraph separators.
NASTY = st.sampled_from(list("\x00\x01\x07\x08\x0b\x0c\x0e\x1b\x7f\x85\u00a0\u00ad\u200b\u200d\u2028\u2029\u202e"
                             "\u2066\ufeff\ufffd\uffff<>&\"'`\\{}$#%\n\r\t") + ["</script>", "]]>", "<!--", '"""',
                                                                                 "\\u0000", "javascript:"])
TEXT = st.lists(st.one_of(st.text(max_size=40), NASTY, st.sampled_from([BACKING, ACCUSING])), max_size=12).map("".join)
JSON_VALUE = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), TEXT,
                       st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(),
                                                                            max_size=2))
DATES = st.one_of(st.none(), st.sampled_from(["2016-12-15", "2016-13-45", "2016-02-30", "yesterday", "0000-00-00",
                                              "2016-12-15T25:99:00Z", "9999-12-31"]), TEXT, st.integers())


def check_articles(items) -> list[Article]:
    articles = [item for item in items if isinstance(item, Article)]
    for item in items:
        assert isinstance(item, Article | InputProblem)
    for article in articles:
        assert isinstance(article.text, str) and article.text.strip()
        assert 0 < len(article.id) <= MAX_ID_CHARS and article.id.strip(".")
        assert article.date is None or date.fromisoformat(article.date).isoformat() == article.date
        assert "\x00" not in article.text
    return articles


@given(data=st.binary(max_size=4000), suffix=st.sampled_from([".txt", ".html", ".jsonl", ".md"]))
def test_any_bytes_in_any_file_are_read_or_refused_without_an_exception(tmp_path_factory, data, suffix):
    path = write(tmp_path_factory.mktemp("bytes"), "input" + suffix, data)
    check_articles(list(read_inputs([str(path)])))


@given(records=st.lists(st.dictionaries(st.sampled_from(["id", "text", "date", "title", "url", "extra"]),
                                        JSON_VALUE, max_size=6), max_size=5))
def test_jsonl_with_any_types_is_read_or_refused_line_by_line(tmp_path_factory, records):
    path = write(tmp_path_factory.mktemp("jsonl"), "c.jsonl",
                 "".join(json.dumps(r, ensure_ascii=bool(i % 2)) + "\n" for i, r in enumerate(records)))
    items = list(read_inputs([str(path)]))
    check_articles(items)
    assert all(i.source.startswith(str(path)) for i in items if isinstance(i, InputProblem))


@given(text=TEXT, title=TEXT, ident=st.one_of(TEXT, st.just("."), st.just(".."), st.just("x" * 5000)), when=DATES)
def test_any_article_builds_outputs_that_parse_validate_and_are_xml(tmp_path_factory, kg_main, text, title, ident,
                                                                    when):
    folder = tmp_path_factory.mktemp("fuzz-build")
    record = {"id": ident, "text": BACKING + " " + text + " " + ACCUSING, "title": title, "date": when}
    out = folder / "out"
    run = kg_main("build", write(folder, "a.jsonl", json.dumps(record) + "\n"), "--out", out, "--quiet")
    assert "Traceback" not in run.err
    if run.code != 0:  # only when nothing could be read, said in one line
        assert "no article could be read" in run.err
        return
    turtle = (out / "graph.ttl").read_bytes()
    assert len(Graph().parse(data=turtle, format="turtle")) > 0
    assert len(list(ox.parse(turtle, format=ox.RdfFormat.TURTLE))) > 0
    report = validate_path(out / "graph.ttl")
    assert report.conforms, report.summary()
    ET.parse(out / "graph.graphml")
    # JSON lines end at \n only: U+0085 and U+2028 may stand unescaped inside a JSON string
    for line in (out / "events.jsonl").read_text(encoding="utf-8").split("\n")[:-1]:
        json.loads(line)


HOSTILE_MARKUP = st.sampled_from(['<script>window.__pwned=1</script>', '<img src=x onerror="window.__pwned=2">',
                                  '"><svg onload=window.__pwned=3>', "</script><script>window.__pwned=4</script>",
                                  "javascript:window.__pwned=5", "'-alert(1)-'", "${window.__pwned=6}",
                                  "<!--<script>window.__pwned=7</script>-->"])


@pytest.fixture(scope="module")
def browser():
    from browser import launch, skip_reason

    if skip_reason():
        pytest.skip(skip_reason())
    with launch() as chromium:
        yield chromium


@pytest.mark.browser
@settings(max_examples=max(3, settings.default.max_examples // 3))  # a page load each: a third as many
@given(pieces=st.lists(st.one_of(HOSTILE_MARKUP, NASTY, st.text(max_size=20)), min_size=1, max_size=8))
def test_hostile_text_everywhere_runs_no_script_in_the_html_view(tmp_path_factory, kg_main, browser, pieces):
    from browser import load_view, open_page

    folder = tmp_path_factory.mktemp("fuzz-html")
    hostile = "".join(pieces)
    record = {"id": hostile[:80] or "x", "title": hostile, "url": hostile,
              "text": f"{BACKING} {hostile} Russia backs {hostile} Syria. {ACCUSING}"}
    out = folder / "out"
    run = kg_main("build", write(folder, "h.jsonl", json.dumps(record) + "\n"), "--out", out, "--quiet")
    assert run.code == 0, run.err
    page, log = open_page(browser)
    try:
        load_view(page, out / "graph.html")
        page.wait_for_timeout(200)
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert log.dialogs == [] and log.page_errors == [] and log.blocked == []
    finally:
        page.context.close()
