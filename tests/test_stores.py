"""One answer everywhere: each cookbook query gives the same rows on the embedded store, on graph.ttl,
on graph.trig, on an Oxigraph server (plain, and with a union default graph) and on Virtuoso, after
`kg push` of what `kg build` wrote. The servers are real, started on 127.0.0.1 for this module."""

from __future__ import annotations

import time

import pytest
from conftest import SAMPLES, run_kg
from servers import BasicAuthProxy, SilentServer, free_port, start_oxigraph, start_virtuoso, stop

from kg.endpoint import Endpoint
from kg.query import cookbook, load_query, run_query
from kg.rdf import ACTORS_GRAPH
from kg.store import Store, open_files

# Each cookbook query unbound, and with parameters of every kind (actor names and IRIs, a category, a
# code, dates) that select something in the samples.
CASES = [(entry.name, {}) for entry in cookbook()] + [
    ("accusations-against", {"target": "Syrian Armed Forces"}),
    ("actor-timeline", {"actor": "Turkey", "from": "2016-12-14"}),
    ("actor-timeline", {"actor": "kgr:state/RUS", "to": "2016-12-13"}),
    ("allies-and-adversaries", {"actor": "Russia"}),
    ("country-events", {"code": "irn"}),
    ("country-events", {"code": "SYR", "from": "2016-12-14", "to": "2016-12-14"}),
    ("events-between", {"a": "Russia", "b": "Turkey"}),
    ("key-relations", {"category": "REQUEST"}),
    ("who-backs-whom", {"backer": "Iran"}),
    ("who-backs-whom", {"backed": "https://w3id.org/geokg/id/person/bashar-al-assad"}),
]
SERVERS = ("oxigraph", "oxigraph-union", "virtuoso")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """`kg build samples` with a store: outputs/ (graph.ttl, graph.trig, …) and the store folder."""
    folder = tmp_path_factory.mktemp("stores")
    run = run_kg("build", SAMPLES, "--out", folder / "out", "--store", folder / "store", "--quiet")
    assert run.code == 0, run.err
    return folder


@pytest.fixture(scope="module")
def servers(tmp_path_factory, built):
    """The three servers, each loaded with `kg push out/graph.trig`."""
    started = {}
    try:
        started["oxigraph"] = start_oxigraph(tmp_path_factory.mktemp("oxigraph"))
        started["oxigraph-union"] = start_oxigraph(tmp_path_factory.mktemp("oxigraph-union"), union_default_graph=True)
        started["virtuoso"] = start_virtuoso(tmp_path_factory.mktemp("virtuoso"))
        for server in started.values():
            args = ["--user", server.user] if server.user else []
            run = run_kg("push", built / "out" / "graph.trig", "--endpoint", server.store_endpoint, "--quiet", *args,
                         env={"KG_PUSH_PASSWORD": server.password or ""})
            assert run.code == 0, run.err
        yield started
    finally:
        for server in started.values():
            stop(server.process)


def rows(source, name: str, params: dict) -> list[tuple]:
    results = run_query(source, load_query(name), params)
    variables = [var.value for var in results.variables]
    return [tuple((var, s[var].value if s[var] is not None else None) for var in variables) for s in results]


def local_sources(built) -> dict:
    return {"store": lambda: Store(built / "store"),
            "graph.ttl": lambda: open_files([built / "out" / "graph.ttl"]),
            "graph.trig": lambda: open_files([built / "out" / "graph.trig"])}


@pytest.mark.server
@pytest.mark.parametrize(("name", "params"), CASES, ids=[f"{n}-{'-'.join(p) or 'all'}" for n, p in CASES])
def test_each_cookbook_query_gives_the_same_rows_on_every_store(built, servers, name, params):
    with Store(built / "store") as store:
        expected = rows(store, name, params)
    assert expected, f"{name} {params} found nothing in the samples"
    for where, open_source in local_sources(built).items():
        with open_source() as source:
            assert rows(source, name, params) == expected, where
    for where, server in servers.items():
        endpoint = Endpoint(server.query_endpoint, timeout=60)
        assert rows(endpoint, name, params) == expected, where


@pytest.mark.server
def test_actor_facts_are_stored_once_so_a_union_default_graph_repeats_nothing(built, servers):
    """The labels of an actor live in the actors graph only: a plain triple pattern on a server
    whose default graph is the union of all graphs sees each once."""
    union = servers["oxigraph-union"]
    labels = union.select("SELECT ?l WHERE { <https://w3id.org/geokg/id/state/RUS> "
                          "<http://www.w3.org/2000/01/rdf-schema#label> ?l }")
    assert [row["l"]["value"] for row in labels] == ["Russia"]
    graphs = union.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { <https://w3id.org/geokg/id/state/RUS> "
                          "<http://www.w3.org/2000/01/rdf-schema#label> ?l } }")
    assert [row["g"]["value"] for row in graphs] == [str(ACTORS_GRAPH)]


@pytest.fixture(scope="module")
def fresh_oxigraph(tmp_path_factory):
    server = start_oxigraph(tmp_path_factory.mktemp("oxigraph-fresh"))
    yield server
    stop(server.process)


@pytest.mark.server
def test_push_graph_ttl_without_flags_then_query_the_server_gives_the_local_rows(built, fresh_oxigraph):
    graph_ttl = built / "out" / "graph.ttl"
    pushed = run_kg("push", graph_ttl, "--endpoint", fresh_oxigraph.store_endpoint)
    assert pushed.code == 0, pushed.err
    assert f"graph <{graph_ttl.resolve().as_uri()}> (named after the file" in pushed.err
    assert fresh_oxigraph.graphs() == set() and fresh_oxigraph.count(graph_ttl.resolve().as_uri()) > 1000
    local = run_kg("query", "who-backs-whom", graph_ttl)
    remote = run_kg("query", "who-backs-whom", "--endpoint", fresh_oxigraph.query_endpoint)
    assert local.code == remote.code == 0, remote.err
    assert remote.out == local.out and "Russia" in local.out
    for args in (["accusations-against", "--param", "target=Syrian Armed Forces"],
                 ["central-actors", "--format", "csv"]):
        assert run_kg("query", *args, "--endpoint", fresh_oxigraph.query_endpoint).out == \
            run_kg("query", *args, graph_ttl).out


@pytest.mark.server
def test_an_endpoint_that_asks_for_digest_authentication(built, servers):
    virtuoso = servers["virtuoso"]
    secured = virtuoso.query_endpoint + "-auth"  # Virtuoso's /sparql-auth: digest authentication
    local = run_kg("query", "who-backs-whom", "--store", built / "store")
    good = run_kg("query", "who-backs-whom", "--endpoint", secured, "--user", "dba", env={"KG_PASSWORD": "dba"})
    assert good.code == 0, good.err
    assert good.out == local.out
    bad = run_kg("query", "who-backs-whom", "--endpoint", secured, "--user", "dba", env={"KG_PASSWORD": "wrong"})
    assert bad.code == 1 and "HTTP 401" in bad.err and "--user" in bad.err
    anonymous = run_kg("query", "who-backs-whom", "--endpoint", secured)
    assert anonymous.code == 1 and "HTTP 401" in anonymous.err


@pytest.mark.server
def test_an_endpoint_behind_basic_authentication(built, servers):
    proxy = BasicAuthProxy(servers["oxigraph"].query_endpoint, "analyst", "s3cret")
    try:
        local = run_kg("query", "key-relations", "--param", "category=REQUEST", "--store", built / "store")
        up_front = run_kg("query", "key-relations", "--param", "category=REQUEST", "--endpoint", proxy.endpoint,
                          "--user", "analyst", "--auth", "basic", env={"KG_PASSWORD": "s3cret"})
        answered = run_kg("query", "key-relations", "--param", "category=REQUEST", "--endpoint", proxy.endpoint,
                          "--user", "analyst", env={"KG_PASSWORD": "s3cret"})
        wrong = run_kg("query", "key-relations", "--endpoint", proxy.endpoint, "--user", "analyst", "--auth", "basic",
                       env={"KG_PASSWORD": "guess"})
    finally:
        proxy.close()
    assert up_front.code == answered.code == 0, up_front.err + answered.err
    assert up_front.out == answered.out == local.out and "REQUEST" in local.out
    assert wrong.code == 1 and "HTTP 401" in wrong.err
    assert None in proxy.seen  # the auto mode first asked without credentials, then answered the challenge


def test_a_silent_endpoint_is_given_up_after_the_timeout():
    silent = SilentServer()
    try:
        started = time.monotonic()
        run = run_kg("query", "central-actors", "--endpoint", silent.endpoint, "--timeout", "1")
        waited = time.monotonic() - started
    finally:
        silent.close()
    assert run.code == 1 and f"no answer from {silent.endpoint} within 1 s" in run.err
    assert waited < 30


def test_an_unreachable_endpoint_and_a_non_http_endpoint_are_clear_errors():
    nobody = f"http://127.0.0.1:{free_port()}/query"
    run = run_kg("query", "central-actors", "--endpoint", nobody)
    assert run.code == 1 and f"cannot reach {nobody}" in run.err
    run = run_kg("query", "central-actors", "--endpoint", "127.0.0.1:7878/query")
    assert run.code == 1 and "must be an http(s) URL" in run.err


@pytest.mark.server
def test_pushing_graph_trig_again_replaces_each_article_and_adds_nothing_to_the_actors(built, servers):
    server = servers["oxigraph"]
    before = {graph: server.count(graph) for graph in server.graphs()}
    assert str(ACTORS_GRAPH) in before and sum(g.startswith("https://w3id.org/geokg/id/graph/") for g in before) == 3
    run = run_kg("push", built / "out" / "graph.trig", "--endpoint", server.store_endpoint)
    assert run.code == 0, run.err
    assert {graph: server.count(graph) for graph in server.graphs()} == before
    assert "kg: loaded <https://w3id.org/geokg/id/graph/aleppo-evacuation>" in run.err
