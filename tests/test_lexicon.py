"""The lexicon as a checked rule language, and the lexicon imported from the CAMEO verb dictionary.

Every lexicon row (hand-written and generated) and every word class is validated when it is
read: a misspelled slot, an unknown predicate or pos fails at load naming file and line. The
import tool regenerates the committed data byte for byte, and the imported rows cover ordinary
news verbs that the hand-written lexicon lacked. Sentences are written for these tests.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.model import Article
from kg.pipeline import Extractor
from kg.vocabulary import SLOTS, LexiconError, build_vocabulary, load_vocabulary, read_word_classes

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology"
RESOURCES = ROOT.parent / "shared" / "resources"
GENERATED = ("lexicon_cameo.tsv", "cameo_predicates.ttl")


@pytest.fixture
def ontology_copy(tmp_path: Path) -> Path:
    """A copy of ontology/ to break on purpose."""
    copy = tmp_path / "ontology"
    shutil.copytree(ONTOLOGY, copy)
    return copy


def _edit_line(path: Path, startswith: str, old: str, new: str) -> int:
    """Replace `old` by `new` in the first line that starts with `startswith`; its 1-based number."""
    lines = path.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if line.startswith(startswith))
    assert old in lines[number]
    lines[number] = lines[number].replace(old, new, 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    return number + 1


# ---------------------------------------------------------------- validation at load

def test_the_committed_lexicon_and_word_classes_load_cleanly():
    vocab = build_vocabulary(ONTOLOGY)
    assert vocab.frames[("back", "VERB")] and vocab.light_verbs and vocab.say_verbs
    assert read_word_classes(ONTOLOGY / "word_classes.tsv")["negators"]


def test_a_misspelled_slot_fails_at_load_naming_file_and_line(ontology_copy):
    lexicon = ontology_copy / "lexicon.tsv"
    line = _edit_line(lexicon, "back\tVERB", "\tdobj\t", "\tdobjj\t")
    with pytest.raises(LexiconError, match=rf"lexicon\.tsv:{line}: unknown recip slot 'dobjj'"):
        build_vocabulary(ontology_copy)


def test_a_misspelled_agent_slot_in_the_generated_lexicon_fails_too(ontology_copy):
    generated = ontology_copy / "lexicon_cameo.tsv"
    line = _edit_line(generated, "indict\tVERB\t\tsubj", "\tsubj\t", "\tsubject\t")
    with pytest.raises(LexiconError, match=rf"lexicon_cameo\.tsv:{line}: unknown agent slot 'subject'"):
        build_vocabulary(ontology_copy)


def test_an_unknown_predicate_fails_at_load_naming_file_and_line(ontology_copy):
    line = _edit_line(ontology_copy / "lexicon.tsv", "accuse\tVERB", "\taccuses\t", "\taccusses\t")
    with pytest.raises(LexiconError, match=rf"lexicon\.tsv:{line}: unknown predicate 'accusses'"):
        build_vocabulary(ontology_copy)


def test_an_unknown_pos_fails_at_load_naming_file_and_line(ontology_copy):
    line = _edit_line(ontology_copy / "lexicon.tsv", "meet\tVERB", "\tVERB\t", "\tVREB\t")
    with pytest.raises(LexiconError, match=rf"lexicon\.tsv:{line}: unknown pos 'VREB'"):
        build_vocabulary(ontology_copy)


def test_an_unknown_flag_and_a_bad_confidence_fail_at_load(ontology_copy):
    lexicon = ontology_copy / "lexicon.tsv"
    line = _edit_line(lexicon, "visit\tVERB", "\tR\t", "\tRX\t")
    with pytest.raises(LexiconError, match=rf"lexicon\.tsv:{line}: unknown flag"):
        build_vocabulary(ontology_copy)
    _edit_line(lexicon, "visit\tVERB", "\tRX\t", "\tR\t")
    line = _edit_line(lexicon, "visit\tVERB", "\t0.85", "\t8.5")
    with pytest.raises(LexiconError, match=rf"lexicon\.tsv:{line}: conf 8.5"):
        build_vocabulary(ontology_copy)


def test_a_word_list_row_with_slots_fails(ontology_copy):
    line = _edit_line(ontology_copy / "lexicon.tsv", "launch\tLIGHT", "launch\tLIGHT", "launch\tLIGHT\t\tsubj")
    with pytest.raises(LexiconError, match=rf"lexicon\.tsv:{line}: a LIGHT row is a word only"):
        build_vocabulary(ontology_copy)


def test_word_classes_are_checked_naming_file_and_line(ontology_copy):
    classes = ontology_copy / "word_classes.tsv"
    line = _edit_line(classes, "negators\t", "negators\t", "quantifiers\t")  # negators come after quantifiers
    with pytest.raises(LexiconError, match=rf"word_classes\.tsv:{line}: class 'quantifiers' is defined twice"):
        read_word_classes(classes)
    _edit_line(classes, "quantifiers\tdecline|", "quantifiers\t", "negators\t")
    line = _edit_line(classes, "future_aux\t", "'ll|", "two words|")
    with pytest.raises(LexiconError, match=rf"word_classes\.tsv:{line}: 'two words'"):
        read_word_classes(classes)


def test_the_loader_and_the_event_coder_share_one_set_of_slots():
    import kg.events

    assert kg.events.SLOTS is SLOTS  # one definition: a slot the loader accepts is one the coder reads


def test_a_slot_argument_is_checked(ontology_copy):
    lexicon = ontology_copy / "lexicon.tsv"
    line = _edit_line(lexicon, "agree\tVERB", "prep:with", "prep")
    with pytest.raises(LexiconError, match=rf"lexicon\.tsv:{line}: recip slot 'prep': prep takes a preposition"):
        build_vocabulary(ontology_copy)
    _edit_line(lexicon, "agree\tVERB", "\tprep|", "\tprep:with|")
    line = _edit_line(lexicon, "agree\tVERB", "\tsubj\t", "\tsubj:x\t")
    with pytest.raises(LexiconError, match=rf"lexicon\.tsv:{line}: agent slot 'subj:x': subj takes no argument"):
        build_vocabulary(ontology_copy)


# ---------------------------------------------------------------- hand rows and generated rows

def test_hand_written_rows_win_over_generated_rows_for_the_same_trigger(ontology_copy):
    generated = ontology_copy / "lexicon_cameo.tsv"
    with generated.open("a", encoding="utf-8") as handle:
        handle.write("back\tVERB\t\tsubj\tdobj\tattacks\tR\t0.9\t190\n")
    vocab = build_vocabulary(ontology_copy)
    assert {f.predicate for f in vocab.frames[("back", "VERB")]} == {"backs"}
    assert any(f.predicate == "arrests" for f in vocab.frames[("indict", "VERB")])  # only in the import


def test_generated_predicates_are_sub_properties_of_their_category():
    from rdflib import RDFS, Graph, Namespace

    kgo = Namespace("https://w3id.org/geokg/ontology#")
    graph = Graph().parse(ONTOLOGY / "cameo_predicates.ttl", format="turtle")
    vocab = load_vocabulary()
    new = {str(p).rsplit("#", 1)[1] for p in graph.subjects(RDFS.subPropertyOf, None)}
    assert "complainsTo" in new and "demobilises" in new
    for name in new:
        category = vocab.category_of(name)
        assert graph.value(kgo[name], RDFS.subPropertyOf) == kgo[category.prop]
    used = {f.predicate for frames in vocab.frames.values() for f in frames}
    assert new <= set(vocab.predicate_category) and used <= set(vocab.predicate_category)


@pytest.mark.skipif(not (RESOURCES / "petrarch2" / "CAMEO.2.0.txt").exists(),
                    reason="../shared/resources (the CAMEO dictionary) is not present")
def test_the_import_tool_regenerates_the_committed_data_byte_for_byte(tmp_path):
    run = subprocess.run([sys.executable, str(ROOT / "tools" / "import_cameo.py"), "--resources", str(RESOURCES),
                          "--out", str(tmp_path)], capture_output=True, text=True, check=True)
    assert "imported" in run.stdout and "skipped" in run.stdout
    for name in GENERATED:
        assert (tmp_path / name).read_bytes() == (ONTOLOGY / name).read_bytes(), f"{name}: run `make lexicon`"


def test_generated_files_name_their_source_and_licence():
    for name in GENERATED:
        head = (ONTOLOGY / name).read_text(encoding="utf-8")[:800]
        assert "GENERATED by tools/import_cameo.py" in head
        assert "petrarch2" in head and "MIT" in head and "CC BY-SA 4.0" in head


# ---------------------------------------------------------------- verbs the import brings

@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _categories(extractor: Extractor, text: str) -> set[tuple[str, str, str]]:
    events = [e for r in extractor.run([Article("t", text, "2021-03-02")]) for e in r.events]
    return {(e.category, m.actor.code or "", n.actor.code or "") for e in events
            for m in e.actors for n in e.recipients}


@pytest.mark.parametrize("text, category, actor, recipient", [
    ("Prosecutors in Kenya indicted the Somali militant leader on Monday.", "COERCE", "KEN", "SOM"),
    ("Lebanon berated Israel over the border raids on Tuesday.", "ACCUSE", "LBN", "ISR"),
    ("Japan chided South Korea over the fishing dispute.", "ACCUSE", "JPN", "KOR"),
    ("Serbian police apprehended two Kosovo officials near the border.", "COERCE", "SRB", "KOS"),
    ("Nigeria prosecuted the Cameroonian separatist leader.", "COERCE", "NGA", "CMR"),
    ("Egypt castigated Ethiopia for filling the dam.", "ACCUSE", "EGY", "ETH"),
    ("Jordan reprimanded Syria after the smuggling incident.", "ACCUSE", "JOR", "SYR"),
    ("Colombia extradited the Venezuelan smuggler to the United States.", "COOPERATE", "COL", "USA"),
])
def test_imported_verbs_code_events(extractor, text, category, actor, recipient):
    """Verbs only the imported lexicon has (indict, berate, chide, apprehend, prosecute)."""
    assert any(c == category and a == actor and r == recipient for c, a, r in _categories(extractor, text)), \
        _categories(extractor, text)


@pytest.mark.parametrize("text, category, actor, recipient", [
    ("Ukraine complained to the United Nations about Russian shelling.", "ACCUSE", "UKR", "RUS"),
    ("Ethiopia dispatched inspectors to Eritrea on Friday.", "ACCUSE", "ETH", "ERI"),
    ("France denounced Iran for the missile test.", "ACCUSE", "FRA", "IRN"),
    ("Pakistan investigated India over the missile that landed in Punjab.", "ACCUSE", "PAK", "IND"),
    ("Armenia declared a ceasefire with Azerbaijan on Sunday.", "CONCEDE", "ARM", "AZE"),
])
def test_hand_rows_cover_what_the_dictionary_lacks(extractor, text, category, actor, recipient):
    """complain about, dispatch inspectors: argument structure the dictionary does not give."""
    assert any(c == category and a == actor and r == recipient for c, a, r in _categories(extractor, text)), \
        _categories(extractor, text)


def test_demobilising_and_withdrawing_are_retreats(extractor):
    text = "Sudan demobilised the militia fighters. Turkey withdrew its troops from Iraq on Monday."
    events = [e for r in extractor.run([Article("t", text, "2021-03-02")]) for e in r.events]
    assert {e.predicate for e in events if e.category == "RETREAT"} >= {"demobilises", "withdrawsFrom"}

