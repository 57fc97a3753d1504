"""Reading GeoPackage and Excel files in a child process with CPU-time and memory limits.

Their readers (SQLite, zip + XML) run code whose cost a crafted file could choose: a view that
builds a 900 MB string, a recursive view of 300 million rows, a zip bomb. Only tables are read
(never views or computed columns), rows and cell sizes are counted and capped before reading, and
the child runs under RLIMIT_CPU and RLIMIT_AS with a wall-clock timeout, so whatever the content,
one upload costs at most CPU_SECONDS of CPU and MEMORY_BYTES of memory. The child answers in JSON:
plain text and WKB, nothing that runs code in the parent.

    python -I sandbox.py gpkg|xlsx MAX_ROWS MAX_CELL CPU_SECONDS MEMORY_BYTES [LAYER] < FILE

(what `limits.read_limited` runs).

This file runs on its own (standard library and openpyxl only, no project imports): the child
starts in ~0.1 s and its memory limit is not spent on geopandas.
"""

from __future__ import annotations

import json
import os
import resource
import sqlite3
import struct
import sys
import tempfile
import zipfile

MAX_UNZIPPED = 200 * 1024 * 1024  # an .xlsx's parts, uncompressed (a 10 MB sheet unzips to ~100 MB)
MAX_COLUMNS = 200


MAX_ROWS = MAX_CELL = 0  # set from the command line by the parent (geodata.upload.common)


class Unusable(Exception):
    """The file cannot be used: a message key of geodata.upload.messages and its values."""

    def __init__(self, key: str, **values):
        super().__init__(key)
        self.key, self.values = key, values


def _gpkg(path: str, layer: str | None) -> dict:
    db = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    db.execute("PRAGMA trusted_schema = OFF")  # no functions from the file's schema
    try:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        rows = db.execute("SELECT c.table_name, g.column_name, g.geometry_type_name, g.srs_id "
                          "FROM gpkg_contents c JOIN gpkg_geometry_columns g "
                          "ON g.table_name = c.table_name WHERE c.data_type = 'features'").fetchall()
    except sqlite3.DatabaseError:
        raise Unusable("unreadable", what="GeoPackage") from None
    layers = [r for r in rows if r[0] in tables]  # views are never read
    if not layers:
        raise Unusable("no_layers")
    names = [r[0] for r in layers]
    if layer is None:
        points = [r for r in layers if "POINT" in str(r[2]).upper()]
        if len(layers) > 1 and len(points) != 1:
            return {"layers": names, "choose": True}
        layer = (points or layers)[0][0]
    chosen = next((r for r in layers if r[0] == layer), None)
    if chosen is None:
        raise Unusable("unknown_layer", layer=repr(layer), layers=", ".join(names))
    table, geometry, _, srs_id = chosen
    quoted = '"' + table.replace('"', '""') + '"'
    columns = db.execute(f"PRAGMA table_xinfo({quoted})").fetchall()
    if any(c[6] for c in columns):  # hidden: 2/3 = generated columns, computed on read
        raise Unusable("generated_columns", layer=repr(table))
    count = db.execute(f"SELECT count(*) FROM {quoted}").fetchone()[0]
    if count > MAX_ROWS:
        raise Unusable("too_many_rows", count=f"{count:,}", limit=f"{MAX_ROWS:,}")
    props = [c[1] for c in columns if c[1] != geometry and not c[5]]  # c[5]: part of the key
    for name in props:
        q = '"' + name.replace('"', '""') + '"'
        longest = db.execute(f"SELECT max(length({q})) FROM {quoted}").fetchone()[0] or 0
        if longest > MAX_CELL:
            raise Unusable("cell_too_long", size=f"{longest:,}", limit=f"{MAX_CELL:,}")
    srs = db.execute("SELECT organization, organization_coordsys_id, definition FROM "
                     "gpkg_spatial_ref_sys WHERE srs_id = ?", (srs_id,)).fetchone()
    crs = None
    if srs and srs_id not in (0, -1):
        org, code, definition = srs
        crs = f"{org}:{code}" if str(org).upper() == "EPSG" else str(definition)
    selected = ", ".join('"' + n.replace('"', '""') + '"' for n in [geometry, *props])
    records = [[_wkb(r[0]), [_plain(v) for v in r[1:]]]
               for r in db.execute(f"SELECT {selected} FROM {quoted} ORDER BY rowid")]
    return {"layers": names, "layer": table, "crs": crs, "columns": props, "records": records}


def _wkb(blob) -> str | None:
    """The WKB (hex) inside a GeoPackage geometry blob: 'GP', version, flags, srs id, envelope."""
    if not isinstance(blob, bytes) or len(blob) < 8 or blob[:2] != b"GP":
        return None
    flags = blob[3]
    if flags & 0b10000:  # the empty-geometry flag
        return None
    envelope = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}.get((flags >> 1) & 0b111)
    if envelope is None:
        return None
    struct.unpack("<i" if flags & 1 else ">i", blob[4:8])
    return blob[8 + envelope:].hex()


def _plain(value):
    return value.hex() if isinstance(value, bytes) else value


def _xlsx(path: str) -> dict:
    try:
        with zipfile.ZipFile(path) as archive:
            if sum(i.file_size for i in archive.infolist()) > MAX_UNZIPPED:
                raise Unusable("too_costly")
    except zipfile.BadZipFile:
        raise Unusable("unreadable", what="Excel workbook") from None
    import openpyxl  # noqa: PLC0415 - only the child needs it

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many types for damaged files
        raise Unusable("unreadable", what="Excel workbook") from None
    sheet = book.worksheets[0]
    rows = []
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=sheet.min_row or 1):
        if number > MAX_ROWS + 1:
            raise Unusable("too_many_rows", count=f"> {MAX_ROWS:,}", limit=f"{MAX_ROWS:,}")
        cells = [_cell(v) for v in values[:MAX_COLUMNS]]
        if any(cells):
            rows.append([number, cells])
    return {"sheet": sheet.title, "rows": rows}


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    text = str(value)
    if len(text) > MAX_CELL:
        raise Unusable("cell_too_long", size=f"{len(text):,}", limit=f"{MAX_CELL:,}")
    return text


def _main(argv: list[str]) -> int:
    global MAX_ROWS, MAX_CELL  # noqa: PLW0603 - set once, before any reading
    kind, MAX_ROWS, MAX_CELL, cpu, memory = argv[0], *map(int, argv[1:5])
    layer = argv[5] if len(argv) > 5 else None
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    with tempfile.TemporaryDirectory(prefix="jjj-upload-") as tmp:
        path = os.path.join(tmp, f"upload.{kind}")
        with open(path, "wb") as out:
            out.write(sys.stdin.buffer.read())
        try:
            if kind == "limits":  # a self-report, for the tests of the limits
                answer = {"cpu": resource.getrlimit(resource.RLIMIT_CPU),
                          "memory": resource.getrlimit(resource.RLIMIT_AS)}
            else:
                answer = _gpkg(path, layer) if kind == "gpkg" else _xlsx(path)
        except Unusable as exc:
            answer = {"error": exc.key, "values": exc.values}
    sys.stdout.write(json.dumps(answer, ensure_ascii=False, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
