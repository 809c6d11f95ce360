"""Benchmark: the query cookbook on the embedded Oxigraph store versus rdflib's in-memory store.

Generates articles with random events (actors from the gazetteer, predicates from the
ontology, Zipf-distributed so that some actors are central), turns them into RDF with the same
code `kg build` uses (kg.rdf.article_graph: one graph per article, the actors in the shared
actors graph), and loads the result — about a million triples by
default — into
  * a persistent pyoxigraph store (bulk load, and the per-article transactional path that
    `kg build --store` uses, on a sample of articles), and
  * an rdflib Graph in memory (the union of the article graphs plus the ontology),
then runs the cookbook on both: every query over the whole graph (no parameters), and the
parameterised ones for one actor (the most central, the heaviest case), with the parameters
joined as `kg query` joins them (kg.query.bind_values). It prints the times
(best of three), the ratio rdflib/Oxigraph and the row counts, which must agree. rdflib runs
each query in a forked child with a time limit, so a query it cannot finish is reported as a
lower bound (">120 s") instead of stalling the benchmark.

    .venv/bin/python benchmarks/store_queries.py [--triples 1000000] [--seed 7] [--rdflib-timeout 120]

Not a test: it prints figures; nothing here asserts a speed.
"""

from __future__ import annotations

import argparse
import os
import pickle
import platform
import random
import select
import signal
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pyoxigraph as ox  # noqa: E402
from rdflib import Dataset, Graph  # noqa: E402

from kg.gazetteer import load_gazetteer  # noqa: E402
from kg.model import Actor, Article, ArticleResult, Event, Mention  # noqa: E402
from kg.query import bind_values, cookbook, load_query  # noqa: E402
from kg.rdf import ACTORS_GRAPH, ONTOLOGY_GRAPH, Run, article_graph, graph_iri  # noqa: E402
from kg.resources import ontology_graph  # noqa: E402
from kg.store import QUERY_PREFIXES, Store  # noqa: E402
from kg.vocabulary import load_vocabulary  # noqa: E402

EVENTS_PER_ARTICLE = 25
FACTUALITY = ["asserted"] * 14 + ["negated", "future", "hypothetical", "historical"]
WORDS = ["officials", "said", "on", "Monday", "that", "talks", "would", "continue", "despite", "the", "fighting",
         "near", "border", "according", "to", "diplomats", "and", "local", "sources", "who", "asked", "not", "named"]


def actor_pool() -> list[Actor]:
    gazetteer = load_gazetteer()
    pool = []
    for state in gazetteer.states.values():
        pool.append(state)
        pool.append(Actor(f"{state.id}/government", f"Government of {state.label}", "Government", state.code,
                          "GOV", country=state.id))
        pool.append(Actor(f"{state.id}/armed-forces", f"{state.label} Armed Forces", "ArmedForces", state.code,
                          "MIL", country=state.id))
        pool.append(Actor(f"{state.id}/rebels", f"{state.label} Rebels", "Group", state.code, "REB",
                          country=state.id))
    return pool


def generate(n_articles: int, seed: int) -> list[ArticleResult]:
    rng = random.Random(seed)
    pool = actor_pool()
    weights = [1 / (rank + 1) for rank in range(len(pool))]
    vocab = load_vocabulary()
    predicates = sorted(vocab.predicate_category)
    results = []
    for index in range(n_articles):
        sentences, events = [], []
        offset = 0
        article_id = f"gen-{index:06d}"
        date = f"2016-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        for _ in range(EVENTS_PER_ARTICLE):
            actor, recipient = rng.choices(pool, weights, k=2)
            predicate = rng.choice(predicates)
            has_recipient = recipient.id != actor.id and rng.random() < 0.85
            text = f"{actor.label} {vocab.predicate_label[predicate]} " + \
                (f"{recipient.label} " if has_recipient else "") + " ".join(rng.sample(WORDS, 12)) + ". "
            start = offset
            offset += len(text)
            sentences.append(text)
            a = Mention(actor, start, start + len(actor.label), actor.label)
            r = Mention(recipient, start, start + len(recipient.label), recipient.label)
            events.append(Event(article_id, vocab.predicate_category[predicate], predicate, [a],
                                [r] if has_recipient else [], factuality=rng.choice(FACTUALITY),
                                confidence=round(rng.uniform(0.3, 0.95), 2), trigger=predicate, sentence=text,
                                sentence_start=start, sentence_end=offset, date=date))
        article = Article(article_id, "".join(sentences), date=date, title=f"Generated article {index}")
        results.append(ArticleResult(article, [], events))
    return results


def article_ntriples(result: ArticleResult, run: Run, gazetteer, actors: Graph) -> str:
    """The article graph as N-Triples; what it says about its actors goes into `actors`."""
    graph = Graph()
    article_graph(graph, result, run, gazetteer, actors)
    return graph.serialize(format="nt")


def timed(function, repeat: int = 3, enough: float = 5.0):
    """Best time of `repeat` runs (fewer when one run already takes `enough` seconds), and the result."""
    best, value = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        value = function()
        best = min(best, time.perf_counter() - started)
        if best >= enough:
            break
    return best, value


def timed_in_child(function, timeout: float):
    """`timed(function)` in a forked child (which shares the loaded graph); (None, None) past `timeout`."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(read)
        seconds, rows = timed(function)
        os.write(write, pickle.dumps((seconds, len(rows))))
        os._exit(0)
    os.close(write)
    ready, _, _ = select.select([read], [], [], timeout)
    if not ready:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(read)
        return None, None
    data = b""
    while chunk := os.read(read, 65536):
        data += chunk
    os.close(read)
    os.waitpid(pid, 0)
    return pickle.loads(data)


PARAMETERISED = {  # cookbook query → parameters, for the one-actor section
    "accusations-against": lambda central: {"target": ox.NamedNode(central[0])},
    "actor-timeline": lambda central: {"actor": ox.NamedNode(central[0])},
    "allies-and-adversaries": lambda central: {"actor": ox.NamedNode(central[0])},
    "country-events": lambda central: {"code": ox.Literal(central[0].split("/state/")[-1][:3])},
    "events-between": lambda central: {"a": ox.NamedNode(central[0]), "b": ox.NamedNode(central[1])},
    "key-relations": lambda central: {"category": ox.NamedNode("https://w3id.org/geokg/plover#ACCUSE")},
    "who-backs-whom": lambda central: {"backer": ox.NamedNode(central[0])},
}


def compare(store: Store, memory: Dataset, name: str, params: dict, timeout: float) -> str:
    sparql = bind_values(load_query(name), params)  # the text `kg query` runs, on both engines
    ox_seconds, ox_rows = timed(lambda: list(store.query(sparql)))
    rdflib_seconds, rdflib_count = timed_in_child(lambda: list(memory.query(sparql, initNs=QUERY_PREFIXES)), timeout)
    if rdflib_seconds is None:
        return (f"{name:24} {ox_seconds:9.3f}s {'>' + format(timeout, '.0f'):>9}s "
                f"{'>' + format(timeout / ox_seconds, '.0f'):>7}× {len(ox_rows):7}")
    agree = "" if len(ox_rows) == rdflib_count else f"  ROWS DIFFER: rdflib {rdflib_count}"
    return (f"{name:24} {ox_seconds:9.3f}s {rdflib_seconds:9.2f}s {rdflib_seconds / ox_seconds:7.0f}× "
            f"{len(ox_rows):7}{agree}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000, help="about this many triples (default 1M)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rdflib-timeout", type=float, default=120.0, help="seconds per rdflib query (default 120)")
    parser.add_argument("--hash-seed", default="0",
                        help="PYTHONHASHSEED to run under (default 0): rdflib's join order follows set iteration "
                             "order, so its time for a query can change by orders of magnitude with the seed")
    args = parser.parse_args()
    if os.environ.get("PYTHONHASHSEED") != args.hash_seed:  # re-run under the fixed seed, for repeatable figures
        os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONHASHSEED": args.hash_seed})

    gazetteer = load_gazetteer()
    run = Run("benchmark-model")
    probe = article_ntriples(generate(1, args.seed)[0], run, gazetteer, Graph()).count("\n")
    n_articles = max(1, round(args.triples / probe))
    started = time.perf_counter()
    results = generate(n_articles, args.seed)
    actors = Graph()
    bodies = [(str(graph_iri(r.article.id)), article_ntriples(r, run, gazetteer, actors)) for r in results]
    bodies.append((str(ACTORS_GRAPH), actors.serialize(format="nt")))
    ontology_nt = ontology_graph().serialize(format="nt")
    nquads = "".join(line[:-2] + f"<{name}> .\n" for name, body in bodies for line in body.splitlines(True))
    nquads += "".join(line[:-2] + f"<{ONTOLOGY_GRAPH}> .\n" for line in ontology_nt.splitlines(True))
    ntriples = "".join(body for _, body in bodies) + ontology_nt
    n_triples = nquads.count("\n")
    print(f"# {datetime.now(UTC).date()} on {platform.node() or 'this machine'}: {platform.machine()}, "
          f"{os.cpu_count()} cores, Python {platform.python_version()}, pyoxigraph "
          f"{getattr(ox, '__version__', '?')}, rdflib {__import__('rdflib').__version__}, "
          f"PYTHONHASHSEED={os.environ.get('PYTHONHASHSEED')}")
    print(f"generated {n_articles} articles, {n_articles * EVENTS_PER_ARTICLE} events, {n_triples:,} quads "
          f"in {time.perf_counter() - started:.1f} s")

    with tempfile.TemporaryDirectory(prefix="kg-bench-") as folder:
        def bulk_load() -> Store:
            # what kg.store keeps: the named graphs, and their union as the default graph
            database = ox.Store(str(Path(folder) / "bulk"))
            database.bulk_load(nquads.encode(), ox.RdfFormat.N_QUADS)
            database.bulk_load(ntriples.encode(), ox.RdfFormat.N_TRIPLES)
            database.flush()
            del database
            return Store(Path(folder) / "bulk")

        seconds, store = timed(bulk_load, repeat=1)
        print(f"load  oxigraph bulk_load            {seconds:7.1f} s  = {seconds / n_triples * 1e6:6.1f} s per million")

        sample = bodies[: max(1, len(bodies) // 10)]
        sample_triples = sum(body.count("\n") for _, body in sample)
        with Store(Path(folder) / "per-article") as per_article:
            seconds, _ = timed(lambda: [per_article.replace_graph(name, body) for name, body in sample], repeat=1)
        print(f"load  oxigraph per-article replace  {seconds:7.1f} s  = {seconds / sample_triples * 1e6:6.1f} s "
              f"per million ({len(sample)} articles, the `kg build --store` path)")

        # rdflib's memory store with the same named graphs (the cookbook reads them with GRAPH)
        memory = Dataset(default_union=True)
        seconds, _ = timed(lambda: memory.parse(data=nquads, format="nquads"), repeat=1)
        print(f"load  rdflib memory parse (N-Quads) {seconds:7.1f} s  = {seconds / n_triples * 1e6:6.1f} s per million")

        central = [row["actor"].value for row in store.query(load_query("central-actors"))][:2]
        header = f"{'query':24} {'oxigraph':>10} {'rdflib':>10} {'ratio':>8} {'rows':>7}"
        print(f"queries over the whole graph (no parameters); rdflib limited to {args.rdflib_timeout:.0f} s")
        print(header)
        for entry in cookbook():
            print(compare(store, memory, entry.name, {}, args.rdflib_timeout), flush=True)
        print(f"queries for one actor (the most central: {central[0]}; events-between with {central[1]})")
        print(header)
        for name, params in PARAMETERISED.items():
            print(compare(store, memory, name, params(central), args.rdflib_timeout), flush=True)
        store.close()


if __name__ == "__main__":
    main()
