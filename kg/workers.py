"""How many worker processes `kg build` and `kg extract` start when the user does not say
(`--processes auto`, the default).

One process parses about 4,000 words a second on a quiet core (docs/performance.md); on two
cores two workers cut the wall time of a large input to 0.51–0.64 of one process's, and the
output is byte-identical whatever the count. Each worker loads its own copy of the pipeline
first (about two seconds and 350–420 MB), so a small input is done sooner in this process. The
rule: one worker per usable core, as many as the available memory holds, once the input
reaches AUTO_MIN_BYTES; one process below that, on a single core, or when the input's size is
unknown (standard input). Nothing heavy is imported here (kg/ingest.py, which names the files
kg reads, is already loaded by the command line): `kg extract` decides before it loads the model.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .ingest import SUPPORTED

AUTO = "auto"
# About 170,000 words of news: a minute of parsing for one process, against the two seconds
# a worker spends loading the pipeline before its first article.
AUTO_MIN_BYTES = 1_000_000
# A worker's peak resident memory with the default model, rounded up from the benchmarks'
# 340–420 MB with room for long articles, so auto never starts more workers than fit.
WORKER_BYTES = 600 * 2**20


@dataclass(frozen=True)
class Choice:
    """The number of processes and why, for the note `kg` prints when it starts workers."""

    processes: int
    reason: str


def auto_processes(paths: Iterable[str], cores: int | None = None, memory: int | None = None) -> Choice:
    """The process count for `--processes auto`. `cores` and `memory` (bytes available) default
    to this machine's; they are parameters so the rule can be tested on any machine."""
    paths = list(paths)
    if "-" in paths:
        return Choice(1, "standard input: its size is not known before it is read")
    size = input_bytes(paths, stop_at=AUTO_MIN_BYTES)
    if size < AUTO_MIN_BYTES:
        return Choice(1, f"input under {AUTO_MIN_BYTES // 1_000_000} MB")
    cores = usable_cores() if cores is None else cores
    memory = available_memory() if memory is None else memory
    fit = cores if memory is None else max(1, memory // WORKER_BYTES)
    processes = max(1, min(cores, fit))
    reason = f"input of {AUTO_MIN_BYTES // 1_000_000} MB or more, {cores} usable core{'s' * (cores != 1)}"
    if fit < cores:
        reason += f", memory for {fit} worker{'s' * (fit != 1)}"
    return Choice(processes, reason)


def input_bytes(paths: Iterable[str], stop_at: int | None = None) -> int:
    """The size of the files `paths` name (folders: their supported files, as kg reads them),
    counted only until `stop_at` is reached: a folder of a million files is not walked to the end
    to learn that it is large. Missing or unreadable paths count nothing (they are reported
    when the articles are read)."""
    total = 0
    for size in _sizes(paths):
        total += size
        if stop_at is not None and total >= stop_at:
            break
    return total


def _sizes(paths: Iterable[str]) -> Iterator[int]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, _, names in os.walk(path):
                for name in names:
                    if Path(name).suffix.lower() in SUPPORTED:
                        yield _size(Path(root) / name)
        else:
            yield _size(path)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def usable_cores() -> int:
    """The cores this process may run on (a container's or taskset's limit, not the machine's)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


def available_memory() -> int | None:
    """Bytes of memory available to new processes (Linux's MemAvailable), or None when unknown."""
    try:
        with open("/proc/meminfo", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None
