"""Write filtered sites (and zones) as GeoJSON, CSV or GeoPackage.

Each site is written as what it is (`precision`): an exact site as its point, an area site as its
area's polygon, a city site as its city's urban-core point; never a made-up point.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geodata.safe_write import atomic_path, safe_cell
from geodata.schema import SITES, ZONES

FORMATS = ("geojson", "csv", "gpkg")
# What a file gets: every CSV column but the position (the geometry says it; the CSV adds lon/lat).
SITE_PROPERTIES = tuple(n for n in SITES.names if n not in ("lon", "lat"))
ZONE_PROPERTIES = tuple(n for n in ZONES.names if n != "geometry")  # the spec of the shape
LIST_PROPERTIES = SITES.named("list")
ZONE_LIST_PROPERTIES = ZONES.named("list")


def sites_for_export(sites: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    out = sites[[*SITE_PROPERTIES, "geometry"]].copy()
    for column in LIST_PROPERTIES:
        out[column] = out[column].map(list)
    for column in ("precision", "area"):  # plain strings, whatever the frame's dtype
        out[column] = out[column].astype(str)
    return out


def zones_for_export(zones: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    out = zones[[*ZONE_PROPERTIES, "geometry"]].copy()
    for column in ZONE_LIST_PROPERTIES:
        out[column] = out[column].map(list)
    return out


def geojson_text(sites: gpd.GeoDataFrame, zones: gpd.GeoDataFrame | None = None) -> str:
    """A FeatureCollection with list properties as JSON arrays (sites first, then zones)."""
    frames = [sites_for_export(sites)]
    if zones is not None:
        frames.append(zones_for_export(zones).assign(layer="zone"))
    features = []
    for frame in frames:
        features += json.loads(frame.to_json(na="null", drop_id=True))["features"]
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)


def csv_text(sites: gpd.GeoDataFrame) -> str:
    """Sites as CSV: one row per site, lists joined with ';'. lon/lat are the point the site is
    (exact: the facility; city: the urban core); empty for an area site, which `area` names."""
    out = pd.DataFrame(sites_for_export(sites).drop(columns="geometry"))
    for column in LIST_PROPERTIES:
        out[column] = out[column].map(";".join)
    point = (sites.geometry.geom_type == "Point").to_numpy()
    out["lon"] = sites["lon"].round(6).where(point).values
    out["lat"] = sites["lat"].round(6).where(point).values
    out = out.map(safe_cell)  # spreadsheet formulas neutralised (OWASP CSV injection)
    buffer = io.StringIO()
    out.to_csv(buffer, index=False)
    return buffer.getvalue()


def format_for(path: Path) -> str:
    """The format a file name asks for by its suffix (geojson when it names none we write)."""
    suffix = Path(path).suffix.lower().lstrip(".")
    return {"json": "geojson"}.get(suffix, suffix) if suffix in (*FORMATS, "json") else "geojson"


def write(sites: gpd.GeoDataFrame, out: Path, fmt: str, zones: gpd.GeoDataFrame | None = None) -> None:
    """Write atomically: a temporary file renamed over `out` (a GeoPackage is replaced whole, never
    appended to); raises ExportError with a clear message (the previous file stays as it was)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format '{fmt}' (one of: {', '.join(FORMATS)})")
    with atomic_path(out) as tmp:
        if fmt == "geojson":
            tmp.write_text(geojson_text(sites, zones), encoding="utf-8")
        elif fmt == "csv":
            tmp.write_text(csv_text(sites), encoding="utf-8")
        else:
            _write_gpkg(sites, tmp, zones)


def _write_gpkg(sites, out: Path, zones) -> None:
    # GeoPackage has no list type: lists are stored joined with ';' as in the seeds CSVs.
    layer = sites_for_export(sites)
    for column in LIST_PROPERTIES:
        layer[column] = layer[column].map(";".join)
    layer.to_file(out, layer="sites", driver="GPKG")
    if zones is not None:
        zone_layer = zones_for_export(zones)
        for column in ZONE_LIST_PROPERTIES:
            zone_layer[column] = zone_layer[column].map(";".join)
        zone_layer.to_file(out, layer="zones", driver="GPKG", mode="a")
