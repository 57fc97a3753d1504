"""What the upload modules share: limits, the records passed between them, text helpers."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pandas as pd

from geodata.upload.messages import Message, message

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 50_000
MAX_TEXT = 500  # kept per text field (longer text is cut)
MAX_CELL = 100_000  # a cell longer than this makes the file unusable (no real site needs it)
CRS_CHOICES = ("wgs84", "gcj02", "bd09")


class Unusable(Exception):
    """The whole file cannot be used; the message says why."""

    def __init__(self, key: str, **values):
        self.message = message(key, **values)
        super().__init__(str(self.message))


@dataclass
class Row:
    number: int  # as a spreadsheet shows it (CSV/XLSX: the header is row 1; features: 1-based)
    fields: dict[str, str]  # canonical field -> raw text (lon/lat as text too)


@dataclass(frozen=True)
class Options:
    crs: str = "wgs84"  # what plain lon/lat numbers are in: wgs84, gcj02 (Amap, Tencent), bd09 (Baidu)
    layer: str | None = None  # the GeoPackage layer to read (None: the only one)


@dataclass
class Table:
    """A file read as rows, with what the reader found out on the way."""

    rows: list[Row]
    problems: list[Message] = field(default_factory=list)
    encoding: str = ""  # the text encoding detected ("" for binary formats)
    layers: tuple[str, ...] = ()  # the GeoPackage's layers with geometry
    layer: str = ""
    header: tuple[str, ...] = ()  # column names as written (for hints)
    left_out: set[int] = field(default_factory=set)  # rows dropped while reading


def text(value) -> str:
    """A cell or property as text ('' for missing values; lists joined with ';')."""
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, (list, tuple)):
        return ";".join(text(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def check_count(count: int) -> None:
    if count > MAX_ROWS:
        raise Unusable("too_many_rows", count=f"{count:,}", limit=f"{MAX_ROWS:,}")


def check_cell(value: str) -> None:
    if len(value) > MAX_CELL:
        raise Unusable("cell_too_long", size=f"{len(value):,}", limit=f"{MAX_CELL:,}")
