"""Read articles from .txt, .html/.htm, .jsonl files, folders of them, or standard input.

Every problem with an input becomes an `InputProblem` naming the file (and line) instead of an
exception, so one bad file never stops the others.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from .dates import date_in_text
from .model import Article

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES

# The most frequent English function words: a text in which almost none occur is not English.
_FUNCTION_WORDS = (
    "the of and to a in is was that for on with as by at from it said has have are were be "
    "his its their an this which will not but after had who been they he she we"
)
_ENGLISH_WORDS = frozenset(_FUNCTION_WORDS.split())
# The same for the languages most often mistaken for English by that count (German "in", "was",
# "will"; Portuguese "a", "as"): a text that uses more of one of them than of English is refused.
_OTHER_FUNCTION_WORDS = {
    "German": "der die das und den dem des ein eine einer einen nicht ist sind mit von zu auf für sich im "
              "auch wurde wird haben hat sagte nach bei aus über dass oder wie vor gegen",
    "French": "le la les des et du un une est sont dans pour pas au aux sur ne se qui que avec par ont été "
              "cette ces il elle ils selon mais leur",
    "Spanish": "el la los las del y en que un una por con para se es al su sus fue ha han como pero según "
               "lo más este esta",
    "Italian": "il lo la gli le di del della che e per un una non con si è sono ha hanno nel nella dei delle "
               "ma come",
    "Portuguese": "o os as do da dos das em que e para com não um uma no na se é são foi ao pelo pela mas como",
    "Dutch": "de het een van en op dat niet met zijn voor ook door naar werd heeft hebben maar bij er",
}
_OTHER_WORDS = {language: frozenset(words.split()) - _ENGLISH_WORDS
                for language, words in _OTHER_FUNCTION_WORDS.items()}
_HEADER = re.compile(r"^(title|date|url|id)\s*:\s*(.*)$", re.IGNORECASE)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class InputProblem:
    """Why one input (or one line of it) could not be read."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


Item = Article | InputProblem


def read_inputs(paths: Iterable[str]) -> Iterator[Item]:
    """Articles and problems from every path in order; '-' is standard input."""
    for raw in paths:
        if raw == "-":
            yield from _read_stdin()
            continue
        path = Path(raw)
        if not path.exists():
            yield InputProblem(raw, "no such file or folder")
        elif path.is_dir():
            yield from _read_folder(path)
        else:
            yield from read_file(path)


def _read_folder(folder: Path) -> Iterator[Item]:
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED)
    if not files:
        yield InputProblem(str(folder), f"no {', '.join(sorted(SUPPORTED))} files in this folder")
    for path in files:
        yield from read_file(path, id_root=folder)


def _read_stdin() -> Iterator[Item]:
    data = sys.stdin.buffer.read()
    text = _decode(data, "<stdin>")
    if isinstance(text, InputProblem):
        yield text
    elif text.lstrip().startswith("{"):
        yield from _parse_jsonl(text, "<stdin>", "stdin")
    elif text.lstrip().startswith("<"):  # a web page piped in (starts with <!DOCTYPE or <html)
        yield from _html_article(text, "<stdin>", "stdin")
    else:
        yield from _text_article(text, "<stdin>", "stdin")


def read_file(path: Path, id_root: Path | None = None) -> Iterator[Item]:
    """Articles in one file, chosen by its suffix (unknown suffixes are read as text)."""
    source = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield InputProblem(source, f"cannot read: {exc.strerror or exc}")
        return
    text = _decode(data, source)
    if isinstance(text, InputProblem):
        yield text
        return
    stem = _article_id(path, id_root)
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _parse_jsonl(text, source, stem)
    elif suffix in HTML_SUFFIXES:
        yield from _html_article(text, source, stem)
    else:
        yield from _text_article(text, source, stem)


def _article_id(path: Path, root: Path | None) -> str:
    relative = path.relative_to(root) if root else Path(path.name)
    return relative.with_suffix("").as_posix()


def _decode(data: bytes, source: str) -> str | InputProblem:
    if not data.strip():
        return InputProblem(source, "empty file")
    if b"\x00" in data[:8192]:
        return InputProblem(source, "binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return InputProblem(source, f"not valid UTF-8 (byte {exc.start}: {data[exc.start:exc.start + 1]!r})")


def check_language(text: str) -> str | None:
    """A reason to refuse the text, or None: the pipeline reads English only."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    if len(words) < 3:
        return "too little text to read"
    if len(words) < 8:
        return None
    share = sum(word in _ENGLISH_WORDS for word in words) / len(words)
    other, language = max((sum(word in vocabulary for word in words) / len(words), language)
                          for language, vocabulary in _OTHER_WORDS.items())
    if other > share:
        return f"looks like {language}, not English (the pipeline reads English only)"
    if share < 0.08:
        return "does not look like English (the pipeline reads English only)"
    return None


def _finish(article: Article) -> Item:
    reason = check_language(article.text)
    if reason:
        return InputProblem(article.source, reason)
    if article.date is None and (dateline := date_in_text(article.text)):
        return replace(article, date=dateline)  # no Date: header or metadata, but a dateline
    return article


def _text_article(text: str, source: str, stem: str) -> Iterator[Item]:
    """Plain text, optionally led by `Title:`, `Date:`, `URL:`, `Id:` lines and a blank line."""
    meta: dict[str, str] = {}
    lines = text.split("\n")
    consumed = 0
    for line in lines:
        match = _HEADER.match(line.strip())
        if not match:
            break
        meta[match.group(1).lower()] = match.group(2).strip()
        consumed += 1
    if meta and consumed < len(lines) and not lines[consumed].strip():
        body = "\n".join(lines[consumed + 1 :])
    else:
        meta, body = {}, text
    date = meta.get("date") if _DATE.match(meta.get("date", "")) else None
    yield _finish(Article(meta.get("id") or stem, body, date, meta.get("title"), meta.get("url"), source))


def _html_article(html: str, source: str, stem: str) -> Iterator[Item]:
    """The article body of a web page, without navigation, subscription boxes or footers."""
    import trafilatura

    try:
        extracted = trafilatura.bare_extraction(html, include_comments=False, include_tables=False,
                                                with_metadata=True)
    except (ValueError, TypeError, RecursionError) as exc:
        yield InputProblem(source, f"cannot parse this HTML page ({exc.__class__.__name__}: {exc})")
        return
    if extracted is None or not (extracted.text or "").strip():
        yield InputProblem(source, "no article text found in this HTML page")
        return
    date = extracted.date if extracted.date and _DATE.match(extracted.date) else None
    text = extracted.text.strip()
    title = (extracted.title or "").strip()
    # trafilatura keeps the page's <h1> at the top of the text when the article has one
    body = text if not title or text.startswith(title) else f"{title}\n\n{text}"
    yield _finish(Article(stem, body, date, extracted.title, extracted.url, source))


def _parse_jsonl(text: str, source: str, stem: str) -> Iterator[Item]:
    # Split on \n only: str.splitlines() also splits on U+2028, U+0085 and other characters that
    # JSON allows unescaped inside strings, which would cut a valid line in two.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputProblem(where, f"malformed JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(record, dict):
            yield InputProblem(where, "a line must be a JSON object with a 'text' field")
            continue
        body = record.get("text")
        if not isinstance(body, str) or not body.strip():
            yield InputProblem(where, "missing or empty 'text' field")
            continue
        broken = [key for key, value in record.items() if isinstance(value, str) and _unencodable(value)]
        if broken:
            yield InputProblem(where, f"the {broken[0]!r} field holds a lone surrogate escape "
                                      "(\\ud800-\\udfff), not valid Unicode")
            continue
        date = record.get("date")
        date = date[:10] if isinstance(date, str) and _DATE.match(date[:10]) else None
        yield _finish(Article(
            str(record.get("id") or f"{stem}-{number}"), body, date,
            _str_or_none(record.get("title")), _str_or_none(record.get("url")), where,
        ))


def _unencodable(value: str) -> bool:
    """True for strings that cannot be written as UTF-8 (JSON escapes of lone surrogates)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _str_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value else None
