"""Basemap choices: tiles from xyzservices (shipped with folium), each with its attribution."""

from __future__ import annotations

import os
from dataclasses import dataclass

import xyzservices.providers as xyz


@dataclass(frozen=True)
class Basemap:
    key: str
    label_key: str
    provider: object | None  # an xyzservices TileProvider; None draws no tiles


BASEMAPS = {
    "osm": Basemap("osm", "basemap_osm", xyz.OpenStreetMap.Mapnik),
    "positron": Basemap("positron", "basemap_positron", xyz.CartoDB.Positron),
    "none": Basemap("none", "basemap_none", None),
}
CARTO_KEY_VAR = "JJJ_CARTO_API_KEY"


def tile_url(basemap: Basemap) -> str:
    """The tile URL template. CARTO's keyless public endpoint is used unless a key is configured
    (xyzservices now templates a key into the URL)."""
    provider = basemap.provider
    if provider.requires_token():
        key = os.environ.get(CARTO_KEY_VAR, "")
        url = provider.build_url(apikey=key) if key else provider.build_url(apikey="")
        return url.replace("?key=", "") if not key else url
    return provider.build_url()
