"""Commands that only read (validate, query, export, push) never turn a folder into a store:
a folder that holds no store is refused with one line, and left exactly as it was."""

from __future__ import annotations

import pytest
from conftest import BACKING, snapshot, write


@pytest.mark.parametrize("command", [
    ["validate", "{folder}"],
    ["query", "SELECT * WHERE { ?s ?p ?o }", "--store", "{folder}"],
    ["export", "{folder}", "--format", "nquads"],
    ["push", "{folder}", "--endpoint", "http://127.0.0.1:9/store"],
])
def test_a_folder_that_is_not_a_store_is_refused_and_left_untouched(tmp_path, kg_main, command):
    folder = tmp_path / "somefolder"
    write(folder, "notes.md", "nothing to see")
    before = snapshot(folder)
    run = kg_main(*[part.replace("{folder}", str(folder)) for part in command])
    assert run.code == 1
    assert run.err == f"kg: error: {folder} is a folder but not a store (no Oxigraph database in it); give a store " \
                      "made by kg build --store, or an RDF file\n"
    assert run.out == ""
    assert snapshot(folder) == before


def test_validating_an_outputs_folder_points_to_its_graph_file(tmp_path, kg_main):
    out = tmp_path / "out"
    assert kg_main("build", write(tmp_path, "a.txt", BACKING), "--out", out, "--quiet").code == 0
    before = snapshot(out)
    run = kg_main("validate", out)
    assert run.code == 1
    assert "it holds graph.trig, give that file instead" in run.err and "conforms" not in run.out
    assert snapshot(out) == before
    assert kg_main("validate", out / "graph.ttl").code == 0


def test_an_empty_folder_is_not_a_store_either(tmp_path, kg_main):
    (tmp_path / "empty").mkdir()
    run = kg_main("query", "SELECT * WHERE { ?s ?p ?o }", "--store", tmp_path / "empty")
    assert run.code == 1 and "not a store" in run.err
    assert list((tmp_path / "empty").iterdir()) == []


def test_a_real_store_still_opens(tmp_path, kg_main):
    store = tmp_path / "store"
    assert kg_main("build", write(tmp_path, "a.txt", BACKING), "--out", tmp_path / "out", "--store", store,
                   "--quiet").code == 0
    run = kg_main("query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--store", store, "--format", "csv")
    assert run.code == 0, run.err
    assert int(run.lines[1]) > 0
