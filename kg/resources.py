"""Where the vocabulary files live, and how they are read.

The ontology/ folder sits beside the package in a checkout; a wheel carries the same files
as kg/ontology. Either way every data file is found relative to this module.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from functools import cache
from pathlib import Path

# $KG_ONTOLOGY_DIR points at another copy of the vocabulary (to try edits without touching the checkout).
_HERE = Path(__file__).resolve().parent
ONTOLOGY_DIR = Path(os.environ.get("KG_ONTOLOGY_DIR") or next(
    (d for d in (_HERE.parent / "ontology", _HERE / "ontology") if (d / "kg.ttl").exists()), _HERE.parent / "ontology"))


def ontology_path(*parts: str) -> Path:
    """Path of a file under ontology/, with a clear error when the checkout is incomplete."""
    path = ONTOLOGY_DIR.joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"vocabulary file missing: {path}")
    return path


def read_tsv(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a tab-separated data file; `#` lines are comments, cells are stripped. No quoting:
    a cell is everything between two tabs (the generated gazetteer files have tens of thousands
    of rows, so this is a plain split rather than the csv module)."""
    with path.open(encoding="utf-8", newline="") as handle:
        header: list[str] | None = None
        plain = False  # every column named: a full row is zipped with the header (the fast way)
        for line in handle:
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.rstrip("\r\n").split("\t")
            if header is None:
                header, plain = cells, all(cells)
                continue
            if plain and len(cells) >= len(header):
                yield dict(zip(header, map(str.strip, cells), strict=False))  # cells past the header: ignored
            else:
                yield {key: cells[i].strip() if i < len(cells) else "" for i, key in enumerate(header) if key}


def split_list(cell: str) -> list[str]:
    """A `|`-separated cell as a list without empty items."""
    return [part.strip() for part in cell.split("|") if part.strip()]


# The ontology: kg.ttl (hand-written) and the fine predicates tools/import_cameo.py generates.
ONTOLOGY_FILES = ("kg.ttl", "cameo_predicates.ttl")


@cache
def ontology_graph():
    """The ontology as an rdflib Graph (every file of ONTOLOGY_FILES present), parsed once per process."""
    from rdflib import Graph

    graph = Graph().parse(ontology_path("kg.ttl"), format="turtle")
    for name in ONTOLOGY_FILES[1:]:
        if (ONTOLOGY_DIR / name).exists():
            graph.parse(ONTOLOGY_DIR / name, format="turtle")
    return graph
