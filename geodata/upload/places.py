"""Placing sites: the boundary unit that holds each point, or the unit a row names.

A row with coordinates gets the region, city and county of the county-level unit that holds the
point. A row without coordinates but with a county name becomes an `area` site of that county
(matched within the row's city when it gives one; a name several cities share is a problem naming
the candidates); with only a city name, a `city` site at the city's declared urban core
(seeds/cities.csv), never a polygon's centroid.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely


@dataclass(frozen=True)
class Unit:
    id: str
    region: str
    city: str
    city_zh: str
    county: str
    county_zh: str
    geometry: object


def fill_places(sites: list[dict], boundaries) -> None:
    """region, city(_zh), county(_zh) of the county-level unit that holds (or is nearest) each point."""
    counties = boundaries[boundaries["level"] == "county"].reset_index(drop=True)
    tree = shapely.STRtree(counties.geometry.values)
    points = shapely.points([s["lon"] for s in sites], [s["lat"] for s in sites])
    unit = np.full(len(sites), -1)
    found = tree.query(points, predicate="intersects")
    for i, j in zip(found[0][::-1], found[1][::-1]):  # reversed: the first match wins
        unit[i] = j
    missing = np.flatnonzero(unit < 0)
    if len(missing):
        nearest = tree.query_nearest(points[missing], all_matches=False)
        unit[missing[nearest[0]]] = nearest[1]
    columns = {c: counties[c].to_numpy() for c in ("region", "city_en", "city_zh", "name_en", "name_zh")}
    for site, j in zip(sites, unit):
        site.update(region=columns["region"][j], city=columns["city_en"][j],
                    city_zh=columns["city_zh"][j] or columns["city_en"][j],
                    county=columns["name_en"][j], county_zh=columns["name_zh"][j])


def _fold(name: str) -> str:
    return " ".join(str(name).split()).casefold()


class Gazetteer:
    """County and city names (Chinese, English, and Chinese without 市) -> boundary units."""

    def __init__(self, boundaries, cores: dict[str, tuple[float, float]]):
        self.counties: dict[str, list[Unit]] = {}
        self.cities: dict[str, Unit] = {}
        self.cores = cores
        for row in boundaries.itertuples():
            unit = Unit(row.id, row.region, row.city_en, row.city_zh or row.city_en,
                        row.name_en if row.level == "county" else "",
                        row.name_zh if row.level == "county" else "", row.geometry)
            if row.level == "county":
                for key in {_fold(row.name_zh), _fold(row.name_en)}:
                    self.counties.setdefault(key, []).append(unit)
            elif row.level == "prefecture" or row.region in ("beijing", "tianjin"):
                for key in {_fold(row.city_zh), _fold(row.city_zh).removesuffix("市"), _fold(row.city_en)}:
                    self.cities.setdefault(key, unit)

    def city(self, name: str) -> Unit | None:
        return self.cities.get(_fold(name)) or self.cities.get(_fold(name).removesuffix("市"))

    def county(self, name: str, city: Unit | None) -> list[Unit]:
        units = self.counties.get(_fold(name), [])
        return [u for u in units if city is None or u.city == city.city]


def read_city_cores(directory: Path) -> dict[str, tuple[float, float]]:
    """City (English name) -> its declared urban core (lon, lat), from cities.csv if the data has it."""
    path = Path(directory) / "cities.csv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["name_en"]: (float(row["lon"]), float(row["lat"])) for row in csv.DictReader(handle)
                if row.get("lon") and row.get("lat")}
