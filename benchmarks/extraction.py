"""Extraction speed and memory as the corpus grows: `kg extract` (streaming) and `kg build`.

Not a test: it prints one line per run and the ratios between a corpus and one four times
larger, all measured in this one invocation. The corpus is the project's sample articles repeated
under new ids (each copy is parsed and resolved again, so the work is real). Each run is a
fresh process, so the peak resident memory (ru_maxrss) is that run's own, model included.

Streaming extraction should take time in proportion to the corpus and memory that does not
grow with it; `kg build` holds the graph it writes, so its memory grows with the output. A
last pair of runs extracts from one document ten and forty times the samples' length, to show
that the work per mention does not grow with the document.

    .venv/bin/python benchmarks/extraction.py [DOCS [RUNS]]   # the smaller corpus (150), runs of each (3)
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.ingest import read_inputs  # noqa: E402
from kg.model import Article  # noqa: E402

# Runs kg's own entry point in this process, then reports its peak memory on the last stderr line.
CHILD = """
import resource, sys
from kg.cli import main
code = main(sys.argv[1:])
print("maxrss_kb", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
sys.exit(code)
"""


def corpus(path: Path, docs: int) -> int:
    """Write `docs` articles as JSONL (the samples, repeated under new ids); returns the characters."""
    samples = [a for a in read_inputs([str(ROOT / "samples")]) if isinstance(a, Article)]
    chars = 0
    with path.open("w", encoding="utf-8") as handle:
        for i in range(docs):
            article = samples[i % len(samples)]
            handle.write(json.dumps({"id": f"{article.id}-{i}", "text": article.text, "date": article.date,
                                     "title": article.title}) + "\n")
            chars += len(article.text)
    return chars


def long_document(path: Path, copies: int) -> int:
    """Write one article made of the samples' texts repeated `copies` times; returns the characters."""
    samples = [a for a in read_inputs([str(ROOT / "samples")]) if isinstance(a, Article)]
    text = "\n\n".join(a.text for a in samples) * copies
    path.write_text(json.dumps({"id": "long", "text": text, "date": samples[0].date}) + "\n", encoding="utf-8")
    return len(text)


def measure(args: list[str], repeat: int) -> tuple[float, int, int]:
    """(median seconds, lowest and highest peak resident kB) of `repeat` runs of `kg`, each in a
    fresh process: the peak of one run varies from run to run, so one run is not enough."""
    times, peaks = [], []
    for _ in range(repeat):
        started = time.perf_counter()
        run = subprocess.run([sys.executable, "-c", CHILD, *args], capture_output=True, text=True, check=False,
                             env={**os.environ, "PYTHONPATH": str(ROOT)})
        times.append(time.perf_counter() - started)
        if run.returncode != 0:
            raise SystemExit(f"kg {' '.join(args)} failed:\n{run.stderr}")
        peaks.append(next(int(line.split()[1]) for line in reversed(run.stderr.splitlines())
                          if line.startswith("maxrss_kb")))
    return statistics.median(times), min(peaks), max(peaks)


def memory(low: int, high: int) -> str:
    return f"{low / 1024:4.0f}-{high / 1024:4.0f} MB"


def main() -> None:
    small = int(sys.argv[1]) if len(sys.argv) > 1 else 150
    repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    print(f"# {datetime.now(UTC).date()} on {platform.node() or 'this machine'}: {platform.machine()}, "
          f"{os.cpu_count()} cores, Python {platform.python_version()}; {repeat} runs each: median time, "
          f"lowest-highest peak memory")
    rows = {}
    with tempfile.TemporaryDirectory() as tmp:
        for docs in (small, 4 * small):
            path = Path(tmp) / f"corpus-{docs}.jsonl"
            chars = corpus(path, docs)
            for name, args in (("extract", ["extract", "--format", "plover", str(path)]),
                               ("build", ["build", str(path), "--out", str(Path(tmp) / f"out-{docs}"), "--quiet"])):
                seconds, low, high = measure(args, repeat)
                rows[(name, docs)] = (seconds, high)
                print(f"kg {name:7} docs={docs:5}  chars={chars:9,}  {seconds:6.1f} s  {docs / seconds:6.1f} docs/s  "
                      f"{chars / seconds / 1000:6.1f} k chars/s  peak memory {memory(low, high)}")
        for copies in (10, 40):  # one long document: per-mention work must not scan the whole text
            path = Path(tmp) / f"long-{copies}.jsonl"
            chars = long_document(path, copies)
            seconds, low, high = measure(["extract", "--format", "plover", str(path)], repeat)
            rows[("long", copies)] = (seconds, high)
            print(f"kg extract one document of {chars:9,} chars  {seconds:6.1f} s  peak memory {memory(low, high)}")
    for name in ("extract", "build"):
        (t1, m1), (t4, m4) = rows[(name, small)], rows[(name, 4 * small)]
        print(f"kg {name:7} 4x the corpus: time x{t4 / t1:.2f}, highest peak memory x{m4 / m1:.2f} "
              f"(+{(m4 - m1) / 1024:.0f} MB)")
    (t1, m1), (t4, m4) = rows[("long", 10)], rows[("long", 40)]
    print(f"kg extract 4x one document's length: time x{t4 / t1:.2f}, highest peak memory x{m4 / m1:.2f}")


if __name__ == "__main__":
    main()
