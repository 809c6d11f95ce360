"""`kg export`: a stored graph (store folder or RDF file) in another format.

RDF formats keep the per-article named graphs where the format can (N-Quads, TriG) and by
default carry the ontology too, so an exported file answers the cookbook queries on its own.
Graph formats (GraphML, GEXF, CSV edge list) are the networkx view. PLOVER JSONL is rebuilt
from the RDF: everything the graph records comes back, but mention-level details that the
graph does not keep (each actor mention's raw text and character offsets, the coding date
unless the run was timestamped) are left out, and actors are listed in IRI order rather than
text order; `kg build`/`kg extract` write the full records.

Every format is deterministic: the same graph gives the same bytes.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote

import networkx as nx
from rdflib import Dataset

from .atomic import write_bytes
from .formats import EXPORT_FORMATS, GRAPH_FORMATS
from .rdf import KGR
from .store import Store, open_source
from .views.plover import json_line
from .views.rdf_formats import serialize

CSV_COLUMNS = ("source", "target", "source_label", "target_label", "relation", "category", "quad",
               "factuality", "confidence", "date", "event", "article", "title", "url", "attributed_to",
               "evidence", "event_label")


def export_path(path: Path | str, fmt: str, ontology: bool = True, include_hypothetical: bool = False,
                title: str = "Actor network") -> bytes:
    """The store folder or RDF file at `path` in format `fmt`."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose from {', '.join(EXPORT_FORMATS)}")
    with open_source(path, ontology=True) as store:  # the PLOVER and graph views need the ontology
        return export_store(store, fmt, ontology, include_hypothetical, title)


def export_store(store: Store, fmt: str, ontology: bool = True, include_hypothetical: bool = False,
                 title: str = "Actor network") -> bytes:
    if fmt == "plover":
        return "".join(json_line(record) + "\n"
                       for record in plover_records(store, include_hypothetical)).encode("utf-8")
    if fmt in GRAPH_FORMATS:
        return export_network(store.to_dataset(ontology=False), fmt)
    if fmt == "geojson":
        from .views.geojson import geojson_bytes

        return geojson_bytes(store)
    if fmt == "html":  # the whole store or file as one page: a growing store viewed whole
        from .views.html import render

        return render(sorted_network(store.to_dataset(ontology=False)), title).encode("utf-8")
    return serialize(store.to_dataset(ontology=ontology), fmt).encode("utf-8")


def write_output(data: bytes, out: Path | str | None) -> None:
    """To a file (atomically) or, without --out, to standard output."""
    if out is None or str(out) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        write_bytes(Path(out), data)


# ---------------------------------------------------------------------------- graph formats

def sorted_network(dataset: Dataset) -> nx.MultiDiGraph:
    """The networkx view with nodes and edges in IRI order, so files do not depend on hashing."""
    from .views.network import to_networkx

    net = to_networkx(dataset)
    ordered = nx.MultiDiGraph()
    for node in sorted(net.nodes):
        ordered.add_node(node, **dict(sorted(net.nodes[node].items())))
    for source, target, key, data in sorted(net.edges(keys=True, data=True), key=lambda e: e[:3]):
        ordered.add_edge(source, target, key=key, **dict(sorted(data.items())))
    return ordered


def export_network(dataset: Dataset, fmt: str) -> bytes:
    from .outputs import xml_safe

    net = sorted_network(dataset)
    if fmt in {"graphml", "gexf"}:
        net = xml_safe(net)  # a form feed in an article would make the XML unreadable
    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(net, buffer)
        return buffer.getvalue()
    if fmt == "gexf":
        nx.write_gexf(net, buffer)
        return _gexf_date(buffer.getvalue())
    return edge_list_csv(net).encode("utf-8")


def _gexf_date(data: bytes) -> bytes:
    """networkx stamps GEXF with today's date; use SOURCE_DATE_EPOCH's date or leave it out."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    stamp = f' lastmodifieddate="{datetime.fromtimestamp(int(epoch), UTC).date()}"' if epoch else ""
    return re.sub(rb' lastmodifieddate="[0-9-]+"', stamp.encode(), data, count=1)


# A spreadsheet runs a cell that starts with one of these as a formula ("=HYPERLINK(...)").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    """A cell a spreadsheet shows as text: article text starting like a formula gets a leading
    apostrophe (the usual guard against CSV formula injection, shown by spreadsheets as text)."""
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def edge_list_csv(net: nx.MultiDiGraph) -> str:
    """One row per event and actor pair (Gephi reads the source/target columns); an event with no
    recipient has one row per actor with empty target columns, so every event is in the file.
    Cells that would start a spreadsheet formula are guarded (csv_cell)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for source, edge_target, _key, data in net.edges(keys=True, data=True):
        target = "" if data.get("no_recipient") else edge_target
        writer.writerow(csv_cell(cell) for cell in [
            source, target, net.nodes[source].get("label", ""), net.nodes[target].get("label", "") if target else "",
            data.get("predicate", ""), data.get("category", ""), data.get("quad", ""),
            data.get("factuality", ""), data.get("confidence", ""), data.get("date", ""),
            data.get("event", ""), data.get("article", ""), data.get("title", ""), data.get("url", ""),
            data.get("source", ""), " ".join(str(data.get("evidence", "")).split()), data.get("label", ""),
        ])
    return out.getvalue()


# ---------------------------------------------------------------------------- PLOVER from RDF

EVENTS = """
PREFIX kgo: <https://w3id.org/geokg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT DISTINCT ?event ?category ?predicate ?factuality ?confidence ?date ?trigger ?text ?start ?end ?doc
                ?started ?sourceText ?symmetric ?cue WHERE {
  ?event a kgo:Event ; kgo:eventCategory/skos:notation ?category ; kgo:predicate ?predicate ;
         kgo:factuality ?factuality ; kgo:confidence ?confidence ; kgo:trigger ?trigger ;
         kgo:evidenceText ?text ; kgo:evidenceStart ?start ; kgo:evidenceEnd ?end ; kgo:article ?article .
  ?article dcterms:identifier ?doc .
  OPTIONAL { ?event prov:wasGeneratedBy/prov:startedAtTime ?started }
  OPTIONAL { ?event kgo:date ?date }
  OPTIONAL { ?event kgo:sourceText ?sourceText }
  OPTIONAL { ?event kgo:symmetric ?symmetric }
  OPTIONAL { ?event kgo:factualityCue ?cue }
}"""

PARTICIPANTS = """
PREFIX kgo: <https://w3id.org/geokg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
SELECT DISTINCT ?event ?role ?actor ?label ?type ?code ?sector ?qid WHERE {
  VALUES (?property ?role) { (kgo:actor "actor") (kgo:recipient "recipient") (kgo:source "source")
                             (kgo:place "place") }
  ?event a kgo:Event ; ?property ?actor .
  ?actor rdfs:label ?label ; a ?type .
  FILTER(STRSTARTS(STR(?type), STR(kgo:)))
  OPTIONAL { ?actor kgo:countryCode ?code }
  OPTIONAL { ?actor kgo:sector ?sector }
  OPTIONAL { ?actor owl:sameAs ?qid }
}"""

# What the graph does not record about mentions; dropped rather than invented.
UNKNOWN_MENTION_FIELDS = ("raw_text", "start", "end")


def _value(term) -> str | None:
    return None if term is None else term.value


def _local(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1]


def plover_records(store: Store, include_hypothetical: bool = False) -> list[dict]:
    """PLOVER records rebuilt from the graph by the same code `kg build` uses (views/plover.py).

    The events are turned back into model objects and passed to `views.plover.lines`, so the two
    cannot drift apart; fields the graph does not keep are removed from the result.
    """
    from .model import Actor, Article, ArticleResult, Event, Mention
    from .views.plover import lines

    mentions: dict[str, dict[str, list[Mention]]] = {}
    for row in store.query(PARTICIPANTS):
        iri = row["actor"].value
        actor = Actor(id=unquote(iri[len(str(KGR)):]) if iri.startswith(str(KGR)) else iri,
                      label=row["label"].value, type=_local(row["type"].value), code=_value(row["code"]),
                      sector=_value(row["sector"]), qid=_local(row["qid"].value) if row["qid"] else None)
        roles = mentions.setdefault(row["event"].value, {}).setdefault(row["role"].value, [])
        if all(m.actor.id != actor.id for m in roles):
            roles.append(Mention(actor, 0, 0, ""))
    events: dict[str, tuple[Event, str | None]] = {}
    for row in store.query(EVENTS):
        iri = row["event"].value
        roles = {role: sorted(found, key=lambda m: m.actor.id) for role, found in mentions.get(iri, {}).items()}
        event = Event(
            article_id=row["doc"].value, category=row["category"].value, predicate=_local(row["predicate"].value),
            actors=roles.get("actor", []), recipients=roles.get("recipient", []),
            factuality=row["factuality"].value, confidence=float(row["confidence"].value),
            trigger=row["trigger"].value, sentence=row["text"].value, sentence_start=int(row["start"].value),
            sentence_end=int(row["end"].value), date=_value(row["date"]),
            source=(roles.get("source") or [None])[0], source_text=_value(row["sourceText"]) or "",
            place=(roles.get("place") or [None])[0],
            symmetric=row["symmetric"] is not None and row["symmetric"].value == "true",
            cue=_value(row["cue"]) or "")
        started = row["started"].value[:10] if row["started"] is not None else None
        events.setdefault(iri, (event, started))
    ordered = sorted(events.items(), key=lambda item: (item[1][0].article_id, item[1][0].sentence_start, item[0]))
    records = []
    for iri, (event, started) in ordered:
        result = ArticleResult(Article(event.article_id, ""), [], [event])
        for line in lines([result], coded_date=started or "", include_hypothetical=include_hypothetical):
            record = json.loads(line)
            record["id"] = _local(iri)  # the graph's own id (equal to the recomputed one)
            for key in ("actor", "recipient"):
                record[key] = [_without_mention(entity) for entity in record.get(key, [])]
            if "source" in record:
                record["source"] = _without_mention(record["source"])
            if "event_loc" in record:
                record["event_loc"].pop("raw_text", None)
            records.append(record)
    return records


def _without_mention(entity: dict) -> dict:
    return {key: value for key, value in entity.items() if key not in UNKNOWN_MENTION_FIELDS}
