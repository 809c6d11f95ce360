"""`_may_refer_back` lets actor resolution pass over most arguments before gathering the mentions
told before them (kg/actors.py `_with_anaphora`). It must be a true first test: on every token
it turns away, none of the anaphora rules may find anything, given every mention before it."""

from __future__ import annotations

import pytest

from kg.actors import _may_refer_back, _titled_person
from kg.pipeline import Extractor

# Written for this test: pronouns, definite descriptions, titles, pairs, and plain arguments.
TEXTS = [
    "Kenya and Uganda signed a trade pact on Monday. The two countries said they would cut tariffs, "
    "and the agreement takes effect in May.",
    "President Ruto met the Ugandan president in Nairobi. The president said his government backs "
    "the talks, and both leaders thanked the African Union. The union praised them.",
    "The rebels attacked a convoy near Goma. The group said it had seized weapons; the army denied "
    "its claim and we will respond, a spokesman told me.",
]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


@pytest.mark.parametrize("text", TEXTS)
def test_no_rule_takes_a_token_the_filter_turns_away(extractor, text):
    resolver = extractor.resolver
    doc = extractor.nlp(text)
    resolved = sorted(resolver.resolve(doc, "2025-05-05"), key=lambda r: r.start)
    ctx = resolver.context_for(doc, resolver.matches(doc), "2025-05-05")
    turned_away = 0
    for token in doc:
        if _may_refer_back(token):
            continue
        turned_away += 1
        before = [r for r in resolved if r.end <= token.i]
        assert not resolver._the_two(token, before), token.text
        assert resolver.antecedent(ctx, token, before) is None, token.text
        assert resolver._definite(token, before) is None, token.text
        assert _titled_person(token, before, resolver.settings) is None, token.text
    assert turned_away > len(doc) // 2  # the filter does turn most tokens away


def test_the_filter_lets_the_anaphora_through(extractor):
    doc = extractor.nlp(TEXTS[1] + " " + TEXTS[2])
    kept = {t.text.lower() for t in doc if _may_refer_back(t)}
    assert {"his", "them", "it", "its", "we", "me", "president", "group", "leaders", "union"} <= kept
    assert {"nairobi", "goma", "weapons", "convoy"}.isdisjoint(kept)
