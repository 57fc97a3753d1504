"""What is near: sites within a distance of a site or a point (great circle on the mean-radius
sphere; within 0.5% of the WGS-84 ellipsoid's distance).

Only a site with a known point (precision `exact`) is at a distance. An area site is somewhere
inside its area: it is reported as "its area reaches within the radius" (the area's nearest edge
is within reach), never with a distance. A city-level site is not near anything in particular.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely

EARTH_RADIUS_KM = 6371.0088  # IUGG mean radius
POINT_PRECISIONS = ("exact",)
DEFAULT_KM = 15.0  # Beijing pitches its parks by what lies within 15 km
KM_RANGE = (0.1, 500.0)
LAT_RANGE, LON_RANGE = (30.0, 50.0), (105.0, 130.0)  # at or near Jing-Jin-Ji
_POINT = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$")


@dataclass(frozen=True)
class Centre:
    lat: float
    lon: float
    site: str | None = None  # the site it is, when `near` named a site

    def param(self) -> str:
        return self.site or f"{self.lat:.5f},{self.lon:.5f}"


def parse_point(text: str) -> tuple[float, float] | None:
    """'lat,lon' in WGS-84 within reach of Jing-Jin-Ji, or None."""
    match = _POINT.match(text or "")
    if not match:
        return None
    lat, lon = float(match.group(1)), float(match.group(2))
    if not (LAT_RANGE[0] <= lat <= LAT_RANGE[1] and LON_RANGE[0] <= lon <= LON_RANGE[1]):
        return None
    return round(lat, 5), round(lon, 5)


def parse_km(text: str) -> float | None:
    try:
        km = float(text)
    except (TypeError, ValueError):
        return None
    return km if math.isfinite(km) and KM_RANGE[0] <= km <= KM_RANGE[1] else None


@dataclass(frozen=True)
class PointIndex:
    """Per site: its point in radians where known (NaN elsewhere). Built once per dataset."""

    ids: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    known: np.ndarray
    area_code: np.ndarray  # per site: its area's position in `area_shapes` (area sites), else -1
    area_shapes: np.ndarray  # the distinct areas (many sites share one)

    @classmethod
    def build(cls, sites) -> PointIndex:
        known = sites["precision"].astype(str).isin(POINT_PRECISIONS).to_numpy(dtype=bool, copy=True)
        lat = np.where(known, np.radians(sites["lat"].to_numpy(dtype=float, na_value=np.nan)), np.nan)
        lon = np.where(known, np.radians(sites["lon"].to_numpy(dtype=float, na_value=np.nan)), np.nan)
        known &= np.isfinite(lat) & np.isfinite(lon)
        shapes = sites.geometry.to_numpy() if hasattr(sites, "geometry") else np.full(len(sites), None)
        is_area = ((sites["precision"].astype(str) == "area").to_numpy()
                   & ~shapely.is_missing(shapes) & ~shapely.is_empty(shapes))
        # one distance per distinct area, not per site (50,000 sites share a few hundred areas)
        codes, unique = pd.factorize(shapely.to_wkb(shapes[is_area]))
        area_code = np.full(len(sites), -1, dtype=np.int64)
        area_code[is_area] = codes
        area_shapes = np.asarray(shapely.from_wkb(np.asarray(unique, dtype=object)), dtype=object)
        arrays = [sites["id"].astype(str).to_numpy(dtype=object), lat, lon, known, area_code,
                  area_shapes]
        for array in arrays:
            array.flags.writeable = False
        return cls(*arrays)

    def centre(self, near: str) -> Centre | None:
        """`near` as a site id (with a known point) or 'lat,lon'; None if neither."""
        point = parse_point(near)
        if point is not None:
            return Centre(*point)
        hit = np.flatnonzero(self.ids == near)
        if len(hit) and self.known[hit[0]]:
            return Centre(round(math.degrees(self.lat[hit[0]]), 5),
                          round(math.degrees(self.lon[hit[0]]), 5), near)
        return None

    def km_from(self, lat: float, lon: float) -> np.ndarray:
        """Great-circle km from (lat, lon) to every site with a point (NaN for the others)."""
        return haversine_km(math.radians(lat), math.radians(lon), self.lat, self.lon)

    def within(self, centre: Centre, km: float) -> tuple[np.ndarray, np.ndarray]:
        """(mask of the sites with a point within `km`, km per site); the centre site excluded."""
        distance = self.km_from(centre.lat, centre.lon)
        with np.errstate(invalid="ignore"):
            mask = self.known & (distance <= km)
        if centre.site is not None:
            mask &= self.ids != centre.site
        return mask, distance

    def areas_reaching(self, centre: Centre, km: float, mask: np.ndarray | None = None) -> np.ndarray:
        """Area sites (among `mask`) whose area comes within `km` of the centre: distance unknown."""
        with np.errstate(invalid="ignore"):
            return self.area_edge_km(centre, mask) <= km

    def area_edge_km(self, centre: Centre, mask: np.ndarray | None = None) -> np.ndarray:
        """Per area site (among `mask`): km from the centre to its area's nearest edge (0 inside),
        NaN for the others. How far the area is, not the site: for ordering and reach only."""
        has = self.area_code >= 0
        if mask is not None:
            has = has & mask
        out = np.full(len(self.ids), np.nan)
        wanted = np.unique(self.area_code[has])
        if len(wanted):
            edge = np.full(len(self.area_shapes), np.nan)
            edge[wanted] = km_to_shape(centre.lat, centre.lon, self.area_shapes[wanted])
            out[has] = edge[self.area_code[has]]
        return out


def haversine_km(lat0: float, lon0: float, lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """Great-circle distance in km; inputs in radians."""
    dlat, dlon = lat - lat0, lon - lon0
    a = np.sin(dlat / 2) ** 2 + math.cos(lat0) * np.cos(lat) * np.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


def km_to_shape(lat: float, lon: float, shape):
    """Distance from a point to a polygon's nearest edge (0 inside), in a local equidistant frame
    centred on the point (error far under 0.5% at the distances asked here). `shape` may be an
    array of shapes (then an array of distances)."""
    scale_x = math.radians(1) * EARTH_RADIUS_KM * math.cos(math.radians(lat))
    scale_y = math.radians(1) * EARTH_RADIUS_KM
    local = shapely.transform(shape, lambda xy: (xy - [lon, lat]) * [scale_x, scale_y])
    distance = shapely.distance(shapely.Point(0, 0), local)
    return distance if isinstance(distance, np.ndarray) else float(distance)
