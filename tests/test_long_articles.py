"""Articles longer than spaCy accepts in one piece are parsed in sentence-aligned pieces and
joined again: no article is lost for its length, and character offsets stay right.

spaCy's own limit (nlp.max_length, 1,000,000 characters by default) is lowered for these tests so
that the same refusal (E088) is met with texts of a few thousand characters; the time and memory
of a real 1,000,001-character article are measured by benchmarks/long_article.py.
"""

from __future__ import annotations

import pytest
from conftest import ACCUSING, BACKING, write

from kg.chunks import split_text
from kg.events import EventExtractor
from kg.ingest import read_inputs
from kg.model import Article

PARAGRAPH = (BACKING + " " + ACCUSING + "\n\n")


def summary_line(err: str) -> str:
    """The build's summary line ("kg: N articles, ..."), wherever warnings put it."""
    return next(line for line in err.splitlines() if line.startswith("kg: ") and " articles, " in line)


@pytest.fixture
def small_limit(extractor):
    """spaCy's limit lowered to 3,000 characters for one test, then restored."""
    before = extractor.nlp.max_length
    extractor.nlp.max_length = 3_000
    yield 3_000
    extractor.nlp.max_length = before


@pytest.mark.parametrize("text", [
    PARAGRAPH * 40,  # paragraphs
    (BACKING + " ") * 120,  # one line of sentences
    ("Russia " * 1000) + "backs Assad.",  # no sentence end at all
    "x" * 9_000,  # no whitespace at all
])
def test_pieces_join_back_to_the_text_and_keep_within_the_limit(text):
    pieces = split_text(text, 2_000)
    assert "".join(pieces) == text
    assert all(0 < len(piece) <= 2_000 for piece in pieces)
    assert len(pieces) >= len(text) // 2_000


def test_pieces_end_at_paragraphs_or_sentences_where_the_text_has_them():
    assert all(piece.endswith("\n\n") for piece in split_text(PARAGRAPH * 40, 2_000)[:-1])
    assert all(piece.endswith(". ") for piece in split_text((BACKING + " ") * 120, 2_000)[:-1])


def test_an_article_over_spacys_limit_is_extracted_whole_with_right_offsets(tmp_path, extractor, small_limit):
    text = PARAGRAPH * 30
    assert len(text) > small_limit
    with pytest.raises(ValueError, match="E088"):
        extractor.nlp(text)  # what stopped whole runs before: spaCy refuses the text
    [article] = [a for a in read_inputs([str(write(tmp_path, "long.txt", text))]) if isinstance(a, Article)]
    short = Article("short", PARAGRAPH, source="short")
    results = list(extractor.run([article, short]))
    assert [r.article.id for r in results] == ["long", "short"]
    long_result, short_result = results
    assert len(long_result.events) == 30 * len(short_result.events) > 0
    for event in long_result.events:
        assert text[event.sentence_start:event.sentence_end] == event.sentence
    for mention in long_result.mentions:
        assert text[mention.start:mention.end] == mention.text
    starts = sorted({e.sentence_start for e in long_result.events})
    assert starts[-1] > len(text) - len(PARAGRAPH)  # events from the last piece too


def test_build_of_a_too_long_article_among_others_loses_none(tmp_path, kg_main, small_limit):
    text = ("Russia accused Turkey of shelling. " * 400)[:small_limit * 3 + 1]
    big = write(tmp_path, "big.txt", text)
    other = write(tmp_path, "other.txt", BACKING)
    run = kg_main("build", big, other, "--out", tmp_path / "out", "--quiet")
    assert run.code == 0, run.err
    assert "2 articles" in summary_line(run.err)
    doc_ids = [line.split('"doc_id": "')[1].split('"')[0]
               for line in (tmp_path / "out" / "events.jsonl").read_text().splitlines()]
    assert doc_ids.count("big") == text.count("Russia accused Turkey of shelling.")  # one accusation each
    assert "other" in doc_ids


def test_one_article_whose_extraction_fails_is_named_and_the_run_goes_on(tmp_path, kg_main, monkeypatch):
    real = EventExtractor.extract

    def extract_failing_on_one(self, doc, article, resolved, *args, **kwargs):
        if article is not None and article.id == "cursed":
            raise RuntimeError("a fault injected into one article")
        return real(self, doc, article, resolved, *args, **kwargs)

    monkeypatch.setattr(EventExtractor, "extract", extract_failing_on_one)
    cursed = write(tmp_path, "cursed.txt", ACCUSING)
    run = kg_main("build", write(tmp_path, "fine.txt", BACKING), cursed, "--out", tmp_path / "out", "--quiet")
    assert run.code == 0, run.err
    assert f"kg: skipped {cursed}: extraction failed (RuntimeError: a fault injected into one article)" in run.err
    assert "1 articles" in summary_line(run.err) and "(1 inputs skipped)" in summary_line(run.err)
    assert '"doc_id": "fine"' in (tmp_path / "out" / "events.jsonl").read_text()


def test_order_is_kept_when_long_and_failing_articles_are_mixed(extractor, small_limit, monkeypatch):
    real = EventExtractor.extract

    def extract_failing_on_one(self, doc, article, resolved, *args, **kwargs):
        if article is not None and article.id == "bad":
            raise RuntimeError("fault")
        return real(self, doc, article, resolved, *args, **kwargs)

    monkeypatch.setattr(EventExtractor, "extract", extract_failing_on_one)
    long_text = PARAGRAPH * 20
    articles = [Article("a", BACKING), Article("long1", long_text), Article("bad", ACCUSING),
                Article("b", ACCUSING), Article("long2", long_text), Article("long3", long_text)]
    failures: list[str] = []
    results = list(extractor.run(articles, lambda article, exc: failures.append(article.id)))
    assert [r.article.id for r in results] == ["a", "long1", "b", "long2", "long3"]
    assert failures == ["bad"]
