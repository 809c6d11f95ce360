"""`kg query`: SPARQL from a string, a file or the cookbook, on the embedded store, on RDF files or
on a remote endpoint, with parameters bound as RDF terms.

A parameter value is never pasted into the query as text. It becomes an RDF term first (an
IRI, a literal of the declared type, or the IRI of the resource whose name it is, found by a
query that itself takes the name as a term), pyoxigraph writes that term in SPARQL syntax
(IRIs validated, literals escaped), and the terms are joined to the query as a VALUES block at
the top of its WHERE clause. So the variable need not be in the SELECT list, the clause's
filters see it, the same text runs on any SPARQL 1.1 store, and a name such as
`Evil"} DROP ALL #` can only fail to match: it cannot change the query.

A query declares its parameters, and their kinds, in its comments:
`# Parameter ?target (actor): …` or `# Parameters ?a and ?b (actor): …`. The kind decides how a
value is read and checked (see ParamKind); an undeclared variable takes any resource.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox

from .resources import ONTOLOGY_DIR
from .store import QUERY_PREFIXES

QUERY_DIR = ONTOLOGY_DIR / "queries"
OUTPUT_FORMATS = ("table", "csv", "json")
NAMESPACES = QUERY_PREFIXES
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"


class ParamKind(Enum):
    """What a parameter's value stands for, as a query declares it."""

    ACTOR = "actor"  # an actor in the graph: its IRI, prefixed name, name or other name
    CATEGORY = "category"  # a PLOVER category: plover:ACCUSE or ACCUSE
    CODE = "code"  # a three-letter country or PLOVER code (ISR, UNO): a plain literal
    DATE = "date"  # YYYY-MM-DD: an xsd:date literal
    TEXT = "text"  # any text: a plain literal
    RESOURCE = "resource"  # undeclared: an IRI, a "quoted" literal, or the name of one resource


class Source(Protocol):
    """The embedded store, RDF files loaded in memory, or a remote endpoint: each runs SPARQL text."""

    def query(self, sparql: str): ...


# Name lookups read named graphs (GRAPH ?g), as the cookbook does, so that they find the same resource
# on the store, on a file and on a server whose default graph is empty. ?name is the user's text as a
# literal term; ?p ranges over the properties that name a resource.
_NAMES = (f"VALUES ?p {{ <{RDFS}label> <{SKOS}prefLabel> <{SKOS}notation> "
          "<http://purl.org/dc/terms/identifier> }")
_OTHER_NAMES = f"VALUES ?p {{ <{SKOS}altLabel> }}"
_LOOKUP_STEPS = (  # in order of preference: the exact name, the name in any case, another name
    (_NAMES, "FILTER(STR(?l) = STR(?name))"),
    (_NAMES, "FILTER(LCASE(STR(?l)) = LCASE(STR(?name)))"),
    (_OTHER_NAMES, "FILTER(LCASE(STR(?l)) = LCASE(STR(?name)))"),
)
_KIND_PATTERN = {  # what makes ?x a resource of each kind, in the graph
    ParamKind.ACTOR: (f"GRAPH ?typeGraph {{ ?x a ?type }} "
                      f"GRAPH ?classGraph {{ ?type <{RDFS}subClassOf>* <{NAMESPACES['kgo']}Actor> }}"),
    ParamKind.CATEGORY: f"GRAPH ?typeGraph {{ ?x <{SKOS}inScheme> <{NAMESPACES['plover']}Scheme> }}",
    ParamKind.RESOURCE: "",
}
_KIND_WORDS = {ParamKind.ACTOR: "an actor", ParamKind.CATEGORY: "a PLOVER category",
               ParamKind.RESOURCE: "a resource"}
_EXAMPLES = {ParamKind.ACTOR: "a name such as Russia or an IRI such as kgr:state/RUS",
             ParamKind.CATEGORY: "a category such as ACCUSE or plover:ACCUSE",
             ParamKind.CODE: "three letters such as ISR or UNO", ParamKind.DATE: "a date written YYYY-MM-DD",
             ParamKind.RESOURCE: 'an IRI, a "quoted" literal or a name'}


class QueryError(ValueError):
    """A query or parameter problem, worded for the user (the CLI prints it on one line)."""


@dataclass(frozen=True)
class Parameter:
    name: str
    kind: ParamKind


@dataclass(frozen=True)
class Cookbook:
    name: str
    path: Path
    summary: str
    parameters: tuple[Parameter, ...]


_DECLARATION = re.compile(r"^#\s*Parameters?\s+(\?\w+(?:\s*(?:,|and)\s*\?\w+)*)\s*(?:\(([\w ,]+)\))?", re.M)


def declared_parameters(sparql: str, where: str = "the query") -> tuple[Parameter, ...]:
    """The parameters a query declares in its comments, with their kinds (resource when none is given)."""
    found = []
    for match in _DECLARATION.finditer(sparql):
        words = [w.strip() for w in (match.group(2) or "").split(",") if w.strip() not in {"", "optional"}]
        try:
            kind = ParamKind(words[0]) if words else ParamKind.RESOURCE
        except ValueError:
            kinds = ", ".join(k.value for k in ParamKind)
            raise QueryError(f"{where}: parameter kind {words[0]!r} is not one of {kinds}") from None
        found += [Parameter(name, kind) for name in re.findall(r"\?(\w+)", match.group(1))]
    return tuple(found)


def cookbook() -> list[Cookbook]:
    """The named queries of ontology/queries/, with their first comment line as summary."""
    entries = []
    for path in sorted(QUERY_DIR.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        comments = [line[1:].strip() for line in text.splitlines() if line.startswith("#")]
        entries.append(Cookbook(path.stem, path, comments[0] if comments else "",
                                declared_parameters(text, str(path))))
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


def to_term(source: Source, value: str, kind: ParamKind = ParamKind.RESOURCE,
            name: str = "value") -> ox.NamedNode | ox.Literal:
    """The RDF term for one parameter value of the given kind, or a QueryError naming the parameter.

    Literal kinds are checked and typed here (a code is three letters, a date is YYYY-MM-DD).
    For actors, categories and undeclared parameters, <IRI>, http(s)://… and prefix:name
    (kgr:, kgo:, plover:, …) are IRIs and anything else is a name, looked up in the graph; an
    actor or category given by IRI must be one in the graph. Only an undeclared parameter may
    be a "quoted" literal.
    """
    value = value.strip()
    where = f"--param {name}"
    if kind is ParamKind.TEXT:
        return ox.Literal(value)
    if kind is ParamKind.CODE:
        if not re.fullmatch(r"[A-Za-z]{3}", value):
            raise QueryError(f"{where}: {value!r} is not a code; give {_EXAMPLES[kind]}")
        return ox.Literal(value.upper())
    if kind is ParamKind.DATE:
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise ValueError(value)
            date.fromisoformat(value)
        except ValueError:
            raise QueryError(f"{where}: {value!r} is not a date; give {_EXAMPLES[kind]}") from None
        return ox.Literal(value, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))
    iri = _as_iri(value, where)
    if iri is not None:
        if kind is not ParamKind.RESOURCE and not _is_kind(source, iri, kind):
            raise QueryError(f"{where}: <{iri.value}> is not {_KIND_WORDS[kind]} in the graph; "
                             f"give {_EXAMPLES[kind]}")
        return iri
    if len(value) >= 2 and value[0] == value[-1] == '"':
        if kind is not ParamKind.RESOURCE:
            raise QueryError(f"{where}: {_KIND_WORDS[kind]} is named without quotes; give {_EXAMPLES[kind]}")
        return ox.Literal(value[1:-1])
    return resolve_name(source, value, kind, where)


def _as_iri(value: str, where: str) -> ox.NamedNode | None:
    try:
        if value.startswith("<") and value.endswith(">"):
            return ox.NamedNode(value[1:-1])
        if re.match(r"https?://", value):
            return ox.NamedNode(value)
        prefix, sep, local = value.partition(":")
        if sep and prefix in NAMESPACES and " " not in value:
            return ox.NamedNode(NAMESPACES[prefix] + local)
    except ValueError as exc:
        raise QueryError(f"{where}: not a valid IRI: {value!r} ({exc})") from exc
    return None


def _is_kind(source: Source, iri: ox.NamedNode, kind: ParamKind) -> bool:
    return bool(_run(source, bind_values(f"ASK {{ {_KIND_PATTERN[kind]} }}", {"x": iri})))


def resolve_name(source: Source, label: str, kind: ParamKind = ParamKind.RESOURCE,
                 where: str = "--param") -> ox.NamedNode:
    """The one resource of that kind called `label`: by its name, then its name in any case, then another name."""
    for names, match in _LOOKUP_STEPS:
        lookup = (f"SELECT DISTINCT ?x WHERE {{ {names} GRAPH ?nameGraph {{ ?x ?p ?l }} {match} "
                  f"FILTER(isIRI(?x)) {_KIND_PATTERN[kind]} }} ORDER BY ?x LIMIT 9")
        found = [row["x"] for row in _run(source, bind_values(lookup, {"name": ox.Literal(label)}))]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            count = len(found) if len(found) < 9 else "more than 8"
            options = ", ".join(f"<{node.value}>" for node in found[:8])
            raise QueryError(f"{where}: {label!r} names {count} resources; pass one of these IRIs: {options}")
    raise QueryError(f"{where}: nothing in the graph is {_KIND_WORDS[kind]} named {label!r}; "
                     f"give {_EXAMPLES[kind]}")


def bind(source: Source, sparql: str, params: dict[str, str]) -> dict[str, ox.NamedNode | ox.Literal]:
    """Each parameter as a term of the kind the query declares for it; the query must have the variable."""
    kinds = {p.name: p.kind for p in declared_parameters(sparql)}
    body = "".join(" " if kind == "comment" else text for kind, text, _ in _tokens(sparql))
    bindings = {}
    for name, value in params.items():
        if not re.search(rf"[?$]{re.escape(name)}\b", body):
            raise QueryError(f"--param {name}: the query has no variable ?{name} to bind")
        bindings[name] = to_term(source, value, kinds.get(name, ParamKind.RESOURCE), name)
    return bindings


def bind_values(sparql: str, bindings: dict[str, ox.NamedNode | ox.Literal]) -> str:
    """The query with `bindings` joined at the top of its WHERE clause as one VALUES row.

    The terms are written by pyoxigraph (IRIs validated, literals escaped), so they can only
    ever be terms. Joined inside the WHERE clause, they restrict the solutions before grouping
    and projection, and the clause's FILTERs see them, as if the query had been written with them.
    """
    if not bindings:
        return sparql
    position = where_clause_start(sparql)
    variables = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(str(term) for term in bindings.values())
    return f"{sparql[:position]} VALUES ({variables}) {{ ({terms}) }}{sparql[position:]}"


_TOKENS = re.compile(r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>"{3}(?:[^"\\]|\\.|"(?!""))*"{3} | '{3}(?:[^'\\]|\\.|'(?!''))*'{3}
               | "(?:[^"\\\n]|\\.)*" | '(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<name>[?$]?[A-Za-z_][\w.-]*(?::[\w.%-]*)?)
  | (?P<punct>[{}()])
  | (?P<other>\S)
""", re.X)


def _tokens(sparql: str) -> Iterator[tuple[str, str, int]]:
    """(kind, text, end) for each token, whitespace kept as 'space' so the text can be rebuilt."""
    position = 0
    for match in _TOKENS.finditer(sparql):
        if match.start() > position:
            yield "space", sparql[position:match.start()], match.start()
        yield match.lastgroup or "other", match.group(), match.end()
        position = match.end()
    if position < len(sparql):
        yield "space", sparql[position:], len(sparql)


def where_clause_start(sparql: str) -> int:
    """The index just after the `{` that opens the query's WHERE clause (the keyword WHERE may be
    left out, except in CONSTRUCT, whose first braces hold the template)."""
    depth, parens, seen_where, construct = 0, 0, False, False
    for kind, text, end in _tokens(sparql):
        if kind == "name" and depth == 0 and parens == 0:
            seen_where = seen_where or text.upper() == "WHERE"
            construct = construct or text.upper() == "CONSTRUCT"
        elif kind == "punct":
            if text in "()":
                parens += 1 if text == "(" else -1
            elif text == "{" and depth == 0 and parens == 0 and (seen_where or not construct):
                return end
            else:
                depth += 1 if text == "{" else -1
    raise QueryError("cannot bind parameters: the query has no WHERE clause")


_ROLE = re.compile(r"(?<![\w:/])kgo:(actor|recipient)(?![\w/-])")
_VALUES_BLOCK = re.compile(r"\bVALUES\b[^{]*\{[^}]*\}", re.IGNORECASE)


def rolled_up(sparql: str) -> str:
    """The query with every event role rolled up to countries: `kgo:actor` becomes the path
    `(kgo:actor|kgo:actorState)`, so that an event of the Israeli Armed Forces or of Israel's
    government is also an event of Israel. The state an event's party acts for is written with
    the event, in its own article graph (`kgo:actorState`, `kgo:recipientState`), so the path
    holds inside `GRAPH ?g { … }` on every store. A state's rebels and civilians do not act for
    it. The roles are rewritten where written as `kgo:actor` and `kgo:recipient` in a triple
    pattern, as the cookbook writes them; a VALUES block (data, not a pattern) is left alone."""
    kept = [(m.start(), m.end()) for m in _VALUES_BLOCK.finditer(sparql)]

    def role(match: re.Match) -> str:
        if any(start <= match.start() < end for start, end in kept):
            return match.group(0)
        return f"(kgo:{match.group(1)}|kgo:{match.group(1)}State)"

    return _ROLE.sub(role, sparql)


def _run(source: Source, sparql: str):
    try:
        return source.query(sparql)
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error: {exc}") from exc


def run_query(source: Source, sparql: str, params: dict[str, str] | None = None):
    """Run `sparql` with `params` (NAME → the user's text) bound as terms of their declared kinds."""
    text = bind_values(sparql, bind(source, sparql, params or {}))
    try:
        return _run(source, text)
    except RuntimeError as exc:
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
    if isinstance(results, ox.QueryTriples | list):  # a CONSTRUCT or DESCRIBE (a list from an endpoint)
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
