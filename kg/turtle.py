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
# made once: rdflib's RDF and RDFS build a new URIRef on every attribute access
_TYPE, _LABEL, _CLASS = RDF.type, RDFS.label, RDFS.Class
_FIRST = frozenset((_TYPE, _LABEL))  # the predicates rdflib writes first


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


_Name = tuple[str, tuple[str, URIRef] | None]  # how an IRI is written, the (prefix, namespace) it uses


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
        self._bound = dict(self.bindings)  # prefix → namespace, to tell a binding rdflib made up
        # how an IRI is written as a subject or object, and as a predicate: two dicts keyed by the
        # IRI itself (no (IRI, bool) tuple to build and hash for each of the many lookups)
        self._nouns: dict[URIRef, _Name] = {}
        self._verbs: dict[URIRef, _Name] = {}

    def _name(self, uri: URIRef, verb: bool) -> _Name:
        """(how the IRI is written, the (prefix, namespace) that writing uses, if any)."""
        names = self._verbs if verb else self._nouns
        known = names.get(uri)
        if known is None:
            if len(self._nouns) + len(self._verbs) >= NAMES_KEPT:  # every event has its own IRI
                self._nouns.clear()
                self._verbs.clear()
            known = names[uri] = self._ask_rdflib(uri, verb)
        return known

    def _ask_rdflib(self, uri: URIRef, verb: bool) -> _Name:
        """rdflib's prefixed name for the IRI, as its serializer would pick it."""
        serializer = self._serializer
        serializer.namespaces, serializer._ns_rewrite = {}, {}
        pname = serializer.get_pname(uri, gen_prefix=verb)
        used = next(iter(serializer.namespaces.items()), None)
        # Only a predicate may make rdflib bind a generated prefix (gen_prefix); a name written
        # with one of the template's own bindings shows it did not, without listing them all.
        if verb and not (pname is not None and used is not None and self._bound.get(used[0]) == used[1]) \
                and set(self.template.namespaces()) != self.bindings:
            self.template = self.new_graph()  # (the generated prefix stays out of later answers)
            self._serializer = TurtleSerializer(self.template)
            raise _Unsupported(f"{uri} needs a generated prefix")
        return ("()" if uri == RDF.nil else pname or uri.n3()), used

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
        """Each subject's statement is written in the one pass that also counts references and
        gathers the prefixes used (a statement does not depend on where its subject is placed);
        then the statements are put in rdflib's subject order."""
        spo = triples.spo
        if not spo:
            return {}, ""
        namespaces: dict[str, str] = {}
        references: Counter = Counter()
        statements = {s: self._statement(s, po, namespaces, references) for s, po in spo.items()}
        top = sorted(s for s, po in spo.items() if _CLASS in po.get(_TYPE, ()))
        seen = set(top)
        ordered = top + [s for _, _, s in sorted((False, references[s], s) for s in spo if s not in seen)]
        body = "\n\n".join([statements[s] for s in ordered]) + "\n"
        # rdflib encodes what it writes with errors="replace": a lone surrogate becomes "?"
        body = body.encode("utf-8", "replace").decode("utf-8")
        return {p: str(ns) for p, ns in sorted(namespaces.items())}, body

    def _statement(self, s: URIRef, po: dict, namespaces: dict[str, str], references: Counter) -> str:
        """One subject's statement (the prefixes its names use added to `namespaces`, its objects
        counted in `references`): the names rdflib's serializer looks up in preprocessing, written
        as its s_default/predicateList/objectList write them."""
        nouns, verbs = self._nouns, self._verbs

        def use(uri: URIRef, verb: bool) -> str:
            known = (verbs if verb else nouns).get(uri) or self._name(uri, verb)
            used = known[1]
            if used is not None:
                prefix, namespace = used
                seen = namespaces.get(prefix)
                if seen is not namespace:  # (the kept name's own object: checked when first seen)
                    if prefix.startswith("_") or (seen is not None and seen != namespace):
                        raise _Unsupported(f"prefix {prefix} clashes")
                    namespaces[prefix] = namespace
            return known[0]

        def datatype_name(datatype: URIRef) -> str:
            return use(datatype, False)

        if not isinstance(s, URIRef):
            raise _Unsupported("a blank node subject")
        lines = [use(s, False)]
        for number, p in enumerate(_predicate_order(po)):
            if not isinstance(p, URIRef):
                raise _Unsupported("a blank node predicate")
            lines.append((" " if number == 0 else " ;\n" + _INDENT) + ("a" if p == _TYPE else use(p, True)))
            objects = po[p]
            references.update(iter(objects))  # (an iterator: each object counted once, not read as counts)
            labels = []
            for o in (objects if len(objects) == 1 else _sorted_terms(objects)):
                if isinstance(o, URIRef):
                    labels.append(use(o, False))
                elif isinstance(o, Literal):
                    datatype = o.datatype
                    if datatype is None and not o.language:  # _literal_n3's own answer for a plain
                        labels.append(o._quote_encode())  # literal, without its checks of the datatype
                        continue
                    if datatype:
                        use(datatype, False)  # (rdflib's preprocessing names every datatype)
                    labels.append(o._literal_n3(use_plain=True, qname_callback=datatype_name))
                else:
                    raise _Unsupported("a blank node object")
            lines.append(" " + labels[0])
            for label in labels[1:]:
                lines.append(",\n" + _INDENT * 2 + label)
        lines.append(" .")
        return "".join(lines)


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
    first = [p for p in (_TYPE, _LABEL) if p in po]
    rest = [p for p in po if p not in _FIRST]  # (a set: no Python-level comparison with each)
    return first + _sorted_terms(rest)


def _sorted_terms(terms) -> list:
    """`sorted(terms)` as rdflib's terms sort. IRIs among themselves sort as their text
    (URIRef.__lt__), so a list of IRIs only is sorted by it, without a Python-level comparison
    per pair; anything else (literals compare by value) is left to rdflib's comparisons."""
    return sorted(terms, key=str) if all(type(term) is URIRef for term in terms) else sorted(terms)
