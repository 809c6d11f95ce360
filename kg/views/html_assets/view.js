/* geo-kg HTML view: reads the graph from the #kg-data JSON block and draws it with vis-network.
 *
 * Every string in the data came from news text and is untrusted: it is written into the page
 * with textContent (through el()) and never with innerHTML; links are made only for http(s)
 * URLs. Positions come precomputed from Python, so the first draw needs no physics.
 */
(function () {
  "use strict";

  const timings = { start: performance.now() };
  const data = JSON.parse(document.getElementById("kg-data").textContent);
  timings.parsed = performance.now();
  const byId = (id) => document.getElementById(id);
  const types = data.types, quads = data.quads, categories = data.categories;
  const events = data.events, articles = data.articles, nodeData = data.nodes, edgeData = data.edges;
  const categoryQuad = categories.map((c) => c.q);
  const FACTUALITY_ORDER = ["asserted", "future", "historical", "hypothetical", "negated"];

  // ------------------------------------------------------------------ small DOM helpers (text only)

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null && text !== "") node.textContent = String(text);
    return node;
  }
  function append(parent, ...children) {
    for (const child of children) {
      if (child === null || child === undefined) continue;
      parent.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return parent;
  }
  function safeUrl(value) {
    try {
      const url = new URL(String(value));
      if (url.protocol === "http:" || url.protocol === "https:") return url.href;
    } catch (err) { /* not a URL */ }
    return null;
  }
  function link(href, text) {
    const a = el("a", null, text || href);
    a.href = href;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    return a;
  }
  function swatch(colour, line) {
    const s = el("span", line ? "swatch line" : "swatch");
    s.style.background = colour;  // CSSOM, allowed by the page's CSP; colours come from Python constants
    return s;
  }
  function checkbox(checked, onChange) {
    const box = el("input");
    box.type = "checkbox";
    box.checked = checked;
    box.addEventListener("change", onChange);
    return box;
  }
  const fmt = (n) => Number(n).toLocaleString("en");
  const normalise = (s) => String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();

  // ------------------------------------------------------------------ adjacency and counts

  const nodeEdges = nodeData.map(() => []);
  edgeData.forEach((edge, i) => {
    nodeEdges[edge.f].push(i);
    if (edge.t !== edge.f) nodeEdges[edge.t].push(i);
  });
  const categoryEvents = categories.map(() => 0);
  const quadEvents = quads.map(() => 0);
  const factualityEvents = {};
  let firstDate = "", lastDate = "";
  for (const ev of events) {
    categoryEvents[ev.c] += 1;
    quadEvents[categoryQuad[ev.c]] += 1;
    factualityEvents[ev.f] = (factualityEvents[ev.f] || 0) + 1;
    if (ev.d) {
      if (!firstDate || ev.d < firstDate) firstDate = ev.d;
      if (!lastDate || ev.d > lastDate) lastDate = ev.d;
    }
  }
  const factualities = FACTUALITY_ORDER.concat(
    Object.keys(factualityEvents).filter((f) => !FACTUALITY_ORDER.includes(f)).sort());

  // ------------------------------------------------------------------ filter state

  const state = {
    categories: new Set(categories.map((_, i) => i)),
    quads: new Set(quads.map((_, i) => i)),
    factualities: new Set(factualities.filter((f) => !data.hidden.includes(f))),
    // the calibrated threshold of PLOVER output; actors with no shown event start hidden
    from: "", to: "", minConfidence: data.minConfidence || 0, hideIsolated: true,
    focus: null,  // index of the focused actor, or null
    grouped: false,  // state bodies merged into one node per country
    selected: null,  // {kind: "node"|"edge", index}
  };
  const eventShown = new Uint8Array(events.length);
  const edgeShown = new Int32Array(edgeData.length);  // events of the edge that pass the filters
  const nodeShown = new Uint8Array(nodeData.length);

  function passes(ev, anyDate) {
    if (!state.categories.has(ev.c) || !state.quads.has(categoryQuad[ev.c])) return false;
    if (!state.factualities.has(ev.f)) return false;
    if (ev.k < state.minConfidence) return false;
    if (!anyDate && ev.d && ((state.from && ev.d < state.from) || (state.to && ev.d > state.to))) return false;
    return true;
  }
  function computeVisibility() {
    events.forEach((ev, i) => { eventShown[i] = passes(ev) ? 1 : 0; });
    edgeData.forEach((edge, i) => {
      let count = 0;
      for (const ev of edge.ev) count += eventShown[ev];
      edgeShown[i] = count;
    });
    nodeData.forEach((_, i) => {
      nodeShown[i] = !state.hideIsolated || nodeEdges[i].some((e) => edgeShown[e] > 0) ? 1 : 0;
    });
    focusSet = state.focus === null ? null : neighbours(state.focus);
  }

  // ------------------------------------------------------------------ vis items

  const DIM = 0.12, TEXT = "#1d2430", DIM_TEXT = "#c4c9d0", EDGE_TEXT = "#4a5360";
  const nodeSize = (n) => Math.min(42, 7 + 4 * Math.sqrt(n));
  const edgeLabel = (edge, count) => (count > 1 ? edge.p + " \u00d7" + count : edge.p);
  let focusSet = null;  // the focused actor and its neighbours over shown edges, while focused
  function dimmed(kind, i) {
    if (state.focus === null) return false;
    if (kind === "node") return !focusSet.has(i);
    return edgeData[i].f !== state.focus && edgeData[i].t !== state.focus;
  }
  // Items carry only what differs from the global options, so building 25,000 of them is cheap;
  // updates (full = true) restate every style property they may have changed before.
  function nodeStyle(i, full) {
    const dim = dimmed("node", i);
    const item = { id: i };
    if (full || !nodeShown[i]) item.hidden = !nodeShown[i];
    if (full || dim) { item.opacity = dim ? DIM : 1; item.font = { color: dim ? DIM_TEXT : TEXT }; }
    return item;
  }
  function nodeItem(i) {
    const n = nodeData[i];
    return Object.assign(nodeStyle(i, false),
                         { label: n.l, x: n.x, y: n.y, size: nodeSize(n.n), color: types[n.t].color });
  }
  function edgeStyle(i, full) {
    const edge = edgeData[i], count = edgeShown[i], dim = dimmed("edge", i);
    const colour = quads[categoryQuad[edge.c]].color;
    const item = { id: i };
    if (full || count === 0) item.hidden = count === 0;
    if (full || count > 1) item.width = 1 + Math.log2(Math.max(1, count));
    if (full || dim) {
      item.color = { color: colour, highlight: colour, hover: colour, opacity: dim ? DIM : 1 };
      item.font = { color: dim ? DIM_TEXT : EDGE_TEXT };
    } else {
      item.color = colour;
    }
    if (labelled.has(i)) item.label = edgeLabel(edge, count);
    return item;
  }
  function edgeItem(i) {
    const edge = edgeData[i];
    const item = Object.assign(edgeStyle(i, false), { from: edge.f, to: edge.t });
    // Loops need no arrowhead; in big graphs they keep the global option all the same, since a
    // per-edge option object on thousands of loops slowed vis-network's build by half.
    if (edge.m || (edge.f === edge.t && small)) item.arrows = { to: { enabled: false } };
    if (edge.a !== undefined && Math.abs(edge.a - Math.PI / 2) > 1e-3) item.selfReference = { angle: edge.a };
    if (edge.r) item.smooth = { enabled: true, type: edge.r > 0 ? "curvedCW" : "curvedCCW", roundness: Math.abs(edge.r) };
    return item;
  }

  // Level of detail: an edge is labelled only when its label can be read and does not pile onto
  // its neighbours' labels: zoomed in enough, in view, and drawn longer on screen than its label
  // (loops always have room: they stand apart by angle). The hovered edge, the selected edge and
  // the edges of the focused actor are always labelled. For big graphs (more than DETAIL_LIMIT
  // edges) arrowheads appear only once they are a few pixels long: drawing 20,000 arrowheads
  // would slow every frame.
  const DETAIL_LIMIT = 3000, LABEL_SCALE = 0.5, LABEL_MAX = 1500, ARROW_SCALE = 0.35, CHAR_PX = 6.2;
  const small = edgeData.length <= DETAIL_LIMIT;
  let arrowsOn = small;
  const labelled = new Set();
  let hoveredEdge = null;

  computeVisibility();
  const nodes = new vis.DataSet(nodeData.map((_, i) => nodeItem(i)));
  const edges = new vis.DataSet(edgeData.map((_, i) => edgeItem(i)));
  const options = {
    autoResize: true,
    physics: { enabled: false, solver: "forceAtlas2Based", stabilization: false,
               forceAtlas2Based: { gravitationalConstant: -80, springLength: 110, avoidOverlap: 0.2 } },
    layout: { improvedLayout: false, randomSeed: 7 },
    interaction: { hover: small, hideEdgesOnDrag: !small,
                   hideEdgesOnZoom: !small, keyboard: false,
                   tooltipDelay: 300, multiselect: false },
    nodes: { shape: "dot", borderWidth: 1, borderWidthSelected: 3,
             font: { size: 14, color: TEXT, strokeWidth: 3, strokeColor: "#ffffff" },
             scaling: { label: { drawThreshold: 6 } } },
    edges: { smooth: false, selectionWidth: 2, arrowStrikethrough: false,
             selfReference: { size: 11, angle: Math.PI / 2, renderBehindTheNode: true },
             arrows: { to: { enabled: arrowsOn, scaleFactor: 0.55 } },
             font: { size: 11, color: EDGE_TEXT, strokeWidth: 3, strokeColor: "#ffffff" } },
  };
  timings.items = performance.now();
  const network = new vis.Network(byId("graph"), { nodes: nodes, edges: edges }, options);
  timings.network = performance.now();

  const view = {
    network: network, nodes: nodes, edges: edges, data: data, state: state,
    firstDrawMs: null, ready: false, timings: timings,
    visibleNodeCount: () => nodes.get({ filter: (n) => !n.hidden }).length,
    visibleEdgeCount: () => edges.get({ filter: (e) => !e.hidden }).length,
    visibleEventCount: () => eventShown.reduce((a, b) => a + b, 0),
    labelledEdges: () => Array.from(labelled).sort((a, b) => a - b),
    applyFilters: null, focusActor: null, groupByCountry: null,
  };
  window.kgView = view;
  network.once("afterDrawing", () => {
    view.firstDrawMs = timings.firstDraw = performance.now();
    // The load-time fit knew the dots but not their labels (measured while drawing): fit again
    // now that they are known, so no label is cut at the edge of the canvas.
    setTimeout(() => {
      network.fit({ animation: false });
      updateDetail();
      timings.ready = performance.now();
      view.ready = true;
      document.body.dataset.ready = "true";
    }, 0);
  });

  function wantedLabels() {
    const want = new Set();
    const scale = network.getScale();
    if (scale >= LABEL_SCALE) {
      const centre = network.getViewPosition(), box = byId("graph");
      const halfWidth = box.clientWidth / 2 / scale, halfHeight = box.clientHeight / 2 / scale;
      const positions = network.getPositions();
      for (let i = 0; i < edgeData.length && want.size < LABEL_MAX; i++) {
        if (!edgeShown[i]) continue;
        const edge = edgeData[i], a = positions[edge.f], b = positions[edge.t];
        if (!a || !b) continue;  // inside a country group
        const mx = (a.x + b.x) / 2, my = (a.y + b.y) / 2;
        if (Math.abs(mx - centre.x) > halfWidth || Math.abs(my - centre.y) > halfHeight) continue;
        const room = Math.hypot(a.x - b.x, a.y - b.y) * scale - nodeSize(nodeData[edge.f].n) - nodeSize(nodeData[edge.t].n);
        if (edge.f === edge.t || room >= CHAR_PX * edgeLabel(edge, edgeShown[i]).length) want.add(i);
      }
    }
    if (hoveredEdge !== null && edgeShown[hoveredEdge]) want.add(hoveredEdge);
    if (state.selected && state.selected.kind === "edge" && edgeShown[state.selected.index]) want.add(state.selected.index);
    if (state.focus !== null) for (const e of nodeEdges[state.focus]) if (edgeShown[e]) want.add(e);
    return want;
  }
  function updateDetail() {
    const scale = network.getScale();
    if (!small && arrowsOn !== scale >= ARROW_SCALE) {
      arrowsOn = scale >= ARROW_SCALE;
      network.setOptions({ edges: { arrows: { to: { enabled: arrowsOn, scaleFactor: 0.55 } } } });
    }
    const want = wantedLabels();
    const drop = Array.from(labelled).filter((i) => !want.has(i));
    const add = Array.from(want).filter((i) => !labelled.has(i));
    drop.forEach((i) => labelled.delete(i));
    add.forEach((i) => labelled.add(i));
    if (drop.length) { edges.remove(drop); edges.add(drop.map(edgeItem)); }  // vis cannot clear a label in place
    if (add.length) edges.update(add.map((i) => ({ id: i, label: edgeLabel(edgeData[i], edgeShown[i]) })));
  }
  view.updateDetail = updateDetail;
  let detailTimer = null;
  function scheduleDetail() {
    clearTimeout(detailTimer);
    detailTimer = setTimeout(updateDetail, small ? 60 : 150);
  }
  let lastView = "";
  network.on("afterDrawing", () => {  // any change of view: wheel, drag, fit, focus, moveTo, resize
    const p = network.getViewPosition();
    const now = `${network.getScale().toFixed(3)} ${p.x.toFixed(0)} ${p.y.toFixed(0)} ${byId("graph").clientWidth}`;
    if (now !== lastView) { lastView = now; if (view.ready) scheduleDetail(); }
  });
  network.on("hoverEdge", (params) => { hoveredEdge = params.edge; scheduleDetail(); });
  network.on("blurEdge", () => { hoveredEdge = null; scheduleDetail(); });

  // ------------------------------------------------------------------ applying filters

  function refresh() {
    const oldEdges = Int32Array.from(edgeShown), oldNodes = Uint8Array.from(nodeShown);
    const regroup = state.grouped;
    if (regroup) ungroup();
    computeVisibility();
    const edgeUpdates = [], nodeUpdates = [];
    edgeData.forEach((_, i) => { if (edgeShown[i] !== oldEdges[i]) edgeUpdates.push(edgeStyle(i, true)); });
    nodeData.forEach((_, i) => { if (nodeShown[i] !== oldNodes[i]) nodeUpdates.push(nodeStyle(i, true)); });
    if (nodeUpdates.length) nodes.update(nodeUpdates);
    if (edgeUpdates.length) edges.update(edgeUpdates);
    if (state.focus !== null) applyFocus(state.focus, false);
    if (regroup) groupByCountry(true);
    scheduleDetail();
    updateStats();
    drawTimeline();
    updateMap();
    if (state.selected) (state.selected.kind === "node" ? showNode : showEdge)(state.selected.index);
  }
  view.applyFilters = refresh;

  // ------------------------------------------------------------------ group by country

  // A state's government, ministries, armed forces and officials (kgo:ofState) merge into one
  // node per state, with the state itself; double-clicking the node opens it again. Groups are
  // vis-network clusters, so every event edge is kept and redrawn to the group node.
  const stateType = types.findIndex((t) => t.name === "State");
  let groups = [];
  const isGroup = (id) => network.body.nodes[id] !== undefined && network.isCluster(id);  // isCluster logs on unknown ids
  function ungroup() {
    for (const id of groups) if (isGroup(id)) network.openCluster(id);
    groups = [];
  }
  function groupByCountry(on) {
    state.grouped = on;
    ungroup();
    if (!on) return;
    const members = data.states.map(() => []);
    nodeData.forEach((n, i) => { if (n.st >= 0 && nodeShown[i]) members[n.st].push(i); });
    members.forEach((list, s) => {
      if (list.length < 2) return;
      const id = "country:" + s, inside = new Set(list);
      const total = list.reduce((sum, i) => sum + nodeData[i].n, 0);
      network.cluster({
        joinCondition: (node) => inside.has(node.id),
        clusterNodeProperties: {
          id: id, label: `${data.states[s].l} (${list.length})`, shape: "dot", size: nodeSize(total),
          borderWidth: 3, color: stateType >= 0 ? types[stateType].color : "#888888",
          font: { size: 15, color: TEXT, strokeWidth: 3, strokeColor: "#ffffff" },
        },
      });
      groups.push(id);
    });
    scheduleDetail();
  }
  function openCountry(id) {
    if (isGroup(id)) network.openCluster(id);
    groups = groups.filter((g) => g !== id);
  }
  view.groupByCountry = groupByCountry;
  view.groups = () => groups.filter(isGroup);
  view.openCountry = openCountry;

  function updateStats() {
    let shownEdges = 0, shownNodes = 0;
    edgeShown.forEach((c) => { if (c > 0) shownEdges += 1; });
    nodeShown.forEach((s) => { shownNodes += s; });
    const shownEvents = view.visibleEventCount();
    const hiddenNodes = nodeData.length - shownNodes;
    // Mentions of one event in several articles (merged into a reported event) count once here.
    const distinct = new Set();
    events.forEach((ev, i) => { if (eventShown[i]) distinct.add(ev.r === undefined ? "e" + i : "r" + ev.r); });
    byId("stats").textContent =
      `${fmt(shownEvents)} of ${fmt(events.length)} events shown` +
      (shownEvents < events.length ? ` (${fmt(events.length - shownEvents)} hidden by filters)` : "") +
      (distinct.size < shownEvents ? `, ${fmt(distinct.size)} after merging reports of the same event` : "") +
      ` \u00b7 ${fmt(shownEdges)} of ${fmt(edgeData.length)} links \u00b7 ${fmt(shownNodes)} of ${fmt(nodeData.length)} actors` +
      (hiddenNodes ? ` (${fmt(hiddenNodes)} without shown events hidden)` : "");
    document.body.dataset.nodes = String(shownNodes);
    document.body.dataset.edges = String(shownEdges);
    document.body.dataset.events = String(shownEvents);
    document.body.dataset.distinct = String(distinct.size);
  }

  // ------------------------------------------------------------------ controls

  function buildControls() {
    const quadBox = byId("quad-filters");
    quads.forEach((quad, qi) => {
      const label = el("label", "check");
      append(label, checkbox(true, (e) => { toggle(state.quads, qi, e.target.checked); refresh(); }),
             swatch(quad.color, true), quad.label, el("span", "count", fmt(quadEvents[qi])));
      quadBox.appendChild(label);
    });

    const categoryBox = byId("category-filters");
    const categoryBoxes = [];
    quads.forEach((quad, qi) => {
      const members = categories.map((c, ci) => [c, ci]).filter(([c]) => c.q === qi);
      if (!members.length) return;
      categoryBox.appendChild(append(el("div", "quad-group"), swatch(quad.color, true), quad.label));
      for (const [category, ci] of members) {
        const box = checkbox(true, (e) => { toggle(state.categories, ci, e.target.checked); refresh(); });
        box.dataset.category = category.name;
        categoryBoxes.push([box, ci]);
        categoryBox.appendChild(append(el("label", "check"), box, category.name,
                                       el("span", "count", fmt(categoryEvents[ci]))));
      }
    });
    const setAll = (on) => {
      for (const [box, ci] of categoryBoxes) { box.checked = on; toggle(state.categories, ci, on); }
      refresh();
    };
    byId("categories-all").addEventListener("click", () => setAll(true));
    byId("categories-none").addEventListener("click", () => setAll(false));

    const factualityBox = byId("factuality-filters");
    for (const f of factualities) {
      const box = checkbox(state.factualities.has(f), (e) => { toggle(state.factualities, f, e.target.checked); refresh(); });
      box.dataset.factuality = f;
      factualityBox.appendChild(append(el("label", "check"), box, f,
                                       el("span", "count", fmt(factualityEvents[f] || 0))));
    }

    const from = byId("date-from"), to = byId("date-to");
    for (const input of [from, to]) {
      if (firstDate) { input.min = firstDate; input.max = lastDate; }
      input.addEventListener("change", () => { state.from = from.value; state.to = to.value; refresh(); });
    }
    const confidence = byId("confidence"), confidenceValue = byId("confidence-value");
    confidence.value = String(state.minConfidence);
    confidenceValue.textContent = state.minConfidence.toFixed(2);
    let pending = false;
    confidence.addEventListener("input", () => {
      confidenceValue.textContent = Number(confidence.value).toFixed(2);
      state.minConfidence = Number(confidence.value);
      if (!pending) { pending = true; requestAnimationFrame(() => { pending = false; refresh(); }); }
    });
    byId("physics").addEventListener("change", (e) => {
      network.setOptions({ physics: { enabled: e.target.checked } });
    });
    byId("hide-isolated").addEventListener("change", (e) => { state.hideIsolated = e.target.checked; refresh(); });
    byId("group-country").addEventListener("change", (e) => groupByCountry(e.target.checked));
    byId("fit").addEventListener("click", () => network.fit({ animation: { duration: 400 } }));

    const typeCounts = types.map(() => 0);
    for (const n of nodeData) typeCounts[n.t] += 1;
    const legend = byId("type-legend");
    types.forEach((type, ti) => {
      const item = append(el("li"), swatch(type.color), type.label, el("span", "count", fmt(typeCounts[ti])));
      if (!typeCounts[ti]) item.style.opacity = "0.45";
      legend.appendChild(item);
    });
  }
  function toggle(set, value, on) { if (on) set.add(value); else set.delete(value); }

  // ------------------------------------------------------------------ search and focus

  const searchNames = nodeData.map((n) => [normalise(n.l)].concat(n.al.map(normalise)));
  function search(query) {
    const q = normalise(query.trim());
    const list = byId("search-results");
    list.replaceChildren();
    if (!q) return [];
    const hits = [];
    searchNames.forEach((names, i) => {
      let rank = -1, alias = null;
      names.forEach((name, j) => {
        const r = name.startsWith(q) ? 0 : name.includes(q) ? 2 : -1;
        if (r >= 0 && (rank < 0 || r + (j ? 1 : 0) < rank)) { rank = r + (j ? 1 : 0); alias = j ? nodeData[i].al[j - 1] : null; }
      });
      if (rank >= 0) hits.push([rank, -nodeData[i].n, nodeData[i].l, i, alias]);
    });
    hits.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2].localeCompare(b[2]));
    for (const [, , , i, alias] of hits.slice(0, 12)) {
      const button = append(el("button"), swatch(types[nodeData[i].t].color), nodeData[i].l);
      button.type = "button";
      if (alias) button.appendChild(el("span", "alias", "(" + alias + ")"));
      button.addEventListener("click", () => focusActor(i));
      list.appendChild(append(el("li"), button));
    }
    return hits.map((h) => h[3]);
  }
  const searchBox = byId("search");
  searchBox.addEventListener("input", () => search(searchBox.value));
  searchBox.addEventListener("keydown", (e) => {
    if (e.key === "Enter") {
      const hits = search(searchBox.value);
      if (hits.length) focusActor(hits[0]);
    } else if (e.key === "Escape") { clearFocus(); }
  });
  byId("clear-focus").addEventListener("click", clearFocus);

  function neighbours(i) {
    const found = new Set([i]);
    for (const e of nodeEdges[i]) if (edgeShown[e] > 0) { found.add(edgeData[e].f); found.add(edgeData[e].t); }
    return found;
  }
  function applyFocus(i, move) {
    state.focus = i;
    focusSet = i === null ? null : neighbours(i);
    updateMap();
    // Dimming touches every item once; focus is a deliberate act, so the cost is fine.
    nodes.update(nodeData.map((_, n) => nodeStyle(n, true)));
    edges.update(edgeData.map((_, e) => edgeStyle(e, true)));
    scheduleDetail();
    if (i !== null && move) {
      const ids = Array.from(neighbours(i));
      if (ids.length > 1) network.fit({ nodes: ids, animation: { duration: 450 } });
      else network.focus(i, { scale: 1.2, animation: { duration: 450 } });
    }
  }
  function focusActor(i) {
    if (!nodeShown[i]) { state.hideIsolated = false; byId("hide-isolated").checked = false; refresh(); }
    const path = network.clustering.findNode(i);
    if (path.length > 1) openCountry(path[0]);
    applyFocus(i, true);
    network.selectNodes([i], true);
    showNode(i);
  }
  function clearFocus() {
    searchBox.value = "";
    byId("search-results").replaceChildren();
    if (state.focus !== null) applyFocus(null, false);
    network.unselectAll();
    showHint();
    network.fit({ animation: { duration: 400 } });
  }
  view.focusActor = focusActor;

  // ------------------------------------------------------------------ timeline (events per week by quad class)

  // Drawn as SVG elements made one by one (createElementNS, text through textContent), so the
  // page's CSP holds. Dragging across the bars selects weeks: the date filter follows, and so
  // do the network, the counts and the map; a click clears it.
  const SVG = "http://www.w3.org/2000/svg", DAY = 864e5, WEEK = 7 * DAY;
  function svgEl(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, String(value));
    if (text !== undefined) node.textContent = String(text);
    return node;
  }
  const isoDay = (t) => new Date(t).toISOString().slice(0, 10);
  function weekOf(day) {
    const t = Date.parse(String(day).slice(0, 10) + "T00:00:00Z");
    return Number.isNaN(t) ? null : t - ((new Date(t).getUTCDay() + 6) % 7) * DAY;  // Monday
  }
  const eventWeek = events.map((ev) => (ev.d ? weekOf(ev.d) : null));
  const weekStarts = Array.from(new Set(eventWeek.filter((w) => w !== null))).sort((a, b) => a - b);
  const weeks = [];
  if (weekStarts.length) {
    for (let t = weekStarts[0]; t <= weekStarts[weekStarts.length - 1] && weeks.length < 2000; t += WEEK) weeks.push(t);
  }
  const weekIndex = new Map(weeks.map((t, i) => [t, i]));
  function weekCounts(keep) {
    const counts = weeks.map(() => quads.map(() => 0));
    events.forEach((ev, i) => {
      const w = weekIndex.get(eventWeek[i]);
      if (w !== undefined && keep(i)) counts[w][categoryQuad[ev.c]] += 1;
    });
    return counts;
  }
  function drawBars(svg, counts, brushed) {
    const width = svg.clientWidth || 600, height = svg.clientHeight || 100, axis = 14;
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    svg.replaceChildren();
    if (!counts.length) { svg.appendChild(svgEl("text", { x: 4, y: 14, class: "axis" }, "no dated events")); return; }
    const max = Math.max(1, ...counts.map((c) => c.reduce((a, b) => a + b, 0)));
    const step = width / counts.length, bar = Math.max(1, step - Math.min(4, step * 0.2));
    if (brushed) {
      svg.appendChild(svgEl("rect", { class: "brush", x: brushed[0] * step, y: 0,
                                      width: (brushed[1] - brushed[0] + 1) * step, height: height - axis }));
    }
    counts.forEach((week, w) => {
      let y = height - axis;
      week.forEach((n, q) => {
        if (!n) return;
        const h = (n / max) * (height - axis - 4);
        const rect = svgEl("rect", { x: w * step + (step - bar) / 2, y: y - h, width: bar, height: h, fill: quads[q].color });
        rect.appendChild(svgEl("title", {}, `week of ${isoDay(weeks[w])}: ${n} ${quads[q].label}`));
        svg.appendChild(rect);
        y -= h;
      });
    });
    const label = (w, anchor) => svg.appendChild(svgEl("text", { x: anchor === "end" ? width - 2 : 2, y: height - 3,
                                                                 class: "axis", "text-anchor": anchor }, isoDay(weeks[w])));
    label(0, "start");
    if (counts.length > 1) label(counts.length - 1, "end");
  }
  const timeline = byId("timeline");
  function brushedWeeks() {
    if (!state.from && !state.to) return null;
    const first = state.from ? weeks.findIndex((t) => isoDay(t + WEEK - DAY) >= state.from) : 0;
    let last = weeks.length - 1;
    if (state.to) while (last >= 0 && isoDay(weeks[last]) > state.to) last -= 1;
    return first >= 0 && last >= first ? [first, last] : null;
  }
  function drawTimeline() {
    drawBars(timeline, weekCounts((i) => passes(events[i], true)), brushedWeeks());
  }
  function setWeeks(first, last) {  // inclusive week indices, or null to clear
    state.from = first === null ? "" : isoDay(weeks[first]);
    state.to = first === null ? "" : isoDay(weeks[last] + WEEK - DAY);
    byId("date-from").value = state.from;
    byId("date-to").value = state.to;
    refresh();
  }
  view.setWeeks = setWeeks;
  view.weeks = () => weeks.map(isoDay);
  let dragFrom = null;
  const weekAt = (x) => Math.max(0, Math.min(weeks.length - 1,
                                              Math.floor((x / (timeline.clientWidth || 1)) * weeks.length)));
  timeline.addEventListener("mousedown", (e) => {
    if (!weeks.length) return;
    dragFrom = e.offsetX;
    e.preventDefault();
  });
  timeline.addEventListener("mousemove", (e) => {
    if (dragFrom === null) return;
    const a = weekAt(Math.min(dragFrom, e.offsetX)), b = weekAt(Math.max(dragFrom, e.offsetX));
    drawBars(timeline, weekCounts((i) => passes(events[i], true)), [a, b]);
  });
  window.addEventListener("mouseup", (e) => {
    if (dragFrom === null) return;
    const box = timeline.getBoundingClientRect(), x = e.clientX - box.left, start = dragFrom;
    dragFrom = null;
    if (Math.abs(x - start) < 3) setWeeks(null, null);
    else setWeeks(weekAt(Math.min(start, x)), weekAt(Math.max(start, x)));
  });

  // ------------------------------------------------------------------ map of places

  // Places with coordinates (GeoNames, resolved offline when the graph was built) on a plain
  // equirectangular grid of meridians and parallels; no outline is drawn (no map data is
  // shipped). A place's dot grows with the shown events it takes part in or is the place of;
  // the focused actor's places are ringed; clicking a dot focuses the place.
  const mapSvg = byId("map");
  const placeNodes = nodeData.map((n, i) => i).filter((i) => nodeData[i].la !== undefined);
  const placeEvents = new Map(placeNodes.map((i) => [i, new Set()]));
  edgeData.forEach((edge) => {
    for (const end of [edge.f, edge.t]) if (placeEvents.has(end)) for (const ev of edge.ev) placeEvents.get(end).add(ev);
  });
  events.forEach((ev, i) => { if (ev.pl !== undefined && placeEvents.has(ev.pl)) placeEvents.get(ev.pl).add(i); });
  const mapDots = new Map();
  function drawMap() {
    mapSvg.replaceChildren();
    mapDots.clear();
    byId("map-note").textContent = placeNodes.length ? `${fmt(placeNodes.length)} located` : "no located places";
    if (!placeNodes.length) return;
    const width = mapSvg.clientWidth || 320, height = mapSvg.clientHeight || 120, pad = 14;
    mapSvg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    const lats = placeNodes.map((i) => nodeData[i].la), lons = placeNodes.map((i) => nodeData[i].lo);
    let south = Math.min(...lats), north = Math.max(...lats), west = Math.min(...lons), east = Math.max(...lons);
    const grow = (lo, hi, least) => { const extra = Math.max(0, least - (hi - lo)) / 2 + 0.5; return [lo - extra, hi + extra]; };
    [south, north] = grow(south, north, 4);
    [west, east] = grow(west, east, 6);
    const squash = Math.cos(((south + north) / 2) * Math.PI / 180);
    const scale = Math.min((width - 2 * pad) / ((east - west) * squash), (height - 2 * pad) / (north - south));
    const cx = width / 2, cy = height / 2, midLon = (west + east) / 2, midLat = (south + north) / 2;
    const project = (lat, lon) => [cx + (lon - midLon) * squash * scale, cy - (lat - midLat) * scale];
    const span = Math.max(north - south, east - west);
    const stepDeg = [1, 2, 5, 10, 20, 30].find((d) => span / d <= 6) || 45;
    for (let lon = Math.ceil(west / stepDeg) * stepDeg; lon <= east; lon += stepDeg) {
      const [x] = project(0, lon);
      mapSvg.appendChild(svgEl("line", { class: "grid", x1: x, x2: x, y1: 0, y2: height }));
      mapSvg.appendChild(svgEl("text", { class: "axis", x: x + 2, y: height - 2 }, `${Math.abs(lon)}\u00b0${lon < 0 ? "W" : "E"}`));
    }
    for (let lat = Math.ceil(south / stepDeg) * stepDeg; lat <= north; lat += stepDeg) {
      const [, y] = project(lat, 0);
      mapSvg.appendChild(svgEl("line", { class: "grid", x1: 0, x2: width, y1: y, y2: y }));
      mapSvg.appendChild(svgEl("text", { class: "axis", x: 2, y: y - 2 }, `${Math.abs(lat)}\u00b0${lat < 0 ? "S" : "N"}`));
    }
    // Labels go right of the dot, else left, above or below, whichever first overlaps no label
    // placed before (busiest places first); a label with no free spot is left out (the dot's
    // tooltip still names it).
    const boxes = placeNodes.map((i) => {  // the dots themselves, so no label covers one
      const [x, y] = project(nodeData[i].la, nodeData[i].lo);
      return { x: x - 4, y: y - 4, w: 8, h: 8 };
    });
    const free = (b) => b.x >= 0 && b.x + b.w <= width && b.y >= 0 && b.y + b.h <= height &&
      boxes.every((o) => b.x + b.w <= o.x || o.x + o.w <= b.x || b.y + b.h <= o.y || o.y + o.h <= b.y);
    const order = placeNodes.slice().sort((a, b) => nodeData[b].n - nodeData[a].n || a - b);
    for (const i of order) {
      const [x, y] = project(nodeData[i].la, nodeData[i].lo);
      const dot = svgEl("circle", { class: "place", cx: x, cy: y, r: 4, fill: types[nodeData[i].t].color });
      dot.dataset.node = String(i);
      const tip = svgEl("title", {}, nodeData[i].l);
      dot.appendChild(tip);
      dot.addEventListener("click", () => focusActor(i));
      mapSvg.appendChild(dot);
      const w = 5.6 * nodeData[i].l.length, h = 11;
      const spots = [[x + 7, y - h / 2], [x - 7 - w, y - h / 2], [x - w / 2, y - 6 - h], [x - w / 2, y + 6]];
      const spot = spots.map(([bx, by]) => ({ x: bx, y: by, w: w, h: h })).find(free);
      if (spot) {
        boxes.push(spot);
        mapSvg.appendChild(svgEl("text", { class: "place-label", x: spot.x, y: spot.y + h - 2 }, nodeData[i].l));
      }
      mapDots.set(i, [dot, tip]);
    }
    updateMap();
  }
  function updateMap() {
    const linked = new Set();
    if (state.focus !== null) {
      for (const i of focusSet || []) linked.add(i);
      for (const e of nodeEdges[state.focus]) for (const ev of edgeData[e].ev) if (events[ev].pl >= 0) linked.add(events[ev].pl);
    }
    for (const [i, [dot, tip]] of mapDots) {
      const shown = Array.from(placeEvents.get(i)).filter((ev) => eventShown[ev]).length;
      dot.setAttribute("r", String(4 + 2 * Math.sqrt(shown)));
      dot.setAttribute("fill", shown ? types[nodeData[i].t].color : "#ffffff");  // hollow: mentioned, no shown event
      dot.setAttribute("stroke", shown ? "#ffffff" : types[nodeData[i].t].color);
      dot.setAttribute("class", "place" + (linked.has(i) ? " linked" : state.focus !== null ? " dim" : ""));
      tip.textContent = `${nodeData[i].l}: ${shown} shown event${shown === 1 ? "" : "s"}`;
    }
  }
  view.mapPlaces = () => Array.from(mapDots.keys());

  // ------------------------------------------------------------------ details panel

  const panel = byId("details");
  function showHint() {
    state.selected = null;
    panel.replaceChildren(el("p", "hint", "Click an actor or a link to see its evidence."));
  }
  function definitionList(rows) {
    const dl = el("dl");
    for (const [term, value] of rows) {
      if (value === null || value === undefined || value === "") continue;
      dl.appendChild(el("dt", null, term));
      const dd = el("dd");
      append(dd, typeof value === "string" || typeof value === "number" ? String(value) : value);
      dl.appendChild(dd);
    }
    return dl;
  }
  function actorButton(i) {
    const a = el("a", null, nodeData[i].l);
    a.href = "#";
    a.addEventListener("click", (e) => { e.preventDefault(); focusActor(i); });
    return a;
  }

  function showNode(i) {
    state.selected = { kind: "node", index: i };
    const n = nodeData[i];
    const type = types[n.t];
    const qid = /^Q[0-9]+$/.test(n.q) ? n.q : "";
    // Each role counts distinct events, so the parts add up to the total (an event in two roles,
    // rare, is counted in both and the note says so).
    const roles = { actor: new Set(), recipient: new Set(), mutual: new Set(), alone: new Set() };
    for (const e of nodeEdges[i]) {
      const edge = edgeData[e];
      const role = edge.f === edge.t ? roles.alone : edge.m ? roles.mutual : edge.f === i ? roles.actor : roles.recipient;
      for (const ev of edge.ev) role.add(ev);
    }
    const all = new Set([...roles.actor, ...roles.recipient, ...roles.mutual, ...roles.alone]);
    const shown = (set) => Array.from(set).reduce((sum, ev) => sum + eventShown[ev], 0);
    const part = (set) => `${fmt(set.size)} (${fmt(shown(set))} shown)`;
    const overlap = roles.actor.size + roles.recipient.size + roles.mutual.size + roles.alone.size - all.size;
    const byQuad = quads.map(() => 0);
    const seen = new Set();
    for (const e of nodeEdges[i]) for (const ev of edgeData[e].ev) {
      if (!seen.has(ev)) { seen.add(ev); byQuad[categoryQuad[events[ev].c]] += 1; }
    }
    const quadList = el("ul", "plain");
    quads.forEach((quad, qi) => {
      if (byQuad[qi]) quadList.appendChild(append(el("li"), swatch(quad.color, true), " " + quad.label + ": " + fmt(byQuad[qi])));
    });
    panel.replaceChildren(
      el("h3", null, n.l),
      append(el("p", "kind"), swatch(type.color), " " + type.label),
      definitionList([
        ["Aliases", n.al.join("; ")],
        ["Country", n.co ? (n.cc ? n.co + " (" + n.cc + ")" : n.co) : n.cc],
        ["Sector", n.sc],
        ["Wikidata", qid ? link("https://www.wikidata.org/wiki/" + qid, qid) : ""],
        ["Events", part(all) + (overlap ? ` \u00b7 ${fmt(overlap)} in two roles` : "")],
        ["As actor", roles.actor.size ? part(roles.actor) : ""],
        ["As recipient", roles.recipient.size ? part(roles.recipient) : ""],
        ["With others, mutually", roles.mutual.size ? part(roles.mutual) : ""],
        ["Without recipient", roles.alone.size ? part(roles.alone) : ""],
        ["IRI", el("code", null, n.id)],
      ]),
      quadList,
    );
    if (weeks.length && all.size) {
      panel.appendChild(el("h2", null, "Events per week"));
      const mini = svgEl("svg", { class: "actor-timeline", role: "img", "aria-label": "This actor's events per week" });
      panel.appendChild(mini);
      drawBars(mini, weekCounts((ev) => all.has(ev) && eventShown[ev]), brushedWeeks());
    }
    if (roles.alone.size) {
      panel.appendChild(el("h2", null, "Events without a recipient"));
      Array.from(roles.alone).sort((a, b) => (eventShown[b] - eventShown[a]) || (events[a].d < events[b].d ? -1 : 1))
        .forEach((ev) => panel.appendChild(eventCard(ev)));
    }
    const others = new Map();
    for (const e of nodeEdges[i]) {
      if (edgeData[e].f === edgeData[e].t) continue;
      const other = edgeData[e].f === i ? edgeData[e].t : edgeData[e].f;
      others.set(other, (others.get(other) || 0) + edgeData[e].ev.length);
    }
    if (others.size) {
      panel.appendChild(el("h2", null, "Linked actors"));
      const list = el("ul", "plain");
      Array.from(others).sort((a, b) => b[1] - a[1]).slice(0, 40).forEach(([other, c]) => {
        list.appendChild(append(el("li"), actorButton(other), " \u00b7 " + fmt(c)));
      });
      panel.appendChild(list);
    }
  }

  function showEdge(i) {
    state.selected = { kind: "edge", index: i };
    const edge = edgeData[i];
    const category = categories[edge.c], quad = quads[category.q];
    const heading = el("h3");
    if (edge.f === edge.t) append(heading, actorButton(edge.f), " (no recipient)");
    else append(heading, actorButton(edge.f), edge.m ? " \u2014 " : " \u2192 ", actorButton(edge.t));
    const order = edge.ev.slice().sort((a, b) => (eventShown[b] - eventShown[a]) ||
      (events[a].d < events[b].d ? -1 : events[a].d > events[b].d ? 1 : 0));
    panel.replaceChildren(
      heading,
      append(el("p", "kind"), swatch(quad.color, true), ` ${edge.p} \u00b7 ${category.name} \u00b7 ${quad.label}`),
      el("p", null, `${fmt(edge.ev.length)} event${edge.ev.length === 1 ? "" : "s"}, ` +
                     `${fmt(edgeShown[i])} shown by the filters`),
    );
    for (const ev of order) panel.appendChild(eventCard(ev));
    scheduleDetail();
  }

  function eventCard(index) {
    const ev = events[index];
    const category = categories[ev.c];
    const card = el("div", eventShown[index] ? "event" : "event filtered");
    card.style.borderLeftColor = quads[category.q].color;
    card.dataset.event = ev.id;
    const meta = el("div", "meta");
    append(meta, el("span", "category", category.name), el("span", null, ev.p), el("span", "date", ev.d || "undated"),
           el("span", ev.f === "asserted" ? "tag" : "tag warn", ev.f), el("span", null, "confidence " + ev.k.toFixed(2)));
    if (!eventShown[index]) meta.appendChild(el("span", "tag", "hidden by filters"));
    card.appendChild(meta);
    if (ev.l) card.appendChild(el("p", "summary", ev.l));
    if (ev.m > 1) {
      const others = [];
      events.forEach((other, j) => { if (j !== index && other.r === ev.r) others.push(j); });
      const titles = Array.from(new Set(others.map((j) => (articles[events[j].a] || {}).title || "")))
        .filter(Boolean);
      card.appendChild(el("p", "source", `One of ${fmt(ev.m)} reports of this event` +
                                         (titles.length ? "; also in: " + titles.join("; ") : "")));
    }
    card.appendChild(el("blockquote", "evidence", ev.e));
    if (ev.sa || ev.s) {
      const who = ev.sa && ev.s && normalise(ev.s) !== normalise(ev.sa) ? ev.sa + " (\u201c" + ev.s + "\u201d)" : ev.sa || ev.s;
      card.appendChild(el("p", "source", "Attributed to " + who));
    }
    const article = articles[ev.a] || { title: "", url: "", id: "" };
    const url = safeUrl(article.url);
    const line = el("p", "article");
    line.appendChild(document.createTextNode("Article: "));
    if (url) line.appendChild(link(url, article.title || url));
    else line.appendChild(el("span", null, article.title || article.id));
    if (article.url && !url) line.appendChild(el("span", "tag warn", "link not shown: " + article.url));
    card.appendChild(line);
    return card;
  }

  function showCountry(id) {
    state.selected = null;
    const s = Number(String(id).split(":")[1]);
    const inside = network.getNodesInCluster(id).map(Number).sort((a, b) => nodeData[b].n - nodeData[a].n);
    const list = el("ul", "plain");
    for (const i of inside) list.appendChild(append(el("li"), actorButton(i), " \u00b7 " + fmt(nodeData[i].n)));
    panel.replaceChildren(el("h3", null, data.states[s].l),
                          el("p", "kind", `${fmt(inside.length)} actors of this state, grouped; double-click to open`),
                          list);
  }
  network.on("doubleClick", (params) => {
    if (params.nodes.length && isGroup(params.nodes[0])) openCountry(params.nodes[0]);
  });
  network.on("click", (params) => {
    if (params.nodes.length && isGroup(params.nodes[0])) showCountry(params.nodes[0]);
    else if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) {
      const id = params.edges[0];  // an edge redrawn to a country group stands for its first base edge
      showEdge(typeof id === "number" ? id : Number(network.clustering.getBaseEdges(id)[0]));
    }
    else showHint();
  });

  buildControls();
  updateStats();
  drawTimeline();
  drawMap();
  window.addEventListener("resize", () => { drawTimeline(); drawMap(); });
  // vis-network fits the view itself on load (physics off); the first frame then sets the detail.
}());
