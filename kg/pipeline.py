"""The extraction pipeline: articles in, actors and events out, one article at a time.

The spaCy pipeline (with the extraction components in it) and the vocabularies are loaded
once; articles stream through `nlp.pipe` in batches so memory stays flat however large the
corpus, and `n_process` spreads the whole extraction over processes. This wrapper only turns
Articles into Docs and the Docs' results back into ArticleResults.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .extract.doc import article_doc
from .model import Article, ArticleResult
from .nlp import load_pipeline, parse


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

    def run(self, articles: Iterable[Article]) -> Iterator[ArticleResult]:
        """Results in input order, parsed and extracted in batches."""
        pairs = ((article_doc(self.nlp, article), article) for article in articles)
        for doc, article in parse(self.nlp, pairs, self.n_process):
            yield ArticleResult(article, doc._.mentions, doc._.events)
