"""Great-circle distances (WGS-84 ellipsoid) for the site card: nearest sites, distance to Beijing."""

from __future__ import annotations

import numpy as np
import pandas as pd
from pyproj import Geod

GEOD = Geod(ellps="WGS84")
# Tiananmen Square: what "central Beijing" means on the site card.
CENTRAL_BEIJING = (116.3975, 39.9087)


def km_between(lon: float, lat: float, lons, lats) -> np.ndarray:
    lons = np.asarray(lons, dtype=float)
    lats = np.asarray(lats, dtype=float)
    _, _, metres = GEOD.inv(np.full_like(lons, lon), np.full_like(lats, lat), lons, lats)
    return np.asarray(metres) / 1000.0


def km_to_central_beijing(lon: float, lat: float) -> float:
    return float(km_between(lon, lat, [CENTRAL_BEIJING[0]], [CENTRAL_BEIJING[1]])[0])


def nearest_sites(site_id: str, sites: pd.DataFrame, count: int = 5) -> pd.DataFrame:
    """The `count` sites closest to `site_id` (itself excluded), with a `km` column, nearest first."""
    me = sites.loc[sites["id"] == site_id]
    if me.empty:
        return sites.head(0).assign(km=[])
    others = sites.loc[sites["id"] != site_id]
    km = km_between(float(me["lon"].iloc[0]), float(me["lat"].iloc[0]), others["lon"], others["lat"])
    return others.assign(km=km).nsmallest(count, "km")
