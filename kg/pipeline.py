"""The extraction pipeline: articles in, actors and events out, one article at a time.

The spaCy pipeline and the vocabularies are loaded once; articles stream through
`nlp.pipe` in batches so memory stays flat however large the corpus.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .actors import ActorResolver
from .events import EventExtractor
from .gazetteer import load_gazetteer
from .model import Article, ArticleResult
from .nlp import load_pipeline, parse
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

    def run(self, articles: Iterable[Article]) -> Iterator[ArticleResult]:
        """Results in input order, parsed in batches."""
        pairs = ((article.text, article) for article in articles)
        for doc, article in parse(self.nlp, pairs, self.n_process):
            resolved = self.resolver.resolve(doc, article.date, article.title)
            events = self.events.extract(doc, article, resolved)
            yield ArticleResult(article, [r.mention for r in resolved], events)
