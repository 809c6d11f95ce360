"""The embedded Oxigraph store: one named graph per article, replaced on re-ingest, merged on actor IRIs."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from conftest import KG, SAMPLES, run_kg
from graphs import BACKS_TEXT, RUSSIA, TURKEY, dataset_of, invented_results, sample_results

from kg import __version__
from kg.rdf import ACTORS_GRAPH, ONTOLOGY_GRAPH, actor_iri, graph_iri
from kg.store import FILE_DEFAULT_GRAPH, Store, StoreError, open_source


def quads(store: Store) -> set[str]:
    return {str(q) for q in store.oxigraph}


def test_each_article_is_its_own_named_graph_beside_the_ontology(tmp_path):
    dataset = dataset_of(invented_results())
    with Store(tmp_path / "store") as store:
        sizes = store.add_dataset(dataset)
        assert store.article_graphs() == [str(graph_iri("backing")), str(graph_iri("talks"))]
        assert store.has_ontology()
        for name in store.article_graphs():
            assert sizes[name] == len(dataset.graph(ox_to_rdflib(name))) == store.graph_size(name)
        assert sizes[str(ONTOLOGY_GRAPH)] > 500  # the whole of kg.ttl


def ox_to_rdflib(name: str):
    from rdflib import URIRef

    return URIRef(name)


def test_the_default_graph_is_the_union_of_the_named_graphs_without_repeats(tmp_path):
    with Store(tmp_path / "store") as store:
        store.add_dataset(dataset_of(invented_results()))
        union = {(q.subject, q.predicate, q.object) for name in store.graph_names() for q in store.triples(name)}
        default = {(q.subject, q.predicate, q.object)
                   for q in store.oxigraph.quads_for_pattern(None, None, None, ox.DefaultGraph())}
        assert default == union
        # the run is described in both article graphs, but its label is one triple of the union
        label = list(store.query("SELECT ?l WHERE { ?run a kgo:ExtractionRun ; rdfs:label ?l }"))
        assert [row["l"].value for row in label] == [f"geo-kg {__version__} with test-model"]
        # and an actor is described once, in the shared actors graph
        graphs = store.query("SELECT ?g ?r WHERE { GRAPH ?g { ?r rdfs:label ?l } }",
                             {"r": ox.NamedNode(str(actor_iri(RUSSIA)))})
        assert [row["g"].value for row in graphs] == [str(ACTORS_GRAPH)]


def test_re_ingesting_the_same_articles_changes_nothing(tmp_path):
    with Store(tmp_path / "store") as store:
        store.add_dataset(dataset_of(invented_results()))
        before = quads(store)
        store.add_dataset(dataset_of(invented_results()))
        assert quads(store) == before


def test_re_ingesting_an_article_replaces_its_graph_and_keeps_shared_actors(tmp_path):
    with Store(tmp_path / "store") as store:
        store.add_dataset(dataset_of(invented_results()))
        talks = str(graph_iri("talks"))
        full = store.graph_size(talks)
        events = "SELECT ?e WHERE { ?e a kgo:Event ; kgo:article ?a . ?a dcterms:identifier \"talks\" }"
        assert len(list(store.query(events))) == 3
        store.add_dataset(dataset_of(invented_results(second_article_events=False)))  # talks now has 1 event
        assert len(list(store.query(events))) == 1
        assert store.graph_size(talks) < full
        # the union lost the dropped events' triples but kept what the other article still says
        assert not list(store.query("SELECT * WHERE { ?e kgo:factuality \"future\" }"))
        assert bool(store.query("ASK { ?r rdfs:label \"Russia\" }"))
        # and nothing of the old version lingers anywhere
        union = {(q.subject, q.predicate, q.object) for name in store.graph_names() for q in store.triples(name)}
        assert len(store) == len(union)


def test_removing_an_article_keeps_triples_another_article_also_has(tmp_path):
    with Store(tmp_path / "store") as store:
        store.add_dataset(dataset_of(invented_results()))
        assert store.remove_graph(graph_iri("talks"))
        assert not store.remove_graph(graph_iri("talks"))
        assert store.article_graphs() == [str(graph_iri("backing"))]
        article = "<https://w3id.org/geokg/id/article/{}>"
        assert bool(store.query(f"ASK {{ ?run a kgo:ExtractionRun ; prov:used {article.format('backing')} }}"))
        assert not bool(store.query(f"ASK {{ ?e kgo:article {article.format('talks')} }}"))  # only 'talks' had them
        assert bool(store.query("ASK { ?r rdfs:label \"Aleppo\" }"))  # actors stay in the shared actors graph


def test_articles_merge_on_actor_iris(tmp_path):
    with Store(tmp_path / "store") as store:
        store.add_dataset(dataset_of(invented_results()))
        rows = store.query("SELECT DISTINCT ?article ?russia WHERE { ?e kgo:actor ?russia ; kgo:article ?a . "
                           "?a dcterms:identifier ?article }", {"russia": ox.NamedNode(str(actor_iri(RUSSIA)))})
        assert sorted(row["article"].value for row in rows) == ["backing", "talks"]


def test_the_store_persists_and_one_process_at_a_time_owns_it(tmp_path):
    with Store(tmp_path / "store") as store:
        store.add_dataset(dataset_of(invented_results()))
        before = quads(store)
        with pytest.raises(StoreError, match="another kg process"):
            Store(tmp_path / "store")
    with Store(tmp_path / "store") as again:
        assert quads(again) == before


def test_a_folder_loaded_by_other_tools_gets_its_union_on_opening(tmp_path):
    """A store filled with named graphs only (e.g. by `oxigraph load`) answers queries once kg opens it."""
    database = ox.Store(str(tmp_path / "store"))
    quads = [q for q in ox.parse(dataset_of(invented_results()).serialize(format="nquads"), ox.RdfFormat.N_QUADS)
             if not isinstance(q.graph_name, ox.DefaultGraph)]
    database.extend(quads)
    database.flush()
    del database
    with Store(tmp_path / "store") as store:
        assert bool(store.query('ASK { ?e kgo:factuality "negated" ; kgo:actor ?turkey }',
                                {"turkey": ox.NamedNode(str(actor_iri(TURKEY)))}))


def test_a_bad_graph_name_changes_nothing(tmp_path):
    with Store(tmp_path / "store") as store:
        store.add_dataset(dataset_of(invented_results()))
        before = quads(store)
        with pytest.raises(ValueError):
            store.replace_graph("not an iri> } ; DROP ALL ; INSERT DATA { <a:b> <a:b> <a:b>", "")
        assert quads(store) == before


def test_a_file_is_loaded_with_its_default_graph_kept_apart(tmp_path):
    nt = tmp_path / "g.nt"
    label = "<http://www.w3.org/2000/01/rdf-schema#label>"
    nt.write_text(f'<https://w3id.org/geokg/id/state/RUS> {label} "{BACKS_TEXT}" .\n', encoding="utf-8")
    store = open_source(nt)
    assert store.graph_size(FILE_DEFAULT_GRAPH) == 1
    assert store.has_ontology()  # added so the cookbook works on a plain file
    assert store.nquads(ontology=False).decode().splitlines() == [nt.read_text(encoding="utf-8").strip()]


def test_kg_build_store_adds_the_samples_and_a_second_build_adds_nothing(tmp_path, extractor):
    store_dir = tmp_path / "store"
    first = run_kg("build", SAMPLES, "--out", tmp_path / "out", "--store", store_dir, "--quiet")
    assert first.code == 0, first.err
    with Store(store_dir) as store:
        articles = store.article_graphs()
        before = quads(store)
    assert len(articles) == len(sample_results(extractor)) == 3
    second = run_kg("build", SAMPLES / "aleppo-offensive.txt", "--out", tmp_path / "out2", "--store", store_dir,
                    "--quiet")
    assert second.code == 0, second.err
    with Store(store_dir) as store:
        assert quads(store) == before  # the re-built article replaced itself, byte for byte
    assert KG.exists()
