"""kg/views/network.py's actor view read straight from the triples gives the nodes its SPARQL
queries give, attribute for attribute and in the same order, and hands back to SPARQL what it
cannot be sure of."""

from __future__ import annotations

from decimal import Decimal

from conftest import ACCUSING, BACKING
from rdflib import OWL, RDF, RDFS, SKOS, XSD, BNode, Literal, URIRef

from kg.model import Article
from kg.rdf import GEO, KGR, WD, Run, article_graph
from kg.shards import new_graph
from kg.views import network
from kg.vocabulary import KGO


def _by_sparql(graph, monkeypatch) -> list:
    with monkeypatch.context() as patched:
        patched.setattr(network, "_direct_rows", lambda graph: None)
        return list(network.actor_net(graph).nodes(data=True))


def _graph(triples: list[tuple]):
    graph = new_graph()
    for triple in triples:
        graph.add(triple)
    return graph


def test_several_values_missing_ones_and_non_actors_give_the_rows_sparql_gives(monkeypatch):
    a, b, c, syr, rus = KGR["x/a"], KGR["x/b"], KGR["x/c"], KGR["state/SYR"], KGR["state/RUS"]
    graph = _graph([
        (a, RDF.type, KGO.Person), (a, RDF.type, KGO.Event), (a, RDF.type, KGO.Actor),
        (a, RDFS.label, Literal("Zed")), (a, RDFS.label, Literal("Abe")), (a, SKOS.altLabel, Literal("Abe")),
        (a, SKOS.altLabel, Literal("Z")), (a, KGO.countryCode, Literal("SYR")), (a, KGO.countryCode, Literal("0")),
        (a, KGO.country, syr), (a, KGO.country, rus), (a, KGO.ofState, rus), (a, KGO.ofState, syr),
        (a, OWL.sameAs, WD["Q2"]), (a, OWL.sameAs, WD["Q10"]), (b, RDF.type, KGO.Place), (b, RDFS.label, Literal("B")),
        (b, GEO.lat, Literal(Decimal("33.5"), datatype=XSD.decimal)),
        (b, GEO.lat, Literal(Decimal("4.25"), datatype=XSD.decimal)),
        (b, GEO.long, Literal(Decimal("36.3"), datatype=XSD.decimal)), (b, KGO.sector, Literal("")),
        (c, RDF.type, KGO.Event), (c, RDFS.label, Literal("not an actor")), (c, KGO.country, syr),
        (KGR["x/d"], RDF.type, URIRef("http://example.org/Other")), (KGR["x/d"], RDFS.label, Literal("D")),
        (KGR["x/e"], RDF.type, KGO.State), (KGR["x/e"], KGO.countryCode, Literal("E")),  # no label: not a node
        (syr, RDF.type, KGO.State), (syr, RDFS.label, Literal("Syria")), (syr, RDFS.label, Literal("Sham")),
        (rus, RDF.type, KGO.State), (rus, RDFS.label, Literal("Russia")), (b, KGO.country, KGR["x/unlabelled"])])
    assert network._direct_rows(graph) is not None
    assert list(network.actor_net(graph).nodes(data=True)) == _by_sparql(graph, monkeypatch)


def test_what_only_sparql_is_sure_of_goes_to_sparql(monkeypatch):
    a = KGR["x/a"]
    base = [(a, RDF.type, KGO.Person), (a, RDFS.label, Literal("A"))]
    for extra in ([(a, RDFS.label, Literal("A", lang="en"))],  # two terms written "A"
                  [(BNode("b"), RDF.type, KGO.Person), (BNode("b"), RDFS.label, Literal("B"))],
                  [(a, RDF.type, Literal("https://w3id.org/geokg/ontology#Person"))],
                  [(a, KGO.countryCode, Literal("1", datatype=XSD.integer)), (a, KGO.countryCode, Literal("1"))]):
        graph = _graph(base + extra)
        assert network._direct_rows(graph) is None
        assert list(network.actor_net(graph).nodes(data=True)) == _by_sparql(graph, monkeypatch)
    rebound = _graph(base)
    rebound.bind("kgo", "http://example.org/other#", override=True, replace=True)
    assert network._direct_rows(rebound) is None


def test_the_actors_of_a_real_extraction_give_the_rows_sparql_gives(extractor, monkeypatch):
    from kg.gazetteer import load_gazetteer

    articles = [Article("backing", BACKING, date="2016-12-12"), Article("accusing", ACCUSING)]
    actors = new_graph()
    for result in extractor.run(articles):
        article_graph(new_graph(), result, Run(extractor.model_name), load_gazetteer(), actors)
    assert network._direct_rows(actors) is not None
    nodes = list(network.actor_net(actors).nodes(data=True))
    assert len(nodes) > 5 and nodes == _by_sparql(actors, monkeypatch)
