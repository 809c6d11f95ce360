"""Oxigraph's bulk loader on geo-kg's own N-Quads: seconds per million quads, store size on disk.

Not a test: it prints one line per size. The quads are the sample build's (outputs/graph.trig),
then its per-article quads again and again under new article, event and graph IRIs until the
file holds N quads, so their shape (one named graph per article, events as nodes, shared actor
IRIs, evidence sentences as literals) is the product's. Numbers for
docs/scale.md.

    .venv/bin/python benchmarks/oxigraph_bulk_load.py [MILLIONS ...]    # default: 1
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
PER_COPY = ("https://w3id.org/geokg/id/article/", "https://w3id.org/geokg/id/event/",
            "https://w3id.org/geokg/id/graph/", "https://w3id.org/geokg/id/run/",
            "https://w3id.org/geokg/id/reported/")


def sample_lines() -> list[str]:
    """The sample build's quads as N-Quads lines."""
    quads = ox.parse(path=str(ROOT / "outputs" / "graph.trig"), format=ox.RdfFormat.TRIG)
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode("utf-8").splitlines()


def write_nquads(path: Path, quads: int) -> None:
    """`quads` lines: the sample's, with per-article IRIs given a copy number each time round."""
    lines = sample_lines()
    per_article = [line for line in lines if any(prefix in line for prefix in PER_COPY)]
    written = copy = 0
    with path.open("w", encoding="utf-8") as handle:
        while written < quads:
            # the first copy whole; later ones only what belongs to an article (actors and the
            # ontology are shared by a corpus, and a repeated quad would be stored once)
            for line in (lines if copy == 0 else per_article)[: quads - written]:
                for prefix in PER_COPY:
                    line = line.replace(prefix, f"{prefix}c{copy}-")
                handle.write(line + "\n")
                written += 1
            copy += 1


def size_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 2**20


def main() -> None:
    millions = [float(a) for a in sys.argv[1:]] or [1.0]
    print(f"# pyoxigraph {ox.__version__}, {os.cpu_count()} cores, load average "
          + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    for m in millions:
        with tempfile.TemporaryDirectory() as tmp:
            source = Path(tmp) / "quads.nq"
            write_nquads(source, int(m * 1_000_000))
            store_path = Path(tmp) / "store"
            started = time.perf_counter()
            store = ox.Store(str(store_path))
            store.bulk_load(path=str(source), format=ox.RdfFormat.N_QUADS)
            store.flush()
            seconds = time.perf_counter() - started
            count = len(store)
            del store
            query_store = ox.Store.read_only(str(store_path))
            started = time.perf_counter()
            events = next(iter(query_store.query(
                "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?e a <https://w3id.org/geokg/ontology#Event> } }")))[0]
            query = time.perf_counter() - started
            print(f"{count:11,} quads  bulk load {seconds:6.1f} s  ({seconds / count * 1e6:5.1f} s per million)  "
                  f"N-Quads {source.stat().st_size / 2**20:6.0f} MB  store {size_mb(store_path):6.0f} MB  "
                  f"count of {events.value} events {query:.2f} s  load average "
                  + " ".join(f"{x:.2f}" for x in os.getloadavg()))
            del query_store
            shutil.rmtree(store_path)


if __name__ == "__main__":
    main()
