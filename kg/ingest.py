"""Read articles from .txt, .html/.htm, .jsonl files, folders of them, or standard input.

Every problem with an input becomes an `InputProblem` naming the file (and line) instead of an
exception, so one bad file never stops the others.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
import stat
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date as Date
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
# Longest article id kept as it is: ids become graph IRIs, which servers receive in a URL (a
# 10,000-character id made every later `kg push` fail at that graph: over an 8 KB header limit).
MAX_ID_CHARS = 200
# Control characters other than tab and line breaks: not allowed in ids (each becomes a space).
# Article text keeps them (the XML views replace them where they are written, outputs.xml_safe),
# except NUL, which many RDF tools stop reading at: a NUL in text becomes a space (same length).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
# Invisible format characters (zero-width space and joiners, bidirectional overrides, soft hyphen,
# a stray byte-order mark) hide words from the parser and the gazetteer ("Rus\u200bsia"): removed.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


@dataclass(frozen=True)
class InputProblem:
    """Why one input (or one line of it) could not be read."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


class InputNote(InputProblem):
    """Something changed while reading an input that was still read (a date that is not a real
    date left out, invisible characters removed, an over-long id shortened)."""


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
    unreadable: list[OSError] = []
    files = sorted(Path(root) / name for root, _, names in os.walk(folder, onerror=unreadable.append)
                   for name in names if Path(name).suffix.lower() in SUPPORTED)
    for error in sorted(unreadable, key=lambda e: str(e.filename)):
        yield InputProblem(str(error.filename or folder), f"cannot read this folder: {error.strerror or error}")
    if not files and not unreadable:
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
        mode = path.stat().st_mode
        if not stat.S_ISREG(mode):  # a FIFO would block for ever, /dev/zero never ends
            kind = "a named pipe" if stat.S_ISFIFO(mode) else "a device or socket"
            yield InputProblem(source, f"not a regular file ({kind}); give files, folders or - for standard input")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield InputProblem(source, f"cannot read: {exc.strerror or exc}")
        return
    except MemoryError:
        yield InputProblem(source, "too large to read into memory")
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


_UTF16_32 = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
             (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _decode(data: bytes, source: str) -> str | InputProblem:
    """The text of a file: UTF-8, or UTF-16/UTF-32 when it starts with their byte-order mark."""
    if not data.strip():
        return InputProblem(source, "empty file")
    for bom, encoding in _UTF16_32:  # UTF-32 first: its little-endian mark starts with UTF-16's
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                return InputProblem(source, f"not valid {encoding.upper()} (byte {exc.start}) after its "
                                            "byte-order mark")
    nul = data.find(b"\x00")
    if nul >= 0:
        return InputProblem(source, f"binary file (a NUL byte at byte {nul}), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return InputProblem(source, f"not valid UTF-8 (byte {exc.start}: {data[exc.start:exc.start + 1]!r})")


HEADLINE_WORDS = 20  # fewer words than this are judged only against other languages' function words


def check_language(text: str) -> str | None:
    """A reason to refuse the text, or None: the pipeline reads English only."""
    script = _main_other_script(text)
    if script:
        return f"written mostly in {script} script, not English (the pipeline reads English only)"
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
    if share < 0.08 and len(words) >= HEADLINE_WORDS:
        # a headline-style sentence ("Russian forces attacked Islamic State militants near Palmyra")
        # may hold no function word at all; only a longer text without them is not English
        return "does not look like English (the pipeline reads English only)"
    return None


_ASCII_LETTERS = re.compile(r"[A-Za-z]")
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")


def _main_other_script(text: str) -> str | None:
    """The script most letters are written in when it is not Latin ('CJK', 'ARABIC', ...), else None.
    Chinese has no spaces, so counting words would call a whole article 'too little text'."""
    sample = text[:20_000]
    if sample.isascii():
        return None  # ASCII letters are all Latin (most news): nothing to look up one by one
    scripts: dict[str, int] = {"LATIN": len(_ASCII_LETTERS.findall(sample))}
    for char in _NOT_ASCII.findall(sample):
        if char.isalpha():
            script = unicodedata.name(char, "UNKNOWN").split()[0]
            scripts[script] = scripts.get(script, 0) + 1
    if not any(scripts.values()):
        return None
    script, count = max(scripts.items(), key=lambda item: item[1])
    return script.title() if script != "LATIN" and count > sum(scripts.values()) / 2 else None


def real_date(value: object) -> tuple[str | None, str | None]:
    """(ISO date, None) for a real calendar date given as YYYY-MM-DD (a time may follow), else
    (None, why it was left out). An absent date is (None, None)."""
    if value is None or value == "":
        return None, None
    if not isinstance(value, str):
        return None, f"date {value!r} is not text in the form YYYY-MM-DD; the article is read without a date"
    head = value.strip()[:10]
    if not _DATE.match(head):
        return None, f"date {value!r} is not in the form YYYY-MM-DD; the article is read without a date"
    try:
        return Date.fromisoformat(head).isoformat(), None
    except ValueError as exc:
        return None, f"date {value!r} is not a real date ({exc}); the article is read without a date"


def clean_id(raw: str, fallback: str) -> tuple[str, str | None]:
    """An article id fit to name a graph, and a note when it had to be changed: ids that are
    only dots or whitespace would make IRIs ending in /. or /.., and over-long ones are cut and
    completed by a hash of the whole id (so two long ids stay apart)."""
    ident = _CONTROL.sub(" ", raw).strip()
    if not ident.strip("."):
        return fallback, f"id {raw!r} cannot name an article; {fallback!r} is used instead"
    if len(ident) > MAX_ID_CHARS:
        digest = hashlib.sha256(ident.encode("utf-8")).hexdigest()[:16]
        short = f"{ident[:MAX_ID_CHARS - 17]}-{digest}"
        return short, f"id of {len(ident)} characters is longer than {MAX_ID_CHARS}; it is shortened to {short!r}"
    return ident, None


def _finish(article: Article, date_value: object = None) -> Iterator[Item]:
    """The article with its date checked, id made safe and text cleaned, after notes on any change."""
    when, why = real_date(date_value)
    if why:
        yield InputNote(article.source, why)
    ident, changed = clean_id(article.id, _fallback_id(article))
    if changed:
        yield InputNote(article.source, changed)
    text = article.text.replace("\x00", " ")
    invisible = _INVISIBLE.findall(text)
    if invisible:
        text = _INVISIBLE.sub("", text)
        kinds = ", ".join(sorted({f"U+{ord(c):04X}" for c in invisible}))
        yield InputNote(article.source, f"removed {len(invisible)} invisible format characters ({kinds})")
    reason = check_language(text)
    if reason:
        yield InputProblem(article.source, reason)
        return
    if when is None and not why and (dateline := date_in_text(text)):
        when = dateline  # no Date: header or metadata, but a dateline
    yield replace(article, id=ident, text=text, date=when,
                  title=article.title.replace("\x00", " ") if article.title else article.title)


def _fallback_id(article: Article) -> str:
    """An id from where the article came from (its file name, and line in a JSONL file)."""
    name = Path(article.source.rsplit(":", 1)[0] if ":" in article.source else article.source).stem
    line = article.source.rsplit(":", 1)[1] if ":" in article.source else ""
    base = name.strip(".") or "article"
    return f"{base}-{line}" if line.isdigit() else base


def _text_article(text: str, source: str, stem: str) -> Iterator[Item]:
    """Plain text, optionally led by `Title:`, `Date:`, `URL:`, `Id:` lines and a blank line.
    Line endings are made \\n first (Windows \\r\\n, old Mac \\r)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
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
    yield from _finish(Article(meta.get("id") or stem, body, None, meta.get("title"), meta.get("url"), source),
                       meta.get("date"))


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
    text = extracted.text.strip()
    title = (extracted.title or "").strip()
    # trafilatura keeps the page's <h1> at the top of the text when the article has one
    body = text if not title or text.startswith(title) else f"{title}\n\n{text}"
    yield from _finish(Article(stem, body, None, extracted.title, extracted.url, source), extracted.date)


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
        ident = record.get("id")
        yield from _finish(Article(
            str(ident) if ident not in (None, "") and not isinstance(ident, dict | list) else f"{stem}-{number}",
            body, None, _str_or_none(record.get("title")), _str_or_none(record.get("url")), where,
        ), record.get("date"))


def _unencodable(value: str) -> bool:
    """True for strings that cannot be written as UTF-8 (JSON escapes of lone surrogates)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _str_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value else None
