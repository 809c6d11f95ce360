"""What the Dask build's partition files save: a first build, a second build of the same input
(every partition reused), and a build after one partition file was deleted, side by side.

Not a test: it prints one line per build (wall time, the parent's peak memory, the load
average, as this machine is shared) and the ratios to the first build, all measured in this
one invocation. The builds run on one LocalCluster of WORKERS processes started here (so the
cluster's start-up is left out) through `kg build --scheduler`; each runs in a fresh wrapper
process whose only child is `kg build`, so ru_maxrss of its children is the parent's own peak
(the workers are this script's). The corpus is invented articles (tests/generated.py).

    .venv/bin/python benchmarks/dask_partitions.py [ARTICLES [WORKERS]]   # default 200 articles, 2 workers
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from pathlib import Path

# the same wrapper as build_memory.py (the build's own peak and wall time); importing it puts
# tests/ on the path for tests/generated.py
from build_memory import KG, measured


def build(corpus: Path, out: Path, partitions: Path, scheduler: str) -> tuple[float, float]:
    """(seconds, parent's peak MB) of one `kg build` on the cluster."""
    command = [str(KG), "build", str(corpus), "--out", str(out), "--quiet", "--partitions", str(partitions),
               "--scheduler", scheduler]
    peak, seconds = measured(command)
    return seconds, peak


def same_outputs(a: Path, b: Path) -> bool:
    names = ("graph.ttl", "graph.trig", "events.jsonl", "graph.graphml", "graph.html")
    return all((a / name).read_bytes() == (b / name).read_bytes() for name in names)


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    from distributed import Client, LocalCluster
    from generated import write_corpus

    articles = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    workers = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    with tempfile.TemporaryDirectory() as tmp, \
            LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                         dashboard_address=None, silence_logs=logging.ERROR) as cluster, Client(cluster):
        work = Path(tmp)
        corpus = write_corpus(work / "news.jsonl", articles, seed=articles, sentences=5)
        partitions = work / "partitions"
        print(f"# kg build --scheduler (LocalCluster of {workers} workers), {articles} invented articles, "
              f"{os.cpu_count()} cores; load average {load()}")
        first, first_peak = build(corpus, work / "first", partitions, cluster.scheduler_address)
        files = sorted(partitions.glob("*.nq"))
        print(f"first build, {len(files)} partitions written   {first:7.1f} s  parent peak {first_peak:6.1f} MB  "
              f"load {load()}")
        again, again_peak = build(corpus, work / "again", partitions, cluster.scheduler_address)
        print(f"second build, every partition reused   {again:7.1f} s  parent peak {again_peak:6.1f} MB  "
              f"load {load()}")
        files[len(files) // 2].unlink()
        one, one_peak = build(corpus, work / "one", partitions, cluster.scheduler_address)
        print(f"third build, one partition recomputed  {one:7.1f} s  parent peak {one_peak:6.1f} MB  "
              f"load {load()}")
        same = same_outputs(work / "first", work / "again") and same_outputs(work / "first", work / "one")
        print(f"# wall time vs the first build: every partition reused x{again / first:.2f}, one of "
              f"{len(files)} recomputed x{one / first:.2f}; outputs byte-identical: {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
