"""The per-document tables the rules read instead of spaCy's Token walks (kg/extract/doc.py):
they must give exactly what spaCy gives, for every token, and follow the document asked about."""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.vocab import Vocab

from kg.extract.doc import kids, token_texts


def hand_built(words: list[str], heads: list[int], deps: list[str]) -> Doc:
    return Doc(Vocab(), words=words, heads=heads, deps=deps)


def test_children_are_spacys_for_every_token_in_order():
    # "Rebels and soldiers clashed near the border on Monday"
    doc = hand_built(["Rebels", "and", "soldiers", "clashed", "near", "the", "border", "on", "Monday"],
                     [3, 0, 0, 3, 3, 6, 4, 3, 7],
                     ["nsubj", "cc", "conj", "ROOT", "prep", "det", "pobj", "prep", "pobj"])
    for token in doc:
        assert [c.i for c in kids(token)] == [c.i for c in token.children]
    assert [c.text for c in kids(doc[3])] == ["Rebels", "near", "on"]  # left and right, in order


def test_the_table_follows_the_document_asked_about():
    first = hand_built(["Iran", "warned", "Israel"], [1, 1, 1], ["nsubj", "ROOT", "dobj"])
    second = hand_built(["Talks", "resumed"], [1, 1], ["nsubj", "ROOT"])
    assert [c.text for c in kids(first[1])] == ["Iran", "Israel"]
    assert [c.text for c in kids(second[1])] == ["Talks"]
    assert [c.text for c in kids(first[1])] == ["Iran", "Israel"]  # back to the first: rebuilt, not stale
    assert kids(first[0]) == []


def test_token_texts_are_the_tokens_texts():
    doc = hand_built(["U.S.", "-", "backed", "forces", "’s", "\n"], [3, 2, 3, 3, 3, 3],
                     ["nmod", "punct", "amod", "ROOT", "case", "dep"])
    assert token_texts(doc) == [t.text for t in doc]


def test_an_unparsed_document_has_no_children():
    doc = Doc(Vocab(), words=["Kabul", "said", "nothing"])
    assert [kids(t) for t in doc] == [[], [], []] == [list(t.children) for t in doc]
