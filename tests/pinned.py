"""Hand-built parses for rule tests that do not depend on the statistical model.

Each token is written "word POS TAG dep head" (head = index of the head token; the root names
itself), with an optional fifth field, the lemma (default: the lower-cased word). The sentences are the
project's own.
"""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

_VOCAB = spacy.blank("en").vocab  # English word attributes (lower case, ...), no statistical model


def parsed(*tokens: str) -> Doc:
    """A Doc with the given words, tags, dependency labels and heads."""
    words, pos, tags, deps, heads, lemmas = [], [], [], [], [], []
    for token in tokens:
        parts = token.split()
        word, upos, tag, dep, head = parts[:5]
        words.append(word)
        pos.append(upos)
        tags.append(tag)
        deps.append(dep)
        heads.append(int(head))
        lemmas.append(parts[5] if len(parts) > 5 else word.lower())
    return Doc(_VOCAB, words=words, pos=pos, tags=tags, deps=deps, heads=heads, lemmas=lemmas)
