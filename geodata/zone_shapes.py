"""Turn a zone's `geometry` cell (`admin:ID+ID` or `wkt:...`) into a shapely polygon."""

from __future__ import annotations

import shapely
from shapely import wkt as shapely_wkt
from shapely.errors import ShapelyError


class ShapeError(ValueError):
    pass


def zone_shape(spec: str, admin_shapes: dict):
    """The polygon for a zone spec; raises ShapeError with a message a data editor can act on."""
    if spec.startswith("admin:"):
        return _admin_union(spec.removeprefix("admin:"), admin_shapes)
    if spec.startswith("wkt:"):
        return _polygon_from_wkt(spec.removeprefix("wkt:"))
    raise ShapeError(f"'{spec[:40]}' must start with 'admin:' or 'wkt:'")


def _admin_union(ids_text: str, admin_shapes: dict):
    ids = [i.strip() for i in ids_text.split("+") if i.strip()]
    if not ids:
        raise ShapeError("admin: names no boundary id")
    unknown = [i for i in ids if i not in admin_shapes]
    if unknown:
        raise ShapeError(f"unknown boundary id(s): {', '.join(unknown)}")
    return shapely.union_all([admin_shapes[i] for i in ids])


def _polygon_from_wkt(text: str):
    try:
        shape = shapely_wkt.loads(text)
    except (ShapelyError, ValueError) as exc:
        raise ShapeError(f"malformed WKT: {str(exc)[:80]}") from exc
    if shape.geom_type not in ("Polygon", "MultiPolygon"):
        raise ShapeError(f"WKT is a {shape.geom_type}, not a polygon")
    if shape.is_empty:
        raise ShapeError("WKT polygon is empty")
    if not shape.is_valid:
        raise ShapeError(f"invalid polygon: {shapely.is_valid_reason(shape)}")
    return shape
