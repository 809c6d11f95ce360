"""Real triple-store servers for the push tests, each started on 127.0.0.1 on free ports from a
private folder and stopped afterwards: the Oxigraph server (`oxigraph` from PyPI, in the
virtualenv) and Virtuoso (Debian's virtuoso-opensource, installed by tests/setup_system.sh).

Also `FlakyGraphStore`, a few lines of http.server speaking the Graph Store Protocol's PUT, used
only for what a real server cannot be made to do on demand: answer 503 twice, refuse one graph
in the middle of a push, demand basic authentication.
"""

from __future__ import annotations

import base64
import json
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

OXIGRAPH = Path(sys.executable).parent / "oxigraph"
COUNT_OUR_GRAPHS = """SELECT (COUNT(*) AS ?n) WHERE {
  GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "https://w3id.org/geokg/")) }"""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(ready, process: subprocess.Popen, what: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with status {process.returncode} before it was ready")
        if ready():
            return
        time.sleep(0.1)
    raise RuntimeError(f"{what} was not ready after {timeout} s")


def stop(process: subprocess.Popen, timeout: float = 20.0) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=timeout)


@dataclass
class Server:
    name: str
    store_endpoint: str  # Graph Store Protocol
    query_endpoint: str  # SPARQL query
    user: str | None = None
    password: str | None = None
    process: subprocess.Popen | None = None
    log: Path | None = None

    def select(self, sparql: str) -> list[dict]:
        url = f"{self.query_endpoint}?{urllib.parse.urlencode({'query': sparql})}"
        request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())["results"]["bindings"]

    def count(self, graph: str | None = None) -> int:
        """Triples in our graphs (Virtuoso keeps system graphs of its own), or in one graph."""
        sparql = COUNT_OUR_GRAPHS if graph is None else \
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
        return int(self.select(sparql)[0]["n"]["value"])

    def graphs(self) -> set[str]:
        rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
                           'FILTER(STRSTARTS(STR(?g), "https://w3id.org/geokg/")) }')
        return {row["g"]["value"] for row in rows}

    def ready(self) -> bool:
        try:
            self.select("SELECT * WHERE { ?s ?p ?o } LIMIT 1")
            return True
        except (urllib.error.URLError, ConnectionError, OSError, ValueError):
            return False


def start_oxigraph(folder: Path, union_default_graph: bool = False) -> Server:
    """An Oxigraph server; with `union_default_graph`, queries without GRAPH read every graph."""
    if not OXIGRAPH.exists():
        raise RuntimeError(f"{OXIGRAPH} missing: pip install oxigraph (it is in the test extras)")
    port = free_port()
    log = folder / "oxigraph.log"
    union = ["--union-default-graph"] if union_default_graph else []
    process = subprocess.Popen([str(OXIGRAPH), "serve", "--location", str(folder / "data"),
                                "--bind", f"127.0.0.1:{port}", *union],
                               stdout=log.open("wb"), stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    server = Server("oxigraph", f"http://127.0.0.1:{port}/store", f"http://127.0.0.1:{port}/query",
                    process=process, log=log)
    return ready_or_stopped(server, process, "oxigraph serve", timeout=30)


def ready_or_stopped(server: Server, process: subprocess.Popen, what: str, timeout: float) -> Server:
    """The server once it answers; a server that never does is stopped before the error is raised."""
    try:
        wait_until(server.ready, process, what, timeout=timeout)
    except RuntimeError:
        stop(process)
        raise
    return server


VIRTUOSO_INI = """\
[Database]
DatabaseFile       = {dir}/virtuoso.db
ErrorLogFile       = {dir}/virtuoso.log
LockFile           = {dir}/virtuoso.lck
TransactionFile    = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {dir}/virtuoso-temp.db
TransactionFile    = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort               = 127.0.0.1:{sql_port}
DisableUnixSocket        = 1
DisableTcpSocket         = 0
MaxClientConnections     = 8
CheckpointInterval       = 60
CaseMode                 = 2
DirsAllowed              = {dir}
NumberOfBuffers          = 10000
MaxDirtyBuffers          = 6000
ThreadsPerQuery          = 2

[HTTPServer]
ServerPort               = 127.0.0.1:{http_port}
ServerRoot               = {dir}
ServerThreads            = 4
MaxClientConnections     = 4
Charset                  = UTF-8

[SPARQL]
ResultSetMaxRows         = 100000
MaxQueryExecutionTime    = 60
"""


def start_virtuoso(folder: Path) -> Server:
    """A fresh Virtuoso database (user dba, password dba) in `folder`, on two free loopback ports."""
    binary = shutil.which("virtuoso-t")
    if binary is None:
        raise RuntimeError("virtuoso-t not found: run tests/setup_system.sh (installs virtuoso-opensource)")
    folder.mkdir(parents=True, exist_ok=True)
    http_port, sql_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=folder, sql_port=sql_port, http_port=http_port), encoding="utf-8")
    log = folder / "stdout.log"
    process = subprocess.Popen([binary, "+foreground", "+configfile", str(ini)], cwd=folder,
                               stdout=log.open("wb"), stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{http_port}"
    server = Server("virtuoso", f"{base}/sparql-graph-crud-auth", f"{base}/sparql", user="dba", password="dba",
                    process=process, log=folder / "virtuoso.log")
    return ready_or_stopped(server, process, "virtuoso-t", timeout=90)


# ------------------------------------------------------------------------------ failure modes


@dataclass
class FlakyGraphStore:
    """A Graph Store stand-in: PUT replaces a graph in a dict, POST adds to it; scripted failures per graph."""

    fail_times: dict[str, int] = field(default_factory=dict)  # graph → 503 answers before success
    refuse: set[str] = field(default_factory=set)  # graphs answered with 400
    basic_auth: tuple[str, str] | None = None  # demand these credentials
    graphs: dict[str, bytes] = field(default_factory=dict)
    requests: list[tuple[str, str]] = field(default_factory=list)  # (graph, outcome)

    def __post_init__(self) -> None:
        store = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # quiet
                pass

            def do_PUT(self) -> None:  # noqa: N802 (http.server's naming)
                self.answer(merge=False)

            def do_POST(self) -> None:  # noqa: N802
                self.answer(merge=True)

            def answer(self, merge: bool) -> None:
                length = int(self.headers.get("Content-Length", 0))
                body = self.rfile.read(length)
                graph = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query).get("graph", [""])[0]
                if store.basic_auth:
                    token = base64.b64encode(":".join(store.basic_auth).encode()).decode()
                    if self.headers.get("Authorization") != f"Basic {token}":
                        store.requests.append((graph, "401"))
                        self.send_response(401)
                        self.send_header("WWW-Authenticate", 'Basic realm="test"')
                        self.send_header("Content-Length", "0")
                        self.end_headers()
                        return
                if store.fail_times.get(graph, 0) > 0:
                    store.fail_times[graph] -= 1
                    store.requests.append((graph, "503"))
                    self.send_response(503)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if graph in store.refuse:
                    store.requests.append((graph, "400"))
                    message = b"graph refused by the test server"
                    self.send_response(400)
                    self.send_header("Content-Length", str(len(message)))
                    self.end_headers()
                    self.wfile.write(message)
                    return
                store.graphs[graph] = store.graphs.get(graph, b"") + body if merge else body
                store.requests.append((graph, "201"))
                self.send_response(201)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.endpoint = f"http://127.0.0.1:{self.httpd.server_address[1]}/store"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class BasicAuthProxy:
    """Basic authentication in front of a real SPARQL endpoint (neither Oxigraph nor Virtuoso's /sparql
    asks for it): a request with the right credentials is passed on as it came, others get 401."""

    def __init__(self, target: str, user: str, password: str) -> None:
        expected = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
        self.seen: list[str | None] = []  # the Authorization header of each request
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                proxy.seen.append(self.headers.get("Authorization"))
                if self.headers.get("Authorization") != expected:
                    self.send_response(401)
                    self.send_header("WWW-Authenticate", 'Basic realm="sparql"')
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                request = urllib.request.Request(target, data=body, method="POST", headers={
                    name: self.headers[name] for name in ("Content-Type", "Accept") if self.headers.get(name)})
                with urllib.request.urlopen(request, timeout=30) as response:
                    answer, media = response.read(), response.headers.get("Content-Type", "")
                self.send_response(200)
                self.send_header("Content-Type", media)
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.endpoint = f"http://127.0.0.1:{self.httpd.server_address[1]}/query"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class SilentServer:
    """Accepts connections and never answers: what a hung endpoint looks like to a client."""

    def __init__(self) -> None:
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(8)
        self.endpoint = f"http://127.0.0.1:{self.socket.getsockname()[1]}/query"

    def close(self) -> None:
        self.socket.close()
