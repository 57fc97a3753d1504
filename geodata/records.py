"""Typed records for the curated data: one dataclass per seeds/ file."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Document:
    id: str
    title_en: str
    title_zh: str
    publisher_en: str
    publisher_zh: str
    date: str
    language: str
    machine_translation: bool
    region: str
    lines: int  # how many lines the document's text has: `sources` cite lines 1..lines
    note: str = ""
    note_zh: str = ""
    url: str = ""
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Plan:
    id: str
    name_en: str
    name_zh: str
    issuer_en: str
    issuer_zh: str
    year_start: int | None
    year_end: int | None
    sources: tuple[str, ...]  # "DOC:LINE" or "DOC:FIRST-LAST"
    note: str = ""
    inferred: tuple[str, ...] = ()  # names of this row's fields that are our inference
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Site:
    id: str
    name_en: str
    name_zh: str
    kind: str
    focus: tuple[str, ...]
    status: str
    plans: tuple[str, ...]
    zones: tuple[str, ...]
    region: str
    city: str
    county: str
    precision: str  # exact | area | city: what the position is
    area: str  # precision "area": the zone or boundary unit the site lies somewhere in
    located_by: str  # what the position rests on (a document line, an address and its page...)
    same_place_as: str  # another exact site at the same spot (within 50 m), if any
    lon: float  # only for precision "exact" (NaN otherwise)
    lat: float
    sources: tuple[str, ...]
    inferred: tuple[str, ...] = ()
    note: str = ""
    note_zh: str = ""
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Zone:
    id: str
    name_en: str
    name_zh: str
    kind: str
    role_en: str
    role_zh: str
    plans: tuple[str, ...]
    geometry: str  # "admin:ID+ID" or "wkt:POLYGON(...)"
    approximation: str
    sources: tuple[str, ...]
    note: str = ""
    inferred: tuple[str, ...] = ()
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Target:
    id: str
    plan: str  # may be empty when the document ties the figure to its subject only
    subject: str
    metric_en: str
    metric_zh: str
    value: float
    unit_en: str
    unit_zh: str
    comparator: str
    year: int | None
    sources: tuple[str, ...]
    note: str = ""
    inferred: tuple[str, ...] = ()
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Item:
    """Something a plan states that has no place we can draw (a forum, a fund, a road project)."""

    id: str
    plan: str
    kind: str
    name_en: str
    name_zh: str
    year: int | None
    sources: tuple[str, ...]
    inferred: tuple[str, ...] = ()
    note: str = ""
    note_zh: str = ""
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class City:
    """A city's urban core: where a site known only by its city is shown (never a centroid)."""

    id: str
    region: str
    name_en: str  # as boundaries.geojson's city_en and sites.csv's `city`
    name_zh: str
    lon: float
    lat: float
    located_by: str
    line: int = field(default=0, compare=False)


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
