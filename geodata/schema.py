"""The columns of each seeds/ CSV file and how each cell is parsed."""

from __future__ import annotations

import re
from dataclasses import dataclass

from geodata import records

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DOC_ID = re.compile(r"^[0-9]{3}_[0-9a-f]{16}$|^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class Column:
    name: str
    kind: str = "text"  # text | slug | docid | float | int | bool | list | date
    required: bool = True
    vocab: str | None = None  # vocabulary category the value(s) must belong to


@dataclass(frozen=True)
class FileSchema:
    filename: str
    record: type
    columns: tuple[Column, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


DOCUMENTS = FileSchema("documents.csv", records.Document, (
    Column("id", "docid"), Column("title_en"), Column("title_zh", required=False),
    Column("publisher_en"), Column("publisher_zh", required=False), Column("date", "date"),
    Column("language"), Column("machine_translation", "bool"), Column("region"),
    Column("lines", "int"),  # the text's line count: sources cite lines 1..lines
    Column("note", required=False), Column("note_zh", required=False),
    Column("url", required=False),  # the original's public address, where one is known
))
PLANS = FileSchema("plans.csv", records.Plan, (
    Column("id", "slug"), Column("name_en"), Column("name_zh"), Column("issuer_en", required=False),
    Column("issuer_zh", required=False), Column("year_start", "int", required=False),
    Column("year_end", "int", required=False), Column("sources", "list"),
    Column("note", required=False), Column("inferred", "list", required=False),
))
SITES = FileSchema("sites.csv", records.Site, (
    Column("id", "slug"), Column("name_en"), Column("name_zh"), Column("kind", vocab="kind"),
    Column("focus", "list", vocab="focus"), Column("status", vocab="status"),
    Column("plans", "list", required=False), Column("zones", "list", required=False),
    Column("region", vocab="region"), Column("city"), Column("county", required=False),
    Column("precision", vocab="precision"), Column("area", required=False),
    Column("located_by"), Column("same_place_as", "slug", required=False),
    Column("lon", "float", required=False), Column("lat", "float", required=False),  # exact only
    Column("sources", "list"), Column("inferred", "list", required=False),
    Column("note", required=False), Column("note_zh", required=False),
))
ZONES = FileSchema("zones.csv", records.Zone, (
    Column("id", "slug"), Column("name_en"), Column("name_zh"), Column("kind", vocab="zone_kind"),
    Column("role_en", required=False), Column("role_zh", required=False),
    Column("plans", "list", required=False), Column("geometry"),
    Column("approximation", required=False), Column("sources", "list"),
    Column("note", required=False), Column("inferred", "list", required=False),
))
TARGETS = FileSchema("targets.csv", records.Target, (
    Column("id", "slug"), Column("plan", required=False), Column("subject", required=False),
    Column("metric_en"), Column("metric_zh", required=False), Column("value", "float"),
    Column("unit_en", required=False), Column("unit_zh", required=False),
    Column("comparator", vocab="comparator"), Column("year", "int", required=False),
    Column("sources", "list"), Column("note", required=False),
    Column("inferred", "list", required=False),
))
ITEMS = FileSchema("items.csv", records.Item, (
    Column("id", "slug"), Column("plan"), Column("kind", vocab="item_kind"), Column("name_en"),
    Column("name_zh"), Column("year", "int", required=False), Column("sources", "list"),
    Column("inferred", "list", required=False), Column("note", required=False),
    Column("note_zh", required=False),
))
CITIES = FileSchema("cities.csv", records.City, (
    Column("id", "slug"), Column("region", vocab="region"), Column("name_en"), Column("name_zh"),
    Column("lon", "float"), Column("lat", "float"), Column("located_by"),
))

ALL = (DOCUMENTS, PLANS, SITES, ZONES, TARGETS, ITEMS, CITIES)  # in the order of Dataset's fields
