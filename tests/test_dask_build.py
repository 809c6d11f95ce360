"""`kg build --engine dask` and `--scheduler`: a real Dask LocalCluster (two worker processes on
127.0.0.1) builds the same bytes as the single-process build, and a batch whose worker is killed
mid-run is run again on another worker. Each batch is a partition whose files the worker writes
(kg/partitions.py): a second build reuses them, a deleted one is recomputed alone, and the store
and the triple-store push made from them hold what the single-process build's do."""

from __future__ import annotations

import os
import signal
import subprocess
import time

import pyoxigraph as ox
import pytest
from conftest import KG, OUTPUT_NAMES, ROOT, SAMPLES, run_kg, snapshot
from generated import write_corpus

from kg.store import Store

distributed = pytest.importorskip("distributed")


def outputs(folder):
    """The build's output files and their bytes (the partitions folder beside them left out)."""
    return {name: data for name, data in snapshot(folder).items() if name != "partitions"}


def stats(folder) -> dict[str, tuple[int, int]]:
    """(inode, modification time) of every file in a partitions folder: a file written again is a new inode."""
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def cluster():
    """Two worker processes, one thread each, on the loopback; closed after the module."""
    import logging

    local = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                     dashboard_address=None, silence_logs=logging.ERROR)
    client = distributed.Client(local)
    try:
        yield local, client
    finally:
        client.close()
        local.close()


@pytest.fixture(scope="module")
def corpus_200(tmp_path_factory):
    """200 invented articles and their single-process build."""
    folder = tmp_path_factory.mktemp("dask-corpus")
    corpus = write_corpus(folder / "news.jsonl", 200, seed=200, sentences=5)
    run = run_kg("build", corpus, "--out", folder / "single", "--quiet")
    assert run.code == 0, run.err
    return corpus, snapshot(folder / "single")


def test_dask_local_cluster_builds_the_samples_as_one_process_does(tmp_path, samples_out):
    run = run_kg("build", SAMPLES, "--out", tmp_path / "out", "--quiet", "--engine", "dask", "--processes", 2)
    assert run.code == 0, run.err
    assert set(snapshot(samples_out)) == set(OUTPUT_NAMES)
    assert outputs(tmp_path / "out") == snapshot(samples_out)
    assert len(list((tmp_path / "out" / "partitions").glob("kg-batch-*.nq"))) == 1  # 3 articles: one batch


def test_dask_scheduler_builds_200_articles_as_one_process_does(tmp_path, cluster, corpus_200):
    local, _client = cluster
    corpus, single = corpus_200
    run = run_kg("build", corpus, "--out", tmp_path / "out", "--quiet", "--scheduler", local.scheduler_address)
    assert run.code == 0, run.err
    assert "200 articles" in run.err
    assert outputs(tmp_path / "out") == single


def test_a_batch_whose_worker_is_killed_is_run_again_and_the_output_is_unchanged(tmp_path, cluster, corpus_200):
    local, client = cluster
    corpus, single = corpus_200
    pids = client.run(os.getpid)
    build = subprocess.Popen([str(KG), "build", str(corpus), "--out", str(tmp_path / "out"), "--quiet",
                              "--scheduler", local.scheduler_address], cwd=ROOT, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    killed = None
    deadline = time.monotonic() + 240
    while killed is None and build.poll() is None and time.monotonic() < deadline:
        busy = [address for address, keys in client.processing().items()
                if any(str(key).startswith("kg-batch-") for key in keys)]
        if busy and busy[0] in pids:
            time.sleep(1.0)  # let it get into the batch (loading the model, parsing)
            os.kill(pids[busy[0]], signal.SIGKILL)
            killed = busy[0]
        time.sleep(0.2)
    out, err = build.communicate(timeout=600)
    assert killed is not None, "no batch was seen running: the build ended before a worker could be killed"
    assert build.returncode == 0, err
    assert outputs(tmp_path / "out") == single
    partitions = tmp_path / "out" / "partitions"
    assert len(list(partitions.glob("*.nq"))) == len(list(partitions.glob("*.shards.jsonl"))) == 13  # 200 / 16
    assert not list(partitions.glob(".*"))  # the killed worker's half-written file was removed
    client.wait_for_workers(2, timeout=120)  # the nanny restarted the killed worker


@pytest.fixture(scope="module")
def corpus_40(tmp_path_factory):
    """40 invented articles (three batches: 16, 16 and 8) and their single-process build with --store."""
    folder = tmp_path_factory.mktemp("dask-40")
    corpus = write_corpus(folder / "news.jsonl", 40, seed=40, sentences=5)
    run = run_kg("build", corpus, "--out", folder / "single", "--store", folder / "single-store", "--quiet")
    assert run.code == 0, run.err
    return corpus, snapshot(folder / "single"), folder / "single-store"


@pytest.fixture(scope="module")
def partitioned(tmp_path_factory, cluster, corpus_40, oxigraph_server):
    """The 40 articles built on the cluster into a partitions folder of their own, loaded into an
    embedded store and pushed to a real Oxigraph server."""
    local, _client = cluster
    folder = tmp_path_factory.mktemp("dask-partitioned")
    run = run_kg("build", corpus_40[0], "--out", folder / "out", "--partitions", folder / "partitions",
                 "--store", folder / "store", "--push", oxigraph_server.store_endpoint, "--quiet",
                 "--scheduler", local.scheduler_address)
    assert run.code == 0, run.err
    return folder, run


def test_every_batch_is_written_as_a_partition_and_the_outputs_are_the_single_process_ones(partitioned, corpus_40):
    folder, _run = partitioned
    assert set(snapshot(folder / "out")) == set(OUTPUT_NAMES)  # --partitions elsewhere: nothing added to --out
    assert outputs(folder / "out") == corpus_40[1]
    files = sorted(p.name for p in (folder / "partitions").iterdir())
    keys = sorted({name.split(".")[0] for name in files})
    assert len(keys) == 3 and files == sorted(f"{key}{suffix}" for key in keys for suffix in (".nq", ".shards.jsonl"))
    trig = set(ox.parse(path=str(folder / "out" / "graph.trig"), format=ox.RdfFormat.TRIG))
    nquads = set()
    for key in keys:
        nquads |= set(ox.parse(path=str(folder / "partitions" / f"{key}.nq"), format=ox.RdfFormat.N_QUADS))
    article_graphs = {q.graph_name.value for q in trig if "/id/graph/" in q.graph_name.value}
    assert len(article_graphs) == 40
    # the partitions hold every article graph and the actors graph, quad for quad as graph.trig does
    assert nquads == {q for q in trig if q.graph_name.value in article_graphs | {"https://w3id.org/geokg/id/actors"}}


def test_a_second_build_reuses_every_partition_and_builds_the_same_outputs(tmp_path, partitioned, cluster, corpus_40):
    folder, _run = partitioned
    before = stats(folder / "partitions")
    run = run_kg("build", corpus_40[0], "--out", tmp_path / "out", "--partitions", folder / "partitions", "--quiet",
                 "--scheduler", cluster[0].scheduler_address)
    assert run.code == 0, run.err
    assert stats(folder / "partitions") == before  # not one file written again
    assert outputs(tmp_path / "out") == corpus_40[1]


def test_a_deleted_partition_is_computed_again_and_the_others_are_not(tmp_path, partitioned, cluster, corpus_40):
    folder, _run = partitioned
    partitions = tmp_path / "partitions"
    partitions.mkdir()
    for path in (folder / "partitions").iterdir():
        os.link(path, partitions / path.name)  # the same files (inodes), in a folder this test may change
    gone = sorted(partitions.glob("*.nq"))[1]
    gone.unlink()
    before = stats(partitions)
    run = run_kg("build", corpus_40[0], "--out", tmp_path / "out", "--partitions", partitions, "--quiet",
                 "--scheduler", cluster[0].scheduler_address)
    assert run.code == 0, run.err
    after = stats(partitions)
    assert set(after) == set(before) | {gone.name}
    changed = {name for name in after if before.get(name) != after[name]}
    assert changed == {gone.name, gone.name.replace(".nq", ".shards.jsonl")}
    assert outputs(tmp_path / "out") == corpus_40[1]


COUNTS = {
    "events": "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { GRAPH ?g { ?e a kgo:Event } }",
    "reported": "SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a kgo:ReportedEvent }",
    "graphs": "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
    "actors": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/geokg/id/actors> { ?s ?p ?o } }",
    "triples": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
}


def test_the_store_loaded_from_the_partitions_is_the_single_process_store(partitioned, corpus_40):
    folder, _run = partitioned
    with Store(folder / "store") as dask_store, Store(corpus_40[2]) as single:
        counts = {name: int(next(iter(dask_store.query(q)))["n"].value) for name, q in COUNTS.items()}
        assert counts == {name: int(next(iter(single.query(q)))["n"].value) for name, q in COUNTS.items()}
        assert counts["events"] > 40 and counts["graphs"] == 43  # 40 articles, actors, merged events, ontology
        assert dask_store.nquads() == single.nquads()


def test_the_push_from_the_partitions_holds_every_quad_of_the_build(partitioned, oxigraph_server):
    folder, run = partitioned
    trig = set(ox.parse(path=str(folder / "out" / "graph.trig"), format=ox.RdfFormat.TRIG))
    assert oxigraph_server.graphs() == {q.graph_name.value for q in trig}
    assert oxigraph_server.count() == len(trig)
    assert f"pushed {len(oxigraph_server.graphs())} graphs" in run.err


@pytest.mark.parametrize(("options", "error"), [
    (["--partitions", "parts"], "--partitions is for the Dask engine"),
    (["--engine", "dask", "--partitions", "out"], "--partitions must be a folder of its own"),
    (["--push", "ftp://example.org/store"], "--push must be an http(s) URL"),
    (["--push-user", "dba"], "--push-user is the user of --push URL"),
])
def test_build_options_that_cannot_work_are_refused_before_any_work(tmp_path, options, error):
    run = run_kg("build", SAMPLES, "--out", tmp_path / "out", "--quiet", *options, cwd=tmp_path)
    assert run.code == 1 and error in run.err, run.err
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no output folder, no partitions folder
