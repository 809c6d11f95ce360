"""Exports stay readable and harmless whatever the articles hold: control characters never make
GEXF or GraphML unreadable, and no CSV cell starts a spreadsheet formula."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
from conftest import write

from kg.export import csv_cell

HOSTILE = ("Title: =HYPERLINK(\"http://evil.example/\",\"click\")\n\n"
           "+Russia accused Turkey of shelling\x0c the border town on Monday, officials said.\n"
           "@Syria accused Israel of air strikes\x07 near Damascus, the ministry said.\n")


@pytest.fixture(scope="module")
def hostile_graph(tmp_path_factory):
    from conftest import run_kg

    folder = tmp_path_factory.mktemp("hostile-export")
    run = run_kg("build", write(folder, "hostile.txt", HOSTILE), "--out", folder / "out", "--quiet")
    assert run.code == 0, run.err
    return folder / "out" / "graph.ttl"


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_control_characters_in_articles_still_give_xml_that_parses(hostile_graph, kg_main, tmp_path, fmt):
    target = tmp_path / f"graph.{fmt}"
    run = kg_main("export", hostile_graph, "--format", fmt, "--out", target)
    assert run.code == 0, run.err
    ET.parse(target)  # raises on a control character
    net = nx.read_gexf(target) if fmt == "gexf" else nx.read_graphml(target)
    assert net.number_of_edges() >= 2
    texts = [str(v) for _, _, data in net.edges(data=True) for v in data.values()]
    assert any("shelling  the border" in t for t in texts)  # the form feed became a space


def test_no_csv_cell_starts_a_formula(hostile_graph, kg_main):
    run = kg_main("export", hostile_graph, "--format", "csv")
    assert run.code == 0, run.err
    rows = list(csv.reader(io.StringIO(run.out)))
    cells = [cell for row in rows[1:] for cell in row]
    assert len(rows) >= 3
    assert not [cell for cell in cells if cell[:1] in {"=", "+", "-", "@", "\t", "\r"}]
    assert any(cell.startswith("'=HYPERLINK(") for cell in cells)
    assert any(cell.startswith("'+Russia accused Turkey") for cell in cells)
    assert any(cell.startswith("'@Syria accused Israel") for cell in cells)


@pytest.mark.parametrize(("value", "shown"), [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@A1", "'@A1"), ("\tx", "'\tx"), ("Russia", "Russia"),
    ("a=b", "a=b"), (0.75, "0.75"), ("", ""),
])
def test_csv_cells_that_would_start_a_formula_are_guarded(value, shown):
    assert csv_cell(value) == shown
