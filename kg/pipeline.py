"""The extraction pipeline: articles in, actors and events out, one article at a time.

The spaCy pipeline and the vocabularies are loaded once; articles stream through
`nlp.pipe` in batches so memory stays flat however large the corpus.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator

from .actors import ActorResolver
from .chunks import parse_articles
from .events import EventExtractor
from .gazetteer import load_gazetteer
from .model import Article, ArticleResult
from .nlp import load_pipeline
from .vocabulary import load_vocabulary


class Extractor:
    """Holds the loaded model and vocabularies; `run` turns articles into results."""

    def __init__(self, model: str | None = None, n_process: int = 1) -> None:
        self.nlp = load_pipeline(model)
        self.model_name = f"{self.nlp.meta.get('lang', 'xx')}_{self.nlp.meta.get('name', '?')}-" \
                          f"{self.nlp.meta.get('version', '?')}"
        self.gazetteer = load_gazetteer()
        self.vocabulary = load_vocabulary()
        self.resolver = ActorResolver(self.nlp, self.gazetteer)
        self.events = EventExtractor(self.vocabulary, self.resolver)
        self.n_process = n_process

    def run(self, articles: Iterable[Article],
            failed: Callable[[Article, Exception], None] | None = None) -> Iterator[ArticleResult]:
        """Results in input order, parsed in batches (long articles in pieces, see chunks.py).

        An article whose extraction raises is reported to `failed` (by default one line on
        standard error naming its file) and left out: one bad article never stops the others."""
        for doc, article in parse_articles(self.nlp, articles, self.n_process):
            try:
                resolved = self.resolver.resolve(doc, article.date, article.title)
                events = self.events.extract(doc, article, resolved)
            except Exception as exc:  # noqa: BLE001 (reported, and the run goes on)
                (failed or _report_failure)(article, exc)
                continue
            yield ArticleResult(article, [r.mention for r in resolved], events)


def _report_failure(article: Article, exc: Exception) -> None:
    print(f"kg: skipped {article.source or article.id}: extraction failed "
          f"({exc.__class__.__name__}: {exc})", file=sys.stderr)
