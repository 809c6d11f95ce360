"""Every slot of the lexicon's rule language, on parses written by hand: what the slot names
in a sentence whose structure is pinned, so a rule change shows here whatever the
statistical parser does with the same words."""

from __future__ import annotations

from dataclasses import replace

import pytest
from pinned import parsed

from kg.events import SLOTS, EventExtractor, slot_name
from kg.resources import ontology_path, read_tsv, split_list
from kg.vocabulary import load_vocabulary


@pytest.fixture(scope="module")
def coder() -> EventExtractor:
    return EventExtractor(load_vocabulary(), resolver=None)


def frame(pos: str = "VERB", stative_passive: bool = False):
    """Any lexicon frame, with the part of speech and flags the slot reads."""
    any_frame = next(iter(load_vocabulary().frames.values()))[0]
    return replace(any_frame, pos=pos, stative_passive=stative_passive)


def named(coder: EventExtractor, slot: str, doc, trigger: int, pos: str = "VERB", **flags) -> list[str]:
    return [t.text for t in coder._slot_tokens(slot, doc[trigger], frame(pos, **flags))]


# "Russia backs Assad ."
ACTIVE = parsed("Russia PROPN NNP nsubj 1", "backs VERB VBZ ROOT 1 back", "Assad PROPN NNP dobj 1",
                ". PUNCT . punct 1")
# "Assad is backed by Russia ."
PASSIVE = parsed("Assad PROPN NNP nsubjpass 2", "is AUX VBZ auxpass 2 be", "backed VERB VBN ROOT 2 back",
                 "by ADP IN agent 2", "Russia PROPN NNP pobj 3", ". PUNCT . punct 2")


def test_subj_is_the_subject_in_the_active(coder):
    assert named(coder, "subj", ACTIVE, 1) == ["Russia"]


def test_subj_is_the_by_phrase_in_the_passive(coder):
    assert named(coder, "subj", PASSIVE, 2) == ["Russia"]


def test_subj_of_a_stative_passive_is_its_subject(coder):
    # "Oman is committed to talks ."
    doc = parsed("Oman PROPN NNP nsubjpass 2", "is AUX VBZ auxpass 2 be", "committed VERB VBN ROOT 2 commit",
                 "to ADP IN prep 2", "talks NOUN NNS pobj 3 talk", ". PUNCT . punct 2")
    assert named(coder, "subj", doc, 2, stative_passive=True) == ["Oman"]
    assert named(coder, "subj", doc, 2) == []


def test_dobj_is_the_object_or_the_passive_subject(coder):
    assert named(coder, "dobj", ACTIVE, 1) == ["Assad"]
    assert named(coder, "dobj", PASSIVE, 2) == ["Assad"]


def test_prep_names_the_object_of_that_preposition_on_the_verb_or_its_object(coder):
    # "Iran imposed conditions on the deal ." (the parser hangs 'on' on the object)
    doc = parsed("Iran PROPN NNP nsubj 1", "imposed VERB VBD ROOT 1 impose", "conditions NOUN NNS dobj 1 condition",
                 "on ADP IN prep 2", "the DET DT det 5", "deal NOUN NN pobj 3", ". PUNCT . punct 1")
    assert named(coder, "prep:on", doc, 1) == ["deal"]
    assert named(coder, "prep:with", doc, 1) == []
    # "Qatar sided with Doha ."
    doc = parsed("Qatar PROPN NNP nsubj 1", "sided VERB VBD ROOT 1 side", "with ADP IN prep 1",
                 "Doha PROPN NNP pobj 2", ". PUNCT . punct 1")
    assert named(coder, "prep:with", doc, 1) == ["Doha"]


def test_prep_on_an_event_noun_object_looks_at_the_verb(coder):
    # "Jets conducted strikes against rebels ."
    doc = parsed("Jets NOUN NNS nsubj 1 jet", "conducted VERB VBD ROOT 1 conduct", "strikes NOUN NNS dobj 1 strike",
                 "against ADP IN prep 1", "rebels NOUN NNS pobj 3 rebel", ". PUNCT . punct 1")
    assert named(coder, "prep:against", doc, 2, pos="NOUN") == ["rebels"]


def test_dative_is_the_indirect_object_with_or_without_to(coder):
    # "Moscow gave Damascus arms ."
    doc = parsed("Moscow PROPN NNP nsubj 1", "gave VERB VBD ROOT 1 give", "Damascus PROPN NNP dative 1",
                 "arms NOUN NNS dobj 1 arm", ". PUNCT . punct 1")
    assert named(coder, "dative", doc, 1) == ["Damascus"]
    # "Moscow gave arms to Damascus ."
    doc = parsed("Moscow PROPN NNP nsubj 1", "gave VERB VBD ROOT 1 give", "arms NOUN NNS dobj 1 arm",
                 "to ADP IN dative 1", "Damascus PROPN NNP pobj 3", ". PUNCT . punct 1")
    assert named(coder, "dative", doc, 1) == ["Damascus"]


# "Turkey 's accusation against Iraq"
ACCUSATION = parsed("Turkey PROPN NNP poss 2", "'s PART POS case 0", "accusation NOUN NN ROOT 2",
                    "against ADP IN prep 2", "Iraq PROPN NNP pobj 3")


def test_poss_is_the_possessor_of_an_event_noun(coder):
    assert named(coder, "poss", ACCUSATION, 2, pos="NOUN") == ["Turkey"]
    assert named(coder, "prep:against", ACCUSATION, 2, pos="NOUN") == ["Iraq"]


def test_mod_is_a_modifier_of_the_noun(coder):
    # "rebel shelling of the town"
    doc = parsed("rebel NOUN NN compound 1", "shelling NOUN NN ROOT 1", "of ADP IN prep 1",
                 "the DET DT det 4", "town NOUN NN pobj 2")
    assert named(coder, "mod", doc, 1, pos="NOUN") == ["rebel"]


def test_mod_of_a_hyphen_participle_is_the_word_before_the_hyphen(coder):
    # "Iran - backed militias"
    doc = parsed("Iran PROPN NNP npadvmod 2", "- PUNCT HYPH punct 2", "backed VERB VBN amod 3 back",
                 "militias NOUN NNS ROOT 3 militia")
    assert named(coder, "mod", doc, 2, pos="HYPHEN") == ["Iran"]


def test_head_is_the_noun_a_participle_modifies(coder):
    doc = parsed("Iran PROPN NNP npadvmod 2", "- PUNCT HYPH punct 2", "backed VERB VBN amod 3 back",
                 "militias NOUN NNS ROOT 3 militia")
    assert named(coder, "head", doc, 2, pos="HYPHEN") == ["militias"]
    assert named(coder, "head", ACTIVE, 1) == []  # a root modifies nothing


def test_by_is_a_by_phrase_or_the_agent_of_a_participle(coder):
    # "the attack by militants"
    doc = parsed("the DET DT det 1", "attack NOUN NN ROOT 1", "by ADP IN prep 1", "militants NOUN NNS pobj 2 militant")
    assert named(coder, "by", doc, 1, pos="NOUN") == ["militants"]
    # "villages besieged by militias"
    doc = parsed("villages NOUN NNS ROOT 0 village", "besieged VERB VBN acl 0 besiege", "by ADP IN agent 1",
                 "militias NOUN NNS pobj 2 militia")
    assert set(named(coder, "by", doc, 1)) == {"militias"}


def test_of_is_the_object_of_of(coder):
    # "the release of prisoners"
    doc = parsed("the DET DT det 1", "release NOUN NN ROOT 1", "of ADP IN prep 1", "prisoners NOUN NNS pobj 2 prisoner")
    assert named(coder, "of", doc, 1, pos="NOUN") == ["prisoners"]


def test_governor_is_the_subject_of_the_light_verb_taking_the_noun(coder):
    light = sorted(load_vocabulary().light_verbs)[0]
    # "Rebels <light verb> strikes ." with the light verb's lemma from the lexicon
    doc = parsed("Rebels NOUN NNS nsubj 1 rebel", f"{light} VERB VBD ROOT 1 {light}", "strikes NOUN NNS dobj 1 strike",
                 ". PUNCT . punct 1")
    assert named(coder, "governor", doc, 2, pos="NOUN") == ["Rebels"]
    doc = parsed("Rebels NOUN NNS nsubj 1 rebel", "saw VERB VBD ROOT 1 see", "strikes NOUN NNS dobj 1 strike",
                 ". PUNCT . punct 1")
    assert "see" not in load_vocabulary().light_verbs
    assert named(coder, "governor", doc, 2, pos="NOUN") == []


def test_clause_governor_is_the_subject_of_the_verb_the_nouns_preposition_hangs_on(coder):
    # "Miners went on strike ."
    doc = parsed("Miners NOUN NNS nsubj 1 miner", "went VERB VBD ROOT 1 go", "on ADP IN prep 1",
                 "strike NOUN NN pobj 2", ". PUNCT . punct 1")
    assert named(coder, "clause-governor", doc, 3, pos="NOUN") == ["Miners"]


def test_holder_is_who_a_relational_noun_describes(coder):
    # "Russia , Assad 's ally , ..."
    doc = parsed("Russia PROPN NNP ROOT 0", ", PUNCT , punct 0", "Assad PROPN NNP poss 4", "'s PART POS case 2",
                 "ally NOUN NN appos 0")
    assert named(coder, "holder", doc, 4, pos="NOUN") == ["Russia"]
    # "Hezbollah is an ally"
    doc = parsed("Hezbollah PROPN NNP nsubj 1", "is AUX VBZ ROOT 1 be", "an DET DT det 3", "ally NOUN NN attr 1")
    assert named(coder, "holder", doc, 3, pos="NOUN") == ["Hezbollah"]


def test_between_names_the_first_party(coder):
    # "talks between Israel and Hamas" (the second party is a conjunct of the first)
    doc = parsed("talks NOUN NNS ROOT 0 talk", "between ADP IN prep 0", "Israel PROPN NNP pobj 1",
                 "and CCONJ CC cc 2", "Hamas PROPN NNP conj 2")
    assert named(coder, "between", doc, 0, pos="NOUN") == ["Israel"]


def test_clause_subject_is_the_subject_of_the_clause_the_noun_takes_part_in(coder):
    # "Britain joined in strikes ." → the noun 'strikes' after 'in' on the verb
    doc = parsed("Britain PROPN NNP nsubj 1", "joined VERB VBD ROOT 1 join", "in ADP IN prep 1",
                 "strikes NOUN NNS pobj 2 strike", ". PUNCT . punct 1")
    assert named(coder, "clause-subject", doc, 3, pos="NOUN") == ["Britain"]
    # "Britain was involved in strikes ." (passive: the passive subject)
    doc = parsed("Britain PROPN NNP nsubjpass 2", "was AUX VBD auxpass 2 be", "involved VERB VBN ROOT 2 involve",
                 "in ADP IN prep 2", "strikes NOUN NNS pobj 3 strike", ". PUNCT . punct 2")
    assert named(coder, "clause-subject", doc, 4, pos="NOUN") == ["Britain"]


def test_object_prep_is_a_preposition_on_the_verbs_object(coder):
    # "Egypt signed a deal with Sudan ."
    doc = parsed("Egypt PROPN NNP nsubj 1", "signed VERB VBD ROOT 1 sign", "a DET DT det 3", "deal NOUN NN dobj 1",
                 "with ADP IN prep 3", "Sudan PROPN NNP pobj 4", ". PUNCT . punct 1")
    assert named(coder, "object-prep", doc, 1) == ["Sudan"]


def test_condition_subject_is_the_subject_of_an_unless_clause(coder):
    # "Iran threatened to quit unless Washington withdrew ."
    doc = parsed("Iran PROPN NNP nsubj 1", "threatened VERB VBD ROOT 1 threaten", "to PART TO aux 3",
                 "quit VERB VB xcomp 1", "unless SCONJ IN mark 6", "Washington PROPN NNP nsubj 6",
                 "withdrew VERB VBD advcl 3 withdraw", ". PUNCT . punct 1")
    assert named(coder, "condition-subject", doc, 1) == ["Washington"]


def test_ccomp_subject_is_the_subject_of_the_complement_clause(coder):
    # "Cairo demanded that Addis Ababa stop ."
    doc = parsed("Cairo PROPN NNP nsubj 1", "demanded VERB VBD ROOT 1 demand", "that SCONJ IN mark 4",
                 "Ababa PROPN NNP nsubj 4", "stop VERB VB ccomp 1", ". PUNCT . punct 1")
    assert named(coder, "ccomp-subject", doc, 1) == ["Ababa"]


def test_receiver_is_who_receives_or_comes_under_the_event(coder):
    # "Troops received fire from militants ."
    doc = parsed("Troops NOUN NNS nsubj 1 troop", "received VERB VBD ROOT 1 receive", "fire NOUN NN dobj 1",
                 "from ADP IN prep 2", "militants NOUN NNS pobj 3 militant", ". PUNCT . punct 1")
    assert named(coder, "receiver", doc, 2, pos="NOUN") == ["Troops"]
    # "The convoy came under attack ."
    doc = parsed("The DET DT det 1", "convoy NOUN NN nsubj 2", "came VERB VBD ROOT 2 come", "under ADP IN prep 2",
                 "attack NOUN NN pobj 3", ". PUNCT . punct 2")
    assert named(coder, "receiver", doc, 4, pos="NOUN") == ["convoy"]


def test_poss_of_object_is_the_possessor_of_the_verbs_object(coder):
    # "Paris condemned Iran 's attack ."
    doc = parsed("Paris PROPN NNP nsubj 1", "condemned VERB VBD ROOT 1 condemn", "Iran PROPN NNP poss 4",
                 "'s PART POS case 2", "attack NOUN NN dobj 1", ". PUNCT . punct 1")
    assert named(coder, "poss-of-object", doc, 1) == ["Iran"]


def test_xcomp_names_the_object_of_the_infinitive(coder):
    # "Iran agreed to meet Turkey ."
    doc = parsed("Iran PROPN NNP nsubj 1", "agreed VERB VBD ROOT 1 agree", "to PART TO aux 3",
                 "meet VERB VB xcomp 1", "Turkey PROPN NNP dobj 3", ". PUNCT . punct 1")
    assert named(coder, "xcomp", doc, 1) == ["Turkey"]
    # "Iran agreed to talk with Turkey ."
    doc = parsed("Iran PROPN NNP nsubj 1", "agreed VERB VBD ROOT 1 agree", "to PART TO aux 3",
                 "talk VERB VB xcomp 1", "with ADP IN prep 3", "Turkey PROPN NNP pobj 4", ". PUNCT . punct 1")
    assert named(coder, "xcomp", doc, 1) == ["Turkey"]


def test_none_names_nobody(coder):
    assert named(coder, "none", ACTIVE, 1) == []


# Which test pins each slot down: a slot added to the rule language without a test fails below.
COVERED = {
    "subj": test_subj_is_the_subject_in_the_active, "dobj": test_dobj_is_the_object_or_the_passive_subject,
    "prep": test_prep_names_the_object_of_that_preposition_on_the_verb_or_its_object,
    "dative": test_dative_is_the_indirect_object_with_or_without_to,
    "poss": test_poss_is_the_possessor_of_an_event_noun, "mod": test_mod_is_a_modifier_of_the_noun,
    "head": test_head_is_the_noun_a_participle_modifies, "by": test_by_is_a_by_phrase_or_the_agent_of_a_participle,
    "of": test_of_is_the_object_of_of, "governor": test_governor_is_the_subject_of_the_light_verb_taking_the_noun,
    "clause-governor": test_clause_governor_is_the_subject_of_the_verb_the_nouns_preposition_hangs_on,
    "holder": test_holder_is_who_a_relational_noun_describes, "between": test_between_names_the_first_party,
    "clause-subject": test_clause_subject_is_the_subject_of_the_clause_the_noun_takes_part_in,
    "object-prep": test_object_prep_is_a_preposition_on_the_verbs_object,
    "condition-subject": test_condition_subject_is_the_subject_of_an_unless_clause,
    "ccomp-subject": test_ccomp_subject_is_the_subject_of_the_complement_clause,
    "receiver": test_receiver_is_who_receives_or_comes_under_the_event,
    "poss-of-object": test_poss_of_object_is_the_possessor_of_the_verbs_object,
    "xcomp": test_xcomp_names_the_object_of_the_infinitive, "none": test_none_names_nobody,
}


def test_every_slot_has_a_pinned_test():
    assert set(COVERED) == SLOTS


def test_every_lexicon_slot_is_a_known_slot():
    used = set()
    for row in read_tsv(ontology_path("lexicon.tsv")):
        used |= {slot_name(s) for column in ("agent", "recip") for s in split_list(row.get(column, ""))}
    assert used <= SLOTS, sorted(used - SLOTS)
