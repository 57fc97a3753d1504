"""The columns of each seeds/ CSV file, read from its record's fields (records.py)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, fields
from typing import get_type_hints

from geodata import records

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DOC_ID = re.compile(r"^[0-9]{3}_[0-9a-f]{16}$|^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# A field's type -> how its cells are parsed, unless its column() names a checked text kind.
KIND_OF_TYPE = {str: "text", float: "float", int: "int", int | None: "int", bool: "bool",
                tuple[str, ...]: "list"}


@dataclass(frozen=True)
class Column:
    name: str
    kind: str = "text"  # text | slug | docid | float | int | bool | list | date
    required: bool = True
    vocab: str | None = None  # vocabulary category the value(s) must belong to
    chinese_of: str | None = None  # the English column this one is the Chinese twin of

    @property
    def empty(self):
        """The value of an empty cell (or of a column a file leaves out)."""
        return {"list": (), "int": None, "float": math.nan, "bool": False}.get(self.kind, "")


@dataclass(frozen=True)
class FileSchema:
    filename: str
    record: type
    columns: tuple[Column, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def twins(self) -> tuple[Column, ...]:
        """The Chinese twin columns (each names its English column in `chinese_of`)."""
        return tuple(c for c in self.columns if c.chinese_of)

    def named(self, kind: str) -> tuple[str, ...]:
        """Names of the columns of one kind (e.g. "list")."""
        return tuple(c.name for c in self.columns if c.kind == kind)


def file_schema(filename: str, record: type) -> FileSchema:
    """The columns of `filename`: one per field of `record` that carries column() metadata."""
    types = get_type_hints(record)
    columns = tuple(
        Column(f.name, f.metadata["kind"] or KIND_OF_TYPE[types[f.name]], f.metadata["required"],
               f.metadata["vocab"], f.metadata.get("chinese_of"))
        for f in fields(record) if "kind" in f.metadata)
    return FileSchema(filename, record, columns)


DOCUMENTS = file_schema("documents.csv", records.Document)
PLANS = file_schema("plans.csv", records.Plan)
SITES = file_schema("sites.csv", records.Site)
ZONES = file_schema("zones.csv", records.Zone)
TARGETS = file_schema("targets.csv", records.Target)
ITEMS = file_schema("items.csv", records.Item)
CITIES = file_schema("cities.csv", records.City)

ALL = (DOCUMENTS, PLANS, SITES, ZONES, TARGETS, ITEMS, CITIES)  # in the order of Dataset's fields
