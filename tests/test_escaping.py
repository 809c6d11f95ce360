"""Hostile text stays inert: quotes, angle brackets, newlines and <script> in names, sentences, titles
and ids come out of Turtle exactly as they went in, and never as markup in the HTML view.

(The browser-level check of the HTML view belongs to the view's own tests; here the page is read as a file.)
"""

from __future__ import annotations

import json

import networkx as nx
import pyoxigraph
import pytest
import rdflib
from conftest import jsonl, write

from kg.model import Actor, Article, ArticleResult, Event, Mention
from kg.outputs import write_outputs
from kg.rdf import Run, actor_iri, article_iri
from kg.vocabulary import KGO

SCRIPT = "<script>alert('kg-xss')</script>"
CLOSE_AND_SCRIPT = "</script><script>alert('kg-xss')</script>"
BOLD = '<b class="kg-bold">'
HOSTILE_NAME = f'The "Lions" of <Aleppo-kg> {SCRIPT}\nsecond line\\ ends with "'
HOSTILE_ID = f'doc "7" {BOLD} </script>\nx'
# Markup that must never reach the page raw (each unique to these tests: vis-network's own code has "<b>").
RAW_MARKUP = ("<script>alert(", "</script><script>", BOLD, "<Aleppo-kg>", "<img src=x onerror=kgEvil")


def hostile_result() -> ArticleResult:
    """An article whose actor names, sentence, title, url and id are all made of markup and quotes."""
    backer = Actor(id="org/x-lions\"<x>", label=HOSTILE_NAME, type="Organisation", code="SYR", sector="REB")
    backed = Actor(id="state/RUS", label="Russia", type="State", code="RUS", qid="Q159")
    sentence = (f'{HOSTILE_NAME} backs Russia, said a "source" <img src=x onerror=kgEvil(1)> '
                f'{CLOSE_AND_SCRIPT} with """triple""" quotes\r\n\ttabbed.')
    text = "Intro.\n" + sentence
    start = len("Intro.\n")
    name_at = text.index(HOSTILE_NAME)
    russia_at = text.index("Russia,")
    article = Article(HOSTILE_ID, text, "2016-12-14", f"Title {SCRIPT} & \"quotes\"",
                      'https://example.org/?q="<script>"', "hostile.jsonl:1")
    actors = [Mention(backer, name_at, name_at + len(HOSTILE_NAME), HOSTILE_NAME)]
    recipients = [Mention(backed, russia_at, russia_at + len("Russia"), "Russia")]
    event = Event(article.id, "SUPPORT", "backs", actors, recipients, trigger="backs", sentence=sentence,
                  sentence_start=start, sentence_end=start + len(sentence), date="2016-12-14",
                  source_text=f'a "source" {SCRIPT}', confidence=0.8)
    return ArticleResult(article, actors + recipients, [event])


@pytest.fixture(scope="module")
def hostile_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("hostile")
    result = hostile_result()
    write_outputs([result], out, title=f"Graph {SCRIPT} \"{BOLD}\"", run=Run("test-model"))
    return out, result


def test_rdflib_reads_back_every_hostile_string_exactly(hostile_out):
    out, result = hostile_out
    graph = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    backer = actor_iri(result.events[0].actors[0].actor)
    assert str(graph.value(backer, rdflib.RDFS.label)) == HOSTILE_NAME
    article = article_iri(HOSTILE_ID)
    assert str(graph.value(article, rdflib.DCTERMS.identifier)) == HOSTILE_ID
    assert str(graph.value(article, rdflib.DCTERMS.title)) == result.article.title
    [event] = graph.subjects(rdflib.RDF.type, KGO.Event)
    assert str(graph.value(event, KGO.evidenceText)) == result.events[0].sentence
    assert str(graph.value(event, KGO.sourceText)) == result.events[0].source_text
    assert (backer, KGO.backs, actor_iri("state/RUS")) in graph


def test_pyoxigraph_parses_the_same_turtle_to_the_same_triples(hostile_out):
    out, result = hostile_out
    store = pyoxigraph.Store()
    store.load(path=str(out / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(rdflib.Graph().parse(out / "graph.ttl", format="turtle"))
    rows = list(store.query(
        "SELECT ?label WHERE { ?a a <https://w3id.org/geokg/ontology#Organisation> ; "
        "<http://www.w3.org/2000/01/rdf-schema#label> ?label }"))
    assert [row["label"].value for row in rows] == [HOSTILE_NAME]
    evidence = list(store.query("SELECT ?e WHERE { ?x <https://w3id.org/geokg/ontology#evidenceText> ?e }"))
    assert [row["e"].value for row in evidence] == [result.events[0].sentence]


def test_ids_with_markup_become_percent_encoded_iris(hostile_out):
    out, _ = hostile_out
    for iri in rdflib.Graph().parse(out / "graph.ttl", format="turtle").all_nodes():
        if isinstance(iri, rdflib.URIRef):
            assert not set(str(iri)) & set('<>"{}|\\^` \n'), iri


def test_html_view_holds_no_markup_from_the_data(hostile_out):
    out, _ = hostile_out
    page = (out / "graph.html").read_text(encoding="utf-8")
    assert "Lions" in page and "kg-xss" in page  # the data is on the page, only inert
    for raw in RAW_MARKUP:
        assert raw not in page, raw


def test_graphml_and_plover_lines_keep_hostile_text_exactly(hostile_out):
    out, result = hostile_out
    net = nx.read_graphml(out / "graph.graphml")
    assert HOSTILE_NAME.replace("\r", "") in {d.get("label", "").replace("\r", "") for _, d in net.nodes(data=True)}
    lines = (out / "events.jsonl").read_text(encoding="utf-8").splitlines()
    [record] = [json.loads(line) for line in lines]
    assert record["cite_info"]["doc_id"] == HOSTILE_ID
    assert record["actor"][0]["entity_name"] == HOSTILE_NAME
    assert record["text"] == result.events[0].sentence


def test_control_characters_from_pdf_text_do_not_break_the_outputs(tmp_path, kg_main):
    """A form feed or escape character in an article used to abort the whole build (GraphML is XML)."""
    path = write(tmp_path, "pdf.txt", "Russia backs Assad, officials said on Monday.\x0c\x1b Turkey accused "
                                      "government forces of breaking the truce in Aleppo on Tuesday.\n")
    out = tmp_path / "out"
    run = kg_main("build", path, "--out", out, "--quiet")
    assert run.code == 0, run.err
    assert nx.read_graphml(out / "graph.graphml").number_of_edges() >= 1
    graph = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    assert any("\x0c" in str(o) for o in graph.objects(None, KGO.evidenceText))  # Turtle keeps the exact text
    pyoxigraph.Store().load(path=str(out / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE)


def test_article_with_markup_goes_through_the_whole_pipeline_inert(tmp_path, kg_main):
    sentence = (f'Russia backs Assad {CLOSE_AND_SCRIPT}, officials said on "Monday" <in Moscow-kg>.\n'
                "Turkey accused government forces of shelling Aleppo.")
    path = write(tmp_path, "hostile.jsonl", jsonl({
        "id": HOSTILE_ID, "text": sentence, "date": "2016-12-14",
        "title": f"{SCRIPT} \"Quoted\" & {BOLD}bold</b>", "url": 'https://example.org/a?b="c"&d=<e>'}))
    out = tmp_path / "out"
    run = kg_main("build", path, "--out", out, "--quiet", "--title", f"My {SCRIPT}")
    assert run.code == 0, run.err
    graph = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    store = pyoxigraph.Store()
    store.load(path=str(out / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(graph)
    evidence = {str(o) for o in graph.objects(None, KGO.evidenceText)}
    assert any(CLOSE_AND_SCRIPT in e for e in evidence)
    assert str(graph.value(article_iri(HOSTILE_ID), rdflib.DCTERMS.title)) == f"{SCRIPT} \"Quoted\" & {BOLD}bold</b>"
    page = (out / "graph.html").read_text(encoding="utf-8")
    assert "kg-xss" in page
    for raw in (*RAW_MARKUP, "<in Moscow-kg>"):
        assert raw not in page, raw
    assert {json.loads(line)["cite_info"]["doc_id"] for line in (out / "events.jsonl").open()} == {HOSTILE_ID}
