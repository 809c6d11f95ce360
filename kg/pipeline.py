"""The extraction pipeline: articles in, actors and events out, one article at a time.

The spaCy pipeline (with the extraction components in it) and the vocabularies are loaded
once; articles stream through `nlp.pipe` in batches so memory stays flat however large the
corpus, and `n_process` spreads the whole extraction over processes. This wrapper only turns
Articles into Docs and the Docs' results back into ArticleResults.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator

from .chunks import parse_articles
from .model import Article, ArticleResult
from .nlp import load_pipeline


class Extractor:
    """Holds the loaded pipeline; `run` turns articles into results."""

    def __init__(self, model: str | None = None, n_process: int = 1) -> None:
        self.nlp = load_pipeline(model)
        self.model_name = f"{self.nlp.meta.get('lang', 'xx')}_{self.nlp.meta.get('name', '?')}-" \
                          f"{self.nlp.meta.get('version', '?')}"
        self.resolver = self.nlp.get_pipe("geo_actors").resolver
        self.events = self.nlp.get_pipe("plover_events").events
        self.gazetteer = self.resolver.gaz
        self.vocabulary = self.events.vocab
        self.n_process = n_process

    def run(self, articles: Iterable[Article],
            failed: Callable[[Article, Exception], None] | None = None) -> Iterator[ArticleResult]:
        """Results in input order, parsed and extracted in batches (long articles in pieces,
        see chunks.py). An article whose extraction raises is reported to `failed` (by default
        one line on standard error naming its file) and left out: one bad article never stops
        the others."""
        for doc, article in parse_articles(self.nlp, articles, self.n_process, failed=failed or _report_failure):
            yield ArticleResult(article, doc._.mentions, doc._.events)


def _report_failure(article: Article, exc: Exception) -> None:
    print(f"kg: skipped {article.source or article.id}: extraction failed "
          f"({exc.__class__.__name__}: {exc})", file=sys.stderr)
