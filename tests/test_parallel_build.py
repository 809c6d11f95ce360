"""`kg build` with the whole pipeline in worker processes and the outputs streamed from shards:
the same bytes whatever the number of processes, and the same graph as the in-memory dataset
that kg/rdf.py builds from the same results."""

from __future__ import annotations

import json
import re

import networkx as nx
import pyoxigraph as ox
import pytest
from conftest import OUTPUT_NAMES, SAMPLES, run_kg, snapshot
from generated import write_corpus

from kg.ingest import read_inputs
from kg.merge import MERGED_GRAPH, add_merged
from kg.model import Article
from kg.outputs import write_outputs
from kg.rdf import Run, add_ontology, add_results, new_dataset
from kg.views.network import to_networkx
from kg.views.rdf_formats import union_graph


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """Three dozen invented articles, as JSON Lines."""
    return write_corpus(tmp_path_factory.mktemp("generated") / "news.jsonl", 36)


def _parsed(text: str, fmt) -> set[tuple[str, str, str, str]]:
    return {(str(q.subject), str(q.predicate), str(q.object), str(q.graph_name))
            for q in ox.parse(text.encode("utf-8"), format=fmt)}


def _quads(path, fmt) -> set[tuple[str, str, str, str]]:
    return {(str(q.subject), str(q.predicate), str(q.object), str(q.graph_name))
            for q in ox.parse(path=str(path), format=fmt)}


def test_build_is_byte_identical_with_one_and_two_worker_processes(tmp_path, generated):
    builds = {}
    for processes in (1, 2):
        out = tmp_path / f"out-{processes}"
        run = run_kg("build", generated, SAMPLES, "--out", out, "--quiet", "--processes", processes)
        assert run.code == 0, run.err
        builds[processes] = snapshot(out)
    assert set(builds[1]) == set(OUTPUT_NAMES)
    assert builds[1] == builds[2]
    assert builds[1]["events.jsonl"].count(b"\n") > 100  # the generated articles gave events


def test_build_reports_an_article_that_fails_in_a_worker_and_keeps_the_others(tmp_path, generated):
    """A record with no text is a problem of the input, reported by the parent; the rest are built."""
    broken = tmp_path / "broken.jsonl"
    broken.write_text(generated.read_text(encoding="utf-8").splitlines()[0] + "\n" + json.dumps({"id": "x"}) + "\n",
                      encoding="utf-8")
    run = run_kg("build", broken, "--out", tmp_path / "out", "--quiet", "--processes", 2)
    assert run.code == 0, run.err
    assert "skipped" in run.err
    assert re.search(r"kg: 1 articles", run.err)


def test_streamed_outputs_hold_exactly_the_in_memory_dataset(tmp_path, extractor, generated):
    """graph.trig and graph.ttl parse to the quads and triples of the dataset kg/rdf.py and
    kg/merge.py build in memory; graph.graphml reads back as `to_networkx` of that dataset."""
    articles = [item for item in read_inputs([str(generated), str(SAMPLES)]) if isinstance(item, Article)]
    results = list(extractor.run(articles))
    run = Run(extractor.model_name)
    summary = write_outputs(results, tmp_path, title="t", run=run)
    dataset = add_ontology(add_merged(add_results(new_dataset(), results, run)))

    expected = _parsed(dataset.serialize(format="nquads"), ox.RdfFormat.N_QUADS)
    assert _quads(tmp_path / "graph.trig", ox.RdfFormat.TRIG) == expected
    union = union_graph(dataset)
    triples = {(s, p, o) for s, p, o, _ in _quads(tmp_path / "graph.ttl", ox.RdfFormat.TURTLE)}
    assert triples == {(s, p, o) for s, p, o, _ in _parsed(union.serialize(format="nt"), ox.RdfFormat.N_TRIPLES)}
    assert summary["triples"] == len(union)
    assert summary["reported"] == len({s for s, _, _, g in expected if g == f"<{MERGED_GRAPH}>"})

    net = to_networkx(dataset)
    read = nx.read_graphml(tmp_path / "graph.graphml")
    assert dict(read.nodes(data=True)) == dict(net.nodes(data=True))

    def edges(graph):
        return sorted((a, r, k, sorted(d.items())) for a, r, k, d in graph.edges(keys=True, data=True))

    assert edges(read) == edges(net)
    assert len(net.edges) > 300


def test_a_large_graph_gets_an_aggregate_html_view_and_keeps_every_event_elsewhere(tmp_path, generated):
    out = tmp_path / "out"
    run = run_kg("build", generated, "--out", out, "--quiet", "--html-limit", 4)
    assert run.code == 0, run.err
    page = (out / "graph.html").read_text(encoding="utf-8")
    assert "aggregate: the 4 busiest of" in page
    data = json.loads(re.search(r'<script type="application/json" id="[^"]*">(.*?)</script>', page, re.S).group(1))
    assert len(data["nodes"]) == 4
    assert len(data["edges"]) <= 8
    events = int(re.search(r"(\d+) events \(", run.err).group(1))
    assert 0 < len(data["events"]) < events
    assert {k for *_, k in nx.read_graphml(out / "graph.graphml").edges(keys=True)} >= {e["id"] for e in data["events"]}
    assert len({k for *_, k in nx.read_graphml(out / "graph.graphml").edges(keys=True)}) == events


def test_store_build_bulk_loads_the_outputs_and_a_second_build_changes_nothing(tmp_path, generated):
    store = tmp_path / "store"
    first = run_kg("build", generated, "--out", tmp_path / "out", "--store", store, "--quiet")
    assert first.code == 0, first.err
    with _Opened(store) as db:
        named = {(str(q.subject), str(q.predicate), str(q.object), str(q.graph_name))
                 for q in db.quads_for_pattern(None, None, None) if not isinstance(q.graph_name, ox.DefaultGraph)}
        default = {(str(q.subject), str(q.predicate), str(q.object))
                   for q in db.quads_for_pattern(None, None, None, ox.DefaultGraph())}
    fresh = ox.Store()  # Oxigraph keeps numbers in canonical form ("-9.0" → "-9"): compare like with like
    fresh.load(path=str(tmp_path / "out" / "graph.trig"), format=ox.RdfFormat.TRIG)
    assert named == {(str(q.subject), str(q.predicate), str(q.object), str(q.graph_name)) for q in fresh}
    assert default == {(s, p, o) for s, p, o, _ in named}
    again = run_kg("build", generated, "--out", tmp_path / "out2", "--store", store, "--quiet")
    assert again.code == 0, again.err
    with _Opened(store) as db:
        assert {(str(q.subject), str(q.predicate), str(q.object), str(q.graph_name))
                for q in db.quads_for_pattern(None, None, None)
                if not isinstance(q.graph_name, ox.DefaultGraph)} == named


class _Opened:
    """A store folder opened read-only with pyoxigraph, closed (unlocked) on exit."""

    def __init__(self, path) -> None:
        self.store = ox.Store.read_only(str(path))

    def __enter__(self) -> ox.Store:
        return self.store

    def __exit__(self, *exc_info) -> None:
        del self.store
