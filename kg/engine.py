"""Where the articles of `kg build` are processed: this process, worker processes, or a Dask cluster.

Each engine cuts the input into batches (partitions) of BATCH articles and runs
kg/shards.py's `process_batch` on each: the whole pipeline — parse, actor resolution, event
coding and RDF serialisation — runs where the batch is sent, and only the shards come back.
The shards are handed on in input order whatever order the batches finish in, and at most a
few batches per worker are in flight at once, so memory stays flat however long the input.
Every worker process loads the spaCy pipeline once and keeps it (kg/shards.py `extractor`).

On Dask the shards do not travel back through the scheduler: each worker writes its batch's
partition files (N-Quads and shards, kg/partitions.py) into a folder the parent can read, and
the parent streams them from there. A batch whose files exist is not computed again, and a
batch whose worker dies is run again elsewhere.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from enum import StrEnum
from itertools import islice
from pathlib import Path

from .model import Article
from .partitions import Partition, batch_key, remove_leftovers, write_partition
from .shards import ArticleShard, Failure, Settings, process_batch

BATCH = 16  # articles per batch: large enough to keep nlp.pipe's batching, small enough to spread
IN_FLIGHT = 2  # batches per worker waiting or running at once
RETRIES = 2  # a Dask batch whose worker dies is run again this many times


class Engine(StrEnum):
    LOCAL = "local"  # this process, or --processes worker processes on this machine
    DASK = "dask"  # a Dask cluster: a LocalCluster of --processes workers, or --scheduler's


Result = ArticleShard | Failure  # (kg extract's work gives ArticleLines in place of shards)


def batches(articles: Iterable[Article], size: int = BATCH) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while batch := list(islice(iterator, size)):
        yield batch


def in_order(batches_: Iterable[list[Article]], submit: Callable[[list[Article]], object],
             result: Callable[[object], list[Result]], window: int) -> Iterator[Result]:
    """Submit batches keeping at most `window` pending, and yield their shards in input order."""
    pending: deque = deque()
    for batch in batches_:
        pending.append(submit(batch))
        while len(pending) >= window:
            yield from result(pending.popleft())
    while pending:
        yield from result(pending.popleft())


def run(articles: Iterable[Article], settings: Settings, processes: int = 1, engine: Engine = Engine.LOCAL,
        scheduler: str | None = None, partitions: Path | None = None,
        written: Callable[[Partition], None] | None = None,
        work: Callable[[list[Article], object], list] = process_batch) -> Iterator:
    """The shards of `articles`, in input order, made by the chosen engine. `work` is what is done
    to each batch where it is sent: `process_batch` (kg build) or `extract_batch` (kg extract). The
    Dask engine (kg build only) writes the shards to partition files in `partitions` and calls
    `written` with each partition, in order."""
    if engine == Engine.DASK:
        if work is not process_batch:
            raise ValueError("the Dask engine runs kg build's work only")
        if partitions is None:
            raise ValueError("the Dask engine needs a partitions folder")
        yield from _dask(articles, settings, processes, scheduler, Path(partitions).resolve(), written)
    elif processes == 1:
        for batch in batches(articles):
            yield from work(batch, settings)
    else:
        yield from _processes(articles, settings, processes, work)


def _processes(articles: Iterable[Article], settings, processes: int, work: Callable) -> Iterator[Result]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # spawn, not fork: the parent may hold threads (tqdm, BLAS) that a forked child would inherit locked
    with ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("spawn")) as pool:
        yield from in_order(batches(articles), lambda batch: pool.submit(work, batch, settings),
                            lambda future: future.result(), processes * IN_FLIGHT)


def _dask(articles: Iterable[Article], settings: Settings, processes: int, scheduler: str | None,
          partitions: Path, written: Callable[[Partition], None] | None) -> Iterator[Result]:
    """Each batch becomes a partition (kg/partitions.py): a worker writes its files into
    `partitions`, and the parent reads the shards back from them in input order. A batch whose
    files are already there (an earlier run of the same input) is not sent to the cluster."""
    partitions.mkdir(parents=True, exist_ok=True)
    keys: set[str] = set()
    with _Cluster(processes, scheduler) as cluster:

        def submit(batch: list[Article]) -> tuple[Partition, object]:
            partition = Partition(partitions, batch_key(batch, settings))
            keys.add(partition.key)
            if partition.done():
                return partition, None
            return partition, cluster.client().submit(write_partition, batch, settings, partition,
                                                      key=partition.key, retries=RETRIES, pure=False)

        def result(pending: tuple[Partition, object]) -> Iterator[Result]:
            partition, future = pending
            if future is not None:
                future.result()
                future.release()
            if written is not None:
                written(partition)
            return partition.shards()

        yield from in_order(batches(articles), submit, result, cluster.workers * IN_FLIGHT)
    remove_leftovers(partitions, keys)


class _Cluster:
    """The Dask client. A running scheduler is joined at once (its workers set how many batches are
    in flight); a LocalCluster is started only when the first batch needs computing, so a re-run
    whose partitions are all written starts no worker."""

    def __init__(self, processes: int, scheduler: str | None) -> None:
        from distributed import Client

        self.processes, self.local = processes, None
        self._client = Client(scheduler) if scheduler else None
        self.workers = processes if self._client is None else \
            max(1, len(self._client.scheduler_info().get("workers", {})))

    def client(self):
        if self._client is None:
            import logging

            from distributed import Client, LocalCluster

            self.local = LocalCluster(n_workers=self.processes, threads_per_worker=1, processes=True,
                                      host="127.0.0.1", dashboard_address=None, silence_logs=logging.ERROR)
            self._client = Client(self.local)
        return self._client

    def __enter__(self) -> _Cluster:
        return self

    def __exit__(self, *exc_info) -> None:
        if self._client is not None:
            self._client.close()
        if self.local is not None:
            self.local.close()
