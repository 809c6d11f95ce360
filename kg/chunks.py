"""Long articles parsed in pieces: spaCy refuses a text over `nlp.max_length` characters (E088)
and its memory grows with the length of what it parses at once, so an article longer than
CHUNK_CHARS is cut at sentence-like boundaries into pieces of at most that length, each parsed
on its own, and the pieces joined back into one Doc whose text is exactly the article's text.
Character offsets into the article therefore stay right, and no article is lost for its length.

Articles up to CHUNK_CHARS (nearly every news story) are parsed whole, exactly as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from .model import Article
from .nlp import parse

CHUNK_CHARS = 20_000
# Places to cut, best first: a blank line, a line break, a sentence end, any whitespace.
_BOUNDARIES = (re.compile(r"\n\s*\n\s*"), re.compile(r"\n\s*"), re.compile(r"[.!?][\"')\]]*\s+"),
               re.compile(r"\s+"))


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


def parse_articles(nlp: Language, articles: Iterable[Article], n_process: int = 1,
                   limit: int | None = None) -> Iterator[tuple[Doc, Article]]:
    """(Doc, article) pairs in input order; long articles are parsed piecewise and rejoined."""
    limit = min(limit or CHUNK_CHARS, nlp.max_length)
    pieces = ((piece, (article, index, count)) for article in articles
              for index, count, piece in _numbered(split_text(article.text, limit)))
    parts: list[Doc] = []
    for doc, (article, index, count) in parse(nlp, pieces, n_process):
        if count == 1:
            yield doc, article
            continue
        parts.append(doc)
        if index == count - 1:
            whole = Doc.from_docs(parts, ensure_whitespace=False)
            parts = []
            yield whole, article


def _numbered(pieces: list[str]) -> Iterator[tuple[int, int, str]]:
    for index, piece in enumerate(pieces):
        yield index, len(pieces), piece
