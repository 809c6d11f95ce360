"""Events on a map: a GeoJSON FeatureCollection (RFC 7946) of the located events.

An event is located at its place (kgo:place), or else at a place that takes part in it
("rebels besieged Idlib": the siege is in Idlib); `located_by` says which. Coordinates come
from the graph's W3C geo:lat/geo:long, written by kg/rdf.py from GeoNames (kg/places.py).
"""

from __future__ import annotations

import json

GEO_EVENTS = """
PREFIX kgo: <https://w3id.org/geokg/ontology#>
PREFIX geo: <http://www.w3.org/2003/01/geo/wgs84_pos#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?event ?label ?category ?quad ?date ?factuality ?article ?by ?place ?placeLabel ?code ?lat ?long WHERE {
  ?event a kgo:Event ; kgo:eventCategory ?cat ; kgo:factuality ?factuality ; kgo:article ?article .
  ?cat skos:notation ?category .
  OPTIONAL { ?cat kgo:quadClass/skos:prefLabel ?quad }
  { ?event kgo:place ?place BIND("place" AS ?by) }
  UNION
  { ?event kgo:actor|kgo:recipient ?place . ?place a kgo:Place BIND("participant" AS ?by) }
  ?place geo:lat ?lat ; geo:long ?long .
  OPTIONAL { ?place rdfs:label ?placeLabel }
  OPTIONAL { ?place kgo:countryCode ?code }
  OPTIONAL { ?event rdfs:label ?label }
  OPTIONAL { ?event kgo:date ?date }
}"""


def _text(value) -> str:
    if value is None:
        return ""
    return str(value.value) if hasattr(value, "value") else str(value)


def located_events(store) -> list[dict]:
    """One record per located event (its own place preferred over a place taking part), by IRI."""
    best: dict[str, dict] = {}
    for row in store.query(GEO_EVENTS):
        record = {name: _text(row[name]) for name in
                  ("event", "label", "category", "quad", "date", "factuality", "article", "by", "place",
                   "placeLabel", "code", "lat", "long")}
        rank = (record["by"] != "place", record["place"])  # the event's own place first, then by IRI
        current = best.get(record["event"])
        if current is None or rank < (current["by"] != "place", current["place"]):
            best[record["event"]] = record
    return [best[iri] for iri in sorted(best)]


def feature_collection(store) -> dict:
    features = []
    for r in located_events(store):
        features.append({
            "type": "Feature", "id": r["event"],
            "geometry": {"type": "Point", "coordinates": [float(r["long"]), float(r["lat"])]},
            "properties": {"label": r["label"], "category": r["category"], "quad": r["quad"], "date": r["date"],
                           "factuality": r["factuality"], "article": r["article"], "place": r["place"],
                           "place_label": r["placeLabel"], "country": r["code"], "located_by": r["by"]},
        })
    return {"type": "FeatureCollection", "features": features}


def geojson_bytes(store) -> bytes:
    return (json.dumps(feature_collection(store), ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode("utf-8")
