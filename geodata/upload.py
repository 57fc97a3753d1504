"""A user's own sites, uploaded as CSV, GeoJSON or GeoPackage, checked like seeds/ and placed.

`read_upload(name, data, vocab, boundaries)` never raises for bad input: it returns an
`UploadResult` whose `sites` are the usable rows (the columns of `layers.SITE_COLUMNS` plus a
point geometry in EPSG:4326, so they can be searched, filtered and exported with the curated
sites), whose `problems` list each bad row as `row N: field: message`, and whose `error` is one
message when the whole file is unusable (then `sites` is empty and `problems` is ()).

Formats, chosen by the file's extension:
- `.csv`: UTF-8 (a BOM is allowed), comma-separated (tab or ';' when the header has no comma),
  a header row, then one site per row. Row 1 is the first row after the header; blank rows are
  skipped but still counted, so N is the row a spreadsheet shows minus one. Coordinates are
  WGS-84 decimal degrees by definition.
- `.geojson` / `.json`: a FeatureCollection (or one Feature, or one bare geometry) of points;
  row N is feature N (1-based). A legacy `crs` member naming another CRS is honoured and the
  points are reprojected to EPSG:4326; without one the file is WGS-84 (RFC 7946).
- `.gpkg`: the first layer with point geometry; a declared CRS is reprojected to EPSG:4326, a
  layer without a CRS is taken as WGS-84. Row N is feature N of that layer.

Columns (CSV headers or feature properties) are matched case-insensitively, first alias wins:
longitude `lon, lng, long, longitude, x, 经度`; latitude `lat, latitude, y, 纬度`
(CSV only: GeoJSON/GPKG take the point geometry); English name `name_en, name, 名称`; Chinese
name `name_zh, 中文名称, 中文名, 名称` (a column already used for the English name is skipped);
`kind` (`类型`, `类别`), `focus` (`产业方向`, `领域`), `status` (`状态`), `note` (`notes`, `备注`,
`说明`). Other columns are ignored. A CSV without longitude/latitude columns, or a file without
any name column, is unusable (one error rather than the same problem on every row).

Rules (the seeds/ rules that apply to a point the user names, reusing geodata's code):
- Coordinates must be finite numbers (`load.parse_cell` with the `sites.csv` lon/lat columns)
  and lie inside Beijing, Tianjin and Hebei (`boundaries.jjj_outline`, the same tolerance as
  `validate.site_places`). Otherwise the row is reported and DROPPED.
- A name is required: name_en or name_zh; the missing one is filled with the same text. A row
  with neither is reported and DROPPED.
- region, city (+city_zh) and county (+county_zh) are not read from the file: they are FILLED
  from the county-level boundary that contains the point (or, for a point on a simplified coast
  or border that no county polygon covers, the nearest county).
- Vocabulary (`kind`, `focus`, `status`): a value may be a key (`tcm`) or the English or Chinese
  label of one (`Traditional Chinese medicine`, `中医药`), matched case-insensitively; focus is a
  list separated by `;` or `,` (also `；`, `，`, `、`). An unknown value is reported with the
  same message as seeds/ (`'xyz' is not a known kind (one of: ...)`) plus what was done, and the
  row is KEPT:
    * kind: unknown or empty -> kind "unknown" (the vocabulary's "Kind not known", drawn grey).
      Empty is not a problem.
    * focus: unknown terms are left out, known terms kept; empty -> () (not a problem).
    * status: unknown or empty -> "unknown" (a real status key). Empty is not a problem.
- Every kept row gets id `upload-<N>` (N = its row number, so ids are stable for a given file),
  precision "exact" (the user's coordinates are taken as given), plans/zones/sources (), and
  note = the user's note or "Uploaded by you; not from the curated sources." (note_zh is the
  Chinese version of that default, or "" when the user wrote a note, so cards fall back to it).
- Text is kept as written (escaping is the renderer's job), stripped, and cut to 500 characters
  (499 + "…") without a problem being reported.

Whole-file errors: unsupported extension, more than MAX_BYTES, empty, binary / not UTF-8 (CSV,
GeoJSON), malformed CSV / JSON / GeoPackage, no longitude/latitude or name columns, no point
geometry, an unknown or unusable CRS, no data rows, more than MAX_ROWS rows.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import PurePath

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
import shapely
import shapely.geometry

from geodata.boundaries import CRS, jjj_outline
from geodata.layers import SITE_COLUMNS
from geodata.load import parse_cell
from geodata.schema import SITES
from geodata.vocab import Vocabulary

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 50_000
MAX_TEXT = 500
EXTENSIONS = (".csv", ".geojson", ".json", ".gpkg")
UNKNOWN = "unknown"
DEFAULT_NOTE = "Uploaded by you; not from the curated sources."
DEFAULT_NOTE_ZH = "由你上传，并非来自整理的资料来源。"
PRECISION = "exact"

ALIASES = {  # canonical field -> accepted column names, in order of preference (casefolded)
    "lon": ("lon", "lng", "long", "longitude", "x", "经度"),
    "lat": ("lat", "latitude", "y", "纬度"),
    "name_en": ("name_en", "name", "名称"),
    "name_zh": ("name_zh", "中文名称", "中文名", "名称"),
    "kind": ("kind", "类型", "类别"),
    "focus": ("focus", "产业方向", "领域"),
    "status": ("status", "状态"),
    "note": ("note", "notes", "备注", "说明"),
}
TEXT_FIELDS = ("name_en", "name_zh", "kind", "focus", "status", "note")
_COLUMN = {c.name: c for c in SITES.columns}  # the seeds/ rules for the fields uploads share
_FOCUS_SPLIT = re.compile(r"[;,；，、]")
_SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass(frozen=True)
class UploadResult:
    sites: gpd.GeoDataFrame
    problems: tuple[str, ...] = ()
    error: str | None = None


class _Unusable(Exception):
    """The whole file cannot be used; the message says why."""


@dataclass
class _Row:
    number: int
    fields: dict[str, str]  # canonical field -> raw text (lon/lat as text too)


def read_upload(name: str, data: bytes, vocab: Vocabulary, boundaries: gpd.GeoDataFrame) -> UploadResult:
    """The usable sites of an uploaded file, each bad row as a problem, or one error."""
    problems: list[tuple[int, str]] = []
    try:
        rows = _read(str(name or ""), bytes(data), problems)
    except _Unusable as exc:
        return UploadResult(empty_sites(), (), str(exc))
    except Exception as exc:  # noqa: BLE001 - third-party readers raise many types; never crash
        return UploadResult(empty_sites(), (), f"the file cannot be read: {_short(exc)}")
    sites = _validate(rows, vocab, boundaries, problems)
    ordered = sorted(range(len(problems)), key=lambda i: problems[i][0])  # stable: by row
    return UploadResult(sites, tuple(problems[i][1] for i in ordered), None)


def empty_sites() -> gpd.GeoDataFrame:
    columns = {c: pd.Series(dtype=float if c in ("lon", "lat") else object) for c in SITE_COLUMNS}
    return gpd.GeoDataFrame(columns, geometry=gpd.points_from_xy([], []), crs=CRS)


# --- reading --------------------------------------------------------------------------------

def _read(name: str, data: bytes, problems) -> list[_Row]:
    ext = PurePath(name).suffix.lower()
    if ext not in EXTENSIONS:
        shown = f"'{ext}'" if ext else "without an extension"
        raise _Unusable(f"unsupported file type {shown}: upload a .csv, .geojson, .json or .gpkg file")
    if len(data) > MAX_BYTES:
        raise _Unusable(f"the file is too large: {len(data):,} bytes, the limit is 10 MB "
                        f"({MAX_BYTES:,} bytes)")
    if not data.strip():
        raise _Unusable("the file is empty")
    if ext == ".csv":
        return _read_csv(_decode(data, "CSV"), problems)
    if ext == ".gpkg":
        return _read_gpkg(data, problems)
    return _read_geojson(_decode(data, "GeoJSON"), problems)


def _decode(data: bytes, what: str) -> str:
    if b"\x00" in data:
        raise _Unusable(f"the file is binary (it contains NUL bytes), not a {what} text file; "
                        "save it as UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _Unusable(f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset "
                        f"{exc.start}): it is binary or in another encoding; save the {what} as "
                        "UTF-8") from None
    if not text.strip():
        raise _Unusable("the file is empty")
    return text


def _read_csv(text: str, problems) -> list[_Row]:
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    delimiter = ","
    if "," not in first_line:
        delimiter = "\t" if "\t" in first_line else ";" if ";" in first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[_Row] = []
    header = None
    number = 0
    try:
        for cells in reader:
            blank = not any(c.strip() for c in cells)
            if header is None:
                if not blank:
                    header = [c.strip() for c in cells]
                    columns = _match(header)
                    _require_columns(columns, header, csv_file=True)
                continue
            number += 1
            if blank:
                continue
            if number > MAX_ROWS:
                raise _Unusable(f"too many rows: more than {MAX_ROWS:,} (the limit is {MAX_ROWS:,})")
            if len(cells) > len(header) and any(c.strip() for c in cells[len(header):]):
                problems.append((number, f"row {number}: -: row has {len(cells)} fields, "
                                         f"the header has {len(header)}"))
                continue
            cells = cells + [""] * (len(header) - len(cells))
            rows.append(_Row(number, {f: cells[i] for f, i in columns.items()}))
    except csv.Error as exc:
        raise _Unusable(f"malformed CSV at row {number}: {exc}") from None
    if header is None:
        raise _Unusable("the file is empty")
    if not rows and not problems:
        raise _Unusable("the file has a header but no data rows")
    return rows


def _match(names) -> dict[str, int]:
    """canonical field -> index of the column that holds it."""
    folded = {}
    for i, n in enumerate(names):
        folded.setdefault(str(n).strip().casefold(), i)
    found, used = {}, set()
    for field, aliases in ALIASES.items():
        for alias in aliases:
            i = folded.get(alias)
            if i is not None and i not in used:
                found[field] = i
                used.add(i)
                break
    return found


def _require_columns(columns: dict, header, csv_file: bool) -> None:
    shown = ", ".join(repr(str(h)) for h in header if str(h).strip()) or "none"
    if csv_file and not ("lon" in columns and "lat" in columns):
        missing = " and ".join(f for f in ("longitude", "latitude")
                               if f[:3] not in columns)
        raise _Unusable(f"no {missing} column found (the header has {shown}); name the columns "
                        "lon/lat, lng/lat, longitude/latitude, x/y or 经度/纬度")
    if "name_en" not in columns and "name_zh" not in columns:
        raise _Unusable(f"no name column found (the columns are {shown}); add a column named "
                        "name, name_en, name_zh, 名称 or 中文名称")


def _read_geojson(text: str, problems) -> list[_Row]:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _Unusable(f"malformed JSON: {exc}") from None
    except RecursionError:
        raise _Unusable("malformed JSON: nested too deeply") from None
    if not isinstance(doc, dict):
        raise _Unusable("not GeoJSON: the file must hold a FeatureCollection of points")
    kind = doc.get("type")
    if kind == "FeatureCollection":
        features = doc.get("features")
        if not isinstance(features, list):
            raise _Unusable("not GeoJSON: the FeatureCollection has no 'features' list")
    elif kind == "Feature":
        features = [doc]
    elif kind in ("Point", "MultiPoint", "LineString", "MultiLineString", "Polygon",
                  "MultiPolygon", "GeometryCollection"):
        features = [{"type": "Feature", "geometry": doc, "properties": {}}]
    else:
        raise _Unusable(f"not GeoJSON: the top-level type is {str(kind)[:40]!r}, "
                        "not a FeatureCollection")
    crs = _geojson_crs(doc.get("crs"))
    if not features:
        raise _Unusable("the file has no features")
    _check_count(len(features))
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
                shape = f"malformed geometry ({_short(exc)})"
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
        raise _Unusable("unsupported 'crs' member: only a named CRS such as "
                        "'urn:ogc:def:crs:EPSG::3857' is understood")
    try:
        return pyproj.CRS.from_user_input(name)
    except pyproj.exceptions.CRSError:
        raise _Unusable(f"unknown coordinate reference system {name[:80]!r}") from None


def _read_gpkg(data: bytes, problems) -> list[_Row]:
    import pyogrio

    if not data.startswith(_SQLITE_MAGIC):
        raise _Unusable("not a GeoPackage: the file is not an SQLite database")
    with tempfile.TemporaryDirectory(prefix="jjj-upload-") as tmp:
        path = os.path.join(tmp, "upload.gpkg")
        with open(path, "wb") as out:
            out.write(data)
        try:
            layers = pyogrio.list_layers(path)
        except Exception as exc:  # noqa: BLE001
            raise _Unusable(f"unreadable GeoPackage: {_short(exc)}") from None
        spatial = [(str(n), str(t)) for n, t in layers if t is not None]
        if not spatial:
            raise _Unusable("the GeoPackage has no layer with geometry")
        layer, geom_type = next(((n, t) for n, t in spatial if "point" in t.lower()), spatial[0])
        try:
            info = pyogrio.read_info(path, layer=layer)
            _check_count(int(info.get("features") or 0))
            frame = pyogrio.read_dataframe(path, layer=layer, max_features=MAX_ROWS + 1)
        except _Unusable:
            raise
        except Exception as exc:  # noqa: BLE001
            raise _Unusable(f"unreadable GeoPackage: {_short(exc)}") from None
    if frame.empty:
        raise _Unusable(f"the GeoPackage layer {layer!r} has no features")
    _check_count(len(frame))
    crs = frame.crs if frame.crs is not None else pyproj.CRS.from_user_input(CRS)
    names = [c for c in frame.columns if c != frame.geometry.name]
    records = frame[names].to_dict("records")
    items = [(i + 1, g, props) for i, (g, props) in enumerate(zip(frame.geometry.values, records))]
    return _feature_rows(items, crs, problems)


def _check_count(count: int) -> None:
    if count > MAX_ROWS:
        raise _Unusable(f"too many rows: {count:,} (the limit is {MAX_ROWS:,})")


def _feature_rows(items, crs, problems) -> list[_Row]:
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
        raise _Unusable(f"no point geometry: the file holds {found}; upload points")
    xy = _to_wgs84(xs, ys, crs)
    rows, matches = [], {}
    for (number, props), (x, y) in zip(kept, xy):
        keys = tuple(props)
        if keys not in matches:
            matches[keys] = [(f, keys[i]) for f, i in _match(keys).items() if f not in ("lon", "lat")]
        fields = {f: _text(props[k]) for f, k in matches[keys]}
        fields["lon"], fields["lat"] = repr(float(x)), repr(float(y))
        rows.append(_Row(number, fields))
    if not any("name_en" in r.fields or "name_zh" in r.fields for r in rows):
        _require_columns({}, sorted({k for _, p in kept for k in p})[:20], csv_file=False)
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
            raise _Unusable(f"cannot reproject from {series.crs.name!r} to WGS-84: "
                            f"{_short(exc)}") from None
    return np.column_stack([series.x.to_numpy(), series.y.to_numpy()])


def _text(value) -> str:
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ";".join(_text(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _short(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= 300 else text[:299] + "…"


# --- validating -----------------------------------------------------------------------------

def _validate(rows: list[_Row], vocab: Vocabulary, boundaries, problems) -> gpd.GeoDataFrame:
    labels = {c: _label_index(vocab, c) for c in ("kind", "focus", "status")}
    good = []
    for row in rows:
        site = _check_row(row, vocab, labels, problems)
        if site is not None:
            good.append(site)
    if not good:
        return empty_sites()
    lon = np.array([s["lon"] for s in good])
    lat = np.array([s["lat"] for s in good])
    outline = jjj_outline(boundaries)
    inside = shapely.contains_xy(outline, lon, lat)
    swapped = shapely.contains_xy(outline, lat, lon)
    for site, ok, hint in zip(good, inside, swapped):
        if not ok:
            n = site["_row"]
            problems.append((n, f"row {n}: lon: ({site['lon']}, {site['lat']}) lies outside "
                                "Beijing, Tianjin and Hebei"
                                + (" (are longitude and latitude swapped?)" if hint else "")))
    good = [s for s, ok in zip(good, inside) if ok]
    if not good:
        return empty_sites()
    _fill_places(good, boundaries)
    frame = pd.DataFrame.from_records([[s[c] for c in SITE_COLUMNS] for s in good],
                                      columns=list(SITE_COLUMNS))
    frame["lon"] = frame["lon"].astype(float)
    frame["lat"] = frame["lat"].astype(float)
    return gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame["lon"], frame["lat"]), crs=CRS)


def _check_row(row: _Row, vocab: Vocabulary, labels, problems) -> dict | None:
    n = row.number
    fields = {f: _clip(row.fields.get(f, "")) for f in TEXT_FIELDS}
    bad = False

    def report(field):
        def add(message):
            nonlocal bad
            bad = True
            problems.append((n, f"row {n}: {field}: {message}"))
        return add

    lon = parse_cell(row.fields.get("lon", "").strip(), _COLUMN["lon"], None, report("lon"))
    lat = parse_cell(row.fields.get("lat", "").strip(), _COLUMN["lat"], None, report("lat"))
    name_en = fields["name_en"] or fields["name_zh"]
    name_zh = fields["name_zh"] or fields["name_en"]
    if not name_en:
        parse_cell("", _COLUMN["name_en"], None, report("name"))
    if bad:
        return None
    kind = _term(fields["kind"], "kind", vocab, labels, n, problems, "the site is kept as unknown")
    status = _term(fields["status"], "status", vocab, labels, n, problems,
                   "the site is kept with status unknown")
    focus = _focus(fields["focus"], vocab, labels, n, problems)
    note = fields["note"]
    return {
        "_row": n, "id": f"upload-{n}", "name_en": name_en, "name_zh": name_zh,
        "kind": kind or UNKNOWN, "focus": focus, "status": status or UNKNOWN,
        "plans": (), "zones": (), "region": "", "city": "", "city_zh": "", "county": "",
        "county_zh": "", "lon": float(lon), "lat": float(lat), "precision": PRECISION,
        "sources": (), "note": note or DEFAULT_NOTE, "note_zh": "" if note else DEFAULT_NOTE_ZH,
    }


def _label_index(vocab: Vocabulary, category: str) -> dict[str, str]:
    """casefolded key / English label / Chinese label -> key (keys win over labels)."""
    index = {}
    for key in vocab.keys(category):
        term = vocab.term(category, key)
        for text in (term.en, term.zh):
            index.setdefault(_fold(text), key)
    for key in vocab.keys(category):
        index[_fold(key)] = key
    return index


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _term(raw: str, category: str, vocab, labels, n, problems, kept: str) -> str:
    """The key the text names, '' when empty, or '' with a problem when it is not known."""
    if not raw:
        return ""
    key = labels[category].get(_fold(raw), raw)
    messages = []
    parse_cell(key, _COLUMN[category], vocab, messages.append)
    for message in messages:
        problems.append((n, f"row {n}: {category}: {message}; {kept}"))
    return "" if messages else key


def _focus(raw: str, vocab, labels, n, problems) -> tuple[str, ...]:
    items = [i.strip() for i in _FOCUS_SPLIT.split(raw) if i.strip()]
    keys = [labels["focus"].get(_fold(i), i) for i in items]
    messages = []
    if keys:
        parse_cell(";".join(keys), _COLUMN["focus"], vocab, messages.append)
    for message in messages:
        problems.append((n, f"row {n}: focus: {message}; the term is left out"))
    return tuple(dict.fromkeys(k for k in keys if vocab.has("focus", k)))


def _clip(text: str) -> str:
    text = text.strip()
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def _fill_places(sites: list[dict], boundaries) -> None:
    """region, city(_zh), county(_zh) of the county-level unit that holds (or is nearest) each point."""
    counties = boundaries[boundaries["level"] == "county"].reset_index(drop=True)
    tree = shapely.STRtree(counties.geometry.values)
    points = shapely.points([s["lon"] for s in sites], [s["lat"] for s in sites])
    unit = np.full(len(sites), -1)
    found = tree.query(points, predicate="intersects")
    for i, j in zip(found[0][::-1], found[1][::-1]):  # reversed: the first match wins
        unit[i] = j
    missing = np.flatnonzero(unit < 0)
    if len(missing):
        nearest = tree.query_nearest(points[missing], all_matches=False)
        unit[missing[nearest[0]]] = nearest[1]
    columns = {c: counties[c].to_numpy() for c in ("region", "city_en", "city_zh", "name_en", "name_zh")}
    for site, j in zip(sites, unit):
        site.update(region=columns["region"][j], city=columns["city_en"][j],
                    city_zh=columns["city_zh"][j] or columns["city_en"][j],
                    county=columns["name_en"][j], county_zh=columns["name_zh"][j])
