"""One event told by three articles (written for this project, in different words and with
different dates: "on Tuesday", "On 7 March", the article's own date) is one reported event with
three mentions; `kg stats` counts it once per dyad and month; a store updates it as articles arrive."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import rdflib

from kg.merge import MERGED_GRAPH, Mention, group_mentions
from kg.vocabulary import KGO

ARTICLES = {
    "truce-a.txt": """Title: Turkey accuses Syrian army over truce
Date: 2017-03-08

Turkey accused Syrian government forces on Tuesday of breaking the ceasefire in Idlib.
""",
    "truce-b.txt": """Title: Ankara blames Damascus
Date: 2017-03-09
URL: https://news.example.org/ankara-blames-damascus

On 7 March, Turkey accused the Syrian army of violating the truce around Idlib, officials said.
""",
    "truce-c.txt": """Title: Truce under strain
Date: 2017-03-08
URL: https://www.other.example.net/truce

Turkey has accused Syria's armed forces of breaking the ceasefire.
""",
    "backing.txt": """Title: Russia backs Damascus
Date: 2017-04-02

Russia backs the Syrian government. Iran also backed the Syrian government.
""",
}
TURKEY = "https://w3id.org/geokg/id/state/TUR"
SYRIAN_ARMY = "https://w3id.org/geokg/id/state/SYR/armed-forces"
REPORTED = """SELECT ?r ?n ?a ?s ?first WHERE { ?r a kgo:ReportedEvent ; kgo:numMentions ?n ; kgo:numArticles ?a ;
    kgo:numSources ?s ; kgo:mention ?e . ?e kgo:actor <%s> ; kgo:recipient <%s> .
    OPTIONAL { ?r kgo:firstReported ?first } }"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def built(corpus, extractor, tmp_path_factory) -> Path:
    from kg.cli import main

    out = tmp_path_factory.mktemp("merged")
    assert main(["build", str(corpus), "--out", str(out), "--quiet"]) == 0
    return out / "graph.ttl"


def test_three_articles_telling_one_event_give_one_reported_event_with_three_mentions(built):
    graph = rdflib.Graph().parse(built)
    rows = list(graph.query(REPORTED % (TURKEY, SYRIAN_ARMY), initNs={"kgo": KGO}))
    assert len({r.r for r in rows}) == 1
    row = rows[0]
    assert (int(row.n), int(row.a), int(row.s)) == (3, 3, 3)  # two hosts and one article without a URL
    assert str(row.first) == "2017-03-07"  # "Tuesday" before 8 March, and "7 March"
    # each mention keeps its own article, sentence and offsets
    mentions = list(graph.query("""SELECT ?e ?article ?text ?start WHERE { ?r kgo:mention ?e .
        ?e kgo:article ?article ; kgo:evidenceText ?text ; kgo:evidenceStart ?start }""",
                                initNs={"kgo": KGO}, initBindings={"r": row.r}))
    assert len({m.article for m in mentions}) == 3 and len({str(m.text) for m in mentions}) == 3
    # every event of the graph is a mention of exactly one reported event
    events = set(graph.subjects(rdflib.RDF.type, KGO.Event))
    reported_of = [list(graph.subjects(KGO.mention, e)) for e in events]
    assert all(len(r) == 1 for r in reported_of)
    assert len(set(graph.subjects(rdflib.RDF.type, KGO.ReportedEvent))) == len(events) - 2


def test_stats_count_the_merged_event_once_per_dyad_and_month(built, kg_main):
    run = kg_main("stats", built)
    assert run.code == 0, run.err
    rows = {(r["actor_label"], r["recipient_label"], r["period"], r["quad"]): (int(r["events"]), int(r["mentions"]),
                                                                             float(r["score_mean"]))
            for r in csv.DictReader(io.StringIO(run.out))}
    assert rows == {
        ("Turkey", "Syrian Armed Forces", "2017-03", "verbal conflict"): (1, 3, -2.5),
        ("Russia", "Government of Syria", "2017-04", "verbal cooperation"): (1, 1, 5.0),
        ("Iran", "Government of Syria", "2017-04", "verbal cooperation"): (1, 1, 5.0),
    }
    run = kg_main("stats", built, "--rollup", "--by", "dyad,period", "--format", "json")
    import json

    rolled = {(r["actor_label"], r["recipient_label"], r["period"]): r["events"] for r in json.loads(run.out)}
    assert rolled == {("Turkey", "Syria", "2017-03"): 1, ("Russia", "Syria", "2017-04"): 1,
                      ("Iran", "Syria", "2017-04"): 1}
    run = kg_main("stats", built, "--by", "quad")
    quads = {r["quad"]: (int(r["events"]), float(r["score_sum"])) for r in csv.DictReader(io.StringIO(run.out))}
    assert quads == {"verbal conflict": (1, -2.5), "verbal cooperation": (2, 10.0)}


def test_a_store_updates_the_merged_event_as_articles_arrive(corpus, extractor, tmp_path, kg_main):
    from kg.store import Store

    store = tmp_path / "store"
    first = kg_main("build", corpus / "truce-a.txt", corpus / "truce-b.txt", "--out", tmp_path / "o1",
                    "--store", store, "--quiet")
    assert first.code == 0, first.err
    with Store(store) as opened:
        before = [(s["r"].value, int(s["n"].value)) for s in opened.query(REPORTED % (TURKEY, SYRIAN_ARMY))]
        assert opened.graph_size(str(MERGED_GRAPH)) > 0
    assert len({r for r, _ in before}) == 1 and {n for _, n in before} == {2}
    second = kg_main("build", corpus / "truce-c.txt", "--out", tmp_path / "o2", "--store", store, "--quiet")
    assert second.code == 0, second.err
    with Store(store) as opened:
        after = [(s["r"].value, int(s["n"].value)) for s in opened.query(REPORTED % (TURKEY, SYRIAN_ARMY))]
    assert {r for r, _ in after} == {before[0][0]} and {n for _, n in after} == {3}


def mention(iri: str, day: str, place: str = "", category: str = "ACCUSE") -> Mention:
    return Mention(iri, category, "asserted", day, place, "art-" + iri, "", iri, {"a"}, {"b"})


def test_mentions_merge_within_the_window_and_only_with_compatible_places():
    groups = group_mentions([mention("e1", "2017-03-07"), mention("e2", "2017-03-09"), mention("e3", "2017-03-20"),
                             mention("e4", "2017-03-08", place="aleppo"), mention("e5", "2017-03-08", place="idlib"),
                             mention("e6", "2017-03-07", category="ASSAULT")])
    members = sorted(sorted(m.iri for m in g) for g in groups)
    assert members == [["e1", "e2", "e4"], ["e3"], ["e5"], ["e6"]]
    again = group_mentions([mention(i, d) for i, d in (("e2", "2017-03-09"), ("e1", "2017-03-07"))])
    assert [[m.iri for m in g] for g in again] == [["e1", "e2"]]
