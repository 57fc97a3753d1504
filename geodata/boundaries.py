"""The committed administrative boundaries (province, prefecture, county) in WGS-84."""

from __future__ import annotations

import re
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
        reason = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
        raise DataError([Problem(path.name, 1, "-", f"cannot read boundaries: {reason}")]) from None
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise DataError([Problem(path.name, 1, c, "property is missing") for c in missing])
    frame = frame.set_crs(CRS, allow_override=True)
    frame = frame[[*COLUMNS, "geometry"]].copy()
    frame[list(COLUMNS)] = frame[list(COLUMNS)].fillna("")  # (a missing geometry stays None)
    problems = feature_problems(frame, path)
    if problems:
        raise DataError(problems)
    return frame


LEVELS = ("province", "prefecture", "county")


def feature_problems(frame: gpd.GeoDataFrame, path: Path) -> list[Problem]:
    """Each feature's id, level and geometry checked (a bad polygon would raise deep inside GEOS)."""
    lines = _feature_lines(path, len(frame))
    problems = []
    for i, row in enumerate(frame.itertuples()):
        line = lines[i]
        if not str(row.id).strip():
            problems.append(Problem(path.name, line, "id", "required value is empty"))
        if row.level not in LEVELS:
            shown = f"'{row.level}'" if str(row.level).strip() else "missing"
            problems.append(Problem(path.name, line, "level",
                                    f"{shown} is not a level (one of: {', '.join(LEVELS)})"))
        geometry = row.geometry
        if geometry is None or geometry.is_empty:
            problems.append(Problem(path.name, line, "geometry", "missing or empty"))
        elif geometry.geom_type not in ("Polygon", "MultiPolygon"):
            problems.append(Problem(path.name, line, "geometry", f"a {geometry.geom_type}, not a polygon"))
        elif not geometry.is_valid:
            problems.append(Problem(path.name, line, "geometry",
                                    f"invalid polygon: {shapely.is_valid_reason(geometry)}"))
    return problems


def _feature_lines(path: Path, count: int) -> list[int]:
    """The line each feature starts on (the committed file has one feature per line)."""
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            lines = [n for n, text in enumerate(handle, start=1) if _FEATURE.search(text)]
    except OSError:
        lines = []
    return lines if len(lines) == count else [1] * count


_FEATURE = re.compile(r'"type"\s*:\s*"Feature"')


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
