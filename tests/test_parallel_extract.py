"""`kg extract --processes N` runs the whole pipeline (parse, actor resolution, event coding) in
worker processes through kg/engine.py, as `kg build` does, and prints the same lines whatever N."""

from __future__ import annotations

import json

import pytest
from conftest import SAMPLES, run_kg
from generated import write_corpus

from kg.engine import run
from kg.ingest import read_inputs
from kg.model import Article
from kg.shards import ArticleLines, ExtractSettings, extract_batch
from kg.views.plover import lines


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """Two dozen invented articles, as JSON Lines."""
    return write_corpus(tmp_path_factory.mktemp("generated") / "news.jsonl", 24)


def test_extract_prints_the_same_lines_with_one_and_two_worker_processes(generated):
    printed = {}
    for processes in (1, 2):
        done = run_kg("extract", generated, SAMPLES, "--processes", processes, "--include-hypothetical")
        assert done.code == 0, done.err
        printed[processes] = done.out
    assert printed[1] == printed[2]
    assert printed[1].count("\n") > 40  # the generated articles gave events


def test_worker_batches_give_the_lines_of_the_in_process_pipeline_in_input_order(extractor, generated):
    articles = [item for item in read_inputs([str(generated)]) if isinstance(item, Article)][:20]
    settings = ExtractSettings(coded_date="2026-01-02", min_confidence=0.0)
    made = list(run(articles, settings, processes=2, work=extract_batch))
    assert all(isinstance(item, ArticleLines) for item in made)
    assert [item.article.id for item in made] == [a.id for a in articles]
    assert all(item.article.text == "" for item in made)  # the text is not sent back
    expected = [list(lines([result], coded_date="2026-01-02", min_confidence=0.0))
                for result in extractor.run(articles)]
    assert [item.lines for item in made] == expected
    assert sum(map(len, expected)) > 20


def test_an_article_that_fails_in_a_worker_is_reported_and_the_others_printed(tmp_path, generated):
    broken = tmp_path / "broken.jsonl"
    first = generated.read_text(encoding="utf-8").splitlines()[0]
    broken.write_text(first + "\n" + json.dumps({"id": "x"}) + "\n", encoding="utf-8")
    done = run_kg("extract", broken, "--processes", 2)
    assert done.code == 0, done.err
    assert "skipped" in done.err
    assert {json.loads(line)["cite_info"]["doc_id"] for line in done.lines} == {json.loads(first)["id"]}
