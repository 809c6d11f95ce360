"""Headless Debian Chromium driven by Playwright, with the network shut.

Used by the browser tests and by benchmarks/html_first_draw.py. Chromium is the system one
(/usr/bin/chromium, installed by tests/setup_system.sh), never a Playwright download. Every
request that is not file:// is aborted and recorded, so a page that reaches for a CDN fails
its test instead of quietly loading from the internet.

Run directly to screenshot a page:  python tests/browser.py outputs/graph.html docs/screenshot.png [ACTOR]
(with ACTOR, that actor is focused and its panel shown instead of the best-evidenced edge)
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]


def chromium_path() -> str | None:
    """The Chromium binary if it is installed, else None."""
    if Path(CHROMIUM).exists():
        return CHROMIUM
    return shutil.which("chromium")


def skip_reason() -> str | None:
    """Why browser tests cannot run here, or None. In CI (CI=true) a missing browser is a failure."""
    if chromium_path():
        return None
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        return None  # let the launch fail loudly
    return f"{CHROMIUM} is not installed (run: bash tests/setup_system.sh)"


@dataclass
class PageLog:
    """What a page did that a test may want to forbid."""

    blocked: list[str] = field(default_factory=list)  # non-file requests, all aborted
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@contextlib.contextmanager
def launch() -> Iterator[object]:
    """A headless Chromium browser (Playwright `Browser`)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path() or CHROMIUM, headless=True, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def open_page(browser, width: int = 1400, height: int = 900):
    """A new page whose non-file requests are aborted and logged; returns (page, log)."""
    log = PageLog()
    context = browser.new_context(viewport={"width": width, "height": height}, service_workers="block")

    def route(request_route) -> None:
        url = request_route.request.url
        if url.startswith("file://"):
            request_route.continue_()
        else:
            log.blocked.append(url)
            request_route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda msg: log.console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda err: log.page_errors.append(str(err)))

    def on_dialog(dialog) -> None:
        log.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return page, log


def load_view(page, path: Path, timeout_ms: int = 30_000) -> None:
    """Open a kg HTML view from disk and wait for its first draw."""
    page.goto(Path(path).resolve().as_uri())
    # A function, not an expression string: Playwright evals strings, which the page's CSP forbids.
    page.wait_for_function("() => window.kgView !== undefined && window.kgView.ready === true", timeout=timeout_ms)


# JS: [edge id, x, y] of the midpoint of a shown, straight edge that a click there would hit
# (no node on top of it), preferring edges with more events; null if none is in view.
FIND_EDGE = """() => {
  const v = kgView.network, box = document.getElementById('graph').getBoundingClientRect();
  const edges = kgView.edges.get({filter: (e) => !e.hidden && !e.smooth});
  edges.sort((a, b) => kgView.data.edges[b.id].ev.length - kgView.data.edges[a.id].ev.length || a.id - b.id);
  for (const e of edges) {
    const p = v.getPositions([e.from, e.to]);
    const dom = v.canvasToDOM({x: (p[e.from].x + p[e.to].x) / 2, y: (p[e.from].y + p[e.to].y) / 2});
    if (dom.x < 0 || dom.y < 0 || dom.x > box.width || dom.y > box.height) continue;
    if (v.getNodeAt(dom) === undefined && v.getEdgeAt(dom) === e.id) return [e.id, box.left + dom.x, box.top + dom.y];
  }
  return null;
}"""
# JS: page coordinates of node i if a click there would hit it, else null.
NODE_AT = """(i) => {
  const v = kgView.network, box = document.getElementById('graph').getBoundingClientRect();
  const dom = v.canvasToDOM(v.getPositions([i])[i]);
  return v.getNodeAt(dom) === i ? [box.left + dom.x, box.top + dom.y] : null;
}"""


def screenshot(html: Path, png: Path, width: int = 1400, height: int = 900, actor: str | None = None) -> None:
    """A picture of the page with the best-evidenced edge clicked, so the evidence panel shows
    (or with `actor` focused, so its panel shows)."""
    with launch() as browser:
        page, log = open_page(browser, width, height)
        load_view(page, html)
        found = page.evaluate(FIND_EDGE)
        if actor:
            index = page.evaluate("(name) => kgView.data.nodes.findIndex((n) => n.l === name)", actor)
            if index < 0:
                raise SystemExit(f"no actor labelled {actor!r} in {html}")
            page.evaluate("(i) => kgView.focusActor(i)", index)
            page.wait_for_timeout(700)
        elif found:
            page.mouse.click(found[1], found[2])
        page.mouse.move(0, 0)
        page.wait_for_timeout(300)
        page.screenshot(path=str(png))
        if log.blocked or log.console_errors or log.page_errors:
            raise SystemExit(f"page misbehaved: {log}")


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        raise SystemExit("usage: python tests/browser.py PAGE.html OUT.png [ACTOR]")
    screenshot(Path(sys.argv[1]), Path(sys.argv[2]), actor=sys.argv[3] if len(sys.argv) == 4 else None)
    print(f"wrote {sys.argv[2]}")
