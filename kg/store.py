"""The embedded triple store: a persistent Oxigraph database, one named graph per article.

pyoxigraph is used directly (not through oxrdflib): it is the fastest path, its SPARQL
updates are transactions, and it lets `kg query` bind parameters as RDF terms. Re-adding an
article replaces its named graph in one transaction, so a crash never leaves half an article
and re-ingesting never duplicates. What is known about the actors lives once in the shared
actors graph (kg.rdf.ACTORS_GRAPH), which is added to rather than replaced, since it also
describes the actors of articles stored earlier; articles merge on actor IRIs. The ontology is
kept in its own named graph so the query cookbook (rdfs:subPropertyOf*, skos:notation, quad
classes) works in the store; the cookbook reads the named graphs (GRAPH ?g).

The store's default graph is derived: it always holds the union (as a set) of all named
graphs, and every write keeps it in step inside the same transaction. Queries without GRAPH
run on it.
Oxigraph's own union-of-named-graphs mode answers the cookbook's joins hundreds of times
slower than a plain graph (8.6 s against 0.025 s for accusations-against on 100k triples) and
repeats a triple once per graph that holds it; the derived default graph has neither problem.
It is never exported or pushed. Triples that a file keeps outside named graphs are held in
the reserved graph FILE_DEFAULT_GRAPH and written back to the default graph on export.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef

from .rdf import ACTORS_GRAPH, KGR, ONTOLOGY_GRAPH, PREFIXES

ARTICLE_GRAPH_PREFIX = str(KGR["graph/"])
# Prefixes every query may use without declaring them: the project's own and RDF/RDFS.
QUERY_PREFIXES = {**{prefix: str(ns) for prefix, ns in PREFIXES.items()},
                  "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
                  "rdfs": "http://www.w3.org/2000/01/rdf-schema#"}
FILE_DEFAULT_GRAPH = "urn:x-geokg:file-default-graph"
RDF_SUFFIXES = {  # file suffix → pyoxigraph format
    ".ttl": ox.RdfFormat.TURTLE, ".turtle": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG, ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD, ".rdf": ox.RdfFormat.RDF_XML, ".owl": ox.RdfFormat.RDF_XML,
}

# Drop graph G's triples from the derived default graph unless another named graph also has them.
_UNSHARE = """DELETE {{ ?s ?p ?o }} WHERE {{
  GRAPH {g} {{ ?s ?p ?o }}
  FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != {g}) }}
}} ;
DROP SILENT GRAPH {g}"""


class StoreError(OSError):
    """A store that cannot be opened or read, with a message for the user."""


class Store:
    """A pyoxigraph store holding article graphs, the ontology graph and their derived union.

    `Store(path)` opens (or creates) a persistent store folder; `Store()` is in memory.
    Use it as a context manager so buffers are flushed and the folder's lock released.
    """

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path is not None else None
        if self.path is not None and self.path.exists() and not self.path.is_dir():
            raise StoreError(f"{self.path} is a file, not a store folder")
        try:
            self.oxigraph = ox.Store(str(self.path)) if self.path is not None else ox.Store()
        except OSError as exc:
            hint = " (is another kg process using it?)" if "lock" in str(exc).lower() else ""
            raise StoreError(f"cannot open store {self.path}{hint}: {exc}") from exc
        if self.path is not None and self._default_graph_is_empty() and self.graph_names():
            self.rebuild_union()  # e.g. a folder filled by `oxigraph load`

    def _default_graph_is_empty(self) -> bool:
        return next(iter(self.oxigraph.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        """Flush and release the database (RocksDB's lock is dropped with the last reference)."""
        if self.path is not None and self.oxigraph is not None:
            self.oxigraph.flush()
            self.oxigraph = None

    # ------------------------------------------------------------------ writing

    def replace_graph(self, name: str | URIRef, triples: Graph | Iterable | str) -> int:
        """Replace named graph `name` with `triples` (a graph, rdflib triples, or N-Triples text
        from a serializer) in one transaction, the default graph kept in step; returns its size."""
        node = ox.NamedNode(str(name))  # validates the IRI: nothing unchecked reaches the update
        body = triples if isinstance(triples, str) else _ntriples(triples)
        # N-Triples is a subset of the SPARQL triple syntax, and the terms were written by a serializer.
        self.oxigraph.update(_UNSHARE.format(g=node) + f" ;\nINSERT DATA {{ GRAPH {node} {{\n{body}}} }} ;\n"
                             f"INSERT DATA {{\n{body}}}")
        return self.graph_size(node.value)

    def merge_graph(self, name: str | URIRef, triples: Graph | Iterable | str) -> int:
        """Add `triples` to named graph `name` (and the default graph), keeping what it held; returns its size.
        The shared actors graph grows this way: an article re-added later still names the others' actors."""
        node = ox.NamedNode(str(name))
        body = triples if isinstance(triples, str) else _ntriples(triples)
        self.oxigraph.update(f"INSERT DATA {{ GRAPH {node} {{\n{body}}} }} ;\nINSERT DATA {{\n{body}}}")
        return self.graph_size(node.value)

    def remove_graph(self, name: str | URIRef) -> bool:
        """Remove a named graph (and what only it contributed to the default graph)."""
        node = ox.NamedNode(str(name))
        if not self.oxigraph.contains_named_graph(node):
            return False
        self.oxigraph.update(_UNSHARE.format(g=node))
        return True

    def bulk_add(self, name: str | URIRef, ntriples: str) -> None:
        """Add N-Triples text to named graph `name` and the default graph by bulk loading: written
        straight to disk, where SPARQL updates would fill RocksDB's in-memory write buffers."""
        node, default = ox.NamedNode(str(name)), ox.DefaultGraph()
        quads: list[ox.Quad] = []
        for triple in ox.parse(ntriples.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES):
            quads += (ox.Quad(triple.subject, triple.predicate, triple.object, node),
                      ox.Quad(triple.subject, triple.predicate, triple.object, default))
        self.oxigraph.bulk_extend(quads)

    def drop_own_graph(self, name: str | URIRef, batch: int = 10_000) -> None:
        """Remove a named graph whose triples no other graph holds (the merged events: their subjects
        are its own), with their copies in the default graph, `batch` quads at a time: one SPARQL
        DELETE would hold every solution in memory."""
        node, default = ox.NamedNode(str(name)), ox.DefaultGraph()
        while quads := list(itertools.islice(self.oxigraph.quads_for_pattern(None, None, None, node), batch)):
            for quad in quads:
                self.oxigraph.remove(quad)
                self.oxigraph.remove(ox.Quad(quad.subject, quad.predicate, quad.object, default))
        if self.oxigraph.contains_named_graph(node):
            self.oxigraph.remove_graph(node)

    def rebuild_union(self) -> None:
        """Make the default graph exactly the union of the named graphs."""
        self.oxigraph.update("DROP SILENT DEFAULT ; INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")

    def add_ontology(self) -> int:
        """Put the current ontology/kg.ttl in the ontology graph (replacing the old copy)."""
        from .rdf import ontology_triples

        return self.replace_graph(ONTOLOGY_GRAPH, ontology_triples())

    def add_dataset(self, dataset: Dataset, ontology: bool = True) -> dict[str, int]:
        """Add every named graph of `dataset`, each replacing the graph of the same name, except the
        shared actors graph, which is added to (it also describes the actors of articles stored earlier).

        Returns the size of each graph written. The dataset's default graph is not stored.
        """
        sizes: dict[str, int] = {}
        for graph in sorted(dataset.graphs(), key=lambda g: str(g.identifier)):
            name = graph.identifier
            if name == dataset.default_graph.identifier or not isinstance(name, URIRef):
                continue
            if name == ONTOLOGY_GRAPH or len(graph) == 0:
                continue
            write = self.merge_graph if name == ACTORS_GRAPH else self.replace_graph
            sizes[str(name)] = write(name, graph)
        if ontology:
            sizes[str(ONTOLOGY_GRAPH)] = self.add_ontology()
        return sizes

    def add_build(self, sources: Iterable[Path], graphs: Iterable[str], batch: int = 50_000) -> int:
        """Add the outputs of a `kg build` by bulk loading RDF files (no dataset in memory): its
        graph.trig, or the N-Quads of its Dask partitions (kg/partitions.py). The article graphs
        named in `graphs` and the ontology are replaced, the shared actors graph added to, the
        default graph kept the union, and the merged events recomputed over the whole store.
        Returns the store's merged events.

        Each file is read as a stream of quads and loaded `batch` quads at a time (each quad also
        into the default graph): one bulk load of a whole file buffers up to a million quads in
        memory. Bulk loading is not one transaction: an interrupted load is repaired by building again."""
        from .merge import MERGED_GRAPH, refresh_merged

        for name in [*graphs, str(ONTOLOGY_GRAPH)]:
            self.remove_graph(name)
        default, merged = ox.DefaultGraph(), ox.NamedNode(str(MERGED_GRAPH))
        pending: list[ox.Quad] = []
        for source in sources:
            for quad in ox.parse(path=str(source), format=rdf_format(source)):
                if quad.graph_name == merged:  # recomputed below over the whole store
                    continue
                pending += (quad, ox.Quad(quad.subject, quad.predicate, quad.object, default))
                if len(pending) >= batch:
                    self.oxigraph.bulk_extend(pending)
                    pending = []
        if pending:
            self.oxigraph.bulk_extend(pending)
        if not self.has_ontology():  # partitions carry no ontology; graph.trig does
            self.add_ontology()
        return refresh_merged(self)

    def load_file(self, path: Path) -> None:
        """Load an RDF file: named graphs as they are, default-graph triples into FILE_DEFAULT_GRAPH."""
        fmt = rdf_format(path)
        keep = ox.NamedNode(FILE_DEFAULT_GRAPH)
        try:
            quads = [quad if not isinstance(quad.graph_name, ox.DefaultGraph)
                     else ox.Quad(quad.subject, quad.predicate, quad.object, keep)
                     for quad in ox.parse(path=str(path), format=fmt)]
        except SyntaxError as exc:
            raise StoreError(f"{path}: not valid {fmt.name}: {exc}") from exc
        self.oxigraph.extend(quads)
        self.rebuild_union()

    # ------------------------------------------------------------------ reading

    def graph_names(self) -> list[str]:
        """Every named graph, FILE_DEFAULT_GRAPH included."""
        return sorted(node.value for node in self.oxigraph.named_graphs())

    def article_graphs(self) -> list[str]:
        return [name for name in self.graph_names() if name.startswith(ARTICLE_GRAPH_PREFIX)]

    def graph_size(self, name: str | None) -> int:
        """Number of triples in named graph `name` (None: the default graph, i.e. the union)."""
        graph = ox.NamedNode(name) if name else ox.DefaultGraph()
        return sum(1 for _ in self.oxigraph.quads_for_pattern(None, None, None, graph))

    def has_ontology(self) -> bool:
        return self.oxigraph.contains_named_graph(ox.NamedNode(str(ONTOLOGY_GRAPH)))

    def __len__(self) -> int:
        """Distinct triples in the union of all graphs."""
        return self.graph_size(None)

    def triples(self, name: str) -> Iterator[ox.Quad]:
        return self.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(name))

    def query(self, sparql: str, bindings: dict[str, ox.NamedNode | ox.Literal] | None = None):
        """Run a SPARQL query on the union of all graphs, variables pre-bound to RDF terms.

        Bindings are substituted as terms by the engine (SEP-0007), never pasted into text.
        """
        substitutions = {ox.Variable(name): term for name, term in (bindings or {}).items()}
        return self.oxigraph.query(sparql, substitutions=substitutions, prefixes=QUERY_PREFIXES)

    def quads(self, ontology: bool = True) -> list[ox.Quad]:
        """The stored data as quads: named graphs as they are, FILE_DEFAULT_GRAPH as the default graph."""
        out = []
        for name in self.graph_names():
            if name == str(ONTOLOGY_GRAPH) and not ontology:
                continue
            for quad in self.triples(name):
                if name == FILE_DEFAULT_GRAPH:
                    quad = ox.Quad(quad.subject, quad.predicate, quad.object, ox.DefaultGraph())
                out.append(quad)
        return out

    def nquads(self, ontology: bool = True) -> bytes:
        """The stored data as sorted N-Quads."""
        data = ox.serialize(self.quads(ontology), format=ox.RdfFormat.N_QUADS)
        return b"".join(line + b"\n" for line in sorted(set(data.splitlines())) if line.strip())

    def to_dataset(self, ontology: bool = True) -> Dataset:
        """The store as an rdflib Dataset (for the views and serialisers built on rdflib)."""
        from .rdf import new_dataset

        dataset = new_dataset()
        graphs: dict = {}
        for quad in self.quads(ontology):
            name = quad.graph_name
            if name not in graphs:
                graphs[name] = dataset.default_graph if isinstance(name, ox.DefaultGraph) \
                    else dataset.graph(URIRef(name.value))
            graphs[name].add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
        return dataset


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_XSD_DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"


def to_rdflib(term):
    """A pyoxigraph term as the equal rdflib term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _XSD_DECIMAL and "." not in term.value:
            # Oxigraph stores decimals in XSD 1.1 canonical form ("5"), which rdflib writes as the Turtle
            # number 5.0 and so reads back as another literal; "5.0" round-trips in every format.
            return Literal(f"{term.value}.0", datatype=URIRef(datatype))
        return Literal(term.value, datatype=None if datatype in {_XSD_STRING, _LANG_STRING} else URIRef(datatype))
    raise ValueError(f"unsupported RDF term {term!r}")


def rdf_format(path: Path) -> ox.RdfFormat:
    fmt = RDF_SUFFIXES.get(Path(path).suffix.lower())
    if fmt is None:
        raise StoreError(f"{path}: unknown RDF file type; use one of {', '.join(sorted(RDF_SUFFIXES))}")
    return fmt


def open_source(path: Path | str, ontology: bool = True) -> Store:
    """A store folder as it is, or an RDF file loaded into an in-memory store (see open_files)."""
    path = Path(path)
    if path.is_dir():
        if not is_store_folder(path):
            raise StoreError(not_a_store(path))
        return Store(path)
    return open_files([path], ontology)


def open_files(paths: list[Path], ontology: bool = True) -> Store:
    """RDF files loaded together into one in-memory store.

    The ontology graph is added (unless a file already carries the ontology), so that the
    cookbook queries work on a plain `graph.ttl` as they do on the store.
    """
    store = Store()
    for path in paths:
        if not Path(path).exists():
            raise FileNotFoundError(f"no store folder or RDF file at {path}")
        store.load_file(Path(path))
    if ontology and not store.has_ontology() and not _declares_ontology(store):
        store.add_ontology()
    return store


def is_store_folder(path: Path) -> bool:
    """True for a folder holding an Oxigraph (RocksDB) database. Opening any other folder as a
    store would create one there, so commands that only read (query, export, validate, push)
    check first instead of turning, say, an outputs folder into an empty store."""
    return (path / "CURRENT").is_file() and any(path.glob("MANIFEST-*"))


def not_a_store(path: Path) -> str:
    graphs = sorted(p.name for p in path.iterdir() if p.suffix.lower() in RDF_SUFFIXES) if path.is_dir() else []
    hint = f"; it holds {graphs[0]}, give that file instead" if graphs else ""
    return (f"{path} is a folder but not a store (no Oxigraph database in it){hint}; "
            "give a store made by kg build --store, or an RDF file")


def _declares_ontology(store: Store) -> bool:
    return bool(store.oxigraph.query("ASK { ?o a <http://www.w3.org/2002/07/owl#Ontology> }",
                                     substitutions={ox.Variable("o"): ox.NamedNode(str(ONTOLOGY_GRAPH))}))


def _ntriples(triples: Graph | Iterable) -> str:
    """N-Triples text of an rdflib graph or an iterable of rdflib triples."""
    if not isinstance(triples, Graph):
        graph = Graph()
        for triple in triples:
            graph.add(triple)
        triples = graph
    return triples.serialize(format="nt")
