"""Graphs for the RDF tests: small invented articles built straight from model objects (no
spaCy, so they are fast and exact), and the samples built once through the real pipeline.

The invented articles cover what the graph model must carry: asserted, negated and future
events, a reciprocal meeting, a place and an attribution, two articles sharing actors, and an
actor whose name is a SPARQL injection attempt.
"""

from __future__ import annotations

from pathlib import Path

from kg.model import Actor, Article, ArticleResult, Event, Mention
from kg.rdf import Run, add_results, new_dataset

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"

RUSSIA = Actor("state/RUS", "Russia", "State", code="RUS", qid="Q159")
TURKEY = Actor("state/TUR", "Turkey", "State", code="TUR", qid="Q43")
SYRIA = Actor("state/SYR", "Syria", "State", code="SYR", qid="Q858")
SYRIAN_GOVERNMENT = Actor("state/SYR/government", "Government of Syria", "Government", code="SYR",
                          sector="GOV", country="state/SYR")
IRAN = Actor("state/IRN", "Iran", "State", code="IRN", qid="Q794")
UN = Actor("org/united-nations", "United Nations", "IntergovernmentalOrganisation", code="UNO", qid="Q1065")
ALEPPO = Actor("place/aleppo", "Aleppo", "Place", code="SYR", qid="Q41183")
# A name written to break out of a query that pastes text: it must only ever match itself.
EVIL = Actor("org/evil-front", 'Evil"} UNION { ?s ?p ?o } #', "Organisation")

BACKS_TEXT = "Russia backs the Syrian government. Turkey did not accuse Iran of anything."
TALKS_TEXT = ("Russia and Turkey met in Aleppo, the United Nations said. Iran will urge Russia to leave. "
              'Iran accused Evil"} UNION { ?s ?p ?o } # of lying.')


def mention(actor: Actor, text: str, surface: str, occurrence: int = 0) -> Mention:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(surface, start + 1)
    return Mention(actor, start, start + len(surface), surface)


def sentence(text: str, index: int) -> tuple[str, int, int]:
    """The index-th sentence of `text` (split after '. ') with its offsets."""
    starts = [0] + [i + 2 for i in range(len(text)) if text.startswith(". ", i)]
    start = starts[index]
    end = starts[index + 1] if index + 1 < len(starts) else len(text)
    return text[start:end], start, end


def event(article: Article, index: int, category: str, predicate: str, actors: list[Mention],
          recipients: list[Mention] = (), trigger: str = "", **extra) -> Event:
    text, start, end = sentence(article.text, index)
    return Event(article.id, category, predicate, list(actors), list(recipients), trigger=trigger or predicate,
                 sentence=text, sentence_start=start, sentence_end=end, date=article.date, **extra)


def invented_results(second_article_events: bool = True) -> list[ArticleResult]:
    """Two articles: 'backing' (asserted SUPPORT, negated ACCUSE) and 'talks' (reciprocal CONSULT with a
    place and an attribution, a future REQUEST, an accusation against EVIL)."""
    backing = Article("backing", BACKS_TEXT, date="2016-12-13", title="Russia backs Damascus")
    b = backing.text
    backing_events = [
        event(backing, 0, "SUPPORT", "backs", [mention(RUSSIA, b, "Russia")],
              [mention(SYRIAN_GOVERNMENT, b, "Syrian government")], trigger="backs", confidence=0.9),
        event(backing, 1, "ACCUSE", "accuses", [mention(TURKEY, b, "Turkey")], [mention(IRAN, b, "Iran")],
              trigger="accuse", factuality="negated", confidence=0.7),
    ]
    talks = Article("talks", TALKS_TEXT, date="2016-12-14", title="Talks in Aleppo", url="https://example.org/t")
    t = talks.text
    talks_events = [
        event(talks, 0, "CONSULT", "meets", [mention(RUSSIA, t, "Russia"), mention(TURKEY, t, "Turkey")],
              trigger="met", symmetric=True, place=mention(ALEPPO, t, "Aleppo"),
              source=mention(UN, t, "United Nations"), source_text="the United Nations", confidence=0.8),
        event(talks, 1, "REQUEST", "urges", [mention(IRAN, t, "Iran")], [mention(RUSSIA, t, "Russia", 1)],
              trigger="urge", factuality="future", confidence=0.6),
        event(talks, 2, "ACCUSE", "accuses", [mention(IRAN, t, "Iran", 1)], [mention(EVIL, t, EVIL.label)],
              trigger="accused", confidence=0.85),
    ]
    return [ArticleResult(backing, [], backing_events),
            ArticleResult(talks, [], talks_events if second_article_events else talks_events[:1])]


def dataset_of(results: list[ArticleResult], model: str = "test-model"):
    return add_results(new_dataset(), results, Run(model))


_SAMPLES: dict[str, list[ArticleResult]] = {}


def sample_results(extractor) -> list[ArticleResult]:
    """The samples through the real pipeline, once per test session."""
    if "results" not in _SAMPLES:
        from kg.ingest import read_inputs
        from kg.model import Article as ArticleType

        articles = [item for item in read_inputs([str(SAMPLES)]) if isinstance(item, ArticleType)]
        _SAMPLES["results"] = list(extractor.run(articles))
    return _SAMPLES["results"]


def filled_store(path: Path, extractor):
    """A persistent store at `path` with the samples and the invented articles; returns it
    opened, for use as a context manager."""
    from kg.store import Store

    store = Store(path)
    store.add_dataset(dataset_of(sample_results(extractor)))
    store.add_dataset(dataset_of(invented_results()))
    return store
