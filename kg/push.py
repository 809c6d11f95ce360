"""`kg push`: load the graph into an external triple store over the SPARQL 1.1 Graph Store
HTTP Protocol (GraphDB, Virtuoso, Fuseki, Oxigraph, …).

Each named graph (one per article, plus the ontology) is sent with HTTP PUT to
`ENDPOINT?graph=IRI`, which replaces that graph on the server: pushing twice leaves the server
as after one push. The shared actors graph is sent with POST, which adds to it: it also
describes the actors of articles pushed earlier. A plain Turtle file's triples go to one graph
named after the file (its file: URI) unless another IRI is given. Transient failures
(connection errors, timeouts, HTTP 408/425/429/5xx) are retried with exponential backoff;
anything else stops the push. The error then says which
graphs were loaded and which were not, so the user can re-run once the cause is fixed.
Only the standard library is used (urllib handles basic and digest authentication).
"""

from __future__ import annotations

import base64
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .rdf import ACTORS_GRAPH, ONTOLOGY_GRAPH
from .store import FILE_DEFAULT_GRAPH, Store, open_source

RETRY_STATUS = {408, 425, 429, 500, 502, 503, 504}
CONTENT_TYPE = "application/n-triples"


@dataclass
class GraphPayload:
    name: str  # graph IRI
    body: bytes  # N-Triples
    triples: int
    method: str = "PUT"  # PUT replaces the graph on the server, POST adds to it


@dataclass
class PushResult:
    endpoint: str
    loaded: list[str] = field(default_factory=list)
    failed: str | None = None  # the graph that could not be loaded
    error: str | None = None
    not_loaded: list[str] = field(default_factory=list)
    triples: int = 0  # triples in the graphs loaded

    @property
    def ok(self) -> bool:
        return self.error is None

    def message(self) -> str:
        total = len(self.loaded) + len(self.not_loaded)
        if self.ok:
            return f"pushed {len(self.loaded)} graphs ({self.triples} triples) to {self.endpoint}"
        lines = [f"push to {self.endpoint} failed at graph <{self.failed}>: {self.error}",
                 f"loaded {len(self.loaded)} of {total} graphs (each replaced completely on the server):"]
        lines += [f"  loaded      <{name}>" for name in self.loaded]
        lines += [f"  NOT loaded  <{name}>" for name in self.not_loaded]
        lines.append("graphs not loaded are unchanged on the server; run the same push again to finish")
        return "\n".join(lines)


class PushError(Exception):
    def __init__(self, result: PushResult) -> None:
        super().__init__(result.message())
        self.result = result


def graphs_from_store(store: Store, ontology: bool = True, graph: str | None = None) -> list[GraphPayload]:
    """The store's named graphs as N-Triples payloads, in IRI order (the ontology last).

    Triples a file kept outside named graphs (a plain Turtle file) need `graph`, the IRI to
    push them as (`push_path` names it after the file).
    """
    payloads = []
    names = [name for name in store.graph_names()
             if name != FILE_DEFAULT_GRAPH and (ontology or name != str(ONTOLOGY_GRAPH))]
    names.sort(key=lambda name: (name == str(ONTOLOGY_GRAPH), name))
    for name in names:
        payloads.append(_payload(name, store.triples(name), "POST" if name == str(ACTORS_GRAPH) else "PUT"))
    outside = store.graph_size(FILE_DEFAULT_GRAPH)
    if outside:
        if not graph:
            raise ValueError(f"the input has {outside} triples outside any named graph; give --graph IRI to "
                             "push them as one graph, or push a store or TriG/N-Quads file")
        ox.NamedNode(graph)  # a clear ValueError for a malformed IRI
        payloads.insert(0, _payload(graph, store.triples(FILE_DEFAULT_GRAPH)))
    return payloads


def _payload(name: str, quads: Iterable[ox.Quad], method: str = "PUT") -> GraphPayload:
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
    return GraphPayload(name, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), len(triples), method)


def build_opener(endpoint: str, user: str | None, password: str | None,
                 auth: str = "auto") -> urllib.request.OpenerDirector:
    """An opener that answers the server's digest or basic challenge for `endpoint`."""
    handlers: list[urllib.request.BaseHandler] = []
    if user is not None and auth != "basic":  # basic credentials go in a header, sent up front
        manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        manager.add_password(None, endpoint, user, password or "")
        handlers.append(urllib.request.HTTPDigestAuthHandler(manager))
        if auth == "auto":
            handlers.append(urllib.request.HTTPBasicAuthHandler(manager))
    return urllib.request.build_opener(*handlers)


def _headers(user: str | None, password: str | None, auth: str) -> dict[str, str]:
    headers = {"Content-Type": CONTENT_TYPE}
    if user is not None and auth == "basic":
        token = base64.b64encode(f"{user}:{password or ''}".encode()).decode("ascii")
        headers["Authorization"] = f"Basic {token}"
    return headers


def graph_url(endpoint: str, graph: str) -> str:
    separator = "&" if urllib.parse.urlsplit(endpoint).query else "?"
    return f"{endpoint}{separator}{urllib.parse.urlencode({'graph': graph})}"


def push(payloads: list[GraphPayload], endpoint: str, user: str | None = None, password: str | None = None,
         auth: str = "auto", retries: int = 4, backoff: float = 0.5, timeout: float = 60.0,
         sleep: Callable[[float], None] = time.sleep,
         progress: Callable[[GraphPayload], None] | None = None) -> PushResult:
    """PUT each graph, replacing it on the server; stop at the first graph that cannot be loaded."""
    if auth not in {"auto", "basic", "digest"}:
        raise ValueError(f"unknown authentication {auth!r}; choose auto, basic or digest")
    if urllib.parse.urlsplit(endpoint).scheme not in {"http", "https"}:
        raise ValueError(f"--endpoint must be an http(s) URL, not {endpoint!r}")
    result = PushResult(endpoint)
    for index, payload in enumerate(payloads):
        error = _put_with_retries(payload, endpoint, user, password, auth, retries, backoff, timeout, sleep)
        if error:
            result.failed, result.error = payload.name, error
            result.not_loaded = [p.name for p in payloads[index:]]
            return result
        result.loaded.append(payload.name)
        result.triples += payload.triples
        if progress:
            progress(payload)
    return result


def _put_with_retries(payload: GraphPayload, endpoint: str, user, password, auth: str, retries: int,
                      backoff: float, timeout: float, sleep) -> str | None:
    """None on success, else why the graph was not loaded (after retrying what may pass)."""
    url = graph_url(endpoint, payload.name)
    attempt = 0
    while True:
        opener = build_opener(endpoint, user, password, auth)  # fresh digest state for every attempt
        request = urllib.request.Request(url, data=payload.body, method=payload.method,
                                         headers=_headers(user, password, auth))
        try:
            with opener.open(request, timeout=timeout) as response:
                response.read()
                return None
        except urllib.error.HTTPError as exc:
            detail = exc.read(500).decode("utf-8", "replace").strip()
            reason = f"HTTP {exc.code} {exc.reason}" + (f": {' '.join(detail.split())[:300]}" if detail else "")
            if exc.code in {401, 403}:
                reason += " (check --user and the password in $KG_PUSH_PASSWORD, and --auth)"
            if exc.code not in RETRY_STATUS:
                return reason
        except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as exc:
            cause = getattr(exc, "reason", exc)
            reason = f"cannot reach the server ({cause})"
        if attempt >= retries:
            return f"{reason} (gave up after {attempt + 1} attempts)"
        sleep(backoff * (2 ** attempt))
        attempt += 1


def file_graph_iri(path: Path | str) -> str:
    """The graph a file's triples outside named graphs are pushed to: the file's own URI, so that
    pushing the same file again replaces what it pushed before."""
    return Path(path).resolve().as_uri()


def push_path(path: Path | str, endpoint: str, ontology: bool = True, graph: str | None = None,
              **options) -> PushResult:
    """Push a store folder or RDF file; raises PushError (with the loaded/not loaded lists) on failure.
    A file's triples outside named graphs go to `graph`, by default file_graph_iri(path)."""
    with open_source(path, ontology=ontology) as store:
        if graph is None and not Path(path).is_dir():
            graph = file_graph_iri(path)
        payloads = graphs_from_store(store, ontology=ontology, graph=graph)
    if not payloads:
        raise ValueError(f"nothing to push: {path} holds no triples")
    result = push(payloads, endpoint, **options)
    if not result.ok:
        raise PushError(result)
    return result
