"""Turtle of kg's own graphs without an rdflib Graph: the bytes rdflib's serializer writes, faster.

Every article of `kg build` becomes a small named graph written as Turtle. Filling an rdflib
`Graph` (three indexes per triple, a namespace manager per graph) and running its generic
serializer cost more than the rest of the article's work together, so the build collects an
article's triples in `Triples` (an insertion-ordered set: what the Graph's store keeps) and
`turtle_text` writes them following rdflib's Turtle serializer step by step: subjects ordered
by how often they are objects, then by IRI; rdf:type and rdfs:label first, then predicates
and objects sorted as rdflib sorts them; the same indentation, the same prefixed names
(computed by rdflib itself once per IRI), the same literal forms (rdflib's own `_literal_n3`).

Anything outside what kg's graphs hold — blank nodes, an IRI that would need a generated
prefix (ns1:), a prefix clash — is handed to rdflib unchanged, so the output never differs;
tests/test_turtle.py compares the two on real builds and on awkward literals and IRIs.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.plugins.serializers.turtle import TurtleSerializer

_INDENT = "    "
NAMES_KEPT = 50_000  # IRIs whose written form is kept (the predicates, classes and actors recur)
_PREFIX_LINE = re.compile(r"@prefix ([\w.-]*): <([^>]*)> \.")


class Triples:
    """A set of triples in insertion order, subject → predicate → objects, as rdflib's memory
    store keeps them (so objects reach the sort in the same order). Has what `article_graph`
    asks of a Graph: `add`, `len`, iteration."""

    def __init__(self, triples: Iterable[tuple] = ()) -> None:
        self.spo: dict = {}
        self.count = 0
        for triple in triples:
            self.add(triple)

    def add(self, triple: tuple) -> Triples:
        s, p, o = triple
        objects = self.spo.setdefault(s, {}).setdefault(p, {})
        if o not in objects:
            objects[o] = None
            self.count += 1
        return self

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[tuple]:
        for s, po in self.spo.items():
            for p, objects in po.items():
                for o in objects:
                    yield s, p, o

    @classmethod
    def of_graph(cls, graph: Graph) -> Triples:
        """The triples of an rdflib Graph, each subject's in the order its store keeps them."""
        triples = cls()
        for s in dict.fromkeys(graph.subjects()):
            for p, o in graph.predicate_objects(s):
                triples.add((s, p, o))
        return triples


class _Unsupported(Exception):
    """The graph holds something this writer does not reproduce; rdflib writes it instead."""


class TurtleWriter:
    """Writes Triples as rdflib's Turtle serializer would for a graph with `template`'s prefix
    bindings. Prefixed names are asked of rdflib once per IRI and kept."""

    def __init__(self, new_graph: Callable[[], Graph]) -> None:
        self.new_graph = new_graph  # an empty graph with the prefix bindings to write with
        self.template = new_graph()
        self._serializer = TurtleSerializer(self.template)
        self.bindings = set(self.template.namespaces())
        self._names: dict[tuple[URIRef, bool], tuple[str, tuple[str, URIRef] | None]] = {}

    def _name(self, uri: URIRef, verb: bool) -> tuple[str, tuple[str, URIRef] | None]:
        """(how the IRI is written, the (prefix, namespace) that writing uses, if any)."""
        key = (uri, verb)
        known = self._names.get(key)
        if known is None:
            if len(self._names) >= NAMES_KEPT:  # every event has its own IRI: memory stays bounded
                self._names.clear()
            serializer = self._serializer
            serializer.namespaces, serializer._ns_rewrite = {}, {}
            pname = serializer.get_pname(uri, gen_prefix=verb)
            if set(self.template.namespaces()) != self.bindings:
                self.template = self.new_graph()  # (the generated prefix stays out of later answers)
                self._serializer = TurtleSerializer(self.template)
                raise _Unsupported(f"{uri} needs a generated prefix")
            used = next(iter(serializer.namespaces.items()), None)
            text = "()" if uri == RDF.nil else pname or uri.n3()
            known = self._names[key] = (text, used)
        return known

    def text(self, triples: Triples) -> tuple[dict[str, str], str]:
        """(prefix → namespace used, the statements) as `kg.shards.turtle_body` returns them."""
        try:
            return self._text(triples)
        except _Unsupported:
            graph = self.new_graph()
            for triple in triples:
                graph.add(triple)
            return split_turtle(graph.serialize(format="turtle"))

    def _text(self, triples: Triples) -> tuple[dict[str, str], str]:
        spo = triples.spo
        if not spo:
            return {}, ""
        namespaces: dict[str, str] = {}

        def use(uri: URIRef, verb: bool) -> str:
            text, used = self._name(uri, verb)
            if used is not None:
                prefix, namespace = used
                if prefix.startswith("_") or namespaces.get(prefix, namespace) != namespace:
                    raise _Unsupported(f"prefix {prefix} clashes")
                namespaces[prefix] = namespace
            return text

        def datatype_name(datatype: URIRef) -> str:
            return use(datatype, False)

        references: Counter = Counter()
        for s, po in spo.items():
            if not isinstance(s, URIRef):
                raise _Unsupported("a blank node subject")
            use(s, False)
            for p, objects in po.items():
                if not isinstance(p, URIRef):
                    raise _Unsupported("a blank node predicate")
                if p != RDF.type:
                    use(p, True)
                for o in objects:
                    references[o] += 1
                    if isinstance(o, URIRef):
                        use(o, False)
                    elif isinstance(o, Literal):
                        if o.datatype:
                            use(o.datatype, False)
                    else:
                        raise _Unsupported("a blank node object")
        top = sorted(s for s, po in spo.items() if RDFS.Class in po.get(RDF.type, ()))
        seen = set(top)
        ordered = top + [s for _, _, s in sorted((False, references[s], s) for s in spo if s not in seen)]
        statements = []
        for s in ordered:
            po = spo[s]
            lines = [use(s, False)]
            for number, p in enumerate(_predicate_order(po)):
                objects = sorted(po[p])
                verb = "a" if p == RDF.type else use(p, True)
                lines.append((" " if number == 0 else " ;\n" + _INDENT) + verb)
                labels = [use(o, False) if isinstance(o, URIRef) else
                          o._literal_n3(use_plain=True, qname_callback=datatype_name) for o in objects]
                lines.append(" " + labels[0])
                for label in labels[1:]:
                    lines.append(",\n" + _INDENT * 2 + label)
            lines.append(" .")
            statements.append("".join(lines))
        body = "\n\n".join(statements) + "\n"
        # rdflib encodes what it writes with errors="replace": a lone surrogate becomes "?"
        body = body.encode("utf-8", "replace").decode("utf-8")
        return {p: str(ns) for p, ns in sorted(namespaces.items())}, body


def split_turtle(text: str) -> tuple[dict[str, str], str]:
    """Turtle text split into its prefixes and the statements after them."""
    prefixes: dict[str, str] = {}
    body: list[str] = []
    for line in text.splitlines(keepends=True):
        match = _PREFIX_LINE.fullmatch(line.rstrip("\n")) if not body else None
        if match:
            prefixes[match.group(1)] = match.group(2)
        elif body or line.strip():
            body.append(line)
    return prefixes, "".join(body).rstrip("\n") + "\n" if body else ""


def _predicate_order(po: dict) -> list:
    """rdf:type, rdfs:label, then every other predicate in sorted order (rdflib's sortProperties)."""
    first = [p for p in (RDF.type, RDFS.label) if p in po]
    return first + [p for p in sorted(po) if p not in first]
