"""The committed administrative boundaries (province, prefecture, county) in WGS-84."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from geodata.errors import DataError, Problem

COLUMNS = ("id", "adcode", "level", "name_en", "name_zh", "region", "city_en", "city_zh", "parent")
CRS = "EPSG:4326"
# The boundary file is simplified (and coasts are coarse): a point this close to a unit counts
# as inside it, so sites on a shoreline or a border are not rejected for the simplification.
TOLERANCE_DEG = 0.01


def read_boundaries(path: Path) -> gpd.GeoDataFrame:
    try:
        frame = gpd.read_file(path)
    except Exception as exc:  # pyogrio raises several types; the message is what matters
        raise DataError([Problem(path.name, 0, "-", f"cannot read boundaries: {exc}")]) from exc
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise DataError([Problem(path.name, 0, c, "property is missing") for c in missing])
    frame = frame.set_crs(CRS, allow_override=True)
    return frame[[*COLUMNS, "geometry"]].fillna("")


def unit_index(boundaries: gpd.GeoDataFrame) -> dict[tuple[str, str, str], str]:
    """(region, city_en, county name_en or '') -> boundary id, for resolving sites' names."""
    index = {}
    for row in boundaries.itertuples():
        if row.level == "county":
            index[(row.region, row.city_en, row.name_en)] = row.id
        elif row.level == "prefecture" or row.region in ("beijing", "tianjin"):
            index.setdefault((row.region, row.city_en, ""), row.id)
    return index


def jjj_outline(boundaries: gpd.GeoDataFrame):
    provinces = boundaries[boundaries["level"] == "province"]
    return shapely.union_all(provinces.geometry.values).buffer(TOLERANCE_DEG)


def geometry_of(boundaries: gpd.GeoDataFrame, ids) -> dict:
    by_id = boundaries.set_index("id").geometry
    return {i: by_id[i] for i in ids if i in by_id.index}


def display_boundaries(boundaries: gpd.GeoDataFrame, tolerance: float = 0.01) -> gpd.GeoDataFrame:
    """Provinces, Hebei's prefectures and the districts of Beijing and Tianjin, simplified for drawing.

    Hebei's 167 counties stay out of the drawn layer: they would triple the map's payload and
    clutter it at the zooms that show the whole region.
    """
    keep = (boundaries["level"] != "county") | boundaries["region"].isin(("beijing", "tianjin"))
    shown = boundaries[keep].copy()
    parts = []
    for _, group in shown.groupby("level", sort=False):
        group = group.copy()
        group["geometry"] = shapely.coverage_simplify(group.geometry.values, tolerance)
        parts.append(group)
    out = gpd.GeoDataFrame(pd.concat(parts), crs=CRS)
    out["geometry"] = shapely.set_precision(out.geometry.values, 1e-3)  # ~100 m: finer than a pixel at zoom 9
    return out


def display_shapes(frame: gpd.GeoDataFrame, tolerance: float = 0.002) -> gpd.GeoDataFrame:
    """A copy with polygons simplified for drawing (zones are smaller than prefectures: finer)."""
    out = frame.copy()
    out["geometry"] = shapely.set_precision(shapely.simplify(frame.geometry.values, tolerance), 1e-4)
    return out
