"""Format readers: a user's file (CSV, GeoJSON, GeoPackage) as rows of raw text per field."""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections import Counter
from pathlib import PurePath

import geopandas as gpd
import numpy as np
import pyproj
import shapely
import shapely.geometry

from geodata.boundaries import CRS
from geodata.upload.columns import match, require_columns
from geodata.upload.common import MAX_BYTES, MAX_ROWS, Row, Unusable, check_count, short, text

EXTENSIONS = (".csv", ".geojson", ".json", ".gpkg")
_SQLITE_MAGIC = b"SQLite format 3\x00"


def read(name: str, data: bytes, problems) -> list[Row]:
    ext = PurePath(name).suffix.lower()
    if ext not in EXTENSIONS:
        shown = f"'{ext}'" if ext else "without an extension"
        raise Unusable(f"unsupported file type {shown}: upload a .csv, .geojson, .json or .gpkg file")
    if len(data) > MAX_BYTES:
        raise Unusable(f"the file is too large: {len(data):,} bytes, the limit is 10 MB "
                        f"({MAX_BYTES:,} bytes)")
    if not data.strip():
        raise Unusable("the file is empty")
    if ext == ".csv":
        return _read_csv(_decode(data, "CSV"), problems)
    if ext == ".gpkg":
        return _read_gpkg(data, problems)
    return _read_geojson(_decode(data, "GeoJSON"), problems)


def _decode(data: bytes, what: str) -> str:
    if b"\x00" in data:
        raise Unusable(f"the file is binary (it contains NUL bytes), not a {what} text file; "
                        "save it as UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Unusable(f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset "
                        f"{exc.start}): it is binary or in another encoding; save the {what} as "
                        "UTF-8") from None
    if not text.strip():
        raise Unusable("the file is empty")
    return text


def _read_csv(text: str, problems) -> list[Row]:
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    delimiter = ","
    if "," not in first_line:
        delimiter = "\t" if "\t" in first_line else ";" if ";" in first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[Row] = []
    header = None
    number = 0
    try:
        for cells in reader:
            blank = not any(c.strip() for c in cells)
            if header is None:
                if not blank:
                    header = [c.strip() for c in cells]
                    columns = match(header)
                    require_columns(columns, header, csv_file=True)
                continue
            number += 1
            if blank:
                continue
            if number > MAX_ROWS:
                raise Unusable(f"too many rows: more than {MAX_ROWS:,} (the limit is {MAX_ROWS:,})")
            if len(cells) > len(header) and any(c.strip() for c in cells[len(header):]):
                problems.append((number, f"row {number}: -: row has {len(cells)} fields, "
                                         f"the header has {len(header)}"))
                continue
            cells = cells + [""] * (len(header) - len(cells))
            rows.append(Row(number, {f: cells[i] for f, i in columns.items()}))
    except csv.Error as exc:
        raise Unusable(f"malformed CSV at row {number}: {exc}") from None
    if header is None:
        raise Unusable("the file is empty")
    if not rows and not problems:
        raise Unusable("the file has a header but no data rows")
    return rows


def _read_geojson(text: str, problems) -> list[Row]:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise Unusable(f"malformed JSON: {exc}") from None
    except RecursionError:
        raise Unusable("malformed JSON: nested too deeply") from None
    if not isinstance(doc, dict):
        raise Unusable("not GeoJSON: the file must hold a FeatureCollection of points")
    kind = doc.get("type")
    if kind == "FeatureCollection":
        features = doc.get("features")
        if not isinstance(features, list):
            raise Unusable("not GeoJSON: the FeatureCollection has no 'features' list")
    elif kind == "Feature":
        features = [doc]
    elif kind in ("Point", "MultiPoint", "LineString", "MultiLineString", "Polygon",
                  "MultiPolygon", "GeometryCollection"):
        features = [{"type": "Feature", "geometry": doc, "properties": {}}]
    else:
        raise Unusable(f"not GeoJSON: the top-level type is {str(kind)[:40]!r}, "
                        "not a FeatureCollection")
    crs = _geojson_crs(doc.get("crs"))
    if not features:
        raise Unusable("the file has no features")
    check_count(len(features))
    items = []
    for i, feature in enumerate(features):
        if not isinstance(feature, dict):
            items.append((i + 1, "not a GeoJSON feature", {}))
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
            except Exception as exc:  # noqa: BLE001 - any malformed geometry object
                shape = f"malformed geometry ({short(exc)})"
        items.append((i + 1, shape, props))
    return _feature_rows(items, crs, problems)


def _simple_point(geometry) -> tuple[float, float] | None:
    """(x, y) of a plain GeoJSON Point, without building a shapely object (the common case)."""
    if not isinstance(geometry, dict) or geometry.get("type") != "Point":
        return None
    xy = geometry.get("coordinates")
    if (isinstance(xy, list) and len(xy) in (2, 3)
            and all(type(v) in (int, float) for v in xy)):
        return float(xy[0]), float(xy[1])
    return None


def _geojson_crs(member):
    if member is None:
        return pyproj.CRS.from_user_input(CRS)
    name = member.get("properties", {}).get("name") if isinstance(member, dict) else None
    if not isinstance(name, str) or (isinstance(member, dict) and member.get("type") != "name"):
        raise Unusable("unsupported 'crs' member: only a named CRS such as "
                        "'urn:ogc:def:crs:EPSG::3857' is understood")
    try:
        return pyproj.CRS.from_user_input(name)
    except pyproj.exceptions.CRSError:
        raise Unusable(f"unknown coordinate reference system {name[:80]!r}") from None


def _read_gpkg(data: bytes, problems) -> list[Row]:
    import pyogrio

    if not data.startswith(_SQLITE_MAGIC):
        raise Unusable("not a GeoPackage: the file is not an SQLite database")
    with tempfile.TemporaryDirectory(prefix="jjj-upload-") as tmp:
        path = os.path.join(tmp, "upload.gpkg")
        with open(path, "wb") as out:
            out.write(data)
        try:
            layers = pyogrio.list_layers(path)
        except Exception as exc:  # noqa: BLE001
            raise Unusable(f"unreadable GeoPackage: {short(exc)}") from None
        spatial = [(str(n), str(t)) for n, t in layers if t is not None]
        if not spatial:
            raise Unusable("the GeoPackage has no layer with geometry")
        layer, geom_type = next(((n, t) for n, t in spatial if "point" in t.lower()), spatial[0])
        try:
            info = pyogrio.read_info(path, layer=layer)
            check_count(int(info.get("features") or 0))
            frame = pyogrio.read_dataframe(path, layer=layer, max_features=MAX_ROWS + 1)
        except Unusable:
            raise
        except Exception as exc:  # noqa: BLE001
            raise Unusable(f"unreadable GeoPackage: {short(exc)}") from None
    if frame.empty:
        raise Unusable(f"the GeoPackage layer {layer!r} has no features")
    check_count(len(frame))
    crs = frame.crs if frame.crs is not None else pyproj.CRS.from_user_input(CRS)
    names = [c for c in frame.columns if c != frame.geometry.name]
    records = frame[names].to_dict("records")
    items = [(i + 1, g, props) for i, (g, props) in enumerate(zip(frame.geometry.values, records))]
    return _feature_rows(items, crs, problems)


def _feature_rows(items, crs, problems) -> list[Row]:
    """(row number, (x, y) | shapely geometry | None | error text, properties) -> rows."""
    xs, ys, kept, types = [], [], [], Counter()
    for number, shape, props in items:
        if isinstance(shape, tuple):
            x, y = shape
        elif isinstance(shape, str):
            problems.append((number, f"row {number}: geometry: {shape}"))
            continue
        elif shape is None or shape.is_empty:
            problems.append((number, f"row {number}: geometry: missing or empty"))
            continue
        else:
            point = _as_point(shape)
            if point is None:
                types[shape.geom_type] += 1
                problems.append((number, f"row {number}: geometry: a {shape.geom_type}, not a point"))
                continue
            x, y = point.x, point.y
        xs.append(x)
        ys.append(y)
        kept.append((number, props))
    if not kept:
        found = ", ".join(f"{t} ({n})" for t, n in types.most_common()) or "no usable geometry"
        raise Unusable(f"no point geometry: the file holds {found}; upload points")
    xy = _to_wgs84(xs, ys, crs)
    rows, matches = [], {}
    for (number, props), (x, y) in zip(kept, xy):
        keys = tuple(props)
        if keys not in matches:
            matches[keys] = [(f, keys[i]) for f, i in match(keys).items() if f not in ("lon", "lat")]
        fields = {f: text(props[k]) for f, k in matches[keys]}
        fields["lon"], fields["lat"] = repr(float(x)), repr(float(y))
        rows.append(Row(number, fields))
    if not any("name_en" in r.fields or "name_zh" in r.fields for r in rows):
        require_columns({}, sorted({k for _, p in kept for k in p})[:20], csv_file=False)
    return rows


def _as_point(shape):
    if shape.geom_type == "Point":
        return shape
    if shape.geom_type == "MultiPoint" and len(shape.geoms) == 1:
        return shape.geoms[0]
    return None


def _to_wgs84(xs, ys, crs) -> np.ndarray:
    series = gpd.GeoSeries(gpd.points_from_xy(xs, ys), crs=crs)
    if not series.crs.equals(pyproj.CRS.from_user_input(CRS)):
        try:
            series = series.to_crs(CRS)
        except Exception as exc:  # noqa: BLE001 - pyproj raises several types
            raise Unusable(f"cannot reproject from {series.crs.name!r} to WGS-84: "
                            f"{short(exc)}") from None
    return np.column_stack([series.x.to_numpy(), series.y.to_numpy()])
