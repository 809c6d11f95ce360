"""Rules propose and one step chooses: supersessions are recorded, not deletions, and the
event choice applies its documented order."""

from __future__ import annotations

from pinned import parsed

from kg.events import choose_events
from kg.extract.proposals import Proposals
from kg.model import Actor, Event, Mention

SYRIA = Actor("state/SYR", "Syria", "State", code="SYR")
RUSSIA = Actor("state/RUS", "Russia", "State", code="RUS")
TURKEY = Actor("state/TUR", "Turkey", "State", code="TUR")


def mention(actor: Actor) -> Mention:
    return Mention(actor, 0, 1, actor.label, "state")


def event(category: str, actors, recipients=(), factuality="asserted", sentence=0, trigger=(0, 1)) -> Event:
    return Event("a", category, "x", [mention(a) for a in actors], [mention(r) for r in recipients],
                 factuality=factuality, sentence_start=sentence, trigger_start=trigger[0], trigger_end=trigger[1])


def test_a_superseded_proposal_is_not_chosen_and_the_reason_is_kept():
    proposals: Proposals[str] = Proposals()
    proposals.propose("Syrian")
    proposals.propose("Moscow")
    proposals.supersede("Syrian", "composed into 'Syrian president'")
    proposals.propose("Syrian president")
    assert proposals.chosen() == ["Moscow", "Syrian president"]
    assert [(s.old, s.reason) for s in proposals.superseded] == [("Syrian", "composed into 'Syrian president'")]
    assert "Syrian" not in proposals and proposals.last() == "Syrian president"


def test_equal_proposals_give_way_one_at_a_time():
    proposals: Proposals[str] = Proposals()
    for item in ("Iran", "Iran"):
        proposals.propose(item)
    proposals.supersede("Iran", "composed")
    assert proposals.chosen() == ["Iran"]


DOC = parsed("Russia PROPN NNP nsubj 1", "backs VERB VBZ ROOT 1 back", "Syria PROPN NNP dobj 1")


def test_repeats_keep_the_first_proposal():
    first = event("SUPPORT", [RUSSIA], [SYRIA], trigger=(7, 12))
    again = event("SUPPORT", [RUSSIA], [SYRIA], trigger=(0, 6))
    assert choose_events(DOC, [first, again]) == [first]


def test_an_event_without_recipients_gives_way_to_the_same_with_them():
    bare = event("THREATEN", [RUSSIA])
    aimed = event("THREATEN", [RUSSIA], [TURKEY])
    other_sentence = event("THREATEN", [RUSSIA], sentence=40)
    assert choose_events(DOC, [bare, aimed, other_sentence]) == [aimed, other_sentence]


def test_different_factuality_is_not_a_repeat():
    asserted = event("SUPPORT", [RUSSIA], [SYRIA])
    negated = event("SUPPORT", [RUSSIA], [SYRIA], factuality="negated")
    assert choose_events(DOC, [asserted, negated]) == [asserted, negated]


def test_a_future_act_governed_by_another_event_of_the_same_actor_gives_way():
    # "Russia offered to meet Turkey": the offer is the event, the meeting only spells it out
    doc = parsed("Russia PROPN NNP nsubj 1", "offered VERB VBD ROOT 1 offer", "to PART TO aux 3",
                 "meet VERB VB xcomp 1", "Turkey PROPN NNP dobj 3")
    offer = event("AGREE", [RUSSIA], [TURKEY], trigger=(7, 14))
    meeting = event("CONSULT", [RUSSIA], [TURKEY], factuality="future", trigger=(18, 22))
    assert doc.text[7:14] == "offered" and doc.text[18:22] == "meet"
    assert choose_events(doc, [offer, meeting]) == [offer]
    other = event("CONSULT", [SYRIA], [TURKEY], factuality="future", trigger=(18, 22))
    assert choose_events(doc, [offer, other]) == [offer, other]  # no shared actor: both stand
