"""`kg build` and `kg extract` end to end: inputs of every kind in, the four outputs and a summary out."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import rdflib
from conftest import ACCUSING, BACKING, OUTPUT_NAMES, PAGE, SAMPLES, jsonl, run_kg, write

from kg.rdf import article_iri
from kg.vocabulary import KGO

SUMMARY = re.compile(r"^kg: (\d+) articles, (\d+) actors, (\d+) events \((\d+) in events.jsonl; [^)]*\), "
                     r"(\d+) triples in (\d+\.\d) s → (.+)$")


def events_of(out) -> list[dict]:
    return [json.loads(line) for line in (out / "events.jsonl").read_text(encoding="utf-8").splitlines()]


def articles_in(out) -> set[str]:
    graph = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    return {str(graph.value(a, rdflib.DCTERMS.identifier)) for a in graph.subjects(rdflib.RDF.type, KGO.Article)}


def test_build_writes_turtle_html_graphml_and_plover_events(samples_out):
    for name in OUTPUT_NAMES:
        assert (samples_out / name).stat().st_size > 0, name
    assert sorted(p.name for p in samples_out.iterdir()) == sorted(OUTPUT_NAMES)  # no temporary files left
    assert (samples_out / "graph.html").read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")
    assert articles_in(samples_out) == {"aleppo-evacuation", "aleppo-offensive", "ceasefire-talks"}
    assert {e["cite_info"]["doc_id"] for e in events_of(samples_out)} == articles_in(samples_out)


def test_build_outputs_are_readable_by_the_usual_tools(samples_out):
    import networkx as nx

    net = nx.read_graphml(samples_out / "graph.graphml")
    assert net.number_of_nodes() > 5 and net.number_of_edges() > 5
    labels = {data.get("label") for _, data in net.nodes(data=True)}
    assert {"Russia", "Turkey", "Iran"} <= labels


def test_build_ends_with_a_one_line_summary_that_matches_the_outputs(samples_build):
    out, run = samples_build
    last = run.err.replace("\r", "\n").strip().splitlines()[-1]
    match = SUMMARY.match(last)
    assert match, last
    articles, actors, events, plover, triples = map(int, match.groups()[:5])
    graph = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    assert articles == 3
    assert events == len(set(graph.subjects(rdflib.RDF.type, KGO.Event))) >= len(events_of(out)) > 0
    assert plover == len(events_of(out))
    assert triples == len(graph)
    assert actors > 5


def test_build_draws_a_progress_bar_when_stderr_is_a_terminal(samples_build):
    _, run = samples_build
    before_summary = run.err.rsplit("kg: 3 articles", 1)[0]
    assert re.search(r"articles: \d+art", before_summary), run.err


def test_build_draws_no_progress_bar_into_a_pipe_or_with_quiet(tmp_path, kg_main):
    text = write(tmp_path, "a.txt", BACKING)
    for extra in ([], ["--quiet"]):
        run = kg_main("build", text, "--out", tmp_path / "out", "--date", "2016-12-14", *extra)
        assert run.code == 0
        assert "art/s" not in run.err and "\r" not in run.err
        assert len(run.err.strip().splitlines()) == 1 and SUMMARY.match(run.err.strip())


def test_build_reads_every_input_kind_together(tmp_path, kg_main):
    folder = tmp_path / "folder"
    write(folder, "backing.txt", BACKING)
    write(folder, "nested/accusing.txt", ACCUSING)
    page = write(tmp_path, "page.htm", PAGE)
    corpus = write(tmp_path, "corpus.jsonl", jsonl({"id": "j-1", "text": ACCUSING, "date": "2016-12-13"},
                                                   {"id": "j-2", "text": BACKING}))
    out = tmp_path / "out"
    run = kg_main("build", folder, page, corpus, "-", "--out", out, "--quiet", "--date", "2016-12-14",
                  stdin=("Title: From a pipe\n\n" + BACKING).encode())
    assert run.code == 0, run.err
    assert SUMMARY.match(run.err.strip()).group(1) == "6"
    expected = {"backing", "nested/accusing", "page", "j-1", "j-2", "stdin"}
    assert articles_in(out) == expected
    assert {e["cite_info"]["doc_id"] for e in events_of(out)} == expected


def test_two_inputs_with_the_same_name_both_stay_in_the_graph(tmp_path, kg_main):
    first = write(tmp_path, "a/report.txt", BACKING)
    second = write(tmp_path, "b/report.txt", ACCUSING)
    out = tmp_path / "out"
    run = kg_main("build", first, second, "--out", out, "--quiet")
    assert run.code == 0
    assert articles_in(out) == {"report", "report-2"}
    graph = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    sources = {str(graph.value(e, KGO.article)) for e in graph.subjects(rdflib.RDF.type, KGO.Event)}
    assert sources == {str(article_iri("report")), str(article_iri("report-2"))}
    assert f"{second}: article id 'report' is already used by {first}" in run.err


def test_same_input_gives_byte_identical_turtle(tmp_path, kg_main):
    for name in ("one", "two"):
        assert kg_main("build", SAMPLES, "--out", tmp_path / name, "--quiet").code == 0
    assert (tmp_path / "one" / "graph.ttl").read_bytes() == (tmp_path / "two" / "graph.ttl").read_bytes()
    assert (tmp_path / "one" / "graph.graphml").read_bytes() == (tmp_path / "two" / "graph.graphml").read_bytes()


def test_extract_prints_only_plover_json_lines_on_stdout(tmp_path, kg_main):
    path = write(tmp_path, "c.jsonl", jsonl({"id": "d1", "text": BACKING}, {"id": "d2", "text": ACCUSING}))
    run = kg_main("extract", path, "--format", "plover", "--date", "2016-12-14")
    assert run.code == 0
    assert run.out.endswith("\n")
    records = run.records
    assert len(records) == len(run.out.splitlines()) >= 2
    assert {r["cite_info"]["doc_id"] for r in records} == {"d1", "d2"}
    assert run.err == ""


def test_extract_reads_standard_input_through_the_installed_command():
    run = run_kg("extract", "-", stdin=jsonl({"id": "piped", "text": ACCUSING}).encode())
    assert run.code == 0, run.err
    records = run.records
    assert records and {r["cite_info"]["doc_id"] for r in records} == {"piped"}
    assert any(r["event"] == ["ACCUSE"] and r["actor"][0]["code"] == "TUR" for r in records)


def test_one_loaded_pipeline_serves_many_runs_and_parses_in_batches(extractor, monkeypatch, kg_main, tmp_path):
    import spacy

    def no_second_load(*args, **kwargs):
        raise AssertionError("spaCy model loaded a second time")

    monkeypatch.setattr(spacy, "load", no_second_load)
    calls, depth = [], [0]
    real_pipe = extractor.nlp.pipe

    def pipe(texts, **kwargs):  # spaCy's pipe calls itself once more for as_tuples: count outer calls
        if depth[0] == 0:
            calls.append(kwargs)
        depth[0] += 1
        try:
            yield from real_pipe(texts, **kwargs)
        finally:
            depth[0] -= 1

    monkeypatch.setattr(extractor.nlp, "pipe", pipe)
    corpus = write(tmp_path, "c.jsonl", jsonl(*({"id": f"d{i}", "text": BACKING} for i in range(5))))
    assert kg_main("extract", corpus).code == 0
    assert kg_main("build", corpus, "--out", tmp_path / "out", "--quiet").code == 0
    assert len(calls) == 2  # one nlp.pipe per run, not one call per document
    assert all(call.get("batch_size", 1) > 1 for call in calls)


@pytest.mark.parametrize("command", ["build", "extract"])
def test_commands_without_paths_are_usage_errors(command, capsys):
    from kg.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main([command])
    assert exit_info.value.code == 2
    assert "PATH" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["graph.ttl", "events.jsonl", "graph.graphml", "graph.html"])
def test_committed_outputs_are_what_the_code_builds_from_the_samples(samples_out, name):
    committed = Path(__file__).resolve().parent.parent / "outputs" / name
    assert committed.read_bytes() == (samples_out / name).read_bytes(), f"outputs/{name} is stale: run `make demo`"


def test_build_records_a_coding_date_only_when_asked(tmp_path, kg_main, monkeypatch):
    assert kg_main("build", SAMPLES, "--out", tmp_path / "plain", "--quiet").code == 0
    assert all("coded_date" not in e for e in events_of(tmp_path / "plain"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1481673600")  # 2016-12-14
    assert kg_main("build", SAMPLES, "--out", tmp_path / "stamped", "--quiet", "--timestamp").code == 0
    assert {e["coded_date"] for e in events_of(tmp_path / "stamped")} == {"2016-12-14"}
