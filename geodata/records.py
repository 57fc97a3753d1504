"""Typed records for the curated data: one dataclass per seeds/ file, one field per CSV column.

This is the one declaration of the columns: `column()` says how a cell is parsed and checked, and
the schema (schema.py), loading, validation, the layers, the exports and the upload frame read it
from here. Adding a column is one line in its record.
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field


def column(kind: str = "", *, required: bool = True, vocab: str | None = None, default=MISSING):
    """A CSV column. `kind`: "slug", "docid" or "date" for checked text; otherwise the field's type
    says it (str: text, float, int, bool, tuple: a ';'-separated list). `vocab`: the vocabulary
    category its value(s) must belong to. An optional column (`required=False`) may be left out of
    the file whole."""
    return field(default=default, metadata={"kind": kind, "required": required, "vocab": vocab})


def optional(kind: str = "", *, vocab: str | None = None, default=MISSING):
    """A column whose cells may be empty (and which a file may leave out)."""
    return column(kind, required=False, vocab=vocab, default=default)


def chinese(of: str, *, required: bool = True, default=MISSING):
    """The Chinese twin of the English text column `of`, shown to a 中文 reader in its place.
    Required where `of` is; an optional twin must still be filled in every row where `of` has
    text (validate.chinese_twins): a 中文 reader never meets our data in English."""
    return field(default=default, metadata={"kind": "", "required": required, "vocab": None,
                                            "chinese_of": of})


@dataclass(frozen=True, kw_only=True)
class Record:
    """One row of a seeds/ file. kw_only: shared columns live in these bases (in this order: id,
    names, sources) and each file's own columns follow, whichever have defaults."""

    id: str = column("slug")
    line: int = field(default=0, compare=False)  # where it was read (not a column)


@dataclass(frozen=True, kw_only=True)
class Named(Record):
    """A record with a name in both languages: a plan, a site, a zone, an item, a city."""

    name_en: str = column()
    name_zh: str = column()


@dataclass(frozen=True, kw_only=True)
class Cited(Record):
    """A record resting on document lines; `inferred` names its fields that are our inference."""

    sources: tuple[str, ...] = column()  # "DOC:LINE" or "DOC:FIRST-LAST"
    inferred: tuple[str, ...] = optional(default=())


@dataclass(frozen=True, kw_only=True)
class Document(Record):
    id: str = column("docid")
    title_en: str = column()
    title_zh: str = chinese("title_en", required=False)
    publisher_en: str = column()
    publisher_zh: str = chinese("publisher_en", required=False)
    date: str = column("date")
    language: str = column()
    machine_translation: bool = column()
    region: str = column()
    lines: int = column()  # how many lines the document's text has: `sources` cite lines 1..lines
    note: str = optional(default="")
    note_zh: str = chinese("note", required=False, default="")
    url: str = optional(default="")  # the original's public address, where one is known


@dataclass(frozen=True, kw_only=True)
class Plan(Cited, Named):
    issuer_en: str = optional()  # empty when no document names the issuer
    issuer_zh: str = chinese("issuer_en", required=False)
    year_start: int | None = optional()
    year_end: int | None = optional()
    note: str = optional(default="")
    note_zh: str = chinese("note", required=False, default="")


@dataclass(frozen=True, kw_only=True)
class Site(Cited, Named):
    kind: str = column(vocab="kind")
    focus: tuple[str, ...] = column(vocab="focus")
    status: str = column(vocab="status")
    plans: tuple[str, ...] = optional()
    zones: tuple[str, ...] = optional()
    region: str = column(vocab="region")
    city: str = column()
    county: str = optional()
    precision: str = column(vocab="precision")  # exact | area | city: what the position is
    area: str = optional()  # precision "area": the zone or boundary unit the site lies somewhere in
    located_by: str = column()  # what the position rests on (a document line, an address and its page...)
    located_by_zh: str = chinese("located_by")
    same_place_as: str = optional("slug")  # another exact site at the same spot (within 50 m), if any
    lon: float = optional()  # only for precision "exact" (NaN otherwise)
    lat: float = optional()
    note: str = optional(default="")
    note_zh: str = chinese("note", required=False, default="")


@dataclass(frozen=True, kw_only=True)
class Zone(Cited, Named):
    kind: str = column(vocab="zone_kind")
    role_en: str = optional()
    role_zh: str = chinese("role_en", required=False)
    plans: tuple[str, ...] = optional()
    geometry: str = column()  # "admin:ID+ID" or "wkt:POLYGON(...)"
    approximation: str = optional()  # how the outline was made
    approximation_zh: str = chinese("approximation", required=False)
    note: str = optional(default="")
    note_zh: str = chinese("note", required=False, default="")


@dataclass(frozen=True, kw_only=True)
class Target(Cited):
    plan: str = optional()  # may be empty when the document ties the figure to its subject only
    subject: str = optional()
    metric_en: str = column()
    metric_zh: str = chinese("metric_en", required=False)
    value: float = column()
    unit_en: str = optional()
    unit_zh: str = chinese("unit_en", required=False)
    comparator: str = column(vocab="comparator")
    year: int | None = optional()
    note: str = optional(default="")
    note_zh: str = chinese("note", required=False, default="")


@dataclass(frozen=True, kw_only=True)
class Item(Cited, Named):
    """Something a plan states that has no place we can draw (a forum, a fund, a road project)."""

    plan: str = column()
    kind: str = column(vocab="item_kind")
    year: int | None = optional()
    note: str = optional(default="")
    note_zh: str = chinese("note", required=False, default="")


@dataclass(frozen=True, kw_only=True)
class City(Named):
    """A city's urban core: where a site known only by its city is shown (never a centroid)."""

    region: str = column(vocab="region")
    lon: float = column()
    lat: float = column()
    located_by: str = column()
    located_by_zh: str = chinese("located_by")


@dataclass(frozen=True)
class Dataset:
    documents: tuple[Document, ...]
    plans: tuple[Plan, ...]
    sites: tuple[Site, ...]
    zones: tuple[Zone, ...]
    targets: tuple[Target, ...]
    items: tuple[Item, ...] = ()
    cities: tuple[City, ...] = ()
    unreadable: frozenset[str] = frozenset()  # files that gave no records: skip references into them
