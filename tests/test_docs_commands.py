"""Every command line in README.md and docs/rdf.md runs as written, in order, on the samples.

The lines of each ```sh block are run by bash in a scratch folder holding the samples and the
inputs the README names (news/, today.jsonl, page.html, articles.jsonl, my_gold.jsonl, all
written for the project). Real servers stand in for the hosts the docs name: an Oxigraph server
for localhost:7878 and Virtuoso for 127.0.0.1:8890. Each line must exit 0; a query must print
at least one row, a redirected output must not be empty. Set-up lines (make, activating the
virtualenv) are the only ones not run, and the test lists them so that none is skipped silently.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ACCUSING, BACKING, PAGE, ROOT, SAMPLES
from servers import start_oxigraph, start_virtuoso, stop

DOCUMENTS = [ROOT / "README.md", ROOT / "docs" / "rdf.md"]
SET_UP = {"make demo", "make test", ". .venv/bin/activate"}  # run before the tests, not by them
BIN = Path(sys.executable).parent


def command_lines(path: Path) -> list[str]:
    """The lines of the ```sh blocks of a Markdown file, continuation lines joined."""
    lines, inside = [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            inside = line.strip() == "```sh"
            continue
        if inside and line.strip():
            if lines and lines[-1].endswith("\\"):
                lines[-1] = lines[-1][:-1] + " " + line.strip()
            else:
                lines.append(line.strip())
    return lines


def rows_printed(out: str) -> int:
    """Rows of a query's output: the table's own count, or the lines after a CSV header."""
    counted = re.search(r"^\((\d+) rows?\)$", out, re.M)
    return int(counted.group(1)) if counted else max(0, len(out.splitlines()) - 1)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("docs")
    shutil.copytree(SAMPLES, folder / "samples")
    shutil.copytree(SAMPLES, folder / "news")
    records = [{"id": "backing", "text": BACKING, "date": "2016-12-12"},
               {"id": "accusing", "text": ACCUSING, "date": "2016-12-13"}]
    for name in ("today.jsonl", "articles.jsonl"):
        (folder / name).write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    (folder / "page.html").write_text(PAGE, encoding="utf-8")
    gold = {"id": "backing", "text": BACKING, "date": "2016-12-12",
            "gold": [{"actor": [{"code": "RUS"}], "event": "SUPPORT", "recipient": [{"code": "SYR"}]}]}
    (folder / "my_gold.jsonl").write_text(json.dumps(gold) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def hosts(tmp_path_factory):
    """The docs' hosts → real servers on free ports."""
    oxigraph = start_oxigraph(tmp_path_factory.mktemp("docs-oxigraph"))
    try:
        virtuoso = start_virtuoso(tmp_path_factory.mktemp("docs-virtuoso"))
    except BaseException:
        stop(oxigraph.process)
        raise
    yield {"http://localhost:7878": oxigraph.query_endpoint.rsplit("/", 1)[0],
           "http://127.0.0.1:8890": virtuoso.query_endpoint.rsplit("/", 1)[0]}
    stop(oxigraph.process)
    stop(virtuoso.process)


def test_the_docs_have_command_lines_and_only_set_up_lines_are_left_to_make():
    for path in DOCUMENTS:
        lines = command_lines(path)
        assert sum(line.split("#")[0].split()[0] == "kg" for line in lines) >= 5, path
        others = {line.split("  #")[0].strip() for line in lines
                  if not re.match(r"^(\w+=\S+ )*kg ", line)}
        assert others <= SET_UP, others


@pytest.mark.server
def test_every_command_line_in_the_readme_and_the_rdf_page_runs(scratch, hosts):
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    ran = 0
    for path in DOCUMENTS:
        for line in command_lines(path):
            if line.split("  #")[0].strip() in SET_UP:
                continue
            command = line
            for named, real in hosts.items():
                command = command.replace(named, real)
            proc = subprocess.run(["bash", "-c", command], cwd=scratch, env=env, capture_output=True, text=True,
                                  timeout=600, check=False)
            where = f"{path.name}: {line}"
            assert proc.returncode == 0, f"{where}\n{proc.stderr}"
            if re.match(r"^(\w+=\S+ )*kg query (?!--list)", line):
                assert rows_printed(proc.stdout) >= 1, f"{where}\n{proc.stdout}"
            redirected = re.search(r"> (\S+)", line.split("  #")[0])
            if redirected:
                assert (scratch / redirected.group(1)).stat().st_size > 0, where
            if " push " in line:
                assert "pushed" in proc.stderr, f"{where}\n{proc.stderr}"
            ran += 1
    assert ran >= 15
