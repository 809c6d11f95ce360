"""The written news corpus (tests/news_corpus/): one real `kg build` of it, and every expectation
of its expected.tsv checked on what the build wrote.

The articles are short news stories written for the project; each carries the junk and the
constructions real news is full of (page furniture, sports teams, operation names, villages
NER calls persons, news agencies, one person under several names, time-bound actors). A row
with a known_gap is expected to fail (strict xfail), so the day a rule fixes it the test says so.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, run_kg
from corpus_checks import Check, Expectation, ExpectationError, Outputs, load_expectations

CORPUS = ROOT / "tests" / "news_corpus"
EXPECTED = CORPUS / "expected.tsv"
EXPECTATIONS = load_expectations(EXPECTED)


@pytest.fixture(scope="module")
def corpus_outputs(tmp_path_factory) -> Outputs:
    out = tmp_path_factory.mktemp("news-corpus") / "out"
    run = run_kg("build", str(CORPUS), "--out", str(out))
    assert run.code == 0, run.err
    return Outputs(out)


def _param(x: Expectation):
    marks = [pytest.mark.xfail(strict=True, reason=x.known_gap)] if x.known_gap else []
    return pytest.param(x, id=x.name, marks=marks)


@pytest.mark.parametrize("expectation", [_param(x) for x in EXPECTATIONS])
def test_expectation_holds(corpus_outputs: Outputs, expectation: Expectation) -> None:
    corpus_outputs.verify(expectation)


def test_corpus_is_large_enough_and_every_article_is_checked() -> None:
    articles = sorted(p.stem for p in CORPUS.glob("*.txt"))
    assert len(articles) >= 30
    checked = {x.file for x in EXPECTATIONS}
    assert not set(articles) - checked, f"articles without expectations: {sorted(set(articles) - checked)}"


def test_every_article_has_a_dateline_date(corpus_outputs: Outputs) -> None:
    """The corpus relies on datelines for its dates (offices are resolved on them)."""
    from kg.dates import date_in_text

    undated = [p.name for p in CORPUS.glob("*.txt") if date_in_text(p.read_text(encoding="utf-8")) is None]
    assert not undated


def _write(tmp_path: Path, body: str) -> Path:
    (tmp_path / "01-a.txt").write_text("KABUL, March 3, 2021 (Wire) — Pakistan urged the Taliban to talk.\n")
    path = tmp_path / "expected.tsv"
    path.write_text("# comment\nfile\tcheck\tsubject\tvalue\trecipient\tknown_gap\n" + body, encoding="utf-8")
    return path


@pytest.mark.parametrize(("body", "message"), [
    ("01-a\tevnt\tPakistan\tREQUEST\t*\n", "unknown check 'evnt'"),
    ("02-b\tno_actor\tInbox\n", "no article 02-b.txt"),
    ("01-a\tevent\tPakistan\tASK\t*\n", "'ASK' is no PLOVER category"),
    ("01-a\tevent\tPakistan\t\t*\n", "event needs a value"),
    ("01-a\tno_actor\tInbox\tPlace\n", "no_actor takes no value"),
    ("01-a\tactor_type\tKabul\tTown\n", "'Town' is no actor class"),
    ("*\tevent\tPakistan\tREQUEST\t*\n", "event needs one article"),
    ("01-a\tno_actor\tInbox\t\t\t\textra\n", "7 cells"),
])
def test_a_bad_expectation_is_an_error_naming_file_and_line(tmp_path: Path, body: str, message: str) -> None:
    path = _write(tmp_path, body)
    with pytest.raises(ExpectationError) as caught:
        load_expectations(path)
    assert f"{path}:3:" in str(caught.value)
    assert message in str(caught.value)


def test_a_file_without_header_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "expected.tsv"
    path.write_text("01-a\tno_actor\tInbox\n", encoding="utf-8")
    with pytest.raises(ExpectationError, match=r"expected\.tsv:1: header"):
        load_expectations(path)


def test_checks_fail_on_outputs_that_break_them(tmp_path: Path) -> None:
    """The checks can fail: a hand-made output with junk actors and a wrong event breaks them."""
    import json

    (tmp_path / "01-a.txt").write_text("x")
    party = {"iri_id": "person/x-inbox", "entity_name": "Inbox", "raw_text": "Inbox"}
    record = {"cite_info": {"doc_id": "01-a"}, "actor": [party], "event": ["ACCUSE"],
              "recipient": [{"iri_id": "state/TUR", "entity_name": "Turkey", "raw_text": "Turkey"}]}
    (tmp_path / "events.jsonl").write_text(json.dumps(record) + "\n")
    (tmp_path / "graph.ttl").write_text(
        "@prefix kgo: <https://w3id.org/geokg/ontology#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "<https://w3id.org/geokg/id/person/x-inbox> a kgo:Person ; rdfs:label \"Inbox\" ; kgo:countryCode \"SYR\" .\n")
    outputs = Outputs(tmp_path)
    bad = [Expectation("t:1", "01-a", Check("no_actor"), "Inbox"),
           Expectation("t:2", "01-a", Check("actor_type"), "Inbox", "Place"),
           Expectation("t:3", "01-a", Check("actor_code"), "Inbox", "-"),
           Expectation("t:4", "01-a", Check("no_event"), "*", "ACCUSE", "*"),
           Expectation("t:5", "01-a", Check("event"), "Turkey", "ACCUSE", "*"),
           Expectation("t:6", "01-a", Check("same_actor"), "Inbox", "Turkey"),
           Expectation("t:7", "01-a", Check("distinct_actor"), "Inbox", "Inbox")]
    for x in bad:
        with pytest.raises(AssertionError, match=x.where):
            outputs.verify(x)
    outputs.verify(Expectation("t:8", "01-a", Check("event"), "Inbox", "ACCUSE", "Turkey"))
