"""`kg push`: load the graph into an external triple store over the SPARQL 1.1 Graph Store
HTTP Protocol (GraphDB, Virtuoso, Fuseki, Oxigraph, …).

Each named graph (one per article, plus the ontology) is sent with HTTP PUT to
`ENDPOINT?graph=IRI`, which replaces that graph on the server: pushing twice leaves the server
as after one push. The shared actors graph is sent with POST, which adds to it: it also
describes the actors of articles pushed earlier. A plain Turtle file's triples go to one graph
named after the file (its file: URI) unless another IRI is given. Transient failures
(connection errors, timeouts, HTTP 408/425/429/5xx) are retried with exponential backoff;
anything else stops the push. The report then gives each graph's state as far as the client
can know it: loaded (the server answered 2xx), NOT loaded (the server answered with an error,
so the graph is as it was), unknown (the request was on its way when the connection failed or
the answer was not HTTP: the server may hold the new graph or the old one) and not sent.
Pushing again is always safe: article graphs are replaced whole, the actors graph added to.
Only the standard library is used (urllib handles basic and digest authentication).
"""

from __future__ import annotations

import base64
import http.client
import itertools
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .rdf import ACTORS_GRAPH, ONTOLOGY_GRAPH
from .store import FILE_DEFAULT_GRAPH, Store, open_source, rdf_format

RETRY_STATUS = {408, 425, 429, 500, 502, 503, 504}
CONTENT_TYPE = "application/n-triples"
# Longest request URL sent: servers refuse longer request lines (often at 8 KB) or cut the connection.
MAX_URL_CHARS = 4000
MAX_REDIRECTS = 5
# Words that make a 2xx answer's body an error message rather than a confirmation.
_ERROR_WORDS = re.compile(r"\b(error|exception|failed|failure|fatal)\b", re.IGNORECASE)


@dataclass
class GraphPayload:
    name: str  # graph IRI
    body: bytes  # N-Triples
    triples: int
    method: str = "PUT"  # PUT replaces the graph on the server, POST adds to it


# What became of the graph a push stopped at.
REFUSED = "refused"  # the server answered with an error: the graph is as it was before
UNKNOWN = "unknown"  # in flight when the connection failed, or the answer was not HTTP
NOT_SENT = "not sent"  # never reached the server


@dataclass
class PushResult:
    endpoint: str
    loaded: list[str] = field(default_factory=list)
    failed: str | None = None  # the graph the push stopped at
    error: str | None = None
    not_loaded: list[str] = field(default_factory=list)  # the failed graph and every one after it
    triples: int = 0  # triples in the graphs loaded
    failed_state: str = REFUSED  # REFUSED, UNKNOWN or NOT_SENT: what became of the failed graph
    interrupted: bool = False
    streamed: bool = False  # the graphs came from files read as they were sent: those after the failed one are unnamed

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def unknown(self) -> list[str]:
        return [self.failed] if self.failed and self.failed_state == UNKNOWN else []

    def message(self) -> str:
        total = len(self.loaded) + len(self.not_loaded)
        if self.ok:
            sent = " sent" if self.streamed else ""  # streamed: the actors graph in parts that overlap
            return f"pushed {len(self.loaded)} graphs ({self.triples} triples{sent}) to {self.endpoint}"
        of = "" if self.streamed else f" of {total}"
        lines = [f"push to {self.endpoint} failed at graph <{self.failed}>: {self.error}",
                 f"loaded {len(self.loaded)}{of} graphs (each replaced completely on the server):"]
        lines += [f"  loaded      <{name}>" for name in self.loaded]
        for name in self.not_loaded:
            if name != self.failed or self.failed_state == NOT_SENT:
                lines.append(f"  not sent    <{name}>")
            elif self.failed_state == UNKNOWN:
                lines.append(f"  UNKNOWN     <{name}> (on its way when the connection failed: the server holds "
                             "either its old or its new version)")
            else:
                lines.append(f"  NOT loaded  <{name}> (refused by the server; it is as it was)")
        if self.streamed:
            lines.append("  not sent    the graphs after it")
        lines.append("run the same push again to finish: pushing again is safe (article graphs are replaced "
                     "whole, the actors graph added to)")
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


def check_endpoint(endpoint: str) -> None:
    """A ValueError (one clear line) for an endpoint urllib could not even try to reach."""
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ValueError(f"--endpoint must be an http(s) URL with a host, not {endpoint!r}")
    try:
        parts.port  # noqa: B018 (raises for a port that is not a number or out of range)
    except ValueError:
        raise ValueError(f"--endpoint {endpoint!r} has a port that is not a number from 1 to 65535") from None


def push(payloads: Iterable[GraphPayload], endpoint: str, user: str | None = None, password: str | None = None,
         auth: str = "auto", retries: int = 4, backoff: float = 0.5, timeout: float = 60.0,
         sleep: Callable[[float], None] = time.sleep,
         progress: Callable[[GraphPayload], None] | None = None) -> PushResult:
    """PUT (or POST) each graph; stop at the first graph that cannot be loaded.

    A list of payloads is checked first: graph IRIs too long to send in a URL stop the push before
    anything is sent. Payloads streamed from files (`payloads_from_files`) are checked one by one."""
    if auth not in {"auto", "basic", "digest"}:
        raise ValueError(f"unknown authentication {auth!r}; choose auto, basic or digest")
    check_endpoint(endpoint)
    result = PushResult(endpoint, streamed=not isinstance(payloads, Sequence))
    listed = payloads if isinstance(payloads, Sequence) else []
    for payload in listed:
        if _too_long(result, endpoint, payload):
            result.not_loaded = [p.name if len(p.name) <= 200 else p.name[:200] + "…" for p in listed]
            return result
    loaded: set[str] = set()  # a streamed graph may come in several parts
    for index, payload in enumerate(payloads):
        if result.streamed and _too_long(result, endpoint, payload):
            result.not_loaded = [result.failed]
            return result
        try:
            error, state = _put_with_retries(payload, endpoint, user, password, auth, retries, backoff, timeout,
                                             sleep)
        except KeyboardInterrupt:
            error, state = "interrupted (Ctrl-C)", UNKNOWN
            result.interrupted = True
        if error:
            result.failed, result.error, result.failed_state = payload.name, error, state
            result.not_loaded = [p.name for p in listed[index:]] or [payload.name]
            return result
        if payload.name not in loaded:
            loaded.add(payload.name)
            result.loaded.append(payload.name)
        result.triples += payload.triples
        if progress:
            progress(payload)
    return result


def _too_long(result: PushResult, endpoint: str, payload: GraphPayload) -> bool:
    """True (and the result says why, nothing sent) for a graph IRI too long to send in a URL."""
    if len(graph_url(endpoint, payload.name)) <= MAX_URL_CHARS:
        return False
    result.failed, result.failed_state = payload.name[:200] + "…", NOT_SENT
    result.error = (f"a graph IRI of {len(payload.name)} characters is too long to send in a URL (at most "
                    f"about {MAX_URL_CHARS}); nothing was sent (kg build shortens long article ids)")
    return True


def payloads_from_files(paths: Iterable[Path], only: set[str] | None = None) -> Iterator[GraphPayload]:
    """The named graphs of N-Quads or TriG files as payloads, read as a stream: one graph's triples
    in memory at a time, so a build of any size is pushed with flat memory.

    A run of quads of one graph is one payload: PUT the first time a graph is met (it replaces
    the graph on the server), POST for the shared actors graph and for later runs of a graph
    already sent (the merged events come in several blocks), which add to it. `only` keeps the
    named graphs only; triples outside named graphs are refused (kg build writes none)."""
    sent: set[str] = set()
    for path in paths:
        quads = (quad for quad in ox.parse(path=str(path), format=rdf_format(path))
                 if only is None or _graph_of(quad, path) in only)
        for name, run in itertools.groupby(quads, key=lambda quad, path=path: _graph_of(quad, path)):
            triples = [ox.Triple(quad.subject, quad.predicate, quad.object) for quad in run]
            method = "POST" if name == str(ACTORS_GRAPH) or name in sent else "PUT"
            sent.add(name)
            yield GraphPayload(name, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), len(triples), method)


def build_payloads(trig: Path, partitions: list[Path]) -> Iterator[GraphPayload]:
    """What `kg build --push` sends: every graph of graph.trig, or, after a Dask build, the article
    and actor graphs from the partitions' N-Quads and only the ontology and merged events (which
    span the partitions) from graph.trig."""
    from .merge import MERGED_GRAPH

    if not partitions:
        yield from payloads_from_files([trig])
        return
    yield from payloads_from_files(partitions)
    yield from payloads_from_files([trig], only={str(ONTOLOGY_GRAPH), str(MERGED_GRAPH)})


def _graph_of(quad: ox.Quad, path: Path) -> str:
    if isinstance(quad.graph_name, ox.DefaultGraph):
        raise ValueError(f"{path}: triples outside named graphs; push the file with kg push --graph IRI")
    return quad.graph_name.value


def _put_with_retries(payload: GraphPayload, endpoint: str, user, password, auth: str, retries: int,
                      backoff: float, timeout: float, sleep) -> tuple[str | None, str]:
    """(None, "loaded") on success, else (why the graph was not loaded, what became of it),
    after retrying what may pass. Once a request may have reached the server without an answer,
    the graph stays UNKNOWN unless a later attempt loads it."""
    state = NOT_SENT
    attempt = 0
    while True:
        reason, outcome, retry = _put_once(payload, endpoint, user, password, auth, timeout)
        if reason is None:
            return None, "loaded"
        state = UNKNOWN if UNKNOWN in (state, outcome) else outcome
        if not retry:
            return reason, state
        if attempt >= retries:
            return f"{reason} (gave up after {attempt + 1} attempts)", state
        sleep(backoff * (2 ** attempt))
        attempt += 1


def _put_once(payload: GraphPayload, endpoint: str, user, password, auth: str,
              timeout: float) -> tuple[str | None, str, bool]:
    """One PUT, following 307/308 redirects on the same server: (error or None, state, worth retrying)."""
    url = graph_url(endpoint, payload.name)
    for _ in range(MAX_REDIRECTS + 1):
        opener = build_opener(endpoint, user, password, auth)  # fresh digest state for every attempt
        request = urllib.request.Request(url, data=payload.body, method=payload.method,
                                         headers=_headers(user, password, auth))
        try:
            with opener.open(request, timeout=timeout) as response:
                body = response.read(4096).decode("utf-8", "replace")
                if _ERROR_WORDS.search(body):
                    return (f"the server answered HTTP {response.status} but its answer reads as an error: "
                            f"{_snippet(body)}", UNKNOWN, False)
                return None, "loaded", False
        except urllib.error.HTTPError as exc:
            if exc.code in {307, 308} and exc.headers.get("Location"):
                target = urllib.parse.urljoin(url, exc.headers["Location"])
                if _origin(target) != _origin(url):
                    return (f"HTTP {exc.code}: the server redirects to another server ({target}); give that "
                            "address as --endpoint", REFUSED, False)
                url = target
                continue
            detail = _snippet(exc.read(500).decode("utf-8", "replace"))
            reason = f"HTTP {exc.code} {exc.reason}" + (f": {detail}" if detail else "")
            if exc.code in {301, 302, 303}:
                reason += f" (the server redirects to {exc.headers.get('Location')}; give that as --endpoint)"
            if exc.code in {401, 403}:
                reason += " (check --user and the password in $KG_PUSH_PASSWORD, and --auth)"
            return reason, REFUSED, exc.code in RETRY_STATUS
        except urllib.error.URLError as exc:
            cause = exc.reason
            if isinstance(cause, ConnectionRefusedError):
                return f"cannot reach the server ({cause})", NOT_SENT, True
            if isinstance(cause, http.client.HTTPException):
                return _not_http(cause)
            return f"cannot reach the server ({cause})", UNKNOWN, True
        except http.client.HTTPException as exc:  # the answer is not HTTP, or was cut off
            return _not_http(exc)
        except (TimeoutError, ConnectionError, OSError) as exc:
            return f"the connection failed ({exc.__class__.__name__}: {exc})", UNKNOWN, True
    return f"more than {MAX_REDIRECTS} redirects", REFUSED, False


def _not_http(exc: http.client.HTTPException) -> tuple[str, str, bool]:
    if isinstance(exc, http.client.RemoteDisconnected | http.client.IncompleteRead):
        return f"the server closed the connection without a full answer ({exc.__class__.__name__})", UNKNOWN, True
    return (f"the answer is not HTTP ({exc.__class__.__name__}: {_snippet(str(exc))}); is --endpoint the "
            "server's HTTP port?", UNKNOWN, False)


def _snippet(text: str) -> str:
    """A server's words on one line, control characters made visible, at most 300 characters."""
    flat = " ".join(text.split())
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in flat)[:300]


def _origin(url: str) -> tuple[str, str | None, int | None]:
    parts = urllib.parse.urlsplit(url)
    return parts.scheme, parts.hostname, parts.port or {"http": 80, "https": 443}.get(parts.scheme)


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
