"""Partition files: what a Dask worker writes for one batch of articles, named by its content.

A partition is one batch of articles (kg/engine.py BATCH). The worker that runs it writes two
files into the partitions folder, each atomically (a temporary file renamed into place):

- KEY.nq: the batch's RDF as N-Quads — every article's named graph, then what the articles say
  about their actors in the shared actors graph. Any RDF store's bulk loader reads it; `kg build
  --store` and `--push` load these files (kg/store.py `add_build`, kg/push.py `payloads_from_files`).
- KEY.shards.jsonl: one line per article, the shard the parent appends to graph.ttl, graph.trig,
  events.jsonl and the views (kg/shards.py), or the article's extraction failure. It is written
  last, so a partition counts as done when both files are there.

KEY names the batch's content: the articles (id, date, title, URL, text), the build settings
(model, --timestamp) and a fingerprint of geo-kg's code and vocabulary files. The same input
built again finds its files and does not recompute them; a changed article, model or release
gives new keys. Files are never changed once written, so builds sharing a folder cannot tear
each other's files; the folder is a cache that may be deleted at any time.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyoxigraph as ox

from .atomic import atomic_open
from .model import Article
from .shards import ArticleShard, Failure, Settings, process_batch

PREFIX = "kg-batch-"  # partition keys, file names and Dask task keys start with it
SHARDS_SUFFIX = ".shards.jsonl"


@cache
def code_fingerprint() -> str:
    """A digest of geo-kg's version, its Python files and its vocabulary files: a partition made by
    other code or another gazetteer must not be reused."""
    from . import __version__
    from .resources import ONTOLOGY_DIR

    digest = hashlib.sha1(__version__.encode())
    package = Path(__file__).resolve().parent
    files = sorted(package.rglob("*.py")) + sorted(p for p in ONTOLOGY_DIR.rglob("*") if p.is_file())
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def batch_key(batch: list[Article], settings: Settings) -> str:
    """The partition's name, from everything its files depend on (see the module)."""
    content = repr((code_fingerprint(), settings, [(a.id, a.date, a.title, a.url, a.text) for a in batch]))
    return f"{PREFIX}{hashlib.sha1(content.encode()).hexdigest()[:24]}"


@dataclass(frozen=True)
class Partition:
    """The two files of one partition in `folder` (a path every worker and the parent can reach)."""

    folder: Path
    key: str

    @property
    def nquads(self) -> Path:
        return self.folder / f"{self.key}.nq"

    @property
    def shards_file(self) -> Path:
        return self.folder / f"{self.key}{SHARDS_SUFFIX}"

    def done(self) -> bool:
        return self.nquads.is_file() and self.shards_file.is_file()

    def shards(self) -> Iterator[ArticleShard | Failure]:
        """The partition's shards in input order, read a line at a time."""
        with self.shards_file.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                try:
                    shard = shard_from_json(line)
                except (ValueError, KeyError, TypeError) as exc:
                    raise ValueError(f"{self.shards_file}, line {number}: not a partition's shard ({exc}); "
                                     "delete the file and build again to recompute it") from None
                yield shard


def write_partition(batch: list[Article], settings: Settings, partition: Partition) -> int:
    """The Dask task: run the pipeline on the batch and write its files; returns the articles written
    (the parent reads the shards from the files, so nothing large travels back)."""
    shards = process_batch(batch, settings)
    partition.folder.mkdir(parents=True, exist_ok=True)
    with atomic_open(partition.nquads, "wb") as handle:
        handle.write(nquads_of(shards))
    with atomic_open(partition.shards_file) as handle:
        handle.writelines(shard_to_json(shard) + "\n" for shard in shards)
    return sum(isinstance(shard, ArticleShard) for shard in shards)


def nquads_of(shards: Iterable[ArticleShard | Failure]) -> bytes:
    """The article graphs (each in its own named graph), then the actor descriptions (in the
    shared actors graph), as N-Quads; parsed from the shards' own Turtle and N-Triples text, so
    they hold exactly the triples graph.trig holds for these articles."""
    from .rdf import ACTORS_GRAPH

    articles = [shard for shard in shards if isinstance(shard, ArticleShard)]
    quads: list[ox.Quad] = []
    for shard in articles:
        prefixes = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in shard.prefixes.items())
        quads += _in_graph(ox.parse((prefixes + shard.turtle).encode("utf-8"), format=ox.RdfFormat.TURTLE),
                           shard.graph)
    actors = "".join(line + "\n" for line in sorted({line for shard in articles for line in shard.actors}))
    quads += _in_graph(ox.parse(actors.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES), str(ACTORS_GRAPH))
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS) if quads else b""


def _in_graph(triples: Iterable, graph: str) -> list[ox.Quad]:
    node = ox.NamedNode(graph)
    return [ox.Quad(t.subject, t.predicate, t.object, node) for t in triples]


def shard_to_json(shard: ArticleShard | Failure) -> str:
    kind = "failure" if isinstance(shard, Failure) else "shard"
    return json.dumps({kind: dataclasses.asdict(shard)}, ensure_ascii=False, separators=(",", ":"))


def shard_from_json(line: str) -> ArticleShard | Failure:
    record = json.loads(line)
    if "failure" in record:
        data = record["failure"]
        return Failure(Article(**data["article"]), data["error"])
    data = record["shard"]
    return ArticleShard(**{**data, "article": Article(**data["article"])})


def remove_leftovers(folder: Path, keys: set[str]) -> int:
    """Remove the temporary files that killed workers left for `keys` (partitions now written);
    returns how many. Other builds' files are not touched."""
    removed = 0
    with os.scandir(folder) as entries:
        for entry in entries:
            name = entry.name
            if name.startswith("." + PREFIX) and name.endswith(".tmp") and name[1:].split(".")[0] in keys:
                Path(entry.path).unlink(missing_ok=True)
                removed += 1
    return removed
