"""`kg push` when the network or the server fails: every graph's state is reported as the client
can know it (loaded, NOT loaded, UNKNOWN, not sent), every transport error is one clear line, and
pushing again leaves the server holding exactly the local graphs."""

from __future__ import annotations

import pytest
from graphs import filled_store
from servers import FlakyGraphStore, NotHttpServer, start_oxigraph, stop

from kg.push import MAX_URL_CHARS, NOT_SENT, REFUSED, UNKNOWN, GraphPayload, graphs_from_store, push, push_path
from kg.store import Store


@pytest.fixture(scope="module")
def local(tmp_path_factory, extractor):
    path = tmp_path_factory.mktemp("push-faults") / "store"
    with filled_store(path, extractor) as store:
        payloads = graphs_from_store(store)
        sizes = {name: store.graph_size(name) for name in store.graph_names()}
    return path, payloads, sizes


def test_a_connection_cut_after_the_server_stored_the_graph_is_reported_unknown_not_unchanged(local):
    path, payloads, _ = local
    cut = payloads[1].name
    flaky = FlakyGraphStore(cut={cut})
    try:
        result = push(payloads, flaky.endpoint, retries=0)
    finally:
        flaky.close()
    assert not result.ok and result.failed == cut and result.failed_state == UNKNOWN
    assert cut in flaky.graphs  # the server did store it: "unchanged on the server" would have been false
    message = result.message()
    assert f"UNKNOWN     <{cut}>" in message and "unchanged" not in message
    assert f"not sent    <{payloads[2].name}>" in message and f"loaded      <{payloads[0].name}>" in message
    assert "run the same push again" in message


def test_a_cut_connection_is_retried_and_the_graph_then_counts_as_loaded(local):
    _, payloads, _ = local
    flaky = FlakyGraphStore(cut={payloads[0].name})
    try:
        result = push(payloads, flaky.endpoint, retries=2, sleep=lambda _: None)
    finally:
        flaky.close()
    assert result.ok and len(flaky.graphs) == len(payloads)


def test_a_2xx_answer_with_an_error_message_is_not_counted_as_loaded(local):
    _, payloads, _ = local
    flaky = FlakyGraphStore(error_body={payloads[0].name})
    try:
        result = push(payloads, flaky.endpoint, retries=3, sleep=lambda _: None)
    finally:
        flaky.close()
    assert not result.ok and result.loaded == [] and result.failed_state == UNKNOWN
    assert "HTTP 200 but its answer reads as an error: Error: transaction failed" in result.error


def test_a_307_redirect_is_followed_with_the_graph(local):
    _, payloads, _ = local
    flaky = FlakyGraphStore(moved=True)
    try:
        result = push(payloads, flaky.endpoint, retries=0)
    finally:
        flaky.close()
    assert result.ok and len(flaky.graphs) == len(payloads)
    assert [outcome for _, outcome in flaky.requests][:2] == ["307", "201"]


def test_a_server_that_does_not_speak_http_is_one_clear_line_with_the_report(local, kg_main):
    path, payloads, _ = local
    other = NotHttpServer()
    try:
        run = kg_main("push", path, "--endpoint", other.endpoint, "--retries", "3")
    finally:
        other.close()
    assert run.code == 1 and "Traceback" not in run.err
    first = run.err.splitlines()[0]
    assert first.startswith(f"kg: error: push to {other.endpoint} failed at graph <{payloads[0].name}>: the answer "
                            "is not HTTP (BadStatusLine")
    assert first.endswith("is --endpoint the server's HTTP port?")
    assert other.connections == 1  # a wrong port is not retried
    assert run.err.count("not sent    <") == len(payloads) - 1


def test_a_graph_iri_too_long_for_a_url_stops_the_push_before_anything_is_sent(local):
    _, payloads, _ = local
    long_graph = GraphPayload("https://w3id.org/geokg/id/graph/" + "x" * 10_000, payloads[0].body, 1)
    flaky = FlakyGraphStore()
    try:
        result = push([payloads[0], long_graph, payloads[-1]], flaky.endpoint, retries=0)
    finally:
        flaky.close()
    assert not result.ok and result.failed_state == NOT_SENT and flaky.requests == []
    assert "10032 characters is too long" in result.error and str(MAX_URL_CHARS) in result.error
    assert len(result.message()) < 5_000


def test_a_refused_graph_is_reported_as_not_loaded_and_as_it_was(local):
    _, payloads, _ = local
    flaky = FlakyGraphStore(refuse={payloads[0].name})
    try:
        result = push(payloads, flaky.endpoint, retries=0)
    finally:
        flaky.close()
    assert result.failed_state == REFUSED
    assert f"NOT loaded  <{payloads[0].name}> (refused by the server; it is as it was)" in result.message()


# ------------------------------------------------------------------- a real server stopped mid-push


@pytest.mark.server
def test_oxigraph_killed_mid_push_and_restarted_then_a_re_push_holds_exactly_the_local_graphs(tmp_path, local):
    path, payloads, sizes = local
    folder = tmp_path / "oxigraph"
    folder.mkdir()
    server = start_oxigraph(folder)
    port = int(server.store_endpoint.split(":")[2].split("/")[0])
    try:
        def kill_after_two(payload) -> None:
            if payload.name == payloads[1].name:
                server.process.kill()
                server.process.wait(timeout=30)

        with pytest.raises(Exception) as caught:
            push_path(path, server.store_endpoint, retries=1, backoff=0.01, progress=kill_after_two)
        result = caught.value.result
        assert result.loaded == [p.name for p in payloads[:2]]
        assert result.failed == payloads[2].name and result.failed_state == NOT_SENT
        assert "cannot reach the server" in result.error

        server = start_oxigraph(folder, port=port)  # the same data, the same port
        assert server.graphs() == set(result.loaded)  # what was reported loaded survived the kill
        again = push_path(path, server.store_endpoint, retries=1)
        assert again.ok
        assert server.graphs() == set(sizes)
        for graph, size in sizes.items():
            assert server.count(graph) == size, graph
    finally:
        stop(server.process)


@pytest.mark.server
def test_oxigraph_restarted_during_the_retry_backoff_lets_the_same_push_finish(tmp_path, local):
    path, payloads, sizes = local
    folder = tmp_path / "oxigraph"
    folder.mkdir()
    server = start_oxigraph(folder)
    port = int(server.store_endpoint.split(":")[2].split("/")[0])
    servers = [server]
    try:
        def kill_after_first(payload) -> None:
            if payload.name == payloads[0].name:
                servers[-1].process.kill()
                servers[-1].process.wait(timeout=30)

        def restart(seconds: float) -> None:  # the backoff pause: the server comes back meanwhile
            servers.append(start_oxigraph(folder, port=port))

        with Store(path) as store:
            fresh = graphs_from_store(store)
        result = push(fresh, server.store_endpoint, retries=2, sleep=restart, progress=kill_after_first)
        assert result.ok, result.message()
        assert servers[-1].graphs() == set(sizes)
        assert servers[-1].count() == sum(sizes.values())
    finally:
        for each in servers:
            stop(each.process)


def test_ctrl_c_during_a_push_ends_it_with_the_report(local):
    _, payloads, _ = local
    flaky = FlakyGraphStore(fail_times={payloads[1].name: 1})

    def interrupted(seconds: float) -> None:  # Ctrl-C while waiting to retry the second graph
        raise KeyboardInterrupt

    try:
        result = push(payloads, flaky.endpoint, retries=3, sleep=interrupted)
    finally:
        flaky.close()
    assert result.interrupted and result.loaded == [payloads[0].name]
    assert result.failed == payloads[1].name and "interrupted" in result.error
    assert f"not sent    <{payloads[2].name}>" in result.message()
