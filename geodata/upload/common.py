"""What the upload modules share: limits, the row record, the whole-file error, text helpers."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pandas as pd

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 50_000
MAX_TEXT = 500


class Unusable(Exception):
    """The whole file cannot be used; the message says why."""


@dataclass
class Row:
    number: int
    fields: dict[str, str]  # canonical field -> raw text (lon/lat as text too)


def text(value) -> str:
    """A cell or property as text ('' for missing values; lists joined with ';')."""
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ";".join(text(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def short(exc: BaseException) -> str:
    message = str(exc).strip() or type(exc).__name__
    return message if len(message) <= 300 else message[:299] + "…"


def check_count(count: int) -> None:
    if count > MAX_ROWS:
        raise Unusable(f"too many rows: {count:,} (the limit is {MAX_ROWS:,})")
