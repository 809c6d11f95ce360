"""Time to first draw of the HTML view for synthetic graphs of 500, 2,000 and 5,000 actors.

Not a test: it prints one line per size. Each graph has about four events per actor, with the
attributes `views.network.to_networkx` gives (types, categories, predicates, dates, factuality,
evidence sentences, one event in ten without a recipient, places with coordinates), so page
size and drawing work are realistic. The page is opened from
disk in headless Debian Chromium with every non-file request blocked (see tests/browser.py).

Columns: actors; drawn edges (merged groups) and events; page size; Python time to lay out
and render the page; first draw = ms from navigation start to vis-network's first
`afterDrawing` (the page is then interactive: physics is off), split into when the page's
script starts (HTML and vis-network parsed), how long vis-network takes to build its nodes
and edges, and the first frame; ready = ms until the view has been refitted to the measured
labels and its edge labels chosen (`kgView.ready`); redraw = median ms of a full synchronous redraw at the fitted
zoom (what one frame costs); filter = ms to untick one category and update the drawn edges.
A warm-up page is loaded first, so the browser's own start-up is not counted.

    .venv/bin/python benchmarks/html_first_draw.py [SIZES...]
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import chromium_path, launch, load_view, open_page  # noqa: E402

from kg.views.html import render  # noqa: E402
from kg.vocabulary import load_vocabulary  # noqa: E402

TYPES = ["State", "Government", "ArmedForces", "ArmedGroup", "Person", "IntergovernmentalOrganisation",
         "Media", "Place"]
FACTUALITY = ["asserted"] * 14 + ["future", "historical", "hypothetical", "negated"]
WORDS = ["the", "minister", "said", "talks", "would", "resume", "after", "forces", "shelled", "positions", "near",
         "the", "border", "on", "Tuesday"]


def synthetic_graph(actors: int, events_per_actor: int = 4, seed: int = 1) -> nx.MultiDiGraph:
    """A MultiDiGraph shaped like `to_networkx` output, with clustered, heavy-tailed links."""
    rng = random.Random(seed)
    vocab = load_vocabulary()
    predicates = [(p, vocab.predicate_label[p], vocab.categories[c])
                  for p, c in sorted(vocab.predicate_category.items())]
    net = nx.MultiDiGraph()
    for i in range(actors):
        kind = rng.choice(TYPES)
        net.add_node(f"https://w3id.org/geokg/id/test/actor-{i}", label=f"Actor {i} {rng.choice(WORDS).title()}",
                     type=kind, code=rng.choice(["SYR", "RUS", "TUR", "IRN", ""]), sector="GOV",
                     qid=f"Q{1000 + i}", aliases=f"A{i} | Alias {i}", country="Syria", event_count=0)
        if kind == "Place":
            net.nodes[f"https://w3id.org/geokg/id/test/actor-{i}"].update(lat=rng.uniform(32.0, 37.5),
                                                                             lon=rng.uniform(35.5, 42.0))
    nodes = list(net.nodes)
    for e in range(actors * events_per_actor):
        a = rng.randrange(actors)
        # most links stay inside a community of about 50 actors; a few go anywhere (hubs emerge)
        b = (a // 50 * 50 + rng.randrange(50)) % actors if rng.random() < 0.8 else int(rng.paretovariate(1.2)) % actors
        alone = rng.random() < 0.1  # no recipient: a loop on its actor
        if alone:
            b = a
        elif a == b:
            b = (b + 1) % actors
        _, label, category = rng.choice(predicates)
        article = rng.randrange(max(1, actors // 4))
        net.add_edge(nodes[a], nodes[b], key=f"ev-{e}", event=f"https://w3id.org/geokg/id/event/ev-{e}",
                     category=category.name, predicate=label, factuality=rng.choice(FACTUALITY),
                     confidence=round(rng.uniform(0.4, 0.95), 2), date=f"2016-{rng.randint(1, 12):02d}-15",
                     evidence=" ".join(rng.choice(WORDS) for _ in range(22)) + ".",
                     article=f"https://w3id.org/geokg/id/article/a{article}", title=f"Article {article}",
                     url=f"https://example.org/news/{article}", source="", source_actor="", mutual=False,
                     no_recipient=alone, quad=category.quad_label, label=f"Actor {a} {label} Actor {b}")
        net.nodes[nodes[a]]["event_count"] += 1
        if not alone:
            net.nodes[nodes[b]]["event_count"] += 1
    return net


MEASURE = """async () => {
  const v = window.kgView;
  const redraws = [];
  for (let i = 0; i < 5; i++) { const t = performance.now(); v.network.redraw(); redraws.push(performance.now() - t); }
  redraws.sort((a, b) => a - b);
  const box = document.querySelector('#category-filters input[type=checkbox]');
  const t = performance.now();
  box.click();
  const filter = performance.now() - t;
  return {timings: v.timings, redraw: redraws[2], filter: filter, edges: v.edges.length};
}"""


def main(sizes: list[int]) -> None:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"# html_first_draw {time.strftime('%Y-%m-%d')}  headless {chromium_path()}  "
          f"{os.cpu_count()} CPUs, load average {load}")
    with tempfile.TemporaryDirectory() as folder, launch() as browser:
        warm_up = Path(folder) / "warm-up.html"  # the first page of a fresh browser pays its start-up
        warm_up.write_text(render(synthetic_graph(20), "warm-up"), encoding="utf-8")
        page, _ = open_page(browser)
        load_view(page, warm_up)
        page.close()
        for actors in sizes:
            net = synthetic_graph(actors)
            started = time.perf_counter()
            page_text = render(net, f"Synthetic graph of {actors} actors")
            python_s = time.perf_counter() - started
            path = Path(folder) / f"graph-{actors}.html"
            path.write_text(page_text, encoding="utf-8")
            page, log = open_page(browser)
            load_view(page, path, timeout_ms=120_000)
            result = page.evaluate(MEASURE)
            page.close()
            problems = log.blocked + log.console_errors + log.page_errors
            t = result["timings"]
            print(f"actors={actors:>5}  edges={result['edges']:>6} (events {net.number_of_edges():>6})  "
                  f"page={len(page_text.encode()) / 1e6:4.1f} MB  python={python_s:4.1f} s  "
                  f"first draw={t['firstDraw']:5.0f} ms (script starts {t['start']:4.0f}, vis builds "
                  f"{t['network'] - t['items']:4.0f}, draws {t['firstDraw'] - t['network']:4.0f})  "
                  f"ready={t['ready']:5.0f} ms  "
                  f"redraw={result['redraw']:4.0f} ms  filter={result['filter']:4.0f} ms"
                  + (f"  PROBLEMS {problems}" if problems else ""))

if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [500, 2000, 5000])
