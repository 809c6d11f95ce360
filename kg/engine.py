"""Where the articles of `kg build` are processed: this process, worker processes, or a Dask cluster.

Each engine cuts the input into batches (partitions) of BATCH articles and runs
kg/shards.py's `process_batch` on each: the whole pipeline — parse, actor resolution, event
coding and RDF serialisation — runs where the batch is sent, and only the shards come back.
The shards are handed on in input order whatever order the batches finish in, and at most a
few batches per worker are in flight at once, so memory stays flat however long the input.
Every worker process loads the spaCy pipeline once and keeps it (kg/shards.py `extractor`).
"""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from enum import StrEnum
from itertools import islice

from .model import Article
from .shards import ArticleShard, Failure, process_batch

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


def run(articles: Iterable[Article], settings, processes: int = 1, engine: Engine = Engine.LOCAL,
        scheduler: str | None = None, work: Callable[[list[Article], object], list] = process_batch) -> Iterator:
    """The shards of `articles`, in input order, made by the chosen engine. `work` is what is done
    to each batch where it is sent: `process_batch` (kg build) or `extract_batch` (kg extract)."""
    if engine == Engine.DASK:
        yield from _dask(articles, settings, processes, scheduler, work)
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


def batch_key(batch: list[Article], settings) -> str:
    """A Dask key named by the batch's content and settings (which say whether it is kg build's or
    kg extract's work): running the same input again is the same work."""
    digest = hashlib.sha1(repr((settings, [(a.id, a.date, a.title, a.url, a.text) for a in batch])).encode())
    return f"kg-batch-{digest.hexdigest()[:20]}"


def _dask(articles: Iterable[Article], settings, processes: int, scheduler: str | None,
          work: Callable = process_batch) -> Iterator[Result]:
    import logging

    from distributed import Client, LocalCluster

    if scheduler:
        client = Client(scheduler)
        cluster = None
    else:
        cluster = LocalCluster(n_workers=processes, threads_per_worker=1, processes=True, host="127.0.0.1",
                               dashboard_address=None, silence_logs=logging.ERROR)
        client = Client(cluster)
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        yield from in_order(
            batches(articles),
            lambda batch: client.submit(work, batch, settings, key=batch_key(batch, settings),
                                        retries=RETRIES, pure=False),
            lambda future: future.result(), workers * IN_FLIGHT)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
