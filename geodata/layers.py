"""Records -> GeoDataFrames (EPSG:4326): what the query, export and dashboard layers use."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from geodata.boundaries import CRS, read_boundaries
from geodata.errors import DataError
from geodata.load import load_dataset
from geodata.paths import data_dir, data_file
from geodata.locations import area_names, area_shapes, city_cores, representative_point
from geodata.records import City, Dataset, Site
from geodata.schema import CITIES, DOCUMENTS, ITEMS, PLANS, SITES, TARGETS, ZONES, FileSchema
from geodata.validate import check
from geodata.vocab import Vocabulary, load_vocabulary
from geodata.zone_shapes import zone_shape

# `lon`/`lat` are each site's representative point: an exact site's own point, a point inside an
# area site's area, a city site's urban core. Distances, filters and the map's badges use it; the
# geometry is what the site really is (a point, the area's polygon, the urban-core point).
# `place` groups the sites that share one non-exact position ("" for exact sites): an area id, or
# "city:" + the city's English name.
# Columns of the sites layer that no CSV file has: the Chinese names of its city and county (from
# the boundaries), the names of its area, and its place.
DERIVED_SITE_COLUMNS = ("city_zh", "county_zh", "area_en", "area_zh", "place")
SITE_COLUMNS = (*SITES.names, *DERIVED_SITE_COLUMNS)
EMPTY_SITE = {**{c.name: c.empty for c in SITES.columns}, **dict.fromkeys(DERIVED_SITE_COLUMNS, "")}
# Few distinct values: stored as pandas categories, filtering and counting run ~10x faster.
CATEGORY_COLUMNS = (*(c.name for c in SITES.columns if c.vocab and c.kind != "list"),
                    "city", "county", "area", *DERIVED_SITE_COLUMNS)
CITY_PLACE = "city:"


@dataclass(frozen=True)
class Layers:
    """Everything the dashboard shows. Treat as read-only: it is shared through a cache."""

    vocab: Vocabulary
    sites: gpd.GeoDataFrame
    zones: gpd.GeoDataFrame
    boundaries: gpd.GeoDataFrame
    plans: pd.DataFrame
    documents: pd.DataFrame
    targets: pd.DataFrame
    items: pd.DataFrame  # what plans state that has no place we can draw (never geometry)
    places: gpd.GeoDataFrame  # one row per non-exact position: an area, or a city's urban core
    cities: pd.DataFrame  # each city's urban core (cities.csv): where a site known by its city goes


def load_layers(directory: str | Path | None = None) -> Layers:
    """Load, validate and build every layer; raises DataError listing every problem found."""
    directory = data_dir(directory)
    vocab = load_vocabulary(data_file(directory, "vocab.yaml"))
    boundaries = read_boundaries(data_file(directory, "boundaries.geojson"))
    dataset, problems = load_dataset(directory, vocab)
    reported = {(p.file, p.line, p.field) for p in problems}  # one problem per bad cell
    problems += [p for p in check(dataset, boundaries) if (p.file, p.line, p.field) not in reported]
    if problems:
        raise DataError(problems)
    return build_layers(dataset, vocab, boundaries)


def build_layers(dataset: Dataset, vocab: Vocabulary, boundaries: gpd.GeoDataFrame) -> Layers:
    places = places_frame(dataset, boundaries)
    return Layers(
        vocab=vocab,
        sites=sites_frame(dataset, boundaries, places),
        zones=zones_frame(dataset, boundaries),
        boundaries=boundaries,
        plans=_frame(dataset.plans, PLANS),
        documents=_frame(dataset.documents, DOCUMENTS),
        targets=_frame(dataset.targets, TARGETS),
        items=_frame(dataset.items, ITEMS),
        places=places,
        cities=_frame(dataset.cities, CITIES),
    )


def place_key(site: Site) -> str:
    if site.precision == "area":
        return site.area
    return CITY_PLACE + site.city if site.precision == "city" else ""


def places_frame(dataset: Dataset, boundaries: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Each non-exact position the sites use, once: its names, a point inside it, its shape."""
    keys = sorted({place_key(s) for s in dataset.sites} - {""})
    shapes, names, cores = area_shapes(dataset, boundaries), area_names(dataset, boundaries), {}
    cities = {c.name_en: c for c in dataset.cities}
    zones = {z.id: z for z in dataset.zones}
    rows = []
    for key in keys:
        if key.startswith(CITY_PLACE):
            city: City = cities[key[len(CITY_PLACE):]]
            shape = shapely.Point(city.lon, city.lat)
            rows.append((key, "city", city.name_en, city.name_zh, city.lon, city.lat,
                         city.located_by, city.located_by_zh, shape))
        else:
            lon, lat = cores.setdefault(key, representative_point(shapes[key]))
            en, zh = names[key]
            # a drawn zone says how its outline was made; a boundary unit's is the official one
            zone = zones.get(key)
            how = (zone.approximation, zone.approximation_zh) if zone else ("", "")
            rows.append((key, "area", en, zh, lon, lat, *how, shapes[key]))
    frame = pd.DataFrame(rows, columns=["key", "precision", "name_en", "name_zh", "lon", "lat",
                                        "located_by", "located_by_zh", "geometry"])
    return gpd.GeoDataFrame(frame, geometry="geometry", crs=CRS)


def sites_frame(dataset: Dataset, boundaries: gpd.GeoDataFrame,
                places: gpd.GeoDataFrame | None = None) -> gpd.GeoDataFrame:
    places = places_frame(dataset, boundaries) if places is None else places
    by_key = places.set_index("key")
    frame = _frame(dataset.sites, SITES)
    zh = _chinese_place_names(boundaries)
    frame["city_zh"] = [zh.get(("city", r, c), c) for r, c in zip(frame["region"], frame["city"])]
    frame["county_zh"] = [zh.get(("county", c, n), n) for c, n in zip(frame["city"], frame["county"])]
    frame["place"] = [place_key(s) for s in dataset.sites]
    area = frame["area"].map(lambda a: a != "")
    frame["area_en"] = frame["area"].map(by_key["name_en"]).where(area, "")
    frame["area_zh"] = frame["area"].map(by_key["name_zh"]).where(area, "")
    shared = frame["place"] != ""
    own = [shapely.Point(x, y) for x, y in zip(frame["lon"], frame["lat"])]
    shapes = dict(zip(places["key"], places.geometry))
    geometry = [shapes[k] if k else p for k, p in zip(frame["place"], own)]
    frame["lon"] = frame["lon"].where(~shared, frame["place"].map(by_key["lon"]))
    frame["lat"] = frame["lat"].where(~shared, frame["place"].map(by_key["lat"]))
    frame["geometry"] = geometry
    frame = frame[[*SITE_COLUMNS, "geometry"]].sort_values("id", kind="stable").reset_index(drop=True)
    for column in CATEGORY_COLUMNS:
        frame[column] = frame[column].astype("category")
    frame["lon"] = frame["lon"].astype(float)
    frame["lat"] = frame["lat"].astype(float)
    return gpd.GeoDataFrame(frame, geometry="geometry", crs=CRS)


def zones_frame(dataset: Dataset, boundaries: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    shapes = dict(zip(boundaries["id"], boundaries.geometry))
    frame = _frame(dataset.zones, ZONES)
    geometry = [zone_shape(spec, shapes) for spec in frame["geometry"]] if len(frame) else []
    frame = frame.rename(columns={"geometry": "geometry_spec"})
    return gpd.GeoDataFrame(frame, geometry=geometry, crs=CRS)


def _chinese_place_names(boundaries) -> dict:
    names = {}
    for row in boundaries.itertuples():
        names[("city", row.region, row.city_en)] = row.city_zh or row.name_zh
        if row.level == "county":
            names[("county", row.city_en, row.name_en)] = row.name_zh
    return names


def _frame(rows, schema: FileSchema) -> pd.DataFrame:
    columns = list(schema.names)
    return pd.DataFrame.from_records([[getattr(r, c) for c in columns] for r in rows],
                                     columns=columns)
