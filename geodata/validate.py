"""Cross-record rules: unique ids, references that resolve, places that lie where they say.

Per-cell rules (required values, numbers, vocabulary terms) are checked while loading (load.py).
"""

from __future__ import annotations

import numpy as np
import shapely

from geodata.boundaries import TOLERANCE_DEG, jjj_outline, unit_index
from geodata.errors import Problem
from geodata.locations import parse_source, source_document
from geodata.records import Dataset
from geodata.schema import CITIES, DOCUMENTS, ITEMS, PLANS, SITES, TARGETS, ZONES
from geodata.validate_locations import location_rules
from geodata.zone_shapes import ShapeError, zone_shape


def check(dataset: Dataset, boundaries) -> list[Problem]:
    return [
        *unique_ids(dataset),
        *distinct_subjects(dataset),
        *references(dataset),
        *source_lines(dataset),
        *inferred_fields(dataset),
        *chinese_twins(dataset),
        *target_anchors(dataset),
        *plan_years(dataset),
        *value_ranges(dataset),
        *location_rules(dataset, boundaries),
        *site_places(dataset, boundaries),
        *zone_geometries(dataset, boundaries),
    ]


def unique_ids(dataset: Dataset) -> list[Problem]:
    problems = []
    for schema, rows in _files(dataset):
        first: dict[str, int] = {}
        for row in rows:
            if row.id in first:
                problems.append(Problem(schema.filename, row.line, "id",
                                        f"duplicate id '{row.id}' (first on line {first[row.id]})"))
            first.setdefault(row.id, row.line)
    return problems


def distinct_subjects(dataset: Dataset) -> list[Problem]:
    """A target's subject names a site or a zone: the two must never share an id."""
    sites = {s.id for s in dataset.sites}
    return [Problem(ZONES.filename, z.line, "id", f"'{z.id}' is already a site id")
            for z in dataset.zones if z.id in sites]


def references(dataset: Dataset) -> list[Problem]:
    docs = {d.id for d in dataset.documents}
    plans = {p.id for p in dataset.plans}
    zones = {z.id for z in dataset.zones}
    subjects = zones | {s.id for s in dataset.sites}
    if dataset.unreadable:
        return []  # every reference would look dangling: the read problems say enough
    rules = [  # (file, rows, field, allowed ids, what they are)
        (SITES, dataset.sites, "plans", plans, "plan"),
        (SITES, dataset.sites, "zones", zones, "zone"),
        (SITES, dataset.sites, "same_place_as", {s.id for s in dataset.sites}, "site"),
        (ZONES, dataset.zones, "plans", plans, "plan"),
        (TARGETS, dataset.targets, "plan", plans, "plan"),
        (TARGETS, dataset.targets, "subject", subjects, "site or zone"),
        (ITEMS, dataset.items, "plan", plans, "plan"),
        *((schema, rows, "sources", docs, "document") for schema, rows in _cited(dataset)),
    ]
    problems = []
    for schema, rows, field, allowed, what in rules:
        for row in rows:
            value = getattr(row, field)
            refs = value if isinstance(value, tuple) else (value,) if value else ()
            if field == "sources":
                refs = [source_document(ref) for ref in refs]
            for ref in refs:
                if ref not in allowed:
                    problems.append(Problem(schema.filename, row.line, field,
                                            f"unknown {what} '{ref}'"))
    return problems


def source_lines(dataset: Dataset) -> list[Problem]:
    """Every source is `DOC:LINE` or `DOC:FIRST-LAST`, within the document's `lines`."""
    lines = {d.id: d.lines for d in dataset.documents}
    problems = []
    for schema, rows in _cited(dataset):
        for row in rows:
            for ref in row.sources:
                parsed = parse_source(ref)
                if parsed is None:
                    problems.append(Problem(schema.filename, row.line, "sources",
                                            f"'{ref}' is not DOC:LINE or DOC:FIRST-LAST"))
                    continue
                doc, first, last = parsed
                if last < first:
                    problems.append(Problem(schema.filename, row.line, "sources",
                                            f"'{ref}': line {last} is before line {first}"))
                elif doc in lines and lines[doc] and last > lines[doc]:
                    problems.append(Problem(schema.filename, row.line, "sources",
                                            f"'{ref}': {doc} has only {lines[doc]} lines"))
    return problems


def inferred_fields(dataset: Dataset) -> list[Problem]:
    """`inferred` names fields of its own row (never the id, the sources or itself)."""
    problems = []
    for schema, rows in _cited(dataset):
        allowed = set(schema.names) - {"id", "sources", "inferred"}
        for row in rows:
            for name in getattr(row, "inferred", ()):
                if name not in allowed:
                    problems.append(Problem(schema.filename, row.line, "inferred",
                                            f"'{name}' is not a field of {schema.filename}"))
    return problems


def chinese_twins(dataset: Dataset) -> list[Problem]:
    """An optional Chinese twin is filled wherever its English text is (a required one is checked
    on loading): otherwise a 中文 reader would meet the English."""
    problems = []
    for schema, rows in _files(dataset):
        twins = [(c.chinese_of, c.name) for c in schema.twins if not c.required]
        for row in rows:
            problems += [Problem(schema.filename, row.line, zh, f"empty, but {en} has text "
                                 "(a 中文 reader would see it in English)")
                         for en, zh in twins if getattr(row, en) and not getattr(row, zh)]
    return problems


def target_anchors(dataset: Dataset) -> list[Problem]:
    """A target belongs to a plan, or names the subject its document ties it to, or both."""
    return [Problem(TARGETS.filename, t.line, "plan", "empty, and so is subject (one is needed)")
            for t in dataset.targets if not t.plan and not t.subject]


def plan_years(dataset: Dataset) -> list[Problem]:
    return [
        Problem(PLANS.filename, p.line, "year_end",
                f"{p.year_end} is before year_start {p.year_start}")
        for p in dataset.plans
        if p.year_start is not None and p.year_end is not None and p.year_end < p.year_start
    ]


# Sane ranges: a year or figure outside them is a typo, and would make the app build a list of a
# trillion years (the year filter) or draw absurd bars.
MIN_YEAR, MAX_YEAR = 1900, 2100
MAX_FIGURE = 1e12


def value_ranges(dataset: Dataset) -> list[Problem]:
    problems = []
    for schema, rows, fields in ((PLANS, dataset.plans, ("year_start", "year_end")),
                                 (TARGETS, dataset.targets, ("year",))):
        for row in rows:
            for field in fields:
                year = getattr(row, field, None)
                if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
                    problems.append(Problem(schema.filename, row.line, field,
                                            f"{year} is not a year from {MIN_YEAR} to {MAX_YEAR}"))
    for target in dataset.targets:
        value = getattr(target, "value", None)
        if value is not None and abs(value) > MAX_FIGURE:
            problems.append(Problem(TARGETS.filename, target.line, "value",
                                    f"{value:g} is out of range (at most {MAX_FIGURE:g} in size)"))
    return problems


def site_places(dataset: Dataset, boundaries) -> list[Problem]:
    """Each site's names resolve to a boundary unit; an exact site's point lies in Jing-Jin-Ji and
    in that unit (sites of other precisions have no point: see validate_locations)."""
    index = unit_index(boundaries)
    shapes = dict(zip(boundaries["id"], boundaries.geometry))
    sites = dataset.sites
    if not sites:
        return []
    lon = np.array([s.lon for s in sites])
    lat = np.array([s.lat for s in sites])
    in_jjj = shapely.contains_xy(jjj_outline(boundaries), lon, lat)
    problems, groups = [], {}
    for i, site in enumerate(sites):
        unit = index.get((site.region, site.city, site.county))
        if unit is None:
            problems.append(_unknown_place(site, index))
        elif not (np.isfinite(lon[i]) and np.isfinite(lat[i])):
            continue  # no point (not exact), or a malformed number (reported on loading)
        elif not in_jjj[i]:
            problems.append(Problem(SITES.filename, site.line, "lon",
                                    f"({site.lon}, {site.lat}) lies outside Beijing, Tianjin and Hebei"))
        else:
            groups.setdefault(unit, []).append(i)
    for unit, members in groups.items():
        area = shapely.buffer(shapes[unit], TOLERANCE_DEG)
        inside = shapely.contains_xy(area, lon[members], lat[members])
        for i in np.asarray(members)[~inside]:
            site = sites[i]
            where = site.county or site.city
            problems.append(Problem(SITES.filename, site.line, "lon",
                                    f"({site.lon}, {site.lat}) lies outside {where}"))
    return problems


def _unknown_place(site, index) -> Problem:
    cities = {c for (r, c, _) in index if r == site.region}
    if site.city not in cities:
        return Problem(SITES.filename, site.line, "city",
                       f"'{site.city}' is not a city of {site.region}")
    return Problem(SITES.filename, site.line, "county",
                   f"'{site.county}' is not a county or district of {site.city}")


def zone_geometries(dataset: Dataset, boundaries) -> list[Problem]:
    shapes = dict(zip(boundaries["id"], boundaries.geometry))
    outline = jjj_outline(boundaries)
    problems = []
    for zone in dataset.zones:
        try:
            shape = zone_shape(zone.geometry, shapes)
        except ShapeError as exc:
            problems.append(Problem(ZONES.filename, zone.line, "geometry", str(exc)))
            continue
        if not outline.intersects(shape):
            problems.append(Problem(ZONES.filename, zone.line, "geometry",
                                    "polygon lies outside Beijing, Tianjin and Hebei"))
    return problems


def _files(dataset: Dataset):
    return [(DOCUMENTS, dataset.documents), (CITIES, dataset.cities), *_cited(dataset)]


def _cited(dataset: Dataset):
    """The files whose rows carry `sources` (and `inferred`)."""
    return [(PLANS, dataset.plans), (SITES, dataset.sites), (ZONES, dataset.zones),
            (TARGETS, dataset.targets), (ITEMS, dataset.items)]
