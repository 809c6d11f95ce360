"""Resolution works on what a mention needs, not on the whole document: finding the country
inside a name the gazetteer lacks reads the name's words only, and rules find their earlier
proposals through an index, so a long document costs per character what short ones do
(benchmarks/doc_length.py measures it). These tests pin down that the shortcuts give the
answers the whole-document ways gave."""

from __future__ import annotations

from kg.extract.proposals import Proposals
from kg.extract.types import MentionKind as K
from kg.model import Article

# Invented sentences: organisations and places the gazetteer does not list, some with a country
# word inside their names, some written in lower case or at a sentence start.
TEXTS = (
    "The Syrian Democratic Forces said on Monday that the Free Syrian Army had left the town.",
    "Officials of the Kurdistan Regional Government met the Iraqi Popular Mobilisation Committee in Erbil.",
    "Members of the Colombian Revolutionary Workers' Front and the Peruvian Farmers League marched.",
    "French Naval Command denied the report, while the Turkish-backed Hamza Division advanced near Azaz.",
    "The Nigerian Civil Defence Corps and the Cameroonian Border Watch patrolled Lake Chad together.",
)


def _state_from_span_copy(resolver, span) -> str | None:
    """The way it used to be found: the gazetteer matched on a full copy of the span (Span.as_doc)."""
    for sub in resolver._gazetteer_spans(span.as_doc()):
        if sub.label_ in {K.STATE, K.DEMONYM}:
            return sub.id_
    return None


def test_the_country_inside_a_name_is_found_as_on_a_full_copy_of_the_span(extractor):
    resolver = extractor.resolver
    checked = named = 0
    for doc in extractor.nlp.pipe(TEXTS):
        # every entity and every stretch of two to four words, so names in any position count
        spans = list(doc.ents) + [doc[i:i + n] for n in (2, 3, 4) for i in range(len(doc) - n + 1)]
        for span in spans:
            expected = _state_from_span_copy(resolver, span)
            assert resolver._state_in_text(span) == expected, span.text
            checked += 1
            named += expected is not None
    assert checked > 100 and named > 10  # the texts do name countries inside longer names


def test_extraction_of_a_text_repeated_in_one_document_is_the_same_in_each_copy(extractor):
    """Mentions in the second copy of a paragraph are those of the first, shifted by its length
    (the paragraph names its own country, so the story's country does not change)."""
    paragraph = ("The Syrian Democratic Forces accused Turkey of shelling Manbij on Monday. "
                 "Russia urged both sides to respect the ceasefire.\n\n")
    [result] = list(extractor.run([Article("t", paragraph * 2, "2017-03-01")]))
    first = [(m.start, m.end, m.actor.id) for m in result.mentions if m.start < len(paragraph)]
    second = [(m.start - len(paragraph), m.end - len(paragraph), m.actor.id) for m in result.mentions
              if m.start >= len(paragraph)]
    assert first and first == second


def test_keyed_proposals_find_and_remove_the_first_equal_live_one():
    proposals: Proposals[tuple[int, str]] = Proposals(key=lambda item: item[0])
    for item in ((1, "Syrian"), (2, "Iran"), (1, "Syrian"), (3, "army")):
        proposals.propose(item)
    assert (1, "Syrian") in proposals and (1, "Iraqi") not in proposals and (9, "x") not in proposals
    proposals.supersede((1, "Syrian"), "composed")
    assert proposals.chosen() == [(2, "Iran"), (1, "Syrian"), (3, "army")]
    proposals.supersede((1, "Syrian"), "composed")
    assert proposals.chosen() == [(2, "Iran"), (3, "army")] and proposals.last() == (3, "army")
    assert list(reversed(proposals)) == [(3, "army"), (2, "Iran")] and len(proposals) == 2


def test_superseding_what_was_never_proposed_is_an_error():
    proposals: Proposals[str] = Proposals(key=len)
    proposals.propose("Iran")
    try:
        proposals.supersede("Iraq", "composed")
    except ValueError as exc:
        assert "Iraq" in str(exc)
    else:
        raise AssertionError("superseding an unknown proposal passed silently")
