"""Long articles parsed in pieces: spaCy refuses a text over `nlp.max_length` characters (E088)
and its time and memory grow with the length of what it parses at once, so an article longer
than CHUNK_CHARS is cut at paragraph, line or sentence ends into pieces of at most that length.
The pieces are parsed (tagger, parser, NER) on their own and joined back into one Doc whose text
is exactly the article's; the extraction components then run on that whole Doc, so actors are
resolved across the whole article and character offsets stay right. No article is lost for its
length. Articles up to CHUNK_CHARS (nearly every news story) go through `nlp.pipe` whole, as
before.

Also here: an article whose processing raises inside the pipeline is reported to a callback
and left out, instead of aborting `nlp.pipe` and with it the whole run.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from .extract.components import COMPONENTS
from .extract.doc import article_doc, register_extensions
from .model import Article
from .nlp import parse

CHUNK_CHARS = 20_000
LONG_PIECES_AT_ONCE = 4  # a long article's pieces (CHUNK_CHARS each) given to nlp.pipe at a time
# Places to cut, best first: a blank line, a line break, a sentence end, any whitespace.
_BOUNDARIES = (re.compile(r"\n\s*\n\s*"), re.compile(r"\n\s*"), re.compile(r"[.!?][\"')\]]*\s+"),
               re.compile(r"\s+"))

Failed = Callable[[Article, Exception], None]


def split_text(text: str, limit: int = CHUNK_CHARS) -> list[str]:
    """Pieces of `text`, each at most `limit` characters, that join back to `text` exactly.

    Each cut is made after the last boundary of the best kind found in the back half of the
    window, so pieces end at a paragraph, line or sentence end where the text has one; a text
    without any whitespace over `limit` characters is cut at `limit`.
    """
    if limit < 2:
        raise ValueError("chunk limit must be at least 2 characters")
    pieces = []
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = _best_cut(window)
        pieces.append(text[start:start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def _best_cut(window: str) -> int:
    """Where to end a piece inside `window` (an index > 0), preferring the strongest boundary."""
    half = len(window) // 2
    for boundary in _BOUNDARIES:
        ends = [match.end() for match in boundary.finditer(window, half)]
        if ends:
            return ends[-1]
    return len(window)


def parse_articles(nlp: Language, articles: Iterable[Article], n_process: int = 1, limit: int | None = None,
                   failed: Failed | None = None) -> Iterator[tuple[Doc, Article]]:
    """(Doc, article) pairs in input order, every component run; long articles parsed piecewise.

    Short articles stream through `nlp.pipe`; a long one is set aside as the stream reads past
    it and processed in its turn, so the output order is the input order."""
    limit = min(limit or CHUNK_CHARS, nlp.max_length)
    order: deque[tuple[bool, Article]] = deque()  # (long?, article) in input order, as read

    def short_docs() -> Iterator[tuple[Doc, Article]]:
        for article in articles:
            is_long = len(article.text) > limit
            order.append((is_long, article))
            if not is_long:
                yield article_doc(nlp, article), article

    with _errors_reported(nlp, failed):
        for doc, article in parse(nlp, short_docs(), n_process):
            while order and order[0][1] is not article:
                is_long, earlier = order.popleft()
                if is_long:  # else a short article spaCy left out after reporting it
                    yield from _long_article(nlp, earlier, limit, failed)
            if order:
                order.popleft()
            yield doc, article
        while order:  # long articles after the last short one (or dropped short ones)
            is_long, article = order.popleft()
            if is_long:
                yield from _long_article(nlp, article, limit, failed)


def _long_article(nlp: Language, article: Article, limit: int, failed: Failed | None) -> Iterator[tuple[Doc, Article]]:
    """One long article: pieces parsed without the extraction components, joined, then extracted whole."""
    extraction = [name for name in nlp.pipe_names if name in COMPONENTS]
    try:
        pieces = list(nlp.pipe(split_text(article.text, limit), batch_size=LONG_PIECES_AT_ONCE,
                               disable=extraction))
        doc = Doc.from_docs(pieces, ensure_whitespace=False)
        register_extensions()
        doc._.article = article
        for name, component in nlp.pipeline:
            if name in extraction:
                doc = component(doc)
    except Exception as exc:  # noqa: BLE001 (reported, and the run goes on)
        if failed is None:
            raise
        failed(article, exc)
        return
    yield doc, article


class _errors_reported:
    """Inside the block, a component that raises on one Doc reports its article to `failed`
    (spaCy then leaves that Doc out) instead of stopping `nlp.pipe`."""

    def __init__(self, nlp: Language, failed: Failed | None) -> None:
        self.nlp, self.failed = nlp, failed
        self.saved: list = []

    def __enter__(self) -> None:
        if self.failed is None:
            return
        failed = self.failed

        def handler(name, component, docs, exc) -> None:
            for doc in docs:
                article = doc._.article if Doc.has_extension("article") else None
                failed(article or Article("?", "", source="an article"), exc)

        # The extraction components take spaCy's default handler; spaCy's own trainable
        # components keep theirs (Language.set_error_handler fails on the compiled parser).
        self.saved = [self.nlp.default_error_handler]
        self.nlp.default_error_handler = handler

    def __exit__(self, *exc_info) -> None:
        if self.saved:
            self.nlp.default_error_handler = self.saved.pop()
