"""`kg build --engine dask` and `--scheduler`: a real Dask LocalCluster (two worker processes on
127.0.0.1) builds the same bytes as the single-process build, and a batch whose worker is killed
mid-run is run again on another worker."""

from __future__ import annotations

import os
import signal
import subprocess
import time

import pytest
from conftest import KG, OUTPUT_NAMES, ROOT, SAMPLES, run_kg, snapshot
from generated import write_corpus

distributed = pytest.importorskip("distributed")


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
    assert snapshot(tmp_path / "out") == snapshot(samples_out)


def test_dask_scheduler_builds_200_articles_as_one_process_does(tmp_path, cluster, corpus_200):
    local, _client = cluster
    corpus, single = corpus_200
    run = run_kg("build", corpus, "--out", tmp_path / "out", "--quiet", "--scheduler", local.scheduler_address)
    assert run.code == 0, run.err
    assert "200 articles" in run.err
    assert snapshot(tmp_path / "out") == single


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
    assert snapshot(tmp_path / "out") == single
    client.wait_for_workers(2, timeout=120)  # the nanny restarted the killed worker
