"""Confidence calibration on the development suites: for each confidence band, the share of
events that are right, measured with the shared scorer's own matching rules.

    python benchmarks/calibration.py [../shared/eval]

Runs `kg extract --min-confidence 0` over each suite (seed, plover, voa: matched by country
code and category; re3d: by character spans), deduplicates predictions per document as the
scorer does, and prints one table per suite and one for the document-level suites together,
split by whether the event has a coded recipient. docs/extraction.md quotes its output; the
default PLOVER threshold (kg.views.plover.DEFAULT_MIN_CONFIDENCE) is read from it.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

BANDS = [(0.0, 0.1), (0.1, 0.2), (0.2, 0.3), (0.3, 0.45), (0.45, 0.6), (0.6, 0.75), (0.75, 1.01)]
SUITES = {"seed": "codes", "plover": "codes", "voa": "codes", "re3d": "spans"}


def _predictions(docs: list[dict]) -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "docs.jsonl"
        path.write_text("".join(json.dumps({k: d[k] for k in ("id", "text", "date") if d.get(k)}) + "\n"
                                for d in docs), encoding="utf-8")
        run = subprocess.run(["kg", "extract", "--min-confidence", "0", str(path)],
                             capture_output=True, text=True, check=True)
    return [json.loads(line) for line in run.stdout.splitlines() if line.strip()]


def _judged(scorer, kind: str, docs: list[dict]) -> list[tuple[float, bool, bool]]:
    """(confidence, has a coded recipient, right) for each deduplicated prediction."""
    by_doc = defaultdict(list)
    for event in _predictions(docs):
        by_doc[scorer.doc_id(event)].append(event)
    rows = []
    for doc in docs:
        events = by_doc.get(doc["id"], [])
        if kind == "codes":
            preds = {}
            for p in scorer.pred_tuples_codes(events):
                preds.setdefault(scorer.key_codes(p, False), p)
            golds = scorer.gold_tuples_codes(doc["gold"])
            for p in preds.values():
                hits = [g for g in golds if scorer.match_codes(p, g, False)]
                if hits and all(g[5] for g in hits):
                    continue  # matches only optional gold: the scorer ignores it
                rows.append((p[3].get("confidence", 0.0), p[2] is not None, bool(hits)))
        else:
            preds = {}
            for p in scorer.pred_tuples_spans(events):
                preds.setdefault(scorer.key_spans(p), p)
            for p in preds.values():
                rows.append((p[3].get("confidence", 0.0), True, any(scorer.match_spans(p, g) for g in doc["gold"])))
    return rows


def _table(title: str, rows: list[tuple[float, bool, bool]]) -> None:
    print(f"\n{title}")
    print("  band          with recipient        without recipient")
    for low, high in BANDS:
        cells = []
        for directed in (True, False):
            band = [right for conf, rec, right in rows if rec == directed and low <= conf < high]
            cells.append(f"{sum(band):3}/{len(band):<3} P {sum(band) / len(band):.2f}" if band else " " * 14)
        print(f"  [{low:.2f}, {min(high, 1.0):.2f})  {cells[0]:20}  {cells[1]}")
    for threshold in (0.0, 0.1, 0.2, 0.3, 0.45):
        kept = [right for conf, _, right in rows if conf >= threshold]
        if kept:
            print(f"  at >= {threshold:.2f}: {len(kept):3} events, precision {sum(kept) / len(kept):.2f}")


def main() -> None:
    default = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
    eval_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    sys.path.insert(0, str(eval_dir))
    import score as scorer  # the shared scorer: the same matching rules as the published figures

    document_level = []
    for suite, kind in SUITES.items():
        docs = [json.loads(line) for line in (eval_dir / "data" / f"{suite}_dev.jsonl").open(encoding="utf-8")]
        rows = _judged(scorer, kind, docs)
        _table(f"{suite} ({len(docs)} documents, matched by {kind})", rows)
        if kind == "codes":
            document_level += rows
    _table("seed + plover + voa together", document_level)


if __name__ == "__main__":
    main()
