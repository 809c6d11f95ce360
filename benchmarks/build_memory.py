"""Peak memory of `kg build` as the corpus grows 1×, 4× and 16×, with and without --store.

Not a test: it prints one line per run (with the load average, as this machine is shared) and
the ratio of each run's peak to the 1× peak, all measured side by side in this one invocation.
The corpus is invented articles (tests/generated.py) written BASE at a time and repeated under
new ids, so every copy is parsed, resolved, coded and written again. Each build runs in a fresh
wrapper process whose only child is `kg build`, so ru_maxrss of its children is that build's own
peak resident memory, spaCy model included (with --processes N, the largest process).

    .venv/bin/python benchmarks/build_memory.py [BASE [PROCESSES [MODES]]]
    # default 200 articles, 1 process, MODES both (or plain, store)
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
KG = Path(sys.executable).parent / "kg"

WRAP = """
import resource, subprocess, sys
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE).returncode
print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def measured(command: list[str]) -> tuple[float, float]:
    """(peak MB, seconds) of one `kg build` run by `command`, in a fresh wrapper process whose only
    child it is (so ru_maxrss of the wrapper's children is the build's own peak)."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", WRAP, *command], capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - started
    code, peak_kb = map(int, done.stdout.split())
    if code != 0:
        raise SystemExit(f"kg build failed ({code}): {done.stderr}")
    return peak_kb / 1024, seconds


def build(corpus: Path, work: Path, store: bool, processes: int) -> tuple[float, float]:
    """(peak MB, seconds) of one `kg build` of `corpus`."""
    out = Path(tempfile.mkdtemp(dir=work))
    command = [str(KG), "build", str(corpus), "--out", str(out / "out"), "--quiet", "--processes", str(processes)]
    if store:
        command += ["--store", str(out / "store")]
    return measured(command)


def main() -> None:
    from generated import write_corpus

    base = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    processes = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        print(f"kg build peak memory, {base} invented articles repeated, {processes} process(es), "
              f"{os.cpu_count()} cores")
        modes = sys.argv[3] if len(sys.argv) > 3 else "both"
        for store in [s for s in (False, True) if modes == "both" or (modes == "store") == s]:
            first = None
            for repeat in (1, 4, 16):
                corpus = write_corpus(work / f"corpus-{repeat}.jsonl", base, repeat=repeat)
                words = sum(len(line.split()) for line in corpus.read_text(encoding="utf-8").splitlines())
                peak, seconds = build(corpus, work, store, processes)
                first = first or peak
                load = " ".join(f"{x:.2f}" for x in os.getloadavg())
                print(f"{'--store' if store else 'no store':8} {repeat:>2}× {base * repeat:>6} articles "
                      f"{words:>8} words: peak {peak:7.1f} MB ({peak / first:.3f}× the 1× peak), "
                      f"{seconds:6.1f} s, load average {load}", flush=True)


if __name__ == "__main__":
    main()
