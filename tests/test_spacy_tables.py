"""The model's attribute rules and lemmatiser run from tables (kg/spacy_tables.py) must write
exactly what spaCy's own components write, token for token, and leave spaCy's component in
place wherever a pattern or setting is outside what the tables reproduce."""

from __future__ import annotations

import random
import re

import pytest
import spacy
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc

import kg
import kg.spacy_tables as tables
from kg.extract.components import _irregular_verbs
from kg.nlp import model_name
from kg.spacy_tables import AttributeTable, NotLoaded, TableLemmatizer, Unsupported, use_tables

WRITTEN = [POS, TAG, MORPH, LEMMA, DEP]
# Written for these tests: contractions, spoken forms, expletives, object pronouns, auxiliaries,
# determiners used as pronouns, whitespace runs, the cases the model's exception rules are for.
SENTENCES = [
    "The rebels ain't gonna leave Aleppo, y'all know that, and they've said it twice.",
    "Let's not pretend there is nothin' to discuss; c'mon, the talks aren't over.",
    "Iran gave it to them, and Turkey told you and me that it had been done before.",
    "That is what the ministry said: this was not acceptable, and those were the terms.",
    "He's gotta go.  They'd have been warned if Moscow had wanted them to be.\n\nNo one did.",
    "Whether or not the UN agrees, the army will, because the truce is over.",
    "Do you have the list? I do. She did not sign it, but she has signed others.",
]


@pytest.fixture(scope="module")
def spacy_nlp():
    """The model exactly as spaCy loads it: the reference."""
    return spacy.load(model_name())


def _ruler(nlp) -> AttributeRuler:
    return nlp.get_pipe("attribute_ruler")


def _values(doc: Doc) -> tuple[list, list[str]]:
    return doc.to_array(WRITTEN).tolist(), [str(t.morph) for t in doc]


def _meeting(values: dict, labels: list[str], words: list[str], rng: random.Random) -> str | None:
    """A value that meets one condition of a pattern token, or None if none is to hand."""
    if isinstance(values, str):
        return values
    if isinstance(values, bool):
        return " " if values else "x"
    (operator, wanted), = values.items()
    if operator == "IN":
        return rng.choice(wanted)
    if operator == "NOT_IN":
        pool = [v for v in labels if v not in wanted]
        return rng.choice(pool) if pool else None
    pool = [w for w in words if re.search(wanted, w)]
    return rng.choice(pool) if pool else None


def _pattern_words(ruler: AttributeRuler) -> list[str]:
    words = {"the", "army", "Syria", "said", "is", "it", "n't", "nt", "nothin'", "nuthin'", "y'", "y",
             "ai", "do", "had", "there", "that", "which", "'s", "'re", "'ve", "i", "you"}
    for spec in ruler.patterns:
        for tokens in spec["patterns"]:
            for token in tokens:
                value = token.get("LOWER")
                if isinstance(value, str):
                    words.add(value)
                elif isinstance(value, dict) and "IN" in value:
                    words.update(value["IN"])
    return sorted(words)


def _random_doc(nlp, rng: random.Random, words: list[str], tags: list[str], deps: list[str],
                planted: list[dict] | None = None) -> Doc:
    """A hand-built parsed Doc with random words (in random case), tags, labels and some
    whitespace tokens, and a planted run of tokens that meets one pattern's conditions."""
    n = rng.randint(1, 14)
    tokens = [{"LOWER": rng.choice(words), "TAG": rng.choice(tags), "DEP": rng.choice(deps)} for _ in range(n)]
    for token in tokens:
        if rng.random() < 0.08:
            token["LOWER"] = rng.choice([" ", "\n", "\n\n"])
    at = rng.randint(0, n)
    tokens[at:at] = planted or []
    texts = [t["LOWER"] if rng.random() < 0.6 else t["LOWER"].title() for t in tokens]
    heads = [rng.randrange(len(tokens)) for _ in tokens]
    return Doc(nlp.vocab, words=texts, tags=[t["TAG"] for t in tokens], deps=[t["DEP"] for t in tokens],
               heads=heads, spaces=[rng.random() < 0.7 for _ in tokens])


def _plant(spec: list[dict], words, tags, deps, rng) -> list[dict] | None:
    run = []
    for token in spec:
        planted = {"LOWER": rng.choice(words), "TAG": rng.choice(tags), "DEP": rng.choice(deps)}
        for attr, condition in token.items():
            key = "LOWER" if attr == "IS_SPACE" else attr
            labels = tags if attr == "TAG" else deps if attr == "DEP" else words
            value = _meeting(condition, labels, words, rng)
            if value is None:
                return None
            planted[key] = value
        run.append(planted)
    return run


def test_every_rule_writes_what_spacys_ruler_writes_on_random_documents(spacy_nlp):
    ruler = _ruler(spacy_nlp)
    table = AttributeTable.from_ruler(ruler)
    rng = random.Random(7)
    words = _pattern_words(ruler)
    tags = ["", *spacy_nlp.get_pipe("tagger").labels]
    deps = ["", *spacy_nlp.get_pipe("parser").labels]
    fired: set[int] = set()
    compared = 0
    for spec in ruler.patterns:
        for tokens in spec["patterns"]:
            for _ in range(6):
                planted = _plant(tokens, words, tags, deps, rng)
                seed = rng.random()
                docs = [_random_doc(spacy_nlp, random.Random(seed), words, tags, deps, planted) for _ in range(2)]
                fired.update(int(spacy_nlp.vocab.strings[m]) for m, _, _ in ruler.matcher(docs[0], allow_missing=True))
                ruler(docs[0])
                table(docs[1])
                assert _values(docs[1]) == _values(docs[0]), [t.text for t in docs[0]]
                compared += 1
    assert compared > 500
    # every rule, one-token and two-token, was met at least once, so every one was compared
    assert fired == set(range(len(ruler.patterns)))


def test_parsed_sentences_get_spacys_tags_morphology_and_lemmas(spacy_nlp):
    ours = kg.load()
    assert type(ours.get_pipe("attribute_ruler")) is AttributeTable
    assert type(ours.get_pipe("lemmatizer")) is TableLemmatizer
    for theirs, mine in zip(spacy_nlp.pipe(SENTENCES), ours.pipe(SENTENCES), strict=True):
        assert _values(mine) == _values(theirs)
        assert [t.lemma_ for t in mine] == [t.lemma_ for t in theirs]
    lemmas = {t.text: t.lemma_ for t in ours("The rebels ain't gonna leave, y'all.")}
    assert lemmas["gon"] == "go" and lemmas["na"] == "to" and lemmas["ai"] == "be"


def test_the_same_document_twice_gets_the_same_values(spacy_nlp):
    # the second time every token signature, rule set and lemma comes from the kept tables
    ours = kg.load()
    first, second = (ours(SENTENCES[0]) for _ in range(2))
    assert _values(first) == _values(second)


def test_an_empty_document_passes_through():
    ours = kg.load()
    assert len(ours("")) == 0


def test_kept_tables_stay_bounded(spacy_nlp, monkeypatch):
    monkeypatch.setattr(tables, "MAX_KEPT", 3)
    table = AttributeTable.from_ruler(_ruler(spacy_nlp))
    lemmatizer = TableLemmatizer(spacy_nlp.get_pipe("lemmatizer"))
    with spacy_nlp.select_pipes(disable=["attribute_ruler", "lemmatizer"]):
        docs = [spacy_nlp(text) for text in SENTENCES]
    reference = [spacy_nlp.get_pipe("lemmatizer")(spacy_nlp.get_pipe("attribute_ruler")(
        Doc(spacy_nlp.vocab).from_bytes(doc.to_bytes()))) for doc in docs]
    for doc, expected in zip(docs, reference, strict=True):
        lemmatizer(table(doc))
        assert len(table.kept) <= 3 and len(lemmatizer.kept) <= 3
        assert all(len(column.seen) <= 3 for column in table.columns)
        assert _values(doc) == _values(expected)


@pytest.mark.parametrize("pattern, attrs", [
    ([{"LOWER": "gon", "OP": "+"}], {"LEMMA": "go"}),  # a quantifier
    ([{"MORPH": {"IS_SUPERSET": ["Number=Sing"]}}], {"POS": "NOUN"}),  # a MORPH condition
    ([{"LOWER": {"FUZZY": "truce"}}], {"LEMMA": "truce"}),  # fuzzy matching
    ([{"LOWER": "truce"}], {"NORM": "ceasefire"}),  # a value the tables do not write
])
def test_a_ruler_outside_the_tables_stays_spacys(spacy_nlp, pattern, attrs):
    ruler = AttributeRuler(spacy_nlp.vocab)
    ruler.add([pattern], attrs)
    with pytest.raises(Unsupported):
        AttributeTable.from_ruler(ruler)
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add([pattern], attrs)
    assert use_tables(nlp) == [] and isinstance(nlp.get_pipe("attribute_ruler"), AttributeRuler)


def test_a_pattern_index_outside_its_run_is_refused(spacy_nlp):
    ruler = AttributeRuler(spacy_nlp.vocab)
    ruler.add([[{"LOWER": "gon"}, {"LOWER": "na"}]], {"LEMMA": "go"}, index=-1)
    assert AttributeTable.from_ruler(ruler).runs[0].target == 1  # from the end, as spaCy reads it
    ruler.indices[0] = 2
    with pytest.raises(Unsupported, match="index 2"):
        AttributeTable.from_ruler(ruler)


def test_only_lemmatisers_that_depend_on_word_pos_and_morphology_are_tabled(spacy_nlp):
    assert TableLemmatizer.supports(spacy_nlp.get_pipe("lemmatizer"))  # the model's: rule mode
    assert TableLemmatizer.supports(Lemmatizer(spacy_nlp.vocab, None, mode="lookup"))

    class ByContext(Lemmatizer):  # a subclass may read anything from the token: left to spaCy
        pass

    assert not TableLemmatizer.supports(ByContext(spacy_nlp.vocab, None, mode="lookup"))
    assert not TableLemmatizer.supports(object())


def test_the_irregular_verb_table_is_still_read_from_the_lemmatiser():
    assert _irregular_verbs(kg.load())["took"] == "take"


def test_the_tables_take_the_components_places_under_their_names():
    nlp = spacy.load(model_name())
    before = nlp.pipe_names
    assert use_tables(nlp) == ["attribute_ruler", "lemmatizer"]
    assert nlp.pipe_names == before
    assert use_tables(nlp) == []  # already tabled: nothing left to replace


def test_a_table_never_filled_from_the_model_says_so():
    nlp = spacy.blank("en")
    nlp.add_pipe("kg_attribute_table")
    with pytest.raises(NotLoaded, match="attribute_ruler"):
        nlp("Russia backs Assad.")
    nlp = spacy.blank("en")
    nlp.add_pipe("kg_table_lemmatizer")
    with pytest.raises(NotLoaded, match="lemmatizer"):
        nlp("Russia backs Assad.")


def test_the_word_lists_held_as_sets_give_spacys_lemmas(spacy_nlp):
    # words the lemmatiser has not seen, so each goes through the rules and the word lists
    ours = kg.load().get_pipe("lemmatizer").lemmatizer
    assert all(isinstance(words, frozenset) for words in ours.lookups.get_table("lemma_index").values())
    theirs = spacy_nlp.get_pipe("lemmatizer")
    assert all(isinstance(words, list) for words in theirs.lookups.get_table("lemma_index").values())
    words = ["militias", "armies", "fought", "seized", "strongest", "shelled", "ceasefires", "brokering",
             "negotiators", "besieged", "worse", "fewer", "mediating", "outflanked", "xyzzies"]
    rng = random.Random(3)
    for _ in range(40):
        chosen = [rng.choice(words) for _ in range(6)]
        pos = [rng.choice(["NOUN", "VERB", "ADJ", "ADV", "PROPN"]) for _ in chosen]
        morphs = [rng.choice(["", "Number=Plur", "Tense=Past|VerbForm=Fin", "Degree=Sup"]) for _ in chosen]
        docs = [Doc(spacy_nlp.vocab, words=chosen, pos=pos, morphs=morphs) for _ in range(2)]
        assert [t.lemma_ for t in theirs(docs[0])] == [t.lemma_ for t in ours(docs[1])]
