"""Basemap choices with their attribution and coordinate system.

Tiles come from xyzservices (it ships with folium) where it has them. Amap (Gaode) tiles are
drawn in GCJ-02, so everything drawn over them is shifted first (see geodata.gcj02); Tianditu
and OSM are WGS-84 (CGCS2000 is within a metre of it).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import xyzservices.providers as xyz
from xyzservices import TileProvider

CARTO_KEY_VAR = "JJJ_CARTO_API_KEY"
TIANDITU_KEY_VAR = "JJJ_TIANDITU_KEY"

_TIANDITU = ("https://t{s}.tianditu.gov.cn/{layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
             "&LAYER={layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}"
             "&TILECOL={x}&tk={apikey}")
_TIANDITU_ATTR = '&copy; <a href="https://www.tianditu.gov.cn/">天地图 Tianditu</a> (GS(2024)0568号)'


def _tianditu(layer: str) -> TileProvider:
    return TileProvider(name=f"Tianditu.{layer}", url=_TIANDITU.replace("{layer}", layer),
                        attribution="(C) Tianditu", html_attribution=_TIANDITU_ATTR,
                        subdomains="01234567", max_zoom=18, apikey="")


def _https(provider: TileProvider) -> TileProvider:
    """Amap serves the same tiles over https; a page served over https must not load http tiles."""
    return TileProvider({**provider, "url": provider["url"].replace("http://", "https://")})


@dataclass(frozen=True)
class Basemap:
    key: str
    label_key: str
    layers: tuple[TileProvider, ...]  # drawn bottom to top; empty: no tiles
    crs: str = "wgs84"  # or "gcj02": geometries are shifted before drawing
    key_var: str | None = None  # environment variable holding the user's tile key, if one is needed


BASEMAPS = {
    "osm": Basemap("osm", "basemap_osm", (xyz.OpenStreetMap.Mapnik,)),
    "positron": Basemap("positron", "basemap_positron", (xyz.CartoDB.Positron,)),
    "amap": Basemap("amap", "basemap_amap", (_https(xyz.Gaode.Normal),), crs="gcj02"),
    "amap-satellite": Basemap("amap-satellite", "basemap_amap_satellite",
                              (_https(xyz.Gaode.Satellite),), crs="gcj02"),
    "tianditu": Basemap("tianditu", "basemap_tianditu", (_tianditu("vec"), _tianditu("cva")),
                        key_var=TIANDITU_KEY_VAR),
    "none": Basemap("none", "basemap_none", ()),
}


def tile_key(basemap: Basemap, secrets=None) -> str:
    """The user's key for a basemap that needs one: Streamlit secrets first, then the environment."""
    if not basemap.key_var:
        return ""
    try:
        value = (secrets or {}).get(basemap.key_var, "")
    except Exception:  # no secrets file at all is the common case
        value = ""
    return str(value or os.environ.get(basemap.key_var, ""))


def available(secrets=None) -> dict[str, Basemap]:
    """The basemaps a user can pick here: those needing a key only when one is configured."""
    return {k: b for k, b in BASEMAPS.items() if not b.key_var or tile_key(b, secrets)}


def tile_url(provider: TileProvider, key: str = "") -> str:
    """The tile URL template. CARTO's keyless public endpoint is used unless a key is configured
    (xyzservices templates a key into the URL)."""
    if provider.name.startswith("CartoDB"):
        carto = os.environ.get(CARTO_KEY_VAR, "")
        url = provider.build_url(apikey=carto, fill_subdomain=False)
        return url if carto else url.replace("?key=", "")
    if "{apikey}" in provider["url"]:
        return provider.build_url(apikey=key, fill_subdomain=False)
    return provider.build_url(fill_subdomain=False)
