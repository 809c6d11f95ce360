"""kg/turtle.py writes the same Turtle as rdflib's serializer, byte for byte: on the graphs a real
extraction makes, on literals and IRIs that need escaping or long quotes, and on what it hands
back to rdflib (blank nodes, an IRI that needs a generated prefix)."""

from __future__ import annotations

from decimal import Decimal

from conftest import ACCUSING, BACKING
from hypothesis import given
from hypothesis import strategies as st
from rdflib import OWL, RDF, RDFS, SKOS, XSD, BNode, Literal, URIRef

from kg.model import Article
from kg.rdf import KGR, Run, article_graph
from kg.shards import article_shard, new_graph, rdflib_turtle_body, turtle_body
from kg.turtle import Triples
from kg.vocabulary import KGO


def _both(triples: list[tuple]) -> tuple[tuple, tuple]:
    graph = new_graph()
    for triple in triples:
        graph.add(triple)
    return rdflib_turtle_body(graph), turtle_body(Triples(triples))


def test_article_graphs_of_a_real_extraction_are_written_as_rdflib_writes_them(extractor):
    from kg.gazetteer import load_gazetteer

    articles = [Article("backing", BACKING, date="2016-12-12", title="Russia and the army"),
                Article("accusing", ACCUSING, url="https://example.org/news?id=1&x=(2)")]
    run = Run(extractor.model_name)
    written = 0
    for result in extractor.run(articles):
        graph, actors = new_graph(), new_graph()
        fast, fast_actors = Triples(), Triples()
        article_graph(graph, result, run, load_gazetteer(), actors)
        article_graph(fast, result, run, load_gazetteer(), fast_actors)
        assert len(fast) == len(graph) and set(fast) == set(graph)
        for slow, quick in ((graph, fast), (actors, fast_actors)):
            expected = rdflib_turtle_body(slow)
            assert turtle_body(quick) == expected and turtle_body(slow) == expected
            written += expected[1].count(" .\n")
        assert article_shard(result, run).turtle == rdflib_turtle_body(graph)[1]
    assert written > 10  # events, the article, the run and actors were all written


AWKWARD = ["plain", 'say "no"', "back\\slash", "two\nlines", 'ends in a quote"', 'three """ quotes\n',
           "carriage\rreturn", "tab\there", "Erdoğan · 中文", "lone \ud800 surrogate", "", " ", "x\n\"",
           "\u2028separator", "a\\\nb\\"]


def test_awkward_literals_and_iris_are_written_as_rdflib_writes_them():
    node = KGR["event/ev-1"]
    triples = [(node, RDF.type, KGO.Event), (node, RDFS.label, Literal("label", lang="en"))]
    triples += [(node, SKOS.altLabel, Literal(text)) for text in AWKWARD]
    triples += [(node, KGO.confidence, Literal(Decimal("0.85"), datatype=XSD.decimal)),
                (node, KGO.score, Literal("5", datatype=XSD.decimal)),
                (node, KGO.evidenceStart, Literal(12)), (node, KGO.evidenceEnd, Literal("012", datatype=XSD.integer)),
                (node, KGO.symmetric, Literal(True)), (node, KGO.weight, Literal(1.5e-7)),
                (node, KGO.date, Literal("2016-12-14", datatype=XSD.date)),
                (node, KGO.bad, Literal("not a date", datatype=XSD.date)),
                (node, KGO.odd, Literal("x", datatype=URIRef("http://example.org/type#t"))),
                (node, KGO.url, Literal("https://example.org/a b", datatype=XSD.anyURI)),
                (node, KGO.actor, KGR["state/SYR"]), (node, KGO.actor, KGR["state/RUS/government"]),
                (node, KGO.place, URIRef("https://sws.geonames.org/170063/")),
                (node, KGO.other, URIRef("http://example.org/ends.with.dot.")),
                (node, KGO.other, URIRef("https://w3id.org/geokg/ontology#with(parens)")),
                (node, KGO.other, URIRef("https://w3id.org/geokg/ontology#percent%zz")),
                (node, KGO.other, RDF.nil), (KGR["state/SYR"], RDF.type, KGO.State),
                (KGR["state/SYR"], RDFS.label, Literal("Syria")), (KGR["c"], RDF.type, RDFS.Class),
                (KGR["b"], RDF.type, RDFS.Class), (KGO.Thing, RDF.type, OWL.Class),
                (KGR["state/RUS/government"], KGO.actor, KGR["state/SYR"])]
    expected, written = _both(triples)
    assert written == expected
    assert '"""' in written[1] and "?" in written[1]  # long quotes and the replaced surrogate are there


_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]) | st.sampled_from('"\\\n\r'), max_size=12)


@given(st.lists(st.tuples(st.sampled_from(["a", "b", "state/X", "c(d)"]),
                          st.sampled_from([KGO.actor, SKOS.altLabel, RDFS.label, RDF.type, KGO.confidence]),
                          st.one_of(_TEXT.map(Literal), st.sampled_from(["a", "b", "state/X"]).map(KGR.term),
                                    st.decimals(places=2, allow_nan=False, allow_infinity=False).map(Literal),
                                    st.integers(-5, 5).map(Literal))), max_size=14))
def test_any_small_graph_is_written_as_rdflib_writes_it(rows):
    expected, written = _both([(KGR[s], p, o) for s, p, o in rows])
    assert written == expected


def test_what_the_writer_does_not_reproduce_is_written_by_rdflib():
    node = KGR["event/ev-2"]
    blank = BNode("b1")
    unbound = URIRef("http://example.org/vocabulary/says")  # a predicate with no prefix: rdflib makes ns1
    for triples in ([(node, KGO.about, blank), (blank, RDFS.label, Literal("x"))],
                    [(node, unbound, Literal("y")), (node, KGO.actor, KGR["state/SYR"])]):
        expected, written = _both(triples)
        assert written == expected
    assert "ns1" in _both([(node, unbound, Literal("y"))])[1][0]
    # the generated prefix did not stay behind for later graphs
    assert "ns1" not in turtle_body(Triples([(node, KGO.actor, KGR["state/SYR"])]))[0]


def test_triples_keep_one_copy_of_each_and_their_order():
    node = KGR["x"]
    triples = Triples([(node, RDFS.label, Literal("a")), (node, RDFS.label, Literal("a")),
                       (node, RDF.type, KGO.Event)])
    assert len(triples) == 2
    assert list(triples) == [(node, RDFS.label, Literal("a")), (node, RDF.type, KGO.Event)]


def test_one_iri_as_predicate_and_as_subject_or_object_is_named_as_rdflib_names_each():
    """The writer keeps an IRI's name as a predicate apart from its name as a subject or object
    (rdflib may make up a prefix for the one, never for the other); an unbound namespace used both
    ways goes to rdflib, and the bound ones are written from the kept names, graph after graph."""
    node, other = KGR["event/ev-3"], URIRef("http://example.org/terms/links")
    triples = [(node, KGO.actor, KGO.actor), (KGO.actor, RDF.type, RDF.Property), (KGO.actor, KGO.actor, node),
               (RDF.type, RDFS.label, Literal("type")), (node, RDF.type, RDF.type), (KGR["x"], KGO.actor, KGR["x"])]
    for extra in ([], [(node, other, other)], [(other, KGO.actor, node)], []):
        expected, written = _both(triples + extra)
        assert written == expected


def test_many_predicates_and_objects_of_one_subject_are_ordered_as_rdflib_orders_them():
    """IRIs are sorted by their text, without rdflib's comparisons; mixed and literal objects by
    rdflib's (a number literal sorts by value, "10" after "9")."""
    node = KGR["event/ev-4"]
    names = ["zeta", "Alpha", "alpha", "a.b", "a-b", "a_b", "a1", "a10", "a9", "é", "Z"]
    triples = [(node, KGO[name], KGR[f"state/{name}"]) for name in reversed(names)]
    triples += [(node, KGO.actor, KGR[f"x/{name}"]) for name in names]
    triples += [(node, KGO.mixed, o) for o in (Literal(10), Literal(9), KGR["x/1"], Literal("9"), Literal("10"))]
    triples += [(node, RDFS.label, Literal("b")), (node, RDFS.label, Literal("a")), (node, RDF.type, KGO.Event),
                (node, RDF.type, KGO.Article)]
    expected, written = _both(triples)
    assert written == expected
