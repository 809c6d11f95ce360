"""Atomic file writes: a crash or Ctrl-C leaves the previous file intact, never half a file."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO


@contextlib.contextmanager
def atomic_open(path: Path, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:
    """Write to a temporary file beside `path`, then rename it over `path` on success."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.chmod(tmp, 0o666 & ~_umask())  # mkstemp creates 0600; outputs are ordinary files
    try:
        with os.fdopen(fd, mode, encoding=None if "b" in mode else encoding) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


STAGING_PREFIX = ".kg-staging-"
JOURNAL = ".kg-commit"  # names the staging folder whose files are being moved into place
# Signals that would otherwise stop the process between two of the renames of one commit.
_DEFERRED = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}


class FolderBusy(OSError):
    """Another process holds the lock on a folder (another `kg build` writing to it)."""


@contextlib.contextmanager
def locked_folder(folder: Path, what: str) -> Iterator[Path]:
    """Hold an exclusive lock on `folder` (created if missing) while the block runs.

    The lock is flock(2) on the folder itself, so no lock file is left behind, and the kernel
    releases it when the process ends however it ends. A second `kg build` aimed at the same
    folder is refused at once, before it does any work, instead of overwriting the first's files.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno in {errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES}:
                raise FolderBusy(f"another kg process is writing to the {what} {folder}; wait for it to "
                                 "finish or choose another folder") from None
            raise
        yield folder
    finally:
        os.close(fd)  # closing the descriptor releases the lock


@contextlib.contextmanager
def staged_folder(out: Path, committed: Callable[[], None] | None = None) -> Iterator[Path]:
    """A hidden folder inside `out` to write a set of files into, then moved into `out` as a set.

    On any error (or Ctrl-C) while the block runs, the folder is removed and `out` is left as it
    was. On success a journal naming the folder is written, the files are renamed over their
    namesakes with Ctrl-C and termination signals held back (they take effect once the set is in
    place), and the journal is removed. Only SIGKILL or a power cut can stop the renames half-way;
    the journal then lets the next writer finish them (`recover`) before it does anything else, so
    `out` never stays a mix of old and new files. The caller should hold `locked_folder(out)`.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    recover(out)
    stage = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out))
    try:
        yield stage
        write_text(out / JOURNAL, stage.name + "\n")
        with signals_held():
            _move_all(stage, out)
            os.unlink(out / JOURNAL)
            stage.rmdir()  # empty now; a SIGTERM let through below ends the process at once
            if committed:
                committed()  # before a held-back Ctrl-C takes effect
    finally:
        shutil.rmtree(stage, ignore_errors=True)


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Ctrl-C, SIGTERM and SIGHUP received while the block runs take effect when it ends.

    The Python handlers are swapped for one that only records the signal (blocking the signal
    with sigmask would not do: a process-wide signal goes to any thread that does not block it,
    and spaCy's libraries start threads). Only the main thread can do this; elsewhere the block
    runs as it is."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous = {}
    for sig in _DEFERRED:
        handler = signal.getsignal(sig)
        if handler is not None:
            previous[sig] = signal.signal(sig, lambda signum, frame: received.append(signum))
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        for sig in dict.fromkeys(received):
            signal.raise_signal(sig)


def _move_all(stage: Path, out: Path) -> None:
    for path in sorted(stage.iterdir()):
        os.replace(path, out / path.name)


def recover(out: Path) -> list[str]:
    """Finish a commit a killed process left half done, and remove staging folders left behind.

    Returns what was done, one line each (empty when `out` was clean)."""
    done = []
    journal = out / JOURNAL
    if journal.is_file():
        stage = out / journal.read_text(encoding="utf-8").strip()
        if stage.name.startswith(STAGING_PREFIX) and stage.parent == out and stage.is_dir():
            names = sorted(p.name for p in stage.iterdir())
            _move_all(stage, out)
            shutil.rmtree(stage, ignore_errors=True)
            if names:
                done.append(f"finished replacing the outputs a stopped run had begun to replace "
                            f"({', '.join(names)})")
        journal.unlink()
    for stale in sorted(out.glob(STAGING_PREFIX + "*")):
        if stale.is_dir():
            shutil.rmtree(stale, ignore_errors=True)
            done.append(f"removed {stale.name}, left by a run that was stopped")
    return done


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_text(path: Path, text: str) -> None:
    with atomic_open(path) as handle:
        handle.write(text)


def write_bytes(path: Path, data: bytes) -> None:
    with atomic_open(path, "wb") as handle:
        handle.write(data)
