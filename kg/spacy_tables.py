"""The model's attribute rules and lemmatiser, run from lookup tables: the same values, in a
fraction of the time.

en_core_web_sm's `attribute_ruler` (tag → part of speech and morphology, and exceptions such as
"n't" → PART "not" or "gonna" → "go" "to") is 179 Matcher patterns. 22 of them test IN, NOT_IN
or REGEX conditions, which spaCy's Matcher checks by calling Python for every token and
pattern, so the ruler took 16-18 µs a token on this machine: 12 % of spaCy's own time and more
than all of geo-kg's extraction components together (docs/performance.md). Every one of its
patterns is a fixed run of one or two tokens with conditions on TAG, DEP, LOWER and IS_SPACE,
so what it does to a token is a function of those few values, worked out once per distinct
combination and kept. The lemmatiser's rules likewise give the same lemma for the same word,
part of speech and morphology (spaCy keeps them in a cache keyed on exactly those); read from
arrays, only a combination not seen before reaches spaCy's own `lemmatize`, whose word lists
are held as frozensets (`index_as_sets`).

Both are built from the loaded model's own components, and `use_tables` keeps spaCy's component
wherever a pattern or setting falls outside what the tables reproduce (an OP quantifier, a
MORPH condition, an extension attribute, a lemmatiser of another class or mode), so another
model gets spaCy's behaviour, never a different one. tests/test_spacy_tables.py checks the
values against spaCy's components on random hand-built documents and on parsed sentences.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy
from spacy.attrs import DEP, IDS, LEMMA, MORPH, ORTH, POS, TAG
from spacy.errors import Errors
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.vocab import Vocab

Kind = Literal["eq", "in", "not_in", "regex"]
# Token attributes a pattern may test: read with Doc.to_array, compared as spaCy's Matcher does.
STRING_ATTRS = frozenset({"ORTH", "LOWER", "NORM", "TAG", "DEP"})
FLAG_ATTRS = frozenset({"IS_SPACE", "IS_PUNCT", "IS_ALPHA", "IS_DIGIT"})
# Token attributes a rule may set, in the order of the written array's columns.
WRITTEN = (POS, TAG, MORPH, LEMMA, DEP)
# Distinct values, keys and lemma keys kept per process before a table starts again.
MAX_KEPT = 200_000

Signature = frozenset[int]  # the ids of a column's conditions that a value meets
Key = tuple[Signature, ...]  # a token's signature in every column
Needs = tuple[tuple[int, Signature], ...]  # a pattern token: (column, condition ids it needs)


@dataclass(frozen=True)
class Check:
    """One condition on a column's value, compared as spaCy's Matcher compares it."""

    kind: Kind
    value: object


@dataclass(frozen=True)
class Pattern:
    """A fixed run of token conditions; a match gives rule `rule`'s values to token `target`."""

    rule: int
    tokens: tuple[Needs, ...]
    target: int

    def fits(self, key: Key, at: int = 0) -> bool:
        return all(needed <= key[column] for column, needed in self.tokens[at])


class NotLoaded(RuntimeError):
    """A table component made by its factory alone, never filled from the model's own component."""


class Unsupported(ValueError):
    """A ruler pattern or value the tables do not reproduce: spaCy's own component is kept."""


class Column:
    """One token attribute the patterns test, and the signature of each value seen in it."""

    def __init__(self, attr: int) -> None:
        self.attr = attr
        self.checks: list[Check] = []
        self.meets: dict[int, set[int]] = {}  # value → ids of eq and IN conditions naming it
        self.misses: dict[int, set[int]] = {}  # value → ids of NOT_IN conditions naming it
        self.not_in: set[int] = set()
        self.regexes: list[tuple[int, re.Pattern]] = []
        self.seen: dict[int, Signature] = {}

    def add(self, check: Check) -> int:
        if check in self.checks:
            return self.checks.index(check)
        self.checks.append(check)
        ident = len(self.checks) - 1
        if check.kind == "eq":
            self.meets.setdefault(check.value, set()).add(ident)  # type: ignore[arg-type]
        elif check.kind == "regex":
            self.regexes.append((ident, check.value))  # type: ignore[arg-type]
        else:
            for value in check.value:  # type: ignore[attr-defined]
                (self.meets if check.kind == "in" else self.misses).setdefault(value, set()).add(ident)
            if check.kind == "not_in":
                self.not_in.add(ident)
        return ident

    def signature(self, value: int, vocab: Vocab) -> Signature:
        known = self.seen.get(value)
        if known is not None:
            return known
        ids = self.meets.get(value, set()) | (self.not_in - self.misses.get(value, set()))
        if self.regexes:
            text = vocab.strings[value]
            ids |= {ident for ident, regex in self.regexes if regex.search(text)}
        if len(self.seen) >= MAX_KEPT:
            self.seen.clear()
        known = self.seen[value] = frozenset(ids)
        return known


Entry = tuple[tuple[int, ...], tuple[tuple[int, int], ...], tuple[Pattern, ...]]


class AttributeTable:
    """spaCy's AttributeRuler, worked out once per distinct token signature.

    A value's signature in a column is the set of the patterns' conditions on that column it
    meets, so "the", "a" and "Syria" share one in LOWER unless a pattern names them. As in
    spaCy, every pattern is matched against the document as it came in, then the rules' values
    are written in rule order, so a later rule wins for the attributes it sets."""

    def __init__(self) -> None:
        self.columns: list[Column] = []
        self.single: dict[tuple[int, int] | None, list[Pattern]] = {}  # by one condition each needs
        self.runs: list[Pattern] = []
        self.values: list[tuple[tuple[int, int], ...]] = []  # per rule: (column in WRITTEN, value)
        self.kept: dict[Key, Entry] = {}
        self.loaded = False

    @classmethod
    def from_ruler(cls, ruler: AttributeRuler) -> AttributeTable:
        """The ruler's patterns and values as tables; Unsupported when one cannot be."""
        table = cls()
        for rule, (spec, attrs, index) in enumerate(zip(ruler.patterns, ruler.attrs, ruler.indices, strict=True)):
            table.values.append(_written(attrs))
            for tokens in spec["patterns"]:
                needs = tuple(table._needs(token, ruler.vocab) for token in tokens)
                if not needs or not -len(needs) <= index < len(needs):
                    raise Unsupported(f"rule {rule}: index {index} outside a pattern of {len(needs)} tokens")
                pattern = Pattern(rule, needs, index % len(needs))
                if len(needs) > 1:
                    table.runs.append(pattern)
                else:
                    table.single.setdefault(table._anchor(needs[0]), []).append(pattern)
        if len(table.columns) < 2:  # Doc.to_array gives a flat array for one column
            table.columns.extend(Column(a) for a in (TAG, DEP) if a not in {c.attr for c in table.columns})
        table.loaded = True
        return table

    def take(self, table: AttributeTable) -> AttributeTable:
        """Hold `table`'s rules (the factory's empty component takes the ones built from the
        model's ruler, so the pipeline is changed only once they are known to be supported)."""
        self.columns, self.single, self.runs = table.columns, table.single, table.runs
        self.values, self.kept, self.loaded = table.values, table.kept, table.loaded
        return self

    def _needs(self, token: dict, vocab: Vocab) -> Needs:
        needs: dict[int, set[int]] = {}
        for name, value in token.items():
            name = str(name).upper()
            if name not in STRING_ATTRS | FLAG_ATTRS:
                raise Unsupported(f"condition on {name}")
            if name in FLAG_ATTRS:
                if not isinstance(value, bool):
                    raise Unsupported(f"{name} compared with {value!r}")
                check = Check("eq", int(value))
            elif isinstance(value, str):
                check = Check("eq", vocab.strings.add(value))
            elif isinstance(value, dict) and len(value) == 1:
                check = _predicate(*next(iter(value.items())))
            else:
                raise Unsupported(f"{name} compared with {value!r}")
            column = self._column(IDS[name])
            needs.setdefault(column, set()).add(self.columns[column].add(check))
        return tuple((column, frozenset(ids)) for column, ids in sorted(needs.items()))

    def _anchor(self, needs: Needs) -> tuple[int, int] | None:
        """A condition every match meets and most tokens do not (not a NOT_IN), to look it up by."""
        for column, ids in needs:
            for ident in sorted(ids):
                if self.columns[column].checks[ident].kind != "not_in":
                    return column, ident
        return None

    def _column(self, attr: int) -> int:
        for i, column in enumerate(self.columns):
            if column.attr == attr:
                return i
        self.columns.append(Column(attr))
        return len(self.columns) - 1

    def __call__(self, doc: Doc) -> Doc:
        if not self.loaded:
            raise NotLoaded("kg_attribute_table was never given the model's attribute_ruler (kg.load() or "
                            "kg.spacy_tables.use_tables(nlp) does that); a pipeline saved with it cannot be "
                            "loaded back with spacy.load")
        if not len(doc):
            return doc
        vocab, kept = doc.vocab, self.kept
        signatures = []
        for column, values in zip(self.columns, doc.to_array([c.attr for c in self.columns]).T.tolist(), strict=True):
            seen = column.seen
            signatures.append([seen[v] if v in seen else column.signature(v, vocab) for v in values])
        keys = list(zip(*signatures, strict=True))
        rows = doc.to_array(list(WRITTEN)).tolist()
        extra: dict[int, list[int]] = {}
        for i, key in enumerate(keys):
            _, folded, starts = kept.get(key) or self._entry(key)
            row = rows[i]
            for column, value in folded:
                row[column] = value
            for pattern in starts:
                end = i + len(pattern.tokens)
                if end <= len(keys) and all(pattern.fits(keys[j], j - i) for j in range(i + 1, end)):
                    extra.setdefault(i + pattern.target, []).append(pattern.rule)
        for i, rules in extra.items():  # a run's rule falls between single-token rules by order
            for rule in sorted({*(self.kept.get(keys[i]) or self._entry(keys[i]))[0], *rules}):
                for column, value in self.values[rule]:
                    rows[i][column] = value
        doc.from_array(list(WRITTEN), numpy.array(rows, dtype=numpy.uint64))
        return doc

    def _entry(self, key: Key) -> Entry:
        """(single-token rules that match, their values folded in rule order, runs that start here)."""
        candidates = self.single.get(None, []) + [p for column, ids in enumerate(key) for ident in ids
                                                   for p in self.single.get((column, ident), ())]
        rules = tuple(sorted({p.rule for p in candidates if p.fits(key)}))
        folded: dict[int, int] = {}
        for rule in rules:
            folded.update(self.values[rule])
        starts = tuple(p for p in self.runs if p.fits(key))
        if len(self.kept) >= MAX_KEPT:
            self.kept.clear()
        entry = self.kept[key] = (rules, tuple(folded.items()), starts)
        return entry


def _predicate(operator: str, value: object) -> Check:
    """IN / NOT_IN over strings, REGEX: what spaCy's _SetPredicate and _RegexPredicate do."""
    if operator in ("IN", "NOT_IN") and isinstance(value, Sequence) and not isinstance(value, str):
        if not all(isinstance(v, str) for v in value):
            raise Unsupported(f"{operator} with non-string values")
        return Check("in" if operator == "IN" else "not_in", frozenset(get_string_id(v) for v in value))
    if operator == "REGEX" and isinstance(value, str):
        return Check("regex", re.compile(value))
    raise Unsupported(f"{operator} {value!r}")


def _written(attrs: dict) -> tuple[tuple[int, int], ...]:
    """A rule's normalised values as (column in WRITTEN, value) pairs."""
    pairs = []
    for attr, value in attrs.items():
        if attr not in WRITTEN or not isinstance(value, int):
            raise Unsupported(f"rule sets {attr!r}")
        pairs.append((WRITTEN.index(attr), value))
    return tuple(pairs)


class TableLemmatizer:
    """spaCy's rule or lookup lemmatiser, its lemmas kept per (ORTH, POS, MORPH)."""

    def __init__(self, lemmatizer: Lemmatizer | None = None) -> None:
        self.lemmatizer = lemmatizer
        self.kept: dict[tuple[int, int, int], int] = {}

    @staticmethod
    def supports(lemmatizer: object) -> bool:
        """Only the classes and modes whose lemma depends on the word, POS and morphology alone."""
        return type(lemmatizer) in (Lemmatizer, EnglishLemmatizer) and lemmatizer.mode in ("rule", "lookup")

    @property
    def lookups(self):  # noqa: ANN201 (spaCy's Lookups; read by kg/extract/components.py)
        return self.lemmatizer.lookups

    def __call__(self, doc: Doc) -> Doc:
        spacy_own = self.lemmatizer
        if spacy_own is None:
            raise NotLoaded("kg_table_lemmatizer was never given the model's lemmatizer (kg.load() or "
                            "kg.spacy_tables.use_tables(nlp) does that); a pipeline saved with it cannot be "
                            "loaded back with spacy.load")
        if not spacy_own._validated:
            spacy_own._validate_tables(Errors.E1004)
        if not len(doc):
            return doc
        strings, kept, overwrite = doc.vocab.strings, self.kept, spacy_own.overwrite
        lemmas = []
        for i, (orth, pos, morph, lemma) in enumerate(doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()):
            if overwrite or lemma == 0:
                key = (orth, pos, morph)
                lemma = kept.get(key)
                if lemma is None:
                    if len(kept) >= MAX_KEPT:
                        kept.clear()
                    lemma = kept[key] = strings.add(spacy_own.lemmatize(doc[i])[0])
            lemmas.append(lemma)
        doc.from_array([LEMMA], numpy.array(lemmas, dtype=numpy.uint64))
        return doc


def index_as_sets(lemmatizer: Lemmatizer) -> None:
    """Hold the rule lemmatiser's word lists (`lemma_index`: 57,528 nouns, 20,993 verbs, ...) as
    frozensets. spaCy only asks whether a candidate lemma is in them, and a list answers by
    reading it through: 20 µs of spaCy's own time for each word the lemmatiser has not seen.
    The answers are the same; the lemmatiser is no longer saved with the pipeline (the table
    component replacing it has no to_disk), so the lists need not stay lists."""
    if "lemma_index" not in lemmatizer.lookups.tables:
        return
    table = lemmatizer.lookups.get_table("lemma_index")
    for pos, words in list(table.items()):
        if isinstance(words, list) and all(isinstance(w, str) for w in words):
            table[pos] = frozenset(words)


@Language.factory("kg_attribute_table")
def make_attribute_table(nlp: Language, name: str) -> AttributeTable:
    """Empty; `use_tables` fills it from the model's own attribute_ruler."""
    return AttributeTable()


@Language.factory("kg_table_lemmatizer")
def make_table_lemmatizer(nlp: Language, name: str) -> TableLemmatizer:
    """Empty; `use_tables` gives it the model's own lemmatizer."""
    return TableLemmatizer()


def use_tables(nlp: Language) -> list[str]:
    """Run the model's attribute_ruler and lemmatizer from tables where they give the same
    values (the names in the pipeline stay); returns the names replaced."""
    replaced = []
    for name, spacy_own in list(nlp.pipeline):
        if isinstance(spacy_own, AttributeRuler):
            try:
                table = AttributeTable.from_ruler(spacy_own)
            except Unsupported:
                continue  # spaCy's own ruler stays
            nlp.replace_pipe(name, "kg_attribute_table").take(table)
            replaced.append(name)
        elif TableLemmatizer.supports(spacy_own):
            index_as_sets(spacy_own)
            nlp.replace_pipe(name, "kg_table_lemmatizer").lemmatizer = spacy_own
            replaced.append(name)
    return replaced
