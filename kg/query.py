"""`kg query`: SPARQL from a string, a file or the cookbook, with parameters bound as RDF terms.

A parameter value is never pasted into the query text. It becomes an RDF term first (an IRI,
a literal, or the IRI of the resource whose label it is, found by a query that takes the label
as a bound literal) and the engine substitutes that term for the variable. A name such as
`Evil"} DROP ALL #` can therefore only fail to match; it cannot change the query.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .resources import ONTOLOGY_DIR
from .store import QUERY_PREFIXES, Store

QUERY_DIR = ONTOLOGY_DIR / "queries"
OUTPUT_FORMATS = ("table", "csv", "json")
NAMESPACES = QUERY_PREFIXES

# Label lookups, in order of preference: a resource's exact name, its name in any case, then its
# other names. ?name is bound by substitution to the user's text as a literal (Oxigraph substitutes
# only projected variables, hence ?name in the SELECT clause).
_NAMES = """VALUES ?p { <http://www.w3.org/2000/01/rdf-schema#label> <http://www.w3.org/2004/02/skos/core#prefLabel>
                    <http://www.w3.org/2004/02/skos/core#notation> <http://purl.org/dc/terms/identifier> }"""
LABEL_LOOKUPS = (
    f"SELECT DISTINCT ?x ?name WHERE {{ {_NAMES} ?x ?p ?l . FILTER(STR(?l) = STR(?name)) }} ORDER BY ?x",
    f"SELECT DISTINCT ?x ?name WHERE {{ {_NAMES} ?x ?p ?l . FILTER(LCASE(STR(?l)) = LCASE(STR(?name))) }} "
    "ORDER BY ?x",
    "SELECT DISTINCT ?x ?name WHERE { ?x <http://www.w3.org/2004/02/skos/core#altLabel> ?l . "
    "FILTER(LCASE(STR(?l)) = LCASE(STR(?name))) } ORDER BY ?x",
)


class QueryError(ValueError):
    """A query or parameter problem, worded for the user (the CLI prints it on one line)."""


@dataclass(frozen=True)
class Cookbook:
    name: str
    path: Path
    summary: str
    parameters: tuple[str, ...]


def cookbook() -> list[Cookbook]:
    """The named queries of ontology/queries/, with their first comment line as summary."""
    entries = []
    for path in sorted(QUERY_DIR.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        comments = [line[1:].strip() for line in text.splitlines() if line.startswith("#")]
        params = tuple(re.findall(r"Parameters? (\?\w+(?:(?:,| and) \?\w+)*)", "\n".join(comments)))
        names = tuple(name for group in params for name in re.findall(r"\?(\w+)", group))
        entries.append(Cookbook(path.stem, path, comments[0] if comments else "", names))
    return entries


def load_query(spec: str) -> str:
    """Query text from a cookbook name, a .rq/.sparql file, or the string itself."""
    if re.fullmatch(r"[A-Za-z0-9_-]+", spec):
        path = QUERY_DIR / f"{spec}.rq"
        if path.exists():
            return path.read_text(encoding="utf-8")
        names = ", ".join(entry.name for entry in cookbook())
        raise QueryError(f"no cookbook query named {spec!r}; the cookbook has: {names}")
    path = Path(spec)
    if path.suffix in {".rq", ".sparql"} or (len(spec) < 4096 and "\n" not in spec and path.is_file()):
        if not path.is_file():
            raise QueryError(f"query file not found: {spec}")
        return path.read_text(encoding="utf-8")
    return spec


def parse_params(pairs: list[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise QueryError(f"--param {pair!r}: write NAME=VALUE, e.g. target=Russia")
        params[name] = value
    return params


def to_term(store: Store, value: str) -> ox.NamedNode | ox.Literal:
    """An RDF term for a parameter value.

    <IRI>, http(s)://… and prefix:name (kgr:, kgo:, plover:, …) are IRIs; "quoted" text is a
    plain literal; anything else is a label, looked up by a parameterised query.
    """
    value = value.strip()
    try:
        if value.startswith("<") and value.endswith(">"):
            return ox.NamedNode(value[1:-1])
        if re.match(r"https?://", value):
            return ox.NamedNode(value)
        prefix, sep, local = value.partition(":")
        if sep and prefix in NAMESPACES and " " not in value:
            return ox.NamedNode(NAMESPACES[prefix] + local)
    except ValueError as exc:
        raise QueryError(f"not a valid IRI: {value!r} ({exc})") from exc
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return ox.Literal(value[1:-1])
    return resolve_label(store, value)


def resolve_label(store: Store, label: str) -> ox.NamedNode:
    """The one resource called `label` (case-insensitive), or a clear error."""
    for lookup in LABEL_LOOKUPS:
        found = [row["x"] for row in store.query(lookup, {"name": ox.Literal(label)})
                 if isinstance(row["x"], ox.NamedNode)]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            options = ", ".join(f"<{node.value}>" for node in found[:8])
            raise QueryError(f"{label!r} names {len(found)} resources; pass one of these IRIs: {options}")
    raise QueryError(f"nothing in the graph is labelled {label!r}; pass an IRI such as kgr:state/RUS")


def bind(store: Store, sparql: str, params: dict[str, str]) -> dict[str, ox.NamedNode | ox.Literal]:
    """Resolve each parameter to a term, checking the query has that variable."""
    bindings = {}
    for name, value in params.items():
        if not re.search(rf"[?$]{re.escape(name)}\b", sparql):
            raise QueryError(f"the query has no variable ?{name} to bind")
        bindings[name] = to_term(store, value)
    return bindings


_ROLE = re.compile(r"(?<![\w:/])kgo:(actor|recipient)(?![\w/-])")


def rolled_up(sparql: str) -> str:
    """The query with every event role rolled up to countries: `kgo:actor` becomes the path
    `kgo:actor/kgo:ofState?`, so that an event of the Israeli Armed Forces or of Israel's
    government is also an event of Israel (a state's own bodies and officials carry kgo:ofState;
    its rebels and civilians do not). The roles are rewritten only where written as `kgo:actor`
    and `kgo:recipient`, as the cookbook writes them."""
    return _ROLE.sub(lambda m: f"kgo:{m.group(1)}/kgo:ofState?", sparql)


def run_query(store: Store, sparql: str, params: dict[str, str] | None = None):
    bindings = bind(store, sparql, params or {})
    try:
        return store.query(sparql, bindings)
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error: {exc}") from exc
    except RuntimeError as exc:  # e.g. a bound variable the SELECT clause does not project
        raise QueryError(f"cannot bind parameters: {exc}; add the variable to the SELECT clause") from exc
    except OSError as exc:
        raise QueryError(f"query failed: {exc}") from exc


def format_results(results, fmt: str = "table") -> str:
    """SELECT results as an aligned table, SPARQL CSV or SPARQL-results JSON; ASK as true/false;
    CONSTRUCT/DESCRIBE as N-Triples."""
    if fmt not in OUTPUT_FORMATS:
        raise QueryError(f"unknown output format {fmt!r}; choose from {', '.join(OUTPUT_FORMATS)}")
    if isinstance(results, ox.QueryBoolean):
        if fmt == "json":
            return '{"head":{},"boolean":%s}\n' % ("true" if bool(results) else "false")
        return ("true" if bool(results) else "false") + "\n"
    if isinstance(results, ox.QueryTriples):
        return ox.serialize(results, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    if fmt == "json":
        return results.serialize(format=ox.QueryResultsFormat.JSON).decode("utf-8") + "\n"
    variables = [var.value for var in results.variables]
    rows = [[_cell(solution[var], fmt) for var in variables] for solution in results]
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180, as SPARQL CSV results
        writer.writerow(variables)
        writer.writerows(rows)
        return out.getvalue()
    return _table(variables, rows)


def _cell(term, fmt: str) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return term.value if fmt == "csv" else _compact(term.value)
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def _compact(iri: str) -> str:
    best = max(((prefix, ns) for prefix, ns in NAMESPACES.items() if iri.startswith(ns)),
               key=lambda item: len(item[1]), default=None)
    return f"{best[0]}:{iri[len(best[1]):]}" if best else f"<{iri}>"


def _table(variables: list[str], rows: list[list[str]], width: int = 60) -> str:
    def clip(text: str) -> str:
        text = " ".join(text.split())
        return text if len(text) <= width else text[:width - 1] + "…"

    rows = [[clip(cell) for cell in row] for row in rows]
    widths = [max([len(var), *(len(row[i]) for row in rows)]) for i, var in enumerate(variables)]
    lines = ["  ".join(var.ljust(w) for var, w in zip(variables, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"
