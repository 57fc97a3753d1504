"""Write filtered sites (and zones) as GeoJSON, CSV or GeoPackage."""

from __future__ import annotations

import io
import json
from pathlib import Path

import geopandas as gpd
import pandas as pd

FORMATS = ("geojson", "csv", "gpkg")
SITE_PROPERTIES = ("id", "name_en", "name_zh", "kind", "focus", "status", "plans", "region",
                   "city", "county", "precision", "sources", "zones", "note", "note_zh")
LIST_PROPERTIES = ("focus", "plans", "sources", "zones")
ZONE_PROPERTIES = ("id", "name_en", "name_zh", "kind", "role_en", "role_zh", "plans",
                   "approximation", "sources", "note")


def sites_for_export(sites: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    out = sites[[*SITE_PROPERTIES, "geometry"]].copy()
    for column in LIST_PROPERTIES:
        out[column] = out[column].map(list)
    return out


def zones_for_export(zones: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    out = zones[[*ZONE_PROPERTIES, "geometry"]].copy()
    out["plans"] = out["plans"].map(list)
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
    """Sites as CSV: one row per site, lists joined with ';', longitude and latitude columns."""
    out = pd.DataFrame(sites_for_export(sites).drop(columns="geometry"))
    for column in LIST_PROPERTIES:
        out[column] = out[column].map(";".join)
    out["lon"] = sites.geometry.x.round(6).values
    out["lat"] = sites.geometry.y.round(6).values
    buffer = io.StringIO()
    out.to_csv(buffer, index=False)
    return buffer.getvalue()


def write(sites: gpd.GeoDataFrame, out: Path, fmt: str, zones: gpd.GeoDataFrame | None = None) -> None:
    if fmt == "geojson":
        out.write_text(geojson_text(sites, zones), encoding="utf-8")
    elif fmt == "csv":
        out.write_text(csv_text(sites), encoding="utf-8")
    elif fmt == "gpkg":
        _write_gpkg(sites, out, zones)
    else:
        raise ValueError(f"unknown format '{fmt}' (one of: {', '.join(FORMATS)})")


def _write_gpkg(sites, out: Path, zones) -> None:
    # GeoPackage has no list type: lists are stored joined with ';' as in the seeds CSVs.
    layer = sites_for_export(sites)
    for column in LIST_PROPERTIES:
        layer[column] = layer[column].map(";".join)
    layer.to_file(out, layer="sites", driver="GPKG")
    if zones is not None:
        zone_layer = zones_for_export(zones)
        zone_layer["plans"] = zone_layer["plans"].map(";".join)
        zone_layer.to_file(out, layer="zones", driver="GPKG", mode="a")
