"""Time and peak memory of `kg build` on one article of 1,000,001 characters, over spaCy's
default limit of 1,000,000 (the article is parsed in pieces, see kg/chunks.py).

Not a test: it prints one line per run. The article repeats two invented sentences; each run is
a fresh process, so its peak resident memory (ru_maxrss) is its own, model included.

    .venv/bin/python benchmarks/long_article.py [CHARS]
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHILD = """
import resource, sys
from kg.cli import main
code = main(sys.argv[1:])
print("maxrss_kb", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
sys.exit(code)
"""
SENTENCES = "Russia accused Turkey of shelling the border town. Iran urged the rebels to leave Aleppo. "


def main() -> None:
    chars = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_001
    with tempfile.TemporaryDirectory() as tmp:
        article = Path(tmp) / "big.txt"
        article.write_text((SENTENCES * (chars // len(SENTENCES) + 1))[:chars], encoding="utf-8")
        started = time.perf_counter()
        run = subprocess.run([sys.executable, "-c", CHILD, "build", str(article), "--out", f"{tmp}/out", "--quiet"],
                             capture_output=True, text=True, check=False, cwd=ROOT)
        seconds = time.perf_counter() - started
        if run.returncode != 0:
            raise SystemExit(f"kg build failed:\n{run.stderr}")
        peak = next(int(line.split()[1]) for line in reversed(run.stderr.splitlines())
                    if line.startswith("maxrss_kb"))
        events = sum(1 for _ in (Path(tmp) / "out" / "events.jsonl").open(encoding="utf-8"))
        print(json.dumps({"chars": chars, "seconds": round(seconds, 1), "peak_mb": round(peak / 1024),
                          "plover_records": events}))


if __name__ == "__main__":
    main()
