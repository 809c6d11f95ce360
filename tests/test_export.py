"""`kg export`: every format parses back, carries what it should, and is byte-identical from run to run."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from conftest import KG, ROOT, SAMPLES
from graphs import dataset_of, filled_store, invented_results, sample_results
from rdflib.compare import isomorphic

from kg.export import EXPORT_FORMATS, export_path, plover_records
from kg.rdf import ONTOLOGY_GRAPH, add_ontology
from kg.store import Store, open_source
from kg.views.plover import lines
from kg.views.rdf_formats import jsonld_context, union_graph

RDF_FORMATS = {"turtle": "turtle", "nt": "nt", "nquads": "nquads", "trig": "trig", "json-ld": "json-ld"}
OXIGRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "nquads": ox.RdfFormat.N_QUADS,
                    "trig": ox.RdfFormat.TRIG}
QUADS = {"nquads", "trig"}


@pytest.fixture(scope="module")
def store(tmp_path_factory, extractor):
    """The samples and the invented articles in one store."""
    path = tmp_path_factory.mktemp("export") / "store"
    with filled_store(path, extractor):
        pass
    return path


@pytest.fixture(scope="module")
def expected(store):
    with open_source(store) as opened:
        return opened.to_dataset(ontology=True)


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_every_rdf_export_parses_back_in_rdflib_to_the_same_graph(store, expected, fmt):
    data = export_path(store, fmt).decode("utf-8")
    if fmt in QUADS:
        parsed = rdflib.Dataset()
        parsed.parse(data=data, format=RDF_FORMATS[fmt])
        names = {str(g.identifier) for g in parsed.graphs() if len(g)}
        assert names == {str(g.identifier) for g in expected.graphs() if len(g)}
        for graph in expected.graphs():
            if len(graph):
                assert isomorphic(parsed.graph(graph.identifier), graph), graph.identifier
    else:
        parsed = rdflib.Graph().parse(data=data, format=RDF_FORMATS[fmt])
        assert isomorphic(parsed, union_graph(expected))


@pytest.mark.parametrize("fmt", sorted(OXIGRAPH_FORMATS))
def test_turtle_ntriples_nquads_and_trig_parse_back_in_pyoxigraph(store, expected, fmt):
    quads = list(ox.parse(export_path(store, fmt), format=OXIGRAPH_FORMATS[fmt]))
    triples = {(q.subject, q.predicate, q.object) for q in quads}
    assert len(triples) == len(union_graph(expected))
    if fmt in QUADS:
        graphs = {q.graph_name.value for q in quads if not isinstance(q.graph_name, ox.DefaultGraph)}
        assert str(ONTOLOGY_GRAPH) in graphs
        assert {"https://w3id.org/geokg/id/graph/backing", "https://w3id.org/geokg/id/graph/talks"} <= graphs


def test_json_ld_uses_the_context_file_and_its_short_terms(store):
    document = json.loads(export_path(store, "json-ld"))
    with open(ROOT / "ontology" / "context.jsonld", encoding="utf-8") as handle:
        assert document["@context"] == json.load(handle)["@context"] == jsonld_context()["@context"]
    event = next(node for node in document["@graph"] if node.get("@type") == "kgo:Event")
    assert {"actor", "category", "evidence", "factuality", "confidence", "article"} <= set(event)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib warns about its own Dataset.contexts
def test_an_exported_turtle_file_answers_the_cookbook_on_its_own(store):
    def loaded(data: bytes) -> rdflib.Dataset:  # the file as one named graph, as a store loading it keeps it
        dataset = rdflib.Dataset()
        dataset.graph(rdflib.URIRef("urn:x-test:export")).parse(data=data.decode(), format="turtle")
        return dataset

    query = (ROOT / "ontology" / "queries" / "who-backs-whom.rq").read_text(encoding="utf-8")
    full = loaded(export_path(store, "turtle"))
    backers = {(str(row.backerLabel), str(row.backedLabel)) for row in full.query(query)}
    assert ("Russia", "Government of Syria") in backers
    bare = loaded(export_path(store, "turtle", ontology=False))
    assert not list(bare.query(query))  # without the ontology the sub-property chain is missing
    assert (None, rdflib.RDF.type, rdflib.OWL.Ontology, None) not in bare


def test_graphml_and_gexf_open_in_networkx_with_actors_and_event_edges(store):
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        net = read(io.BytesIO(export_path(store, fmt)))
        labels = {data["label"] for _, data in net.nodes(data=True)}
        assert {"Russia", "Turkey", "Government of Syria"} <= labels, fmt
        edges = [(net.nodes[a]["label"], net.nodes[b]["label"], data) for a, b, data in net.edges(data=True)]
        assert any(a == "Russia" and b == "Government of Syria" and data["predicate"] == "backs"
                   for a, b, data in edges), fmt
        assert b"lastmodifieddate" not in export_path(store, "gexf")  # no wall-clock date unless asked


def test_the_csv_edge_list_has_one_row_per_event_and_actor_pair(store):
    rows = list(csv.DictReader(io.StringIO(export_path(store, "csv").decode("utf-8"))))
    backs = [r for r in rows if r["source_label"] == "Russia" and r["target_label"] == "Government of Syria"
             and r["article"].endswith("/backing")]
    assert [(r["relation"], r["category"], r["factuality"], r["date"]) for r in backs] == \
        [("backs", "SUPPORT", "asserted", "2016-12-13")]
    assert backs[0]["evidence"] == "Russia backs the Syrian government."
    net = nx.read_graphml(io.BytesIO(export_path(store, "graphml")))
    assert len(rows) == net.number_of_edges()


def test_graph_formats_hold_every_event_of_the_store_including_those_without_recipient(store, expected):
    events = {str(r.e): str(r.l) for r in union_graph(expected).query(
        "SELECT ?e ?l WHERE { ?e a kgo:Event ; rdfs:label ?l }")}
    rows = list(csv.DictReader(io.StringIO(export_path(store, "csv").decode("utf-8"))))
    assert {r["event"] for r in rows} == set(events)
    alone = [r for r in rows if not r["target"]]
    assert alone and all(r["target_label"] == "" and r["event_label"] == events[r["event"]] for r in alone)
    assert any(r["event_label"].startswith("Iran imposes conditions on") for r in alone)
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        net = read(io.BytesIO(export_path(store, fmt)))
        assert {d["event"] for *_, d in net.edges(data=True)} == set(events), fmt
        loops = [(a, d) for a, b, d in net.edges(data=True) if a == b]
        assert loops and all(d["no_recipient"] in (True, "true") for _, d in loops), fmt


def test_plover_records_rebuilt_from_the_store_match_kg_build(extractor, tmp_path):
    results = sample_results(extractor)
    with Store(tmp_path / "store") as opened:
        opened.add_dataset(dataset_of(results))
        rebuilt = {record["id"]: record for record in plover_records(opened)}
    built = {record["id"]: record for record in map(json.loads, lines(results, coded_date="2016-12-15"))}
    assert rebuilt.keys() == built.keys()
    for key, original in built.items():
        record = rebuilt[key]
        original = json.loads(json.dumps(original))
        for field in ("coded_date",):
            original.pop(field)
        for role in ("actor", "recipient", "source"):
            entities = original.get(role)
            if isinstance(entities, dict):
                original[role] = {k: v for k, v in entities.items() if k not in ("raw_text", "start", "end")}
            elif entities is not None:
                original[role] = [{k: v for k, v in e.items() if k not in ("raw_text", "start", "end")}
                                  for e in entities]
        if "event_loc" in original:
            original["event_loc"].pop("raw_text")
        if original["symmetric"]:  # a reciprocal dyad's first party comes from text order, which the graph lacks
            for record_ in (original, record):
                parties = sorted([*record_["actor"], *record_["recipient"]], key=lambda e: e["iri_id"])
                record_["actor"], record_["recipient"] = parties, []
        else:
            for record_ in (original, record):
                for role in ("actor", "recipient"):
                    record_[role] = sorted(record_[role], key=lambda e: e["iri_id"])
        assert record == original, key


def test_kg_export_writes_files_atomically_or_to_standard_output(store, tmp_path, kg_main):
    out = tmp_path / "sub" / "graph.trig"
    written = kg_main("export", store, "--format", "trig", "--out", out)
    assert written.code == 0, written.err
    assert out.read_bytes() == export_path(store, "trig")
    assert [p.name for p in out.parent.iterdir()] == ["graph.trig"]
    printed = kg_main("export", store, "--format", "plover")
    assert printed.code == 0
    assert [json.loads(line)["id"] for line in printed.out.splitlines()] == \
        [record["id"] for record in map(json.loads, export_path(store, "plover").decode().splitlines())]
    missing = kg_main("export", tmp_path / "nothing-here.ttl", "--format", "nt")
    assert missing.code == 1 and "no store folder or RDF file" in missing.err


EXPORT_ALL = """
import sys
from pathlib import Path
from kg.export import EXPORT_FORMATS, export_path
for fmt in EXPORT_FORMATS:
    (Path(sys.argv[2]) / fmt).write_bytes(export_path(sys.argv[1], fmt))
"""


def test_two_builds_of_the_same_input_are_byte_identical_in_every_format(tmp_path):
    """Separate processes with different hash seeds: nothing may depend on set order or the clock."""
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    outputs = []
    for seed in ("1", "2"):
        run = tmp_path / f"run{seed}"
        build = subprocess.run([str(KG), "build", str(SAMPLES), "--out", str(run / "out"), "--store",
                                str(run / "store"), "--quiet"], env={**env, "PYTHONHASHSEED": seed},
                               capture_output=True, text=True, timeout=300, check=False)
        assert build.returncode == 0, build.stderr
        (run / "exports").mkdir()
        export = subprocess.run([sys.executable, "-c", EXPORT_ALL, str(run / "store"), str(run / "exports")],
                                env={**env, "PYTHONHASHSEED": str(int(seed) + 10)}, capture_output=True, text=True,
                                timeout=300, check=False)
        assert export.returncode == 0, export.stderr
        outputs.append(run)
    first, second = outputs
    for fmt in EXPORT_FORMATS:
        a, b = (first / "exports" / fmt).read_bytes(), (second / "exports" / fmt).read_bytes()
        assert a and a == b, fmt
    for name in ("graph.ttl", "graph.graphml", "graph.html", "events.jsonl"):
        assert (first / "out" / name).read_bytes() == (second / "out" / name).read_bytes(), name
    nt = (first / "exports" / "nt").read_text(encoding="utf-8").splitlines()
    assert nt == sorted(nt) and len(nt) == len(set(nt))  # sorted N-Triples, no repeats


def test_the_same_dataset_serialises_identically_whatever_was_added_first():
    results = invented_results()
    forward = add_ontology(dataset_of(results))
    backward = add_ontology(dataset_of(list(reversed(results))))
    from kg.views.rdf_formats import serialize

    for fmt in RDF_FORMATS:
        assert serialize(forward, fmt) == serialize(backward, fmt), fmt
    assert "plover" in EXPORT_FORMATS
