"""The Python API: `kg.load()` gives a spaCy pipeline whose Docs carry actors and events,
the article's date reaches the components, results survive serialisation and parallel
processes unchanged, settings come from the component config, and a parser with another
label scheme is refused at start-up."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc, DocBin

import kg
from kg.extract.components import GeoActors
from kg.extract.context import ActorSettings, EventSettings
from kg.extract.deps import RULE_LABELS, LabelSchemeError, check_label_scheme
from kg.extract.doc import article_doc
from kg.ingest import read_inputs
from kg.model import Article
from kg.pipeline import Extractor

ROOT = Path(__file__).resolve().parent.parent
BACKING = "Russia backs Assad. Turkey accused Syrian government forces of breaking the truce."


@pytest.fixture(scope="module")
def nlp():
    return kg.load()


def test_load_returns_one_pipeline_with_the_components_after_the_parser(nlp):
    assert kg.load() is nlp
    names = nlp.pipe_names
    assert names[-4:] == ["verb_lemmas", "geo_mentions", "geo_actors", "plover_events"]
    assert names.index("parser") < names.index("geo_mentions")


def test_the_model_is_loaded_once_however_it_is_named(nlp):
    # kg.load() and Extractor() name the default model as None, a user by its package name
    from kg.nlp import model_name

    assert kg.load(model_name()) is nlp and Extractor().nlp is nlp


def test_a_doc_carries_its_events_and_actors(nlp):
    doc = nlp(BACKING)
    backs = [e for e in doc._.events if e.predicate == "backs"]
    assert [[m.actor.id for m in e.actors] for e in backs] == [["state/RUS"]]
    assert [m.actor.id for m in backs[0].recipients] == ["person/bashar-al-assad"]
    accusations = [e for e in doc._.events if e.category == "ACCUSE"]
    assert accusations and accusations[0].recipients[0].actor.id == "state/SYR/armed-forces"
    assert {m.actor.id for m in doc._.mentions} >= {"state/RUS", "state/TUR", "person/bashar-al-assad"}


def test_mentions_are_span_groups_with_kind_key_and_qid(nlp):
    doc = nlp(BACKING)
    matches = {s.text: s for s in doc.spans["geo_mentions"]}
    assert (matches["Russia"].label_, matches["Russia"].id_, matches["Russia"].kb_id_) == ("state", "RUS", "Q159")
    assert (matches["Syrian"].label_, matches["Syrian"].id_) == ("demonym", "SYR")
    actors = {s.text: s for s in doc.spans["geo_actors"]}
    assert actors["Assad"].id_ == "person/bashar-al-assad" and actors["Assad"].kb_id_ == "Q44329"
    assert actors["Assad"]._.actor.label == "Bashar al-Assad"
    assert doc[1:2].text == "backs" and doc[1:2]._.actor is None


def test_the_article_date_reaches_the_components(nlp):
    text = "The Syrian president said the war would end soon."
    docs = [article_doc(nlp, Article(f"d{y}", text, date)) for y, date in ((1, "2016-12-14"), (2, "2025-06-01"))]
    people = [[m.actor.id for m in doc._.mentions if m.actor.type == "Person"] for doc in nlp.pipe(docs)]
    assert people == [["person/bashar-al-assad"], ["person/ahmed-al-sharaa"]]


def test_a_bare_text_leaves_offices_to_the_latest_holder_and_events_without_article(nlp):
    doc = nlp("Russia backs Assad.")
    assert doc._.article is None
    assert all(e.article_id == "" for e in doc._.events) and doc._.events


def test_results_survive_doc_serialisation(nlp):
    doc = article_doc(nlp, Article("a1", BACKING, "2016-12-14", title="Backing"))
    doc = nlp(doc)
    again = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert again._.events == doc._.events and again._.mentions == doc._.mentions
    assert again._.article == doc._.article and again._.article.date == "2016-12-14"
    stored = DocBin(store_user_data=True)
    stored.add(doc)
    (loaded,) = DocBin(store_user_data=True).from_bytes(stored.to_bytes()).get_docs(nlp.vocab)
    assert loaded._.events == doc._.events
    assert [(s.label_, s.id_, s.kb_id_) for s in loaded.spans["geo_actors"]] == \
        [(s.label_, s.id_, s.kb_id_) for s in doc.spans["geo_actors"]]


def test_two_processes_give_the_same_results_as_one():
    articles = [a for a in read_inputs([str(ROOT / "samples")]) if isinstance(a, Article)]
    one = list(Extractor(n_process=1).run(articles))
    two = list(Extractor(n_process=2).run(articles))
    assert sum(len(r.events) for r in one) > 5
    assert [(r.article, r.mentions, r.events) for r in two] == [(r.article, r.mentions, r.events) for r in one]


def test_pipe_with_contexts_in_two_processes(nlp):
    texts = [(article_doc(nlp, Article(f"t{i}", BACKING, "2016-12-14")), i) for i in range(4)]
    single = [(doc._.events, ctx) for doc, ctx in nlp.pipe(texts, as_tuples=True)]
    texts = [(article_doc(nlp, Article(f"t{i}", BACKING, "2016-12-14")), i) for i in range(4)]
    double = [(doc._.events, ctx) for doc, ctx in nlp.pipe(texts, as_tuples=True, n_process=2, batch_size=2)]
    assert double == single and [ctx for _, ctx in single] == [0, 1, 2, 3]


def test_settings_come_from_the_component_config(nlp):
    text = "Assad met the envoy. He said the war would end soon."
    doc = nlp(text)
    assert any(m.kind == "pronoun" and m.actor.id == "person/bashar-al-assad" for m in doc._.mentions)
    blind = GeoActors(nlp, ActorSettings.from_config({"pronoun_window": 0, "anaphor_reach": 0}))
    assert not any(m.kind == "pronoun" for m in blind(doc)._.mentions)
    assert nlp.get_pipe_config("geo_actors")["settings"]["pronoun_window"] == ActorSettings().pronoun_window


def test_an_unknown_setting_is_an_error_naming_it():
    with pytest.raises(ValueError, match="pronoun_windw"):
        ActorSettings.from_config({"pronoun_windw": 10})
    with pytest.raises(ValueError, match="implied_confidence"):
        EventSettings.from_config({"implied_confidence": 0.1})


def test_a_parser_with_another_label_scheme_is_refused():
    other = spacy.blank("en")
    parser = other.add_pipe("parser")
    for label in ("nsubj", "obj", "obl", "nmod:poss"):  # Universal Dependencies names
        parser.add_label(label)
    with pytest.raises(LabelSchemeError, match="dobj"):
        check_label_scheme(other)
    with pytest.raises(LabelSchemeError, match="no dependency parser"):
        check_label_scheme(spacy.blank("en"))
    with pytest.raises(LabelSchemeError):
        other.add_pipe("plover_events")


def _dep_labels_compared(path: Path) -> set[str]:
    """String constants a rule compares `x.dep_` with (directly, in a literal set, or through a
    module-level set name)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    named: dict[str, set[str]] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, (ast.Set, ast.Dict)):
            items = node.value.elts if isinstance(node.value, ast.Set) else node.value.keys
            for target in node.targets:
                if isinstance(target, ast.Name):
                    named[target.id] = {i.value for i in items if isinstance(i, ast.Constant)}
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) and isinstance(node.left, ast.Attribute) and node.left.attr == "dep_":
            for comparator in node.comparators:
                if isinstance(comparator, ast.Constant):
                    found.add(comparator.value)
                elif isinstance(comparator, (ast.Set, ast.Tuple, ast.List)):
                    found |= {e.value for e in comparator.elts if isinstance(e, ast.Constant)}
                elif isinstance(comparator, ast.Name):
                    found |= named.get(comparator.id, set())
    return found


def test_the_rules_read_only_labels_named_in_deps():
    used = _dep_labels_compared(ROOT / "kg" / "actors.py") | _dep_labels_compared(ROOT / "kg" / "events.py")
    assert {"nsubj", "dobj", "pobj", "xcomp"} <= used  # the scan sees the rules
    assert used <= RULE_LABELS, sorted(used - RULE_LABELS)
