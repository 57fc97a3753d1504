"""The brief map's frame: which part of the earth it shows and how degrees become SVG units.

A local equirectangular projection (x scaled by cos(latitude) at the frame's middle): within the
few hundred kilometres of Jing-Jin-Ji it keeps shapes and distances true to about 1%, enough for a
printed page, with no projection library and a scale bar that holds across the frame.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import shapely

KM_PER_DEGREE = 111.32  # a degree of latitude (and of longitude at the equator)


@dataclass(frozen=True)
class Frame:
    west: float
    north: float
    scale: float  # SVG units per degree of latitude
    cos_lat: float
    width: float
    height: float

    @property
    def east(self) -> float:
        return self.west + self.width / (self.scale * self.cos_lat)

    @property
    def south(self) -> float:
        return self.north - self.height / self.scale

    @property
    def km_per_unit(self) -> float:
        return KM_PER_DEGREE / self.scale

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.west) * self.scale * self.cos_lat, (self.north - lat) * self.scale

    def project(self, geometry):
        """A shapely geometry in degrees -> the same in SVG units (y down)."""
        def to_units(coords: np.ndarray) -> np.ndarray:
            out = np.empty_like(coords)
            out[:, 0] = (coords[:, 0] - self.west) * self.scale * self.cos_lat
            out[:, 1] = (self.north - coords[:, 1]) * self.scale
            return out
        return shapely.transform(geometry, to_units)

    def clip(self, geometry, margin: float = 0.05):
        """`geometry` (degrees) cut to the frame plus a margin, so far-away shapes cost nothing."""
        pad_x, pad_y = (self.east - self.west) * margin, (self.north - self.south) * margin
        return shapely.clip_by_rect(geometry, self.west - pad_x, self.south - pad_y,
                                    self.east + pad_x, self.north + pad_y)


def frame_around(bounds: tuple[float, float, float, float], width: float, height: float,
                 pad: float = 0.08, min_km: float = 12.0) -> Frame:
    """The frame of `width` x `height` units that shows `bounds` (lon/lat) with a margin of `pad`
    on each side; at least `min_km` across, so a single site still shows its surroundings."""
    west, south, east, north = bounds
    mid_lat = (south + north) / 2
    cos_lat = math.cos(math.radians(mid_lat))
    span_x = max((east - west) * cos_lat, min_km / KM_PER_DEGREE)  # in degrees of latitude
    span_y = max(north - south, min_km / KM_PER_DEGREE * height / width)
    scale = min(width / (span_x * (1 + 2 * pad)), height / (span_y * (1 + 2 * pad)))
    centre_lon, centre_lat = (west + east) / 2, mid_lat
    return Frame(west=centre_lon - width / (2 * scale * cos_lat), north=centre_lat + height / (2 * scale),
                 scale=scale, cos_lat=cos_lat, width=width, height=height)


def nice_length(km: float) -> float:
    """The largest 1, 2 or 5 x 10^n kilometres not above `km` (a scale bar's length)."""
    if km <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(km))
    return max(step * power for step in (1, 2, 5) if step * power <= km)
