"""Every factuality cause on parses written by hand: what sets an event's factuality, and how
PLOVER recodes an actor's own announced acts (threats, promises, refusals)."""

from __future__ import annotations

import pytest
from pinned import parsed

from kg.events import EventExtractor
from kg.extract.types import Cause, Factuality, Modality
from kg.vocabulary import load_vocabulary


@pytest.fixture(scope="module")
def coder() -> EventExtractor:
    return EventExtractor(load_vocabulary(), resolver=None)


def modality(coder: EventExtractor, doc, trigger: int) -> Modality:
    return coder._factuality(doc[trigger])


def test_a_plain_statement_is_asserted(coder):
    doc = parsed("Russia PROPN NNP nsubj 1", "backs VERB VBZ ROOT 1 back", "Assad PROPN NNP dobj 1")
    assert modality(coder, doc, 1) == Modality(Factuality.ASSERTED, Cause.NONE)


def test_not_negates(coder):
    doc = parsed("Russia PROPN NNP nsubj 3", "did AUX VBD aux 3 do", "not PART RB neg 3",
                 "back VERB VB ROOT 3", "Assad PROPN NNP dobj 3")
    assert modality(coder, doc, 3) == Modality(Factuality.NEGATED, Cause.NEGATION)


def test_never_negates(coder):
    doc = parsed("Russia PROPN NNP nsubj 2", "never ADV RB neg 2", "backed VERB VBD ROOT 2 back",
                 "Assad PROPN NNP dobj 2")
    assert modality(coder, doc, 2).cause == Cause.NEGATION


def test_a_negating_verb_above_negates(coder):
    doc = parsed("Russia PROPN NNP nsubj 1", "refused VERB VBD ROOT 1 refuse", "to PART TO aux 3",
                 "back VERB VB xcomp 1", "Assad PROPN NNP dobj 3")
    assert modality(coder, doc, 3) == Modality(Factuality.NEGATED, Cause.NEGATING_HEAD, "refuse")


def test_an_event_that_is_itself_a_condition_is_hypothetical(coder):
    # "... if Russia backs Assad"
    doc = parsed("if SCONJ IN mark 2", "Russia PROPN NNP nsubj 2", "backs VERB VBZ ROOT 2 back",
                 "Assad PROPN NNP dobj 2")
    assert modality(coder, doc, 2) == Modality(Factuality.HYPOTHETICAL, Cause.IN_CONDITION)


def test_an_act_with_an_unless_clause_is_a_threat(coder):
    # "Iran will quit unless Washington withdraws"
    doc = parsed("Iran PROPN NNP nsubj 2", "will AUX MD aux 2", "quit VERB VB ROOT 2", "unless SCONJ IN mark 5",
                 "Washington PROPN NNP nsubj 5", "withdraws VERB VBZ advcl 2 withdraw")
    assert modality(coder, doc, 2) == Modality(Factuality.HYPOTHETICAL, Cause.UNLESS)
    category, predicate, factuality = coder._as_coded("COOPERATE", "cooperatesWith", modality(coder, doc, 2))
    assert (category, factuality) == ("THREATEN", Factuality.ASSERTED)


def test_an_act_with_an_if_clause_is_conditional(coder):
    # "Syria would meet if Turkey withdrew"
    doc = parsed("Syria PROPN NNP nsubj 2", "would AUX MD aux 2", "meet VERB VB ROOT 2", "if SCONJ IN mark 5",
                 "Turkey PROPN NNP nsubj 5", "withdrew VERB VBD advcl 2 withdraw")
    assert modality(coder, doc, 2) == Modality(Factuality.HYPOTHETICAL, Cause.CONDITION)
    category, _, factuality = coder._as_coded("CONSULT", "meets", modality(coder, doc, 2))
    assert (category, factuality) == ("AGREE", Factuality.ASSERTED)  # an offer


def test_a_modal_makes_it_hypothetical(coder):
    doc = parsed("Russia PROPN NNP nsubj 2", "may AUX MD aux 2", "back VERB VB ROOT 2", "Assad PROPN NNP dobj 2")
    assert modality(coder, doc, 2) == Modality(Factuality.HYPOTHETICAL, Cause.AUX)


def test_would_under_a_past_reporting_verb_is_the_future(coder):
    # "Russia said it would boycott the talks"
    doc = parsed("Russia PROPN NNP nsubj 1", "said VERB VBD ROOT 1 say", "it PRON PRP nsubj 4",
                 "would AUX MD aux 4", "boycott VERB VB ccomp 1", "the DET DT det 6", "talks NOUN NNS dobj 4 talk")
    assert modality(coder, doc, 4) == Modality(Factuality.FUTURE, Cause.AUX)


def test_will_makes_it_future(coder):
    doc = parsed("Russia PROPN NNP nsubj 2", "will AUX MD aux 2", "back VERB VB ROOT 2", "Assad PROPN NNP dobj 2")
    assert modality(coder, doc, 2) == Modality(Factuality.FUTURE, Cause.AUX)


def test_will_continue_is_what_goes_on_now(coder):
    doc = parsed("Russia PROPN NNP nsubj 2", "will AUX MD aux 2", "continue VERB VB ROOT 2", "to PART TO aux 4",
                 "back VERB VB xcomp 2", "Assad PROPN NNP dobj 4")
    assert modality(coder, doc, 4) == Modality(Factuality.ASSERTED, Cause.CONTINUES)


def test_an_infinitive_of_purpose_is_a_future_aim(coder):
    # "Jets struck to defeat the militia"
    doc = parsed("Jets NOUN NNS nsubj 1 jet", "struck VERB VBD ROOT 1 strike", "to PART TO aux 3",
                 "defeat VERB VB advcl 1", "the DET DT det 5", "militia NOUN NN dobj 3")
    assert modality(coder, doc, 3) == Modality(Factuality.FUTURE, Cause.PURPOSE)
    # a speech act done for a purpose is done all the same
    assert coder._as_coded("REQUEST", "demands", modality(coder, doc, 3))[2] == Factuality.ASSERTED


def test_a_wanting_or_threatening_verb_above_makes_it_hypothetical(coder):
    doc = parsed("Iran PROPN NNP nsubj 1", "threatened VERB VBD ROOT 1 threaten", "to PART TO aux 3",
                 "strike VERB VB xcomp 1", "Israel PROPN NNP dobj 3")
    found = modality(coder, doc, 3)
    assert found == Modality(Factuality.HYPOTHETICAL, Cause.HYPOTHETICAL_HEAD, "threaten")
    assert coder._as_coded("ASSAULT", "attacks", found)[0] == "THREATEN"  # the threat is the event


def test_a_planning_verb_above_makes_it_future(coder):
    doc = parsed("Russia PROPN NNP nsubj 1", "plans VERB VBZ ROOT 1 plan", "to PART TO aux 3",
                 "withdraw VERB VB xcomp 1", "troops NOUN NNS dobj 3 troop")
    found = modality(coder, doc, 3)
    assert found == Modality(Factuality.FUTURE, Cause.FUTURE_HEAD, "plan")
    # a plan is a disposition, not a stance announced: no threat, but a promised retreat is AGREE
    assert coder._as_coded("ASSAULT", "attacks", found) == ("ASSAULT", "attacks", Factuality.FUTURE)
    assert coder._as_coded("RETREAT", "withdrawsFrom", found)[0] == "AGREE"


def test_a_passive_hedging_verb_or_adverb_makes_it_alleged(coder):
    doc = parsed("Russia PROPN NNP nsubjpass 2", "is AUX VBZ auxpass 2 be", "thought VERB VBN ROOT 2 think",
                 "to PART TO aux 5", "have AUX VB aux 5", "bombed VERB VBN xcomp 2 bomb",
                 "hospitals NOUN NNS dobj 5 hospital")
    assert modality(coder, doc, 5) == Modality(Factuality.ALLEGED, Cause.HEDGE, "think")
    doc = parsed("Jets NOUN NNS nsubj 2 jet", "reportedly ADV RB advmod 2", "struck VERB VBD ROOT 2 strike",
                 "depots NOUN NNS dobj 2 depot")
    assert modality(coder, doc, 2) == Modality(Factuality.ALLEGED, Cause.HEDGE, "reportedly")
    # "neither confirmed nor denied that it struck": the denial is negated, the strike left open
    doc = parsed("Washington PROPN NNP nsubj 2", "neither CCONJ CC preconj 2", "confirmed VERB VBD ROOT 2 confirm",
                 "nor CCONJ CC cc 2", "denied VERB VBD conj 2 deny", "that SCONJ IN mark 7",
                 "it PRON PRP nsubj 7", "struck VERB VBD ccomp 4 strike", "targets NOUN NNS dobj 7 target")
    assert modality(coder, doc, 4).factuality == Factuality.NEGATED
    assert modality(coder, doc, 7) == Modality(Factuality.ALLEGED, Cause.HEDGE, "neither")


def test_preparing_to_attack_is_mobilising(coder):
    doc = parsed("Troops NOUN NNS nsubj 1 troop", "prepared VERB VBD ROOT 1 prepare", "to PART TO aux 3",
                 "attack VERB VB xcomp 1", "the DET DT det 5", "town NOUN NN dobj 3")
    found = modality(coder, doc, 3)
    assert found.governed_by({"prepare"})
    assert coder._as_coded("ASSAULT", "attacks", found)[0] == "MOBILIZE"


def test_a_negated_acceptance_is_a_refusal(coder):
    doc = parsed("Iran PROPN NNP nsubj 3", "did AUX VBD aux 3 do", "not PART RB neg 3", "accept VERB VB ROOT 3",
                 "the DET DT det 5", "plan NOUN NN dobj 3")
    assert coder._as_coded("AGREE", "agreesTo", modality(coder, doc, 3)) == ("REJECT", "rejects", Factuality.ASSERTED)


# Which test pins each cause down: a cause added without a test fails below.
COVERED = {
    Cause.NONE: test_a_plain_statement_is_asserted, Cause.NEGATION: test_not_negates,
    Cause.NEGATING_HEAD: test_a_negating_verb_above_negates,
    Cause.IN_CONDITION: test_an_event_that_is_itself_a_condition_is_hypothetical,
    Cause.UNLESS: test_an_act_with_an_unless_clause_is_a_threat,
    Cause.CONDITION: test_an_act_with_an_if_clause_is_conditional,
    Cause.AUX: test_a_modal_makes_it_hypothetical, Cause.CONTINUES: test_will_continue_is_what_goes_on_now,
    Cause.PURPOSE: test_an_infinitive_of_purpose_is_a_future_aim,
    Cause.HYPOTHETICAL_HEAD: test_a_wanting_or_threatening_verb_above_makes_it_hypothetical,
    Cause.FUTURE_HEAD: test_a_planning_verb_above_makes_it_future,
    Cause.HEDGE: test_a_passive_hedging_verb_or_adverb_makes_it_alleged,
}


def test_every_cause_has_a_pinned_test():
    assert set(COVERED) == set(Cause)
