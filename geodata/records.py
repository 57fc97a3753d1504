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
    note: str = ""
    note_zh: str = ""
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
    sources: tuple[str, ...]
    note: str = ""
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
    lon: float
    lat: float
    precision: str
    sources: tuple[str, ...]
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
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Target:
    id: str
    plan: str
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
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Dataset:
    documents: tuple[Document, ...]
    plans: tuple[Plan, ...]
    sites: tuple[Site, ...]
    zones: tuple[Zone, ...]
    targets: tuple[Target, ...]
    unreadable: frozenset[str] = frozenset()  # files that gave no records: skip references into them
