"""Shared fixtures: one spaCy pipeline per test session, one `kg build` of the samples, CLI runners.

Every text used by these tests is written for the project (short invented news sentences about
real actors); nothing is copied from the evaluation data or elsewhere.
"""

from __future__ import annotations

import fcntl
import io
import json
import os
import pty
import struct
import subprocess
import sys
import termios
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Property-based tests: a few examples in every `make test`, many with --hypothesis-profile=long.
# No example database: runs stay independent and leave no .hypothesis folder behind.
_FUZZ = {"deadline": None, "database": None, "suppress_health_check": [HealthCheck.too_slow,
                                                                       HealthCheck.function_scoped_fixture]}
settings.register_profile("kg", max_examples=12, **_FUZZ)
settings.register_profile("long", max_examples=400, **_FUZZ)
settings.load_profile("kg")

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
QUERIES = ROOT / "ontology" / "queries"
ONTOLOGY = ROOT / "ontology" / "kg.ttl"
EVAL_DIR = ROOT.parent / "shared" / "eval"
KG = Path(sys.executable).parent / "kg"  # the console script of the virtualenv running the tests
OUTPUT_NAMES = ("graph.ttl", "graph.trig", "graph.html", "graph.graphml", "events.jsonl")

# Invented one-paragraph reports; each yields at least one event with the bundled gazetteer.
BACKING = "Russia backs Assad and has defended the Syrian army at the United Nations, officials said on Monday."
ACCUSING = ("Turkey accused Syrian government forces of breaking the truce in Aleppo on Tuesday, "
            "and Iran urged the rebels to leave the city.")

# An invented news page with the usual furniture around the article.
PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Turkey and Iran trade accusations over Aleppo | World Desk</title>
<meta property="article:published_time" content="2016-12-15"></head>
<body>
<header><nav><a href="/">Home</a> <a href="/politics">Politics</a> <a href="/login">Log in</a></nav></header>
<div class="subscribe-box"><p>Subscribe for unlimited access to our reporting. Members get ad-free
reading.</p><a href="/join">Join now</a></div>
<main><article>
<h1>Turkey and Iran trade accusations over Aleppo</h1>
<p>Turkey accused the Syrian government forces of breaking the ceasefire in Aleppo on Thursday, while
Iran urged the rebels to surrender their weapons before leaving the city.</p>
<p>The foreign ministry in Ankara said the shelling of the evacuation route had to stop at once.
Officials in Tehran said the rebels had delayed the departure of the buses.</p>
<p>Russia, which backs President Bashar al-Assad, said its officers would monitor the evacuation
together with the Red Cross.</p>
</article></main>
<aside class="membership"><h3>Become a member</h3><p>Support independent journalism with a monthly
membership.</p></aside>
<footer><p>Copyright World Desk. Cookie settings. Terms and conditions.</p></footer>
</body></html>
"""


@dataclass
class Run:
    """What one command-line run left behind."""

    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return [line for line in self.out.splitlines() if line.strip()]

    @property
    def records(self) -> list[dict]:
        return [json.loads(line) for line in self.lines]


@pytest.fixture(scope="session")
def extractor():
    """The pipeline with its spaCy model, loaded once for the whole session."""
    from kg.pipeline import Extractor

    return Extractor()


@pytest.fixture
def kg_main(extractor, monkeypatch, capsys):
    """Run `kg ...` in this process (reusing the session's loaded model); stdin may be given as bytes."""
    from kg.cli import main

    def run(*args: str, stdin: bytes | None = None) -> Run:
        capsys.readouterr()  # drop anything printed before
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


def run_kg(*args: str, stdin: bytes | None = None, cwd: Path = ROOT, env: dict | None = None) -> Run:
    """Run the installed `kg` console script in a subprocess."""
    proc = subprocess.run([str(KG), *map(str, args)], input=stdin, capture_output=True, cwd=cwd,
                          env={**os.environ, **(env or {})}, timeout=300, check=False)
    return Run(proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8"))


def run_with_tty_stderr(args: list[str], cwd: Path = ROOT) -> Run:
    """Run a command whose standard error is a terminal (so progress bars are drawn)."""
    master, slave = pty.openpty()
    # a fresh pty is 0 columns wide, and tqdm draws nothing in 0 columns: give it a terminal's size
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=slave, stdin=subprocess.DEVNULL, cwd=cwd)
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    out = proc.stdout.read().decode("utf-8")
    proc.stdout.close()
    code = proc.wait(timeout=300)
    return Run(code, out, b"".join(chunks).decode("utf-8", "replace"))


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory):
    """A real Oxigraph server on 127.0.0.1 for the module's tests, stopped after them."""
    from servers import start_oxigraph, stop

    server = start_oxigraph(tmp_path_factory.mktemp("oxigraph"))
    yield server
    stop(server.process)


@pytest.fixture(scope="session")
def samples_build(tmp_path_factory) -> tuple[Path, Run]:
    """`kg build samples --out DIR` run once through the console script, stderr on a terminal."""
    out = tmp_path_factory.mktemp("samples-build") / "out"
    run = run_with_tty_stderr([str(KG), "build", str(SAMPLES), "--out", str(out)])
    assert run.code == 0, run.err
    return out, run


@pytest.fixture(scope="session")
def samples_out(samples_build) -> Path:
    return samples_build[0]


def write(folder: Path, name: str, content: str | bytes) -> Path:
    """Write a test input file (bytes as they are, text as UTF-8)."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def jsonl(*records: dict) -> str:
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every entry of a folder (hidden ones included) and its bytes (None for a folder)."""
    return {p.name: p.read_bytes() if p.is_file() else None for p in sorted(folder.iterdir())}
