"""The terms, IRIs and N-Triples lines kg/rdf.py and kg/shards.py keep and hand out again are the
ones rdflib makes afresh: the same values, whatever was asked before."""

from __future__ import annotations

from urllib.parse import quote

from rdflib import RDF, XSD, Literal, URIRef
from rdflib.plugins.serializers.nt import _nt_row

from kg import rdf
from kg.shards import nt_line
from kg.vocabulary import KGO, PLOVER


def test_terms_made_once_are_the_namespace_terms():
    assert rdf._KGO.actor == KGO.actor and rdf._KGO.actor is rdf._KGO.actor
    assert rdf._RDF.type == RDF.type and rdf._XSD.decimal == XSD.decimal
    assert rdf._KGO["eventCategory"] == KGO.eventCategory and rdf._PLOVER["ACCUSE"] == PLOVER["ACCUSE"]
    assert rdf._PLOVER["ACCUSE"] is rdf._PLOVER["ACCUSE"]


def test_actor_iris_kept_are_the_iris_made_afresh():
    for ident in ["state/SYR", "person/Recep Tayyip Erdoğan", "org/a&b?c#d", "state/SYR"]:
        assert rdf.actor_iri(ident) == rdf.KGR[quote(ident, safe="/-_.~")]
        assert type(rdf.actor_iri(ident)) is URIRef


def test_kept_lines_are_the_lines_rdflib_writes():
    node, label = rdf.KGR["state/SYR"], URIRef("http://www.w3.org/2000/01/rdf-schema#label")
    triples = [(node, label, Literal("Syria")), (node, label, Literal("x", lang="EN")),
               (node, label, Literal("x", lang="en")), (node, label, Literal("1", datatype=XSD.integer)),
               (node, label, Literal("1")), (node, label, Literal('say "no"\n')), (node, RDF.type, KGO.State)]
    for triple in triples + triples:  # the second time, from what was kept
        assert nt_line(triple) == _nt_row(triple).rstrip("\n")


def test_what_the_build_keeps_in_the_compiled_cache_is_what_the_ontology_gives():
    from kg.outputs import _ontology_labels, _read_ontology_labels
    from kg.views.html import _type_colours, _type_labels, type_colours, type_labels

    assert type_colours() == _type_colours() and list(type_colours()) == list(_type_colours())
    assert type_labels() == _type_labels() and list(type_labels()) == list(_type_labels())
    assert _ontology_labels() == _read_ontology_labels()


def test_pyvis_is_found_where_importing_it_would_put_it():
    from pathlib import Path

    import pyvis

    from kg.views.html import _package_folder

    assert _package_folder("pyvis") == Path(pyvis.__file__).parent


def test_kept_literals_are_the_literals_made_afresh():
    from decimal import Decimal

    cases = [("asserted", None), ("", None), ("2016-12-14", XSD.date), ("not a date", XSD.date), (12, None),
             (0, None), ("0.85", XSD.decimal), ("0.850", XSD.decimal), ("5", XSD.decimal), ("12", None)]
    for _ in range(2):  # the second time, from what was kept
        for value, datatype in cases:
            kept = rdf._kept_literal(value, datatype)
            made = (Literal(Decimal(value), datatype=datatype) if datatype == XSD.decimal
                    else Literal(value, datatype=datatype))
            assert kept == made and str(kept) == str(made) and kept.datatype == made.datatype
            assert type(kept.value) is type(made.value)
    assert rdf._kept_literal(True) == Literal(True) and rdf._kept_literal(1) == Literal(1)
    assert rdf._kept_literal(True).datatype == XSD.boolean
