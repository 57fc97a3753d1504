"""Format readers: a user's file (CSV, Excel, GeoJSON, GeoPackage) as rows of raw text per field.

CSV text is decoded as UTF-8 (with or without BOM), UTF-16 (with a BOM, or detected by its zero
bytes) or, failing those, as charset-normalizer detects it (GBK/GB18030 first, what Excel on Chinese
Windows writes); the detection is named to the user. Excel and GeoPackage files are read in a
limited child process (`sandbox`). Row numbers are as a spreadsheet shows them: the header is
row 1 (CSV: the line a record starts on).
"""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import PurePath

import shapely
from charset_normalizer import from_bytes

from geodata.upload.columns import match, require_columns
from geodata.upload.common import (MAX_BYTES, MAX_ROWS, Options, Row, Table, Unusable, check_cell,
                                   check_count)
from geodata.upload.features import crs_from, feature_rows, read_geojson
from geodata.upload.messages import message
from geodata.upload.limits import read_limited

EXTENSIONS = (".csv", ".txt", ".xlsx", ".geojson", ".json", ".gpkg")
_SQLITE_MAGIC = b"SQLite format 3\x00"
_ZIP_MAGIC = b"PK\x03\x04"


def read(name: str, data: bytes, options: Options) -> Table:
    ext = PurePath(name).suffix.lower()
    if ext not in EXTENSIONS:
        raise Unusable("unsupported_type", ext=f"'{ext}'" if ext else "(none)")
    if len(data) > MAX_BYTES:
        raise Unusable("too_large", size=f"{len(data):,}", limit=f"{MAX_BYTES:,}")
    if not data.strip():
        raise Unusable("empty")
    if ext in (".csv", ".txt"):
        text, encoding = decode(data, "CSV")
        table = read_csv(text)
        table.encoding = encoding
        return table
    if ext == ".xlsx":
        if not data.startswith(_ZIP_MAGIC):
            raise Unusable("unreadable", what="Excel workbook")
        answer = read_limited("xlsx", data)
        return cell_rows([(n, cells) for n, cells in answer["rows"]])
    if ext == ".gpkg":
        return read_gpkg(data, options)
    text, encoding = decode(data, "GeoJSON")
    table = read_geojson(text)
    table.encoding = encoding
    return table


def decode(data: bytes, what: str) -> tuple[str, str]:
    """The text and the name of its encoding, as shown to the user."""
    for bom, codec, label in ((codecs.BOM_UTF8, "utf-8-sig", "UTF-8 (BOM)"),
                              (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
                              (codecs.BOM_UTF16_BE, "utf-16", "UTF-16")):
        if data.startswith(bom):
            return _decoded(data, codec, what), label
    if b"\x00" in data:
        half = len(data) // 2
        # UTF-16 without a BOM: ASCII characters (the header, digits) leave every other byte zero.
        if len(data) >= 16 and len(data) % 2 == 0:
            if data[1::2].count(0) > half * 0.4 and data[0::2].count(0) == 0:
                return _decoded(data, "utf-16-le", what), "UTF-16"
            if data[0::2].count(0) > half * 0.4 and data[1::2].count(0) == 0:
                return _decoded(data, "utf-16-be", what), "UTF-16"
        raise Unusable("binary", what=what)
    try:
        return _text(data.decode("utf-8"), what), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:  # what Excel on Chinese Windows writes; GB18030 is GBK's superset
        return _text(data.decode("gb18030"), what), "GBK/GB18030"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:200_000]).best()
    if best is None:
        raise Unusable("binary", what=what)
    try:
        return _text(data.decode(best.encoding), what), best.encoding.upper().replace("_", "-")
    except (UnicodeDecodeError, LookupError):
        raise Unusable("encoding", what=what) from None


def _decoded(data: bytes, codec: str, what: str) -> str:
    try:
        return _text(data.decode(codec), what)
    except UnicodeDecodeError:
        raise Unusable("encoding", what=what) from None


def _text(text: str, what: str) -> str:
    if "\x00" in text or sum(1 for c in text[:4096] if ord(c) < 32 and c not in "\t\r\n") > 8:
        raise Unusable("binary", what=what)
    if not text.strip():
        raise Unusable("empty")
    return text


def read_csv(text: str) -> Table:
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    delimiter = ","
    if "," not in first_line:
        delimiter = "\t" if "\t" in first_line else ";" if ";" in first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records, start = [], 1
    try:
        for cells in reader:
            records.append((start, reader.line_num, cells))
            start = reader.line_num + 1
            if len(records) > MAX_ROWS + 1 and any(c.strip() for c in cells):
                check_count(len(records) - 1)
    except csv.Error:
        raise Unusable("unreadable", what="CSV") from None
    return cell_rows([(first, cells) for first, _, cells in records],
                     spans={first: last for first, last, _ in records}, delimiter=delimiter)


def cell_rows(records, spans=None, delimiter: str = ",") -> Table:
    """(row number, cells) of a sheet (the first non-blank one is the header) -> rows."""
    table, header, columns = Table([]), None, {}
    for number, cells in records:
        if not any(c.strip() for c in cells):
            continue
        for cell in cells:
            check_cell(cell)
        if header is None:
            header = [c.strip() for c in cells]
            columns = match(header)
            require_columns(columns, header, csv_file=True)
            table.header = tuple(header)
            continue
        last = (spans or {}).get(number, number)
        if last > number and _runaway(cells, delimiter, len(header)):
            table.problems.append(message("stray_quote", number, "-", first=number, last=last))
            table.left_out.update(range(number, last + 1))
            continue
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header):]):
            table.problems.append(message("too_many_fields", number, "-", found=len(cells),
                                          expected=len(header)))
            table.left_out.add(number)
            continue
        cells = cells + [""] * (len(header) - len(cells))
        table.rows.append(Row(number, {f: cells[i] for f, i in columns.items()}))
    if header is None:
        raise Unusable("empty")
    if not table.rows and not table.problems:
        raise Unusable("no_rows")
    check_count(len(table.rows) + len(table.left_out))
    return table


def _runaway(cells, delimiter: str, width: int) -> bool:
    """A cell spanning lines that themselves look like rows: a quote opened and never closed."""
    need = max(1, width - 2)
    return any(line.count(delimiter) >= need for c in cells if "\n" in c for line in c.split("\n")[1:])


def read_gpkg(data: bytes, options: Options) -> Table:
    if not data.startswith(_SQLITE_MAGIC):
        raise Unusable("not_gpkg")
    answer = read_limited("gpkg", data, options.layer)
    layers = tuple(answer["layers"])
    if answer.get("choose"):
        table = Table([], layers=layers)
        table.problems.append(message("choose_layer", n=len(layers), layers=", ".join(layers)))
        return table
    crs = crs_from(answer["crs"])
    columns = answer["columns"]
    items = []
    for i, (wkb, values) in enumerate(answer["records"]):
        try:
            shape = shapely.from_wkb(bytes.fromhex(wkb)) if wkb else None
        except Exception:  # noqa: BLE001 - shapely raises GEOSException for malformed WKB
            shape = "malformed"
        items.append((i + 1, shape, dict(zip(columns, values))))
    if not items:
        raise Unusable("no_features")
    table = feature_rows(items, crs)
    table.layers, table.layer = layers, answer["layer"]
    return table
