"""`kg push` into real triple stores (Oxigraph server, Virtuoso) started on 127.0.0.1 for these tests,
and the failure modes (retries, a graph refused mid-push, basic authentication) against a scripted server."""

from __future__ import annotations

from collections import Counter

import pytest
from conftest import SAMPLES
from graphs import dataset_of, filled_store, invented_results
from servers import FlakyGraphStore, free_port, start_virtuoso, stop

from kg.push import PushError, graphs_from_store, payloads_from_files, push, push_path
from kg.rdf import ACTORS_GRAPH, ONTOLOGY_GRAPH
from kg.store import Store


@pytest.fixture(scope="module")
def local(tmp_path_factory, extractor):
    """A store with the samples and the invented articles, and its graphs' sizes."""
    path = tmp_path_factory.mktemp("push") / "store"
    with filled_store(path, extractor) as store:
        sizes = {name: store.graph_size(name) for name in store.graph_names()}
    return path, sizes


@pytest.fixture(scope="module")
def virtuoso_server(tmp_path_factory):
    server = start_virtuoso(tmp_path_factory.mktemp("virtuoso"))
    yield server
    stop(server.process)


def servers(request) -> list:
    return [request.getfixturevalue(name) for name in ("oxigraph_server", "virtuoso_server")]


@pytest.mark.server
@pytest.mark.parametrize("name", ["oxigraph_server", "virtuoso_server"])
def test_a_push_loads_every_graph_and_a_second_push_changes_nothing(request, local, name):
    server = request.getfixturevalue(name)
    path, sizes = local
    result = push_path(path, server.store_endpoint, user=server.user, password=server.password, retries=1)
    assert result.ok and sorted(result.loaded) == sorted(sizes)
    assert server.graphs() == set(sizes)
    assert server.count() == sum(sizes.values()) == result.triples
    for graph, size in sizes.items():
        assert server.count(graph) == size, graph
    again = push_path(path, server.store_endpoint, user=server.user, password=server.password, retries=1)
    assert again.ok
    assert server.count() == sum(sizes.values())  # replaced, not appended


@pytest.mark.server
@pytest.mark.parametrize("name", ["oxigraph_server", "virtuoso_server"])
def test_pushing_a_changed_article_replaces_it_on_the_server(request, tmp_path, name):
    server = request.getfixturevalue(name)
    talks = "https://w3id.org/geokg/id/graph/talks"
    with Store(tmp_path / "store") as store:
        store.add_dataset(dataset_of(invented_results()), ontology=False)
        payloads = graphs_from_store(store, ontology=False)
        full = store.graph_size(talks)
    assert push(payloads, server.store_endpoint, user=server.user, password=server.password).ok
    assert server.count(talks) == full
    with Store(tmp_path / "store") as store:
        store.add_dataset(dataset_of(invented_results(second_article_events=False)), ontology=False)
        payloads = graphs_from_store(store, ontology=False)
        fewer = store.graph_size(talks)
    assert fewer < full
    assert push(payloads, server.store_endpoint, user=server.user, password=server.password).ok
    assert server.count(talks) == fewer
    rows = server.select(f'SELECT ?e WHERE {{ GRAPH <{talks}> {{ ?e <https://w3id.org/geokg/ontology#factuality> '
                         '"future" } }')
    assert rows == []  # the dropped future event is gone from the server


@pytest.mark.server
def test_a_wrong_password_is_reported_with_nothing_loaded(virtuoso_server, local):
    path, sizes = local
    with pytest.raises(PushError) as caught:
        push_path(path, virtuoso_server.store_endpoint, user="dba", password="wrong", retries=0)
    result = caught.value.result
    assert result.loaded == [] and len(result.not_loaded) == len(sizes)
    message = str(caught.value)
    assert "HTTP 401" in message and "loaded 0 of" in message and "NOT loaded" in message


@pytest.mark.server
def test_kg_push_command_against_the_oxigraph_server(oxigraph_server, local, kg_main):
    path, sizes = local
    run = kg_main("push", path, "--endpoint", oxigraph_server.store_endpoint, "--quiet")
    assert run.code == 0, run.err
    assert f"pushed {len(sizes)} graphs" in run.err
    assert oxigraph_server.count(str(ONTOLOGY_GRAPH)) == sizes[str(ONTOLOGY_GRAPH)]


def test_transient_failures_are_retried_with_backoff(local):
    path, sizes = local
    with Store(path) as store:
        payloads = graphs_from_store(store)
    flaky = FlakyGraphStore(fail_times={payloads[0].name: 2})
    waits: list[float] = []
    try:
        result = push(payloads, flaky.endpoint, retries=3, backoff=0.5, sleep=waits.append)
    finally:
        flaky.close()
    assert result.ok and len(flaky.graphs) == len(payloads)
    assert waits == [0.5, 1.0]  # two 503 answers, exponential backoff
    assert [outcome for graph, outcome in flaky.requests if graph == payloads[0].name] == ["503", "503", "201"]


def test_a_graph_refused_mid_push_stops_with_what_was_and_was_not_loaded(local):
    path, _ = local
    with Store(path) as store:
        payloads = graphs_from_store(store)
    refused = payloads[2].name
    flaky = FlakyGraphStore(refuse={refused})
    try:
        with pytest.raises(PushError) as caught:
            push_path(path, flaky.endpoint, retries=3, sleep=lambda _: None)
    finally:
        flaky.close()
    result = caught.value.result
    assert result.loaded == [p.name for p in payloads[:2]]
    assert result.failed == refused and result.not_loaded == [p.name for p in payloads[2:]]
    assert "HTTP 400" in result.error and "graph refused by the test server" in result.error
    assert [outcome for graph, outcome in flaky.requests if graph == refused] == ["400"]  # a 400 is not retried
    message = str(caught.value)
    assert f"loaded      <{payloads[0].name}>" in message and f"NOT loaded  <{refused}>" in message


def test_basic_authentication_is_sent_up_front(local):
    path, sizes = local
    flaky = FlakyGraphStore(basic_auth=("analyst", "s3cret"))
    try:
        result = push_path(path, flaky.endpoint, user="analyst", password="s3cret", auth="basic", retries=0)
        with pytest.raises(PushError, match="HTTP 401"):
            push_path(path, flaky.endpoint, user="analyst", password="guess", auth="basic", retries=0)
    finally:
        flaky.close()
    assert result.ok and len(flaky.graphs) == len(sizes)
    assert [outcome for _, outcome in flaky.requests][: len(sizes)] == ["201"] * len(sizes)  # never challenged


def test_an_unreachable_server_is_reported_after_the_retries(local):
    path, _ = local
    waits: list[float] = []
    with pytest.raises(PushError, match="cannot reach the server") as caught:
        push_path(path, f"http://127.0.0.1:{free_port()}/store", retries=2, backoff=0.1, sleep=waits.append)
    assert waits == [0.1, 0.2]
    assert "gave up after 3 attempts" in str(caught.value)
    assert caught.value.result.loaded == []


def test_a_plain_turtle_file_is_pushed_as_one_graph_named_after_the_file(tmp_path):
    turtle = tmp_path / "graph.ttl"
    turtle.write_text('<https://w3id.org/geokg/id/state/RUS> <http://www.w3.org/2000/01/rdf-schema#label> "Russia" .',
                      encoding="utf-8")
    flaky = FlakyGraphStore()
    try:
        named_after_file = push_path(turtle, flaky.endpoint, ontology=False)
        chosen = push_path(turtle, flaky.endpoint, ontology=False, graph="https://example.org/g")
    finally:
        flaky.close()
    assert named_after_file.ok and named_after_file.loaded == [turtle.resolve().as_uri()]
    assert chosen.ok and chosen.loaded == ["https://example.org/g"]
    assert sorted(flaky.graphs) == sorted([turtle.resolve().as_uri(), "https://example.org/g"])
    assert flaky.graphs["https://example.org/g"].count(b"\n") == 1
    with Store() as store:
        store.load_file(turtle)
        with pytest.raises(ValueError, match="give --graph IRI"):  # the library call still asks for a name
            graphs_from_store(store, ontology=False)


def test_the_shared_actors_graph_is_added_to_and_article_graphs_are_replaced(tmp_path):
    """Pushing a build of some articles must not take the other articles' actors off the server."""
    with Store() as store:
        store.add_dataset(dataset_of(invented_results()), ontology=False)
        payloads = graphs_from_store(store, ontology=False)
    assert {p.name: p.method for p in payloads} == {str(ACTORS_GRAPH): "POST", **{
        p.name: "PUT" for p in payloads if p.name != str(ACTORS_GRAPH)}}
    flaky = FlakyGraphStore()
    try:
        assert push(payloads, flaky.endpoint).ok
        assert push(payloads, flaky.endpoint).ok
    finally:
        flaky.close()
    actors = next(p for p in payloads if p.name == str(ACTORS_GRAPH))
    assert flaky.graphs[str(ACTORS_GRAPH)] == actors.body * 2  # sent twice, added twice (a set on a real store)
    assert all(flaky.graphs[p.name] == p.body for p in payloads if p.name != str(ACTORS_GRAPH))


@pytest.mark.server
@pytest.mark.parametrize("name", ["oxigraph_server", "virtuoso_server"])
def test_kg_build_push_sends_every_graph_of_the_build(request, name, tmp_path, kg_main, monkeypatch):
    import pyoxigraph as ox

    server = request.getfixturevalue(name)
    user = ["--push-user", server.user] if server.user else []
    if server.user:
        monkeypatch.setenv("KG_PUSH_PASSWORD", server.password)
    run = kg_main("build", SAMPLES, "--out", tmp_path / "out", "--push", server.store_endpoint, *user, "--quiet")
    assert run.code == 0, run.err
    quads = list(ox.parse(path=str(tmp_path / "out" / "graph.trig"), format=ox.RdfFormat.TRIG))
    sizes = Counter(quad.graph_name.value for quad in set(quads))
    assert f"pushed {len(sizes)} graphs" in run.err
    for graph, size in sizes.items():  # the actors graph is added to: it also holds other pushes' actors
        assert server.count(graph) == size if graph != str(ACTORS_GRAPH) else server.count(graph) >= size, graph


def test_a_streamed_push_replaces_each_graph_once_and_names_what_it_could_not_load(samples_out):
    trig = samples_out / "graph.trig"
    payloads = list(payloads_from_files([trig]))
    first_of = {}
    for payload in payloads:
        first_of.setdefault(payload.name, payload.method)
    assert first_of == {name: "POST" if name == str(ACTORS_GRAPH) else "PUT" for name in first_of}
    assert all(p.method == "POST" for i, p in enumerate(payloads) if p.name in {q.name for q in payloads[:i]})
    refused = [p.name for p in payloads if "/id/graph/" in p.name][1]
    flaky = FlakyGraphStore(refuse={refused})
    try:
        result = push(payloads_from_files([trig]), flaky.endpoint, retries=0)
    finally:
        flaky.close()
    before = [p.name for p in payloads[:[p.name for p in payloads].index(refused)]]
    assert not result.ok and result.loaded == before and result.failed == refused
    assert sorted(flaky.graphs) == sorted(before)  # nothing after the refused graph was sent
    message = result.message()
    assert f"NOT loaded  <{refused}>" in message and "not sent    the graphs after it" in message
