"""Throughput and peak memory of bare spaCy, `kg extract` and `kg build`, side by side in one run.

Not a test: it prints one line per run and the ratios the project's targets are stated in
(docs/performance.md). Every run is a fresh process on the same texts: bare spaCy is the same
model's `nlp.pipe` with kg's batch size and nothing else (no extraction, no output), so the
ratio says what geo-kg costs on top of parsing. kg runs the model's attribute rules and
lemmatiser from tables that write the same values faster (kg/spacy_tables.py) and numpy's BLAS
on one thread (kg/blas.py), so a second baseline, spacy-as-kg, is the same `nlp.pipe` run that
way: the ratios against it say what geo-kg's own work costs on top of spaCy as it runs it. Wall
time includes start-up for every tool (each tool's start-up alone, on a one-article input, is
printed first).

The corpus is the re3d development stories of ../shared/eval when present (read in place,
never copied into the repository), else the bundled samples; each multiplier repeats it
under new article ids, so every copy is parsed and extracted again. CPU seconds count the
process and its workers; peak memory is the largest resident set of the process and, with
worker processes, of a worker. `kg build --engine dask` is measured when `kg build --help`
offers it.

    .venv/bin/python benchmarks/throughput.py                       # 1x 4x 16x, 1 and 2 processes
    .venv/bin/python benchmarks/throughput.py --multipliers 1 --processes 1   # a quick look
    .venv/bin/python benchmarks/throughput.py --rounds 3 --tools extract build  # tools take turns; median ratio
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RE3D = ROOT.parent / "shared" / "eval" / "data" / "re3d_dev.jsonl"
KG = Path(sys.executable).parent / "kg"

# Each child reports its own and its workers' resource use on the last line of stderr.
USAGE = """
import json, resource, sys
def report():
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    print("usage " + json.dumps({"cpu": me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime,
                                 "rss_kb": me.ru_maxrss, "workers_rss_kb": kids.ru_maxrss}), file=sys.stderr)
"""
KG_CHILD = USAGE + """
from kg.cli import main
code = main(sys.argv[1:])
report()
sys.exit(code)
"""
BARE_CHILD = USAGE + """
as_kg = sys.argv[3:] == ["as-kg"]  # as kg runs spaCy: one BLAS thread, attribute rules and lemmatiser from tables
if as_kg:
    from kg.blas import one_blas_thread
    one_blas_thread()  # before numpy loads, as the kg command line does
import spacy
from kg.nlp import BATCH_SIZE, model_name
path, processes = sys.argv[1], int(sys.argv[2])
nlp = spacy.load(model_name())
if as_kg:
    from kg.spacy_tables import use_tables
    use_tables(nlp)
def texts():
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)["text"]
tokens = sum(len(doc) for doc in nlp.pipe(texts(), batch_size=BATCH_SIZE, n_process=processes))
report()
"""


@dataclass
class Run:
    wall: float
    cpu: float
    rss_mb: float
    workers_rss_mb: float
    summary: str  # kg build's last line ("... 12345 triples in ...")


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def base_texts(path: Path | None) -> tuple[str, list[dict]]:
    """(where the corpus came from, its articles as JSONL records)."""
    source = path or (RE3D if RE3D.is_file() else None)
    if source is not None:
        with source.open(encoding="utf-8") as handle:
            rows = [json.loads(line) for line in handle if line.strip()]
        return str(source), [{"id": str(r.get("id", i)), "text": r["text"], "date": r.get("date"),
                              "title": r.get("title")} for i, r in enumerate(rows)]
    sys.path.insert(0, str(ROOT))
    from kg.ingest import read_inputs
    from kg.model import Article

    samples = [a for a in read_inputs([str(ROOT / "samples")]) if isinstance(a, Article)]
    return "samples/", [{"id": a.id, "text": a.text, "date": a.date, "title": a.title} for a in samples]


def write_corpus(path: Path, rows: list[dict], times: int) -> int:
    """The rows `times` over under new ids; returns the number of words (whitespace-separated)."""
    words = 0
    with path.open("w", encoding="utf-8") as handle:
        for copy in range(times):
            for row in rows:
                handle.write(json.dumps({**row, "id": f"{row['id']}-{copy}"}) + "\n")
                words += len(row["text"].split())
    return words


def run(args: list[str], child: str) -> Run:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", child, *args], capture_output=True, text=True, check=False,
                          cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stderr[-3000:]}")
    usage = next(json.loads(line[6:]) for line in reversed(done.stderr.splitlines()) if line.startswith("usage "))
    summary = next((line for line in done.stderr.splitlines() if line.startswith("kg: ") and "triples" in line), "")
    return Run(wall, usage["cpu"], usage["rss_kb"] / 1024, usage["workers_rss_kb"] / 1024, summary)


def commands(corpus: Path, out: Path, processes: int, dask: bool) -> dict[str, tuple[list[str], str]]:
    """Tool name → (arguments, child script)."""
    p = str(processes)
    tools = {
        "spacy": ([str(corpus), p], BARE_CHILD),
        "spacy-as-kg": ([str(corpus), p, "as-kg"], BARE_CHILD),
        "extract": (["extract", "--processes", p, "--format", "plover", str(corpus)], KG_CHILD),
        "build": (["build", "--processes", p, "--out", str(out / "build"), "--quiet", str(corpus)], KG_CHILD),
    }
    if processes == 1:  # the store's memory (one process: the store is written by the parent alone)
        tools["build-store"] = (["build", "--processes", p, "--out", str(out / "store-out"), "--store",
                                 str(out / f"store-{time.monotonic_ns()}"), "--quiet", str(corpus)], KG_CHILD)
    if dask:
        tools["build-dask"] = (["build", "--engine", "dask", "--processes", p, "--out", str(out / "dask"),
                                "--quiet", str(corpus)], KG_CHILD)
    return tools


TOOLS = ("spacy", "spacy-as-kg", "extract", "build", "build-store", "build-dask")


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def _spread(ratios: list[float]) -> str:
    """The rounds' own ratios when there are several (the median is the figure shown)."""
    return f" (rounds {' '.join(f'{r:.2f}' for r in ratios)})" if len(ratios) > 1 else ""


def _against(rounds: dict[str, list[Run]], base: str, tool: str) -> list[float]:
    """Each round's speed of `tool` against `base` in the same round, sorted."""
    return sorted(b.wall / r.wall for b, r in zip(rounds[base], rounds[tool], strict=True))


def has_dask_engine() -> bool:
    done = subprocess.run([str(KG), "build", "--help"], capture_output=True, text=True, check=False)
    return "--engine" in done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, help="a JSONL corpus (id, text, date, title); default: "
                        "../shared/eval re3d texts if present, else samples/")
    parser.add_argument("--multipliers", type=int, nargs="+", default=[1, 4, 16], help="corpus repeats (1 4 16)")
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2], help="process counts (1 2)")
    parser.add_argument("--rounds", type=int, default=1, help="runs of each, the tools taking turns; the median "
                        "wall time is shown")
    parser.add_argument("--tools", nargs="+", default=list(TOOLS), choices=TOOLS,
                        help="what to run (default: all; spacy is always run, as the baseline)")
    args = parser.parse_args()
    args.tools = ["spacy", "spacy-as-kg", *(t for t in args.tools if t not in ("spacy", "spacy-as-kg"))]
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True, check=False).stdout.strip() or "?"
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True, check=False).stdout.strip()
    source, rows = base_texts(args.corpus)
    dask = has_dask_engine()
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    print(f"# {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC, commit {commit}{'+' if dirty else ''}, "
          f"{platform.machine()}, {os.cpu_count()} cores, {memory:.0f} GiB, Python {platform.python_version()}")
    model = subprocess.run([sys.executable, "-c", "from kg.nlp import model_name; print(model_name())"],
                           capture_output=True, text=True, check=False, cwd=ROOT).stdout.strip()
    print(f"# model {model}; corpus {source}: {len(rows)} articles; multipliers {args.multipliers}; "
          f"processes {args.processes}; "
          f"rounds {args.rounds}; load average {load_average()}")
    if not dask:
        print("# kg build --engine dask: not offered by `kg build --help` on this commit; skipped")
    results: dict[tuple[str, int, int], Run] = {}
    paired: dict[tuple[str, int, int], list[float]] = {}
    rounds_of: dict[tuple[int, int], dict[str, list[Run]]] = {}
    words_of: dict[int, int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        one = tmp_path / "one.jsonl"
        write_corpus(one, rows[:1], 1)
        startup = {}
        for tool, (tool_args, child) in commands(one, tmp_path / "startup", 1, dask).items():
            if tool in args.tools:
                startup[tool] = run(tool_args, child).wall
        print("start-up (one article): " + ", ".join(f"{t} {s:.1f} s" for t, s in startup.items())
              + f"  (load average {load_average()})")
        for times in args.multipliers:
            corpus = tmp_path / f"corpus-{times}.jsonl"
            words_of[times] = words = write_corpus(corpus, rows, times)
            for processes in args.processes:
                # Rounds interleave the tools (spacy, extract, build, spacy, extract, build, ...): this
                # machine's speed drifts by a third over minutes, and each ratio should compare runs
                # made at the same time, not one tool's rounds in a slow spell and another's in a fast one.
                # Each round writes to folders of its own: a second Dask build into the same folder
                # would reuse the first one's partitions, and a second --store build add to its store.
                rounds: dict[str, list[Run]] = {tool: [] for tool in args.tools}
                for number in range(args.rounds):
                    tools = {tool: command for tool, command in commands(
                        corpus, tmp_path / f"out-{times}-{processes}-{number}", processes, dask).items()
                        if tool in args.tools}
                    for tool, (tool_args, child) in tools.items():
                        rounds[tool].append(run(tool_args, child))
                rounds = {tool: runs for tool, runs in rounds.items() if runs}  # (build-store: 1 process only)
                rounds_of[(processes, times)] = rounds
                for tool, runs in rounds.items():
                    middle = sorted(runs, key=lambda r: r.wall)[len(runs) // 2]  # a run's own memory and CPU
                    results[(tool, processes, times)] = middle
                    # each round's speed against bare spaCy's in the same round
                    paired[(tool, processes, times)] = _against(rounds, "spacy", tool)
                    bare = results[("spacy", processes, times)]
                    workers = f" workers {middle.workers_rss_mb:4.0f} MB" if processes > 1 else ""
                    print(f"{tool:11} x{times:<3} P={processes} {words:8,} words  {middle.wall:7.1f} s  "
                          f"{words / middle.wall:7.0f} words/s ({bare.wall / middle.wall:4.2f}x spaCy)  "
                          f"cpu {middle.cpu / words * 1e6:6.0f} us/word  "
                          f"peak {middle.rss_mb:4.0f} MB{workers}  load {load_average()}")
    print("# ratios (targets from issue 15 in brackets)")
    low, high = min(args.multipliers), max(args.multipliers)
    tools = [t for t in ("extract", "build", "build-store", "build-dask") if (t, 1, low) in results]
    for times in args.multipliers:
        if 1 in args.processes:
            print(f"x{times:<3} 1 process, words/s vs bare spaCy: "
                  + ", ".join(f"{t} {_median(paired[(t, 1, times)]):.2f}x" + _spread(paired[(t, 1, times)])
                              for t in tools)
                  + "  [build >= 0.85x, extract >= 0.90x]")
            # the same spaCy stages as kg runs them: what geo-kg's own work costs on top
            print(f"x{times:<3} 1 process, words/s vs spaCy as kg runs it (tables, one BLAS thread): "
                  + ", ".join(f"{t} {_median(ratios):.2f}x" + _spread(ratios) for t in ("spacy", *tools)
                              for ratios in [_against(rounds_of[(1, times)], "spacy-as-kg", t)]))
    if 1 in args.processes and 2 in args.processes:
        for times in args.multipliers:
            parts = []
            for tool in ("spacy", *(t for t in tools if (t, 2, times) in results)):
                one_p, two_p = results[(tool, 1, times)], results[(tool, 2, times)]
                parts.append(f"{tool} cpu/word x{two_p.cpu / one_p.cpu:.2f}, wall x{two_p.wall / one_p.wall:.2f}")
            print(f"x{times:<3} 2 processes vs 1: " + "; ".join(parts) + "  [cpu/word within 1.10, wall < 1]")
    if high > low:
        for processes in args.processes:
            peaks = []
            for tool in ("spacy", *(t for t in tools if (t, processes, low) in results)):
                a, b = results[(tool, processes, low)], results[(tool, processes, high)]
                peaks.append(f"{tool} {a.rss_mb:.0f} -> {b.rss_mb:.0f} MB (x{b.rss_mb / a.rss_mb:.2f})")
            print(f"peak memory x{low} -> x{high}, P={processes}: " + "; ".join(peaks) + "  [build <= 1.15x]")
    for (tool, processes, times), result in results.items():
        if result.summary and processes == min(args.processes) and tool == "build":
            print(f"# build x{times}: {result.summary[4:]}")
    print(f"# load average at the end {load_average()}; words per multiplier "
          + ", ".join(f"x{t}: {w:,}" for t, w in words_of.items()))


if __name__ == "__main__":
    main()
