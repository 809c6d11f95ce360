"""Extraction time per character: one long document against the same text as many short ones.

Not a test: it prints one line per side and their ratio. The parse (spaCy's tagger, parser and
NER) is done first and not timed, so the figure is the project's own extraction (gazetteer
matching, actor resolution, event coding); spaCy's parse is linear in the text already. Work
that scans the whole document for every mention shows as a ratio well above 1.

The texts are the re3d development stories of ../shared/eval when present (read, never
copied), else the bundled samples; `--copies N` repeats them so the long document is longer.

    .venv/bin/python benchmarks/doc_length.py [--copies 4] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.extract.components import COMPONENTS, register_extensions  # noqa: E402
from kg.ingest import read_inputs  # noqa: E402
from kg.model import Article  # noqa: E402
from kg.nlp import load_pipeline  # noqa: E402

RE3D = ROOT.parent / "shared" / "eval" / "data" / "re3d_dev.jsonl"
DATE = "2016-12-15"


def texts() -> tuple[str, list[str]]:
    """(where the texts came from, the texts)."""
    if RE3D.is_file():
        with RE3D.open(encoding="utf-8") as handle:
            return str(RE3D), [json.loads(line)["text"] for line in handle if line.strip()]
    return "samples/", [a.text for a in read_inputs([str(ROOT / "samples")]) if isinstance(a, Article)]


def extraction_seconds(nlp, docs) -> dict[str, float]:
    """Time of each extraction component alone over parsed docs."""
    seconds = dict.fromkeys(COMPONENTS, 0.0)
    for doc in docs:
        for name in COMPONENTS:
            started = time.perf_counter()
            doc = nlp.get_pipe(name)(doc)
            seconds[name] += time.perf_counter() - started
    return seconds


def parsed(nlp, articles: list[Article]):
    docs = list(nlp.pipe((a.text for a in articles), disable=list(COMPONENTS)))
    register_extensions()
    for doc, article in zip(docs, articles, strict=True):
        doc._.article = article
    return docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=4, help="times the texts are repeated (default 4)")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds of each side; the median is shown")
    args = parser.parse_args()
    source, base = texts()
    short_texts = base * args.copies
    nlp = load_pipeline()
    short = [Article(id=f"a{i}", text=t, date=DATE) for i, t in enumerate(short_texts)]
    long = [Article(id="long", text="\n\n".join(short_texts), date=DATE)]
    if len(long[0].text) >= nlp.max_length:
        raise SystemExit(f"the long document has {len(long[0].text):,} characters, over spaCy's limit; "
                         "use fewer --copies")
    print(f"# texts: {source} x{args.copies}; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    rows = {}
    for name, articles in (("short", short), ("long", long)):
        chars = sum(len(a.text) for a in articles)
        rounds = [extraction_seconds(nlp, parsed(nlp, articles)) for _ in range(args.rounds)]
        parts = {part: statistics.median(r[part] for r in rounds) for part in COMPONENTS}
        seconds = statistics.median(sum(r.values()) for r in rounds)
        rows[name] = {"all": seconds / chars, **{part: t / chars for part, t in parts.items()}}
        print(f"{name:5} {len(articles):5} docs  {chars:9,} chars  extraction {seconds:6.2f} s  "
              f"{seconds / chars * 1e6:6.2f} us/char  ("
              + ", ".join(f"{part} {t / chars * 1e6:.2f}" for part, t in parts.items()) + ")")
    ratio = {part: rows["long"][part] / rows["short"][part] for part in rows["long"]}
    print(f"one long document / many short ones, time per character: x{ratio.pop('all'):.2f} ("
          + ", ".join(f"{part} x{r:.2f}" for part, r in ratio.items())
          + f"; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())})")


if __name__ == "__main__":
    main()
