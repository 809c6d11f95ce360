"""The dependency labels the parse rules read, named once, and the start-up check that the
parser speaks them.

The rules in kg/actors.py and kg/events.py are written against the ClearNLP label scheme of
spaCy's English pipelines (nsubj, dobj, pobj, xcomp, ...). A pipeline trained on another
scheme (Universal Dependencies: obj, obl, nmod:poss) would parse without error and every rule
would quietly find nothing; `check_label_scheme` turns that into a clear error at load.
tests/test_pinned_parses.py checks that the rules use no label missing here.
"""

from __future__ import annotations

from spacy.language import Language

# Every label a rule compares `token.dep_` with.
RULE_LABELS = frozenset({
    "ROOT", "acl", "acomp", "advcl", "advmod", "agent", "amod", "appos", "attr", "aux", "auxpass",
    "cc", "ccomp", "compound", "conj", "csubj", "dative", "dep", "det", "dobj", "mark", "neg", "nmod",
    "npadvmod", "nsubj", "nsubjpass", "nummod", "oprd", "parataxis", "pcomp", "pobj", "poss", "preconj", "predet",
    "prep",
    "prt", "relcl", "xcomp",
})


class LabelSchemeError(RuntimeError):
    """The pipeline's parser does not use the dependency labels the rules are written for."""


def parser_labels(nlp: Language) -> frozenset[str]:
    """The labels the pipeline's dependency parser can assign (empty without a parser)."""
    if "parser" not in nlp.pipe_names:
        return frozenset()
    return frozenset(nlp.get_pipe("parser").labels)


def check_label_scheme(nlp: Language) -> None:
    """Raise `LabelSchemeError` unless the parser assigns every label the rules read."""
    labels = parser_labels(nlp)
    name = f"{nlp.meta.get('lang', '?')}_{nlp.meta.get('name', '?')}"
    if not labels:
        raise LabelSchemeError(f"spaCy pipeline {name!r} has no dependency parser; geo-kg's rules read the "
                               "parse (ClearNLP labels as in en_core_web_sm)")
    missing = sorted(RULE_LABELS - labels)
    if missing:
        raise LabelSchemeError(
            f"spaCy pipeline {name!r}: its parser does not assign the dependency labels {', '.join(missing)}, "
            "which geo-kg's rules read (ClearNLP labels as in en_core_web_sm); choose an English pipeline "
            "trained on that scheme")
