"""A remote SPARQL endpoint (SPARQL 1.1 Protocol) that `kg query` reads like the embedded store.

Queries are POSTed as a form (no length limit from URLs) and the answer is parsed with
pyoxigraph, so a remote result prints exactly as a local one. The server may ask for basic or
digest authentication; a slow server is given up on after `timeout` seconds. The prefixes
`kg query` accepts undeclared locally are declared in the text sent, since a remote store does
not know them. Only the standard library speaks HTTP (as in `kg push`).
"""

from __future__ import annotations

import base64
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

import pyoxigraph as ox

from .push import build_opener
from .store import QUERY_PREFIXES

ACCEPT = ("application/sparql-results+json, application/sparql-results+xml;q=0.9, "
          "application/n-triples;q=0.8, text/turtle;q=0.7")
RESULT_FORMATS = {  # response media type → how to read it
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES, "text/plain": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE, "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}


class EndpointError(OSError):
    """The endpoint could not be reached or refused the query; worded for the user."""


@dataclass
class Endpoint:
    """`url` is the query service, e.g. http://localhost:7878/query (Oxigraph) or
    http://localhost:8890/sparql (Virtuoso; /sparql-auth asks for digest authentication)."""

    url: str
    user: str | None = None
    password: str | None = None
    auth: str = "auto"  # auto answers the server's challenge; basic sends credentials up front
    timeout: float = 60.0

    def __post_init__(self) -> None:
        if urllib.parse.urlsplit(self.url).scheme not in {"http", "https"}:
            raise ValueError(f"--endpoint must be an http(s) URL, not {self.url!r}")
        if self.auth not in {"auto", "basic", "digest"}:
            raise ValueError(f"unknown authentication {self.auth!r}; choose auto, basic or digest")

    def __enter__(self) -> Endpoint:
        return self

    def __exit__(self, *exc_info) -> None:
        pass

    def query(self, sparql: str):
        """SELECT/ASK results as pyoxigraph's QuerySolutions/QueryBoolean; CONSTRUCT/DESCRIBE as a list of triples."""
        content_type, body = self._post(with_prefixes(sparql))
        media = content_type.split(";")[0].strip().lower()
        try:
            if media in RESULT_FORMATS:
                return ox.parse_query_results(body, format=RESULT_FORMATS[media])
            if media in GRAPH_FORMATS:
                quads = ox.parse(body, format=GRAPH_FORMATS[media])
                return [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
        except SyntaxError as exc:
            raise EndpointError(f"{self.url} sent a {media} answer that cannot be read: {exc}") from exc
        raise EndpointError(f"{self.url} answered with {media or 'no content type'}, which is not SPARQL results "
                            "(is this the query endpoint, e.g. …/query or …/sparql?)")

    def _post(self, sparql: str) -> tuple[str, bytes]:
        headers = {"Accept": ACCEPT, "Content-Type": "application/x-www-form-urlencoded"}
        if self.user is not None and self.auth == "basic":
            token = base64.b64encode(f"{self.user}:{self.password or ''}".encode()).decode("ascii")
            headers["Authorization"] = f"Basic {token}"
        request = urllib.request.Request(self.url, data=urllib.parse.urlencode({"query": sparql}).encode("utf-8"),
                                         method="POST", headers=headers)
        opener = build_opener(self.url, self.user, self.password, self.auth)
        try:
            with opener.open(request, timeout=self.timeout) as response:
                return response.headers.get("Content-Type", ""), response.read()
        except urllib.error.HTTPError as exc:
            detail = " ".join(exc.read(500).decode("utf-8", "replace").split())[:300]
            hint = " (check --user, the password in $KG_PASSWORD, and --auth)" if exc.code in {401, 403} else ""
            raise EndpointError(f"{self.url} answered HTTP {exc.code} {exc.reason}"
                                + (f": {detail}" if detail else "") + hint) from exc
        except TimeoutError as exc:
            raise EndpointError(f"no answer from {self.url} within {self.timeout:g} s (raise --timeout)") from exc
        except (urllib.error.URLError, ConnectionError, OSError) as exc:
            cause = getattr(exc, "reason", exc)
            if isinstance(cause, TimeoutError):
                raise EndpointError(f"no answer from {self.url} within {self.timeout:g} s (raise --timeout)") from exc
            raise EndpointError(f"cannot reach {self.url} ({cause})") from exc


def with_prefixes(sparql: str) -> str:
    """The query with the prefixes `kg query` lets one use undeclared (kgo:, kgr:, plover:, …)
    declared in front, except those the query declares itself."""
    declared = set(re.findall(r"(?i)\bPREFIX\s+([A-Za-z][\w.-]*)?:", sparql))
    return "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in QUERY_PREFIXES.items()
                   if prefix not in declared) + sparql
