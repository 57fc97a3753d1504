"""Feature files (GeoJSON; GeoPackage rows from the sandbox): points as rows, reprojected to WGS-84."""

from __future__ import annotations

import json
from collections import Counter

import numpy as np
import pyproj
import shapely
import shapely.geometry

from geodata.boundaries import CRS
from geodata.upload.columns import match, require_columns
from geodata.upload.common import Row, Table, Unusable, check_cell, check_count, text
from geodata.upload.messages import message

WGS84 = pyproj.CRS.from_user_input(CRS)
_GEOMETRY_TYPES = ("Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon",
                   "GeometryCollection")


def read_geojson(doc_text: str) -> Table:
    try:
        doc = json.loads(doc_text)
    except json.JSONDecodeError as exc:
        raise Unusable("malformed_json", detail=f"{exc.msg} (line {exc.lineno}, column {exc.colno})") from None
    except RecursionError:
        raise Unusable("malformed_json", detail="nested too deeply") from None
    if not isinstance(doc, dict):
        raise Unusable("not_geojson")
    kind = doc.get("type")
    if kind == "FeatureCollection":
        features = doc.get("features")
        if not isinstance(features, list):
            raise Unusable("not_geojson")
    elif kind == "Feature":
        features = [doc]
    elif kind in _GEOMETRY_TYPES:
        features = [{"type": "Feature", "geometry": doc, "properties": {}}]
    else:
        raise Unusable("not_geojson")
    crs = geojson_crs(doc.get("crs"))
    if not features:
        raise Unusable("no_features")
    check_count(len(features))
    items = []
    for i, feature in enumerate(features):
        if not isinstance(feature, dict):
            items.append((i + 1, "malformed", {}))
            continue
        props = feature.get("properties")
        props = props if isinstance(props, dict) else {}
        geometry = feature.get("geometry")
        if geometry is None:
            items.append((i + 1, None, props))
            continue
        shape = _simple_point(geometry)
        if shape is None:
            try:
                shape = shapely.geometry.shape(geometry)
            except Exception:  # noqa: BLE001 - any malformed geometry object
                shape = "malformed"
        items.append((i + 1, shape, props))
    return feature_rows(items, crs)


def _simple_point(geometry) -> tuple[float, float] | None:
    """(x, y) of a plain GeoJSON Point, without building a shapely object (the common case)."""
    if not isinstance(geometry, dict) or geometry.get("type") != "Point":
        return None
    xy = geometry.get("coordinates")
    if isinstance(xy, list) and len(xy) in (2, 3) and all(type(v) in (int, float) for v in xy):
        return float(xy[0]), float(xy[1])
    return None


def geojson_crs(member) -> pyproj.CRS:
    if member is None:
        return WGS84
    name = member.get("properties", {}).get("name") if isinstance(member, dict) else None
    if not isinstance(name, str) or member.get("type") != "name":
        raise Unusable("crs_unsupported_member")
    return parse_crs(name)


def parse_crs(name: str) -> pyproj.CRS:
    try:
        crs = pyproj.CRS.from_user_input(name)
    except pyproj.exceptions.CRSError:
        raise Unusable("crs_unknown", name=repr(name[:80])) from None
    return usable_crs(crs)


def usable_crs(crs: pyproj.CRS) -> pyproj.CRS:
    """The CRS if points in it can be placed on a map; geocentric or vertical ones are refused."""
    what = ("a geocentric (earth-centred 3D) system" if crs.is_geocentric
            else "a vertical (height) system" if crs.is_vertical
            else "" if (crs.is_geographic or crs.is_projected) else "not a horizontal system")
    if crs.is_compound:
        horizontal = next((c for c in crs.sub_crs_list if c.is_geographic or c.is_projected), None)
        return horizontal if horizontal is not None else _refuse(crs, "a compound system")
    if what:
        _refuse(crs, what)
    return crs


def _refuse(crs: pyproj.CRS, what: str):
    code = crs.to_epsg()
    name = f"EPSG:{code} ({crs.name})" if code else repr(crs.name[:80])
    raise Unusable("crs_meaningless", name=name, what=what)


def feature_rows(items, crs: pyproj.CRS) -> Table:
    """(row number, (x, y) | shapely geometry | None | "malformed", properties) -> rows."""
    table = Table([])
    xs, ys, kept, types = [], [], [], Counter()
    placeable = []  # rows without a geometry that name a county or city
    for number, shape, props in items:
        if isinstance(shape, tuple):
            x, y = shape
        elif shape == "malformed":
            table.problems.append(message("geometry_malformed", number, "geometry"))
            continue
        elif shape is None or shape.is_empty:
            if {"county", "city"} & set(match(tuple(props))):
                placeable.append((number, props))
            else:
                table.problems.append(message("geometry_missing", number, "geometry"))
            continue
        else:
            point = _as_point(shape)
            if point is None:
                types[shape.geom_type] += 1
                table.problems.append(message("geometry_not_point", number, "geometry",
                                              type=shape.geom_type))
                continue
            x, y = point.x, point.y
        xs.append(x)
        ys.append(y)
        kept.append((number, props))
    if not kept and not placeable:
        found = ", ".join(f"{t} ({n})" for t, n in types.most_common()) or "no usable geometry"
        raise Unusable("no_points", found=found)
    xy = to_wgs84(xs, ys, crs) if kept else []
    matches = {}
    for (number, props), position in [*zip(kept, xy), *((p, None) for p in placeable)]:
        keys = tuple(props)
        if keys not in matches:
            matches[keys] = [(f, keys[i]) for f, i in match(keys).items() if f not in ("lon", "lat")]
        fields = {f: text(props[k]) for f, k in matches[keys]}
        for value in fields.values():
            check_cell(value)
        if position is not None:
            fields["lon"], fields["lat"] = repr(float(position[0])), repr(float(position[1]))
        table.rows.append(Row(number, fields))
    table.rows.sort(key=lambda r: r.number)
    if not any("name_en" in r.fields or "name_zh" in r.fields for r in table.rows):
        require_columns({}, sorted({k for _, p in kept + placeable for k in p})[:20], csv_file=False)
    table.header = tuple(sorted({str(k) for _, p in kept[:1] for k in p}))
    return table


def _as_point(shape):
    if shape.geom_type == "Point":
        return shape
    if shape.geom_type == "MultiPoint" and len(shape.geoms) == 1:
        return shape.geoms[0]
    return None


def to_wgs84(xs, ys, crs: pyproj.CRS) -> np.ndarray:
    x, y = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    crs = usable_crs(crs)
    if crs.equals(WGS84):
        return np.column_stack([x, y])
    try:
        lon, lat = pyproj.Transformer.from_crs(crs, WGS84, always_xy=True).transform(x, y)
    except Exception:  # noqa: BLE001 - pyproj raises several types
        raise Unusable("crs_failed", name=repr(crs.name[:80])) from None
    return np.column_stack([np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)])


def crs_from(text: str | None) -> pyproj.CRS:
    """A GeoPackage layer's CRS ('EPSG:n' or WKT); an undefined one is taken as WGS-84."""
    return WGS84 if not text else parse_crs(text)
