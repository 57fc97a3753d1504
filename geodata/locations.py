"""Where a site is, by its `precision`: its own point, an area's polygon, or a city's urban core.

Used by validation (does the named area or city resolve?) and by the layers (each site's geometry
and the one representative point that distances, filters and the map's badges use).
"""

from __future__ import annotations

import re

import shapely
from shapely.geometry.base import BaseGeometry

from geodata.records import City, Dataset
from geodata.zone_shapes import ShapeError, zone_shape

PRECISIONS = ("exact", "area", "city")
SOURCE = re.compile(r"^(?P<doc>[^:\s]+):(?P<first>[1-9][0-9]*)(?:-(?P<last>[1-9][0-9]*))?$")


def area_shapes(dataset: Dataset, boundaries) -> dict[str, BaseGeometry]:
    """Every id an `area` may name: zones (by zones.csv id) first, then boundary units by id."""
    units = dict(zip(boundaries["id"], boundaries.geometry))
    shapes = dict(units)
    for zone in dataset.zones:
        try:
            shapes[zone.id] = zone_shape(zone.geometry, units)
        except ShapeError:
            continue  # reported by zone validation
    return shapes


def area_names(dataset: Dataset, boundaries) -> dict[str, tuple[str, str]]:
    """(English, Chinese) name of every id an `area` may name."""
    names = {row.id: (row.name_en, row.name_zh) for row in boundaries.itertuples()}
    names.update({z.id: (z.name_en, z.name_zh) for z in dataset.zones})
    return names


def representative_point(shape: BaseGeometry) -> tuple[float, float]:
    """A point surely inside the shape (a centroid may fall outside, e.g. in the sea): (lon, lat)."""
    point = shapely.point_on_surface(shape)
    return round(point.x, 5), round(point.y, 5)


def city_cores(dataset: Dataset) -> dict[str, City]:
    """City (its English name, as sites.csv's `city`) -> its declared urban core."""
    return {c.name_en: c for c in dataset.cities}


def parse_source(text: str) -> tuple[str, int, int] | None:
    """("DOC", first, last) of a `DOC:LINE` or `DOC:FIRST-LAST` reference, None if malformed."""
    match = SOURCE.match(text)
    if not match:
        return None
    first = int(match["first"])
    return match["doc"], first, int(match["last"] or first)


def source_document(text: str) -> str:
    """The document a source names (the part before the line numbers)."""
    return text.split(":", 1)[0]
