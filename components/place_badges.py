"""What the map's place badges need: each non-exact place once (name, badge point, outline).

A site known only as "somewhere in this area" (or "in this city") gets no point of its own on the
map; the sites sharing a place are counted into one badge (components/assets/place_badges.js).
"""

from __future__ import annotations

import numpy as np
import shapely
import shapely.geometry

from components.i18n import t
from geodata.gcj02 import shift_geometry, wgs84_to_gcj02

OUTLINE_TOLERANCE_DEG = 0.002  # ~200 m: the highlighted outline, fine enough at zoom 12


def place_columns(sites, places, crs: str = "wgs84") -> dict:
    """`g`: per site, its place's index in `places` (-1: exact); `places`: one dict per place."""
    keys = list(places["key"])
    index = {k: i for i, k in enumerate(keys)}
    lon, lat = places["lon"].to_numpy(float), places["lat"].to_numpy(float)
    shapes = shapely.simplify(np.asarray(places.geometry), OUTLINE_TOLERANCE_DEG,
                              preserve_topology=True)
    if crs == "gcj02":
        lon, lat = wgs84_to_gcj02(lon, lat)
        shapes = shift_geometry(shapes)
    out = []
    for i, row in enumerate(places.itertuples()):
        shape = shapes[i]
        out.append({"k": row.key, "p": row.precision, "en": row.name_en, "zh": row.name_zh,
                    "lat": round(float(lat[i]), 5), "lon": round(float(lon[i]), 5),
                    "shape": shapely.geometry.mapping(shape) if row.precision == "area" else None})
    return {"g": [index.get(str(p), -1) if p else -1 for p in sites["place"]], "places": out}


def badge_texts(lang: str) -> dict:
    """The badge's words, singular and plural, per kind of place ({n}, {area} filled in the browser);
    "exact" heads the keyboard list's group of sites drawn at their own point; "group" is the tooltip
    of neighbouring places counted together ({n} sites, {k} places)."""
    texts = {p: [t(f"badge_{p}_one", lang), t(f"badge_{p}_many", lang)] for p in ("area", "city", "exact")}
    return {**texts, "group": [t("badge_group", lang)] * 2}
