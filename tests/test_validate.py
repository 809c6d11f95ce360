"""SHACL: every graph the tool writes conforms to ontology/shapes.ttl, and the shapes catch what they should."""

from __future__ import annotations

from decimal import Decimal

import pytest
from graphs import IRAN, RUSSIA, SYRIAN_GOVERNMENT, TURKEY, dataset_of, invented_results, sample_results
from rdflib import RDFS, XSD, Literal, URIRef

from kg.rdf import ACTORS_GRAPH, Run, actor_iri, add_ontology, add_results, new_dataset
from kg.store import Store
from kg.validate import validate, validate_path
from kg.views.plover import event_id
from kg.views.rdf_formats import serialize
from kg.vocabulary import KGO

INVENTED = invented_results()
BACKS = URIRef(f"https://w3id.org/geokg/id/event/{event_id(INVENTED[0].events[0])}")  # Russia backs Syria
NEGATED = URIRef(f"https://w3id.org/geokg/id/event/{event_id(INVENTED[0].events[1])}")  # Turkey did not accuse Iran


def test_the_samples_conform(extractor):
    report = validate(dataset_of(sample_results(extractor)))
    assert report.conforms, report.summary()


def test_the_samples_conform_with_a_timestamped_run_and_the_ontology_graph(extractor):
    dataset = add_results(new_dataset(), sample_results(extractor), Run("m", "2016-12-15T10:00:00+00:00"))
    report = validate(add_ontology(dataset))
    assert report.conforms, report.summary()


def test_the_invented_graph_conforms():
    report = validate(dataset_of(INVENTED))
    assert report.conforms, report.summary()


def test_what_kg_build_and_the_store_write_conforms(samples_out, tmp_path, extractor):
    assert validate_path(samples_out / "graph.ttl").conforms
    with Store(tmp_path / "store") as store:
        store.add_dataset(dataset_of(sample_results(extractor)))
    report = validate_path(tmp_path / "store")
    assert report.conforms, report.summary()


@pytest.mark.parametrize("fmt", ["turtle", "nt", "nquads", "trig", "json-ld"])
def test_every_export_format_conforms(fmt, tmp_path):
    path = tmp_path / f"graph.{ {'turtle': 'ttl', 'json-ld': 'jsonld', 'nquads': 'nq'}.get(fmt, fmt) }"
    path.write_text(serialize(add_ontology(dataset_of(INVENTED)), fmt), encoding="utf-8")
    report = validate_path(path)
    assert report.conforms, report.summary()


def broken(change, graph_name: str = "https://w3id.org/geokg/id/graph/backing") -> list[str]:
    dataset = dataset_of(invented_results())
    graph = dataset.graph(URIRef(graph_name))
    change(graph)
    report = validate(dataset)
    assert not report.conforms
    return report.problems


def test_a_confidence_above_one_is_caught():
    problems = broken(lambda g: g.set((BACKS, KGO.confidence, Literal(Decimal("1.5"), datatype=XSD.decimal))))
    assert any("kgo:confidence" in p and "1.5" in p for p in problems), problems


def test_an_unknown_factuality_is_caught():
    problems = broken(lambda g: g.set((BACKS, KGO.factuality, Literal("maybe"))))
    assert any("factuality is one of the PLOVER modes" in p for p in problems), problems


def test_an_event_without_evidence_is_caught():
    problems = broken(lambda g: g.remove((BACKS, KGO.evidenceText, None)))
    assert any("kgo:evidenceText" in p and "Less than 1" in p for p in problems), problems


def test_evidence_offsets_that_do_not_span_the_sentence_are_caught():
    problems = broken(lambda g: g.set((BACKS, KGO.evidenceEnd, Literal(99))))
    assert any("exactly evidenceEnd - evidenceStart characters" in p for p in problems), problems


def test_a_fine_predicate_from_another_category_is_caught():
    problems = broken(lambda g: g.set((BACKS, KGO.predicate, KGO.accuses)))
    assert any("does not belong to the event's category" in p for p in problems), problems


def test_a_direct_triple_without_an_asserted_event_is_caught():
    # the negated accusation must not become "Turkey accuses Iran"
    problems = broken(lambda g: g.add((actor_iri(TURKEY), KGO.accuses, actor_iri(IRAN))))
    assert any("has no asserted event behind it" in p for p in problems), problems


def test_an_asserted_event_without_its_direct_triple_is_caught():
    problems = broken(lambda g: g.remove((actor_iri(RUSSIA), KGO.backs, actor_iri(SYRIAN_GOVERNMENT))))
    assert any("lacks its direct triple" in p for p in problems), problems


def test_an_actor_without_a_name_is_caught():
    problems = broken(lambda g: g.remove((actor_iri(SYRIAN_GOVERNMENT), RDFS.label, None)), str(ACTORS_GRAPH))
    assert any("state/SYR/government rdfs:label" in p for p in problems), problems


def test_an_event_with_an_unknown_category_is_caught():
    problems = broken(lambda g: g.set((NEGATED, KGO.eventCategory, URIRef("https://w3id.org/geokg/plover#GOSSIP"))))
    assert any("exactly one PLOVER category" in p for p in problems), problems


def test_kg_validate_exits_0_on_conforming_and_1_on_broken_graphs(tmp_path, kg_main):
    good = tmp_path / "good.trig"
    good.write_text(serialize(dataset_of(INVENTED), "trig"), encoding="utf-8")
    bad = tmp_path / "bad.nt"
    bad.write_text(serialize(dataset_of(INVENTED), "nt").replace('"asserted"', '"perhaps"'), encoding="utf-8")
    ok = kg_main("validate", good)
    assert ok.code == 0 and "conforms" in ok.out
    failed = kg_main("validate", good, bad)
    assert failed.code == 1
    assert "SHACL violation" in failed.err and "factuality" in failed.err
