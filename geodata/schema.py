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


C = Column  # short alias: the tables below read like the CSV headers they describe


@dataclass(frozen=True)
class FileSchema:
    filename: str
    record: type
    columns: tuple[Column, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


DOCUMENTS = FileSchema("documents.csv", records.Document, (
    C("id", "docid"), C("title_en"), C("title_zh", required=False), C("publisher_en"),
    C("publisher_zh", required=False), C("date", "date"), C("language"),
    C("machine_translation", "bool"), C("region"), C("note", required=False),
    C("note_zh", required=False),
))
PLANS = FileSchema("plans.csv", records.Plan, (
    C("id", "slug"), C("name_en"), C("name_zh"), C("issuer_en"), C("issuer_zh", required=False),
    C("year_start", "int", required=False), C("year_end", "int", required=False),
    C("sources", "list"), C("note", required=False),
))
SITES = FileSchema("sites.csv", records.Site, (
    C("id", "slug"), C("name_en"), C("name_zh"), C("kind", vocab="kind"),
    C("focus", "list", vocab="focus"), C("status", vocab="status"),
    C("plans", "list", required=False), C("zones", "list", required=False),
    C("region", vocab="region"), C("city"), C("county", required=False),
    C("lon", "float"), C("lat", "float"), C("precision", vocab="precision"),
    C("sources", "list"), C("note", required=False), C("note_zh", required=False),
))
ZONES = FileSchema("zones.csv", records.Zone, (
    C("id", "slug"), C("name_en"), C("name_zh"), C("kind", vocab="zone_kind"),
    C("role_en", required=False), C("role_zh", required=False),
    C("plans", "list", required=False), C("geometry"), C("approximation", required=False),
    C("sources", "list"), C("note", required=False),
))
TARGETS = FileSchema("targets.csv", records.Target, (
    C("id", "slug"), C("plan"), C("subject", required=False), C("metric_en"),
    C("metric_zh", required=False), C("value", "float"), C("unit_en", required=False),
    C("unit_zh", required=False), C("comparator", vocab="comparator"),
    C("year", "int", required=False), C("sources", "list"), C("note", required=False),
))

ALL = (DOCUMENTS, PLANS, SITES, ZONES, TARGETS)
