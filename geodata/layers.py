"""Records -> GeoDataFrames (EPSG:4326): what the query, export and dashboard layers use."""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geodata.boundaries import CRS, read_boundaries
from geodata.errors import DataError
from geodata.load import load_dataset
from geodata.paths import data_dir, data_file
from geodata.records import Dataset, Document, Plan, Site, Target, Zone
from geodata.validate import check
from geodata.vocab import Vocabulary, load_vocabulary
from geodata.zone_shapes import zone_shape

SITE_COLUMNS = ("id", "name_en", "name_zh", "kind", "focus", "status", "plans", "zones", "region",
                "city", "city_zh", "county", "county_zh", "lon", "lat", "precision", "sources",
                "note", "note_zh")

CATEGORY_COLUMNS = ("kind", "status", "region", "city", "city_zh", "county", "county_zh", "precision")


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


def load_layers(directory: str | Path | None = None) -> Layers:
    """Load, validate and build every layer; raises DataError listing every problem found."""
    directory = data_dir(directory)
    vocab = load_vocabulary(data_file(directory, "vocab.yaml"))
    boundaries = read_boundaries(data_file(directory, "boundaries.geojson"))
    dataset, problems = load_dataset(directory, vocab)
    problems += check(dataset, boundaries)
    if problems:
        raise DataError(problems)
    return build_layers(dataset, vocab, boundaries)


def build_layers(dataset: Dataset, vocab: Vocabulary, boundaries: gpd.GeoDataFrame) -> Layers:
    return Layers(
        vocab=vocab,
        sites=sites_frame(dataset, boundaries),
        zones=zones_frame(dataset, boundaries),
        boundaries=boundaries,
        plans=_frame(dataset.plans, Plan),
        documents=_frame(dataset.documents, Document),
        targets=_frame(dataset.targets, Target),
    )


def sites_frame(dataset: Dataset, boundaries: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    frame = _frame(dataset.sites, Site)
    zh = _chinese_place_names(boundaries)
    frame["city_zh"] = [zh.get(("city", r, c), c) for r, c in zip(frame["region"], frame["city"])]
    frame["county_zh"] = [zh.get(("county", c, n), n) for c, n in zip(frame["city"], frame["county"])]
    frame = frame[list(SITE_COLUMNS)].sort_values("id", kind="stable").reset_index(drop=True)
    for column in CATEGORY_COLUMNS:  # few distinct values: filtering and counting run ~10x faster
        frame[column] = frame[column].astype("category")
    return gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame["lon"], frame["lat"]), crs=CRS)


def zones_frame(dataset: Dataset, boundaries: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    shapes = dict(zip(boundaries["id"], boundaries.geometry))
    frame = _frame(dataset.zones, Zone)
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


def _frame(rows, record_type) -> pd.DataFrame:
    columns = [f.name for f in fields(record_type) if f.name != "line"]
    return pd.DataFrame.from_records([[getattr(r, c) for c in columns] for r in rows],
                                     columns=columns)
