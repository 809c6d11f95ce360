"""One article in, everything the build writes about it out: the worker's half of `kg build`.

`article_shard` turns one extraction result into plain text and small records — its named
graph as a Turtle body, what it says about its actors as N-Triples lines, its PLOVER lines and
one compact record per event. A worker process (or a Dask worker) runs the whole pipeline
for a batch of articles (`process_batch`: parse, actor resolution, event coding, RDF) and
hands back only these, so the parent merely appends them to the outputs in input order
(kg/outputs.py). Nothing here depends on which process or how many processes did the work,
so the outputs are byte-identical for any number of workers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from rdflib import Graph

from .model import Article, ArticleResult
from .rdf import PREFIXES, Run, actor_iri, article_graph, article_iri, event_iri, event_label, graph_iri
from .turtle import Triples, TurtleWriter, split_turtle
from .views.plover import DEFAULT_MIN_CONFIDENCE, lines


@dataclass(frozen=True)
class Settings:
    """What every worker needs to know, the same for all of them (picklable)."""

    model: str | None = None
    started: str | None = None  # --timestamp: the run's start, fixed once by the parent
    coded_date: str = ""


@dataclass
class ArticleShard:
    """What one article contributes to the outputs, as text and plain records."""

    article: Article  # its text left out (see `process_batch`): the parent needs only id, date, source
    model: str  # the pipeline that made it (names the extraction run)
    graph: str  # IRI of its named graph
    prefixes: dict[str, str]  # prefix → namespace the Turtle body uses
    turtle: str  # the named graph's triples as a Turtle body (no @prefix lines)
    triples: int  # triples in the named graph
    local: int  # of those, triples about this article's own nodes (the article, its events)
    shared: list[str]  # the others as N-Triples lines (run description, direct actor triples)
    actors: list[str]  # what it says about its actors (the shared actors graph), N-Triples lines
    plover: list[str]  # its events.jsonl lines
    events: list[dict] = field(default_factory=list)  # compact event records (network view, merging)


@dataclass
class Failure:
    """An article read but not extracted: reported by the parent, in its turn."""

    article: Article
    error: str


def rdflib_turtle_body(graph: Graph) -> tuple[dict[str, str], str]:
    """rdflib's Turtle of `graph` split into its prefixes and the statements after them."""
    return split_turtle(graph.serialize(format="turtle"))


_WRITER: list[TurtleWriter] = []


def turtle_body(graph: Graph | Triples) -> tuple[dict[str, str], str]:
    """The Turtle rdflib writes for `graph` (one made by `new_graph`, or Triples), split into its
    prefixes and the statements after them, written by kg/turtle.py's faster writer."""
    if not _WRITER:
        _WRITER.append(TurtleWriter(new_graph))
    writer = _WRITER[0]
    if isinstance(graph, Triples):
        return writer.text(graph)
    if set(graph.namespaces()) != writer.bindings:
        return rdflib_turtle_body(graph)
    return writer.text(Triples.of_graph(graph))


_NT_LINES: dict[tuple, str] = {}
NT_LINES_KEPT = 50_000  # lines kept: an article's actor facts and run description recur in the next


def nt_line(triple) -> str:
    """One triple as an N-Triples line (no line break), escaped as the N-Triples serializer does.

    Kept per triple: kg/rdf.py hands out the same actor and run triples article after article, and
    equal triples have equal lines — except literals equal across a language tag's case ("x"@EN and
    "x"@en), which are written each time."""
    line = _NT_LINES.get(triple)
    if line is None:
        from rdflib.plugins.serializers.nt import _nt_row

        line = _nt_row(triple).rstrip("\n")
        if not getattr(triple[2], "language", None):
            if len(_NT_LINES) >= NT_LINES_KEPT:
                _NT_LINES.clear()
            _NT_LINES[triple] = line
    return line


def new_graph() -> Graph:
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


def article_shard(result: ArticleResult, run: Run, coded_date: str = "") -> ArticleShard:
    """The article's named graph, its actor facts, PLOVER lines and event records (see the module)."""
    from .gazetteer import load_gazetteer

    article = result.article
    graph, actors = Triples(), Triples()
    article_graph(graph, result, run, load_gazetteer(), actors)
    own = {article_iri(article.id), *(event_iri(e) for e in result.events)}
    shared = sorted(nt_line((s, p, o)) for s, po in graph.spo.items() if s not in own
                    for p, objects in po.items() for o in objects)
    prefixes, body = turtle_body(graph)
    return ArticleShard(
        article=_without_text(article),
        model=run.model, graph=str(graph_iri(article.id)), prefixes=prefixes, turtle=body, triples=len(graph),
        local=len(graph) - len(shared), shared=shared,
        actors=sorted(nt_line((s, p, o)) for s, p, o in actors),
        plover=list(lines([result], coded_date=coded_date)),
        events=[event_record(event, article) for event in result.events])


def event_record(event, article: Article) -> dict:
    """What the network view, GraphML and merging need of one event (the fields of
    kg/views/network.py's SPARQL, read straight from the Event)."""
    from .vocabulary import load_vocabulary

    return {
        "event": str(event_iri(event)), "category": event.category, "predicate": event.predicate,
        "actors": sorted({str(actor_iri(m.actor)) for m in event.actors}),
        "recipients": sorted({str(actor_iri(m.actor)) for m in event.recipients}),
        "factuality": str(event.factuality), "confidence": float(Decimal(str(event.confidence))),
        "date": event.date or "", "evidence": event.sentence, "article": str(article_iri(article.id)),
        "title": article.title or "", "url": article.url or "", "source": event.source_text or "",
        "source_iri": str(actor_iri(event.source.actor)) if event.source else "",
        "label": event_label(event, load_vocabulary().predicate_label[event.predicate]),
        "place": str(actor_iri(event.place.actor)) if event.place else "", "symmetric": bool(event.symmetric),
    }


# ------------------------------------------------------------------ the worker

_EXTRACTORS: dict = {}


def extractor(model: str | None):
    """The pipeline of this process, loaded on first use (once per worker process)."""
    if model not in _EXTRACTORS:
        from .pipeline import Extractor

        _EXTRACTORS[model] = Extractor(model)
    return _EXTRACTORS[model]


def process_batch(articles: list[Article], settings: Settings) -> list[ArticleShard | Failure]:
    """Parse, resolve, code and serialise a batch of articles, in their order; an article whose
    extraction fails becomes a Failure in its place. The same batch always gives the same shards."""
    found = extractor(settings.model)
    run = Run(found.model_name, settings.started)
    return _in_order(found, articles, lambda result: article_shard(result, run, settings.coded_date))


@dataclass(frozen=True)
class ExtractSettings:
    """What `kg extract`'s workers need, the same for all of them (picklable)."""

    model: str | None = None
    coded_date: str | None = None  # fixed once by the parent, so no worker writes another day
    include_hypothetical: bool = False
    min_confidence: float = DEFAULT_MIN_CONFIDENCE


@dataclass
class ArticleLines:
    """What `kg extract` prints for one article: its PLOVER lines."""

    article: Article  # its text left out, as in ArticleShard
    lines: list[str]


def extract_batch(articles: list[Article], settings: ExtractSettings) -> list[ArticleLines | Failure]:
    """`kg extract --processes N`'s work on a batch: the whole pipeline, then the PLOVER lines of
    each article, in their order (a failed article becomes a Failure in its place)."""
    found = extractor(settings.model)
    return _in_order(found, articles, lambda result: ArticleLines(
        _without_text(result.article),
        list(lines([result], coded_date=settings.coded_date, include_hypothetical=settings.include_hypothetical,
                   min_confidence=settings.min_confidence))))


def _without_text(article: Article) -> Article:
    return Article(article.id, "", article.date, article.title, article.url, article.source)


def _in_order(found, articles: list[Article], make) -> list:
    """`make(result)` for each article extracted, a Failure for each that failed, in input order."""
    failures: dict[int, Failure] = {}
    index = {article.id: i for i, article in enumerate(articles)}  # ids are unique within a run

    def failed(article: Article, exc: Exception) -> None:
        failures[index.get(article.id, len(articles) + len(failures))] = Failure(
            _without_text(article), f"{exc.__class__.__name__}: {exc}")

    made: dict[int, object] = {}
    for result in found.run(articles, failed):
        made[index[result.article.id]] = make(result)
    made.update(failures)
    return [made[i] for i in sorted(made)]
