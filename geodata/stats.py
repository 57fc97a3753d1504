"""Statistics by place: sites per region, city and county/district, split by kind, focus or status,
and industry-chain coverage (focus terms grouped into the segments declared in vocab.yaml).

Which unit a site counts in is decided once per dataset (`PlaceIndex.build`); a count is then a
numpy bincount over the sites a filter keeps. Rules (the issue's): a site counts in its region and
its city; in a county only when its county is certain: a point site in its county, an area site
whose area lies inside one county. City-level sites never count in a county table: per city, they
are "unplaced", and a county with none of its own while its city has unplaced sites has an unknown
count (no data), not zero.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geodata.boundaries import TOLERANCE_DEG

LEVELS = ("region", "city", "county")
SPLITS = ("kind", "focus", "status")
CITY_ONLY = "city"  # the precision of sites known only by their city


@dataclass(frozen=True)
class Units:
    """The boundary units of one level and, per site, the unit it counts in (-1: none)."""

    level: str
    table: pd.DataFrame  # id, name_en, name_zh, city (the county's city unit id; '' above)
    codes: np.ndarray

    def __len__(self) -> int:
        return len(self.table)


@dataclass(frozen=True)
class PlaceIndex:
    levels: dict[str, Units]
    zones: dict[str, np.ndarray]  # zone id -> which sites lie in it

    @classmethod
    def build(cls, sites: gpd.GeoDataFrame, boundaries: gpd.GeoDataFrame) -> PlaceIndex:
        levels = {level: _units(level, sites, boundaries) for level in LEVELS}
        zones: dict[str, list[int]] = {}
        for row, ids in enumerate(sites["zones"]):
            for zone in ids:
                zones.setdefault(zone, []).append(row)
        masks = {}
        for zone, rows in zones.items():
            mask = np.zeros(len(sites), dtype=bool)
            mask[rows] = True
            mask.flags.writeable = False
            masks[zone] = mask
        return cls(levels, masks)

    def counts(self, level: str, mask: np.ndarray) -> np.ndarray:
        """Sites per unit of `level` among those `mask` keeps."""
        units = self.levels[level]
        return np.bincount(units.codes[mask & (units.codes >= 0)], minlength=len(units))

    def split(self, level: str, mask: np.ndarray, column) -> np.ndarray:
        """units x terms counts; `column` is a site_index.FieldIndex (scalar codes or list members).
        A site with several values (focus) counts once under each."""
        units = self.levels[level]
        keep = mask & (units.codes >= 0)
        n_units, n_terms = len(units), len(column.terms)
        if column.codes is not None:
            keep &= column.codes >= 0
            flat = units.codes[keep] * n_terms + column.codes[keep]
            return np.bincount(flat, minlength=n_units * n_terms).reshape(n_units, n_terms)
        return member_counts(units.codes, keep, column.member, n_units)

    def unplaced(self, mask: np.ndarray) -> np.ndarray:
        """Per city unit: kept sites that count in the city but in none of its counties."""
        cities, counties = self.levels["city"], self.levels["county"]
        loose = mask & (cities.codes >= 0) & (counties.codes < 0)
        return np.bincount(cities.codes[loose], minlength=len(cities))


def member_counts(unit_codes: np.ndarray, keep: np.ndarray, member: np.ndarray, n_units: int) -> np.ndarray:
    """units x terms: per term, the kept sites of each unit that have it."""
    rows = np.flatnonzero(keep)
    sub = member[rows]
    out = np.zeros((n_units, member.shape[1]), dtype=np.int64)
    for term in range(member.shape[1]):
        out[:, term] = np.bincount(unit_codes[rows[sub[:, term]]], minlength=n_units)
    return out


def count_table(places: PlaceIndex, level: str, mask: np.ndarray, split: str = "",
                split_column=None, everything: bool = False) -> pd.DataFrame:
    """One row per unit that has sites (all units with `everything`): id, name_en, name_zh, count;
    split by a site_index.FieldIndex, one row per unit and value: id, name_en, name_zh, <split>, count."""
    table = places.levels[level].table
    if split_column is None:
        out = table[["id", "name_en", "name_zh"]].assign(count=places.counts(level, mask))
        return (out if everything else out[out["count"] > 0]).reset_index(drop=True)
    matrix = places.split(level, mask, split_column)
    units, terms = np.nonzero(matrix) if not everything else np.indices(matrix.shape).reshape(2, -1)
    return pd.DataFrame({
        "id": table["id"].to_numpy()[units], "name_en": table["name_en"].to_numpy()[units],
        "name_zh": table["name_zh"].to_numpy()[units],
        split or "value": np.asarray(split_column.terms, dtype=object)[terms] if len(terms) else [],
        "count": matrix[units, terms],
    })


def chain_members(vocab, focus_terms: tuple[str, ...]) -> tuple[tuple[str, ...], np.ndarray]:
    """(segment keys, focus terms x segments membership) from the vocabulary's `chain` category."""
    segments = vocab.keys("chain") if "chain" in vocab.terms else ()
    member = np.zeros((len(focus_terms), len(segments)), dtype=bool)
    for j, segment in enumerate(segments):
        wanted = set(vocab.term("chain", segment).members)
        for i, focus in enumerate(focus_terms):
            member[i, j] = focus in wanted
    return segments, member


def chain_matrix(places: PlaceIndex, level: str, mask: np.ndarray, focus_member: np.ndarray,
                 segment_of_focus: np.ndarray) -> np.ndarray:
    """units x segments: kept sites of each unit with at least one focus in the segment."""
    site_segments = (focus_member.astype(np.int32) @ segment_of_focus.astype(np.int32)) > 0
    units = places.levels[level]
    return member_counts(units.codes, mask & (units.codes >= 0), site_segments, len(units))


def _units(level: str, sites: gpd.GeoDataFrame, boundaries: gpd.GeoDataFrame) -> Units:
    if level == "region":
        table = boundaries[boundaries["level"] == "province"]
        keys = {row.region: i for i, row in enumerate(table.itertuples())}
        codes = [keys.get(r, -1) for r in sites["region"].astype(str)]
    elif level == "city":
        city_rows = (boundaries["level"] == "prefecture") | (
            (boundaries["level"] == "province") & boundaries["region"].isin(("beijing", "tianjin")))
        table = boundaries[city_rows]
        keys = {(row.region, row.city_en): i for i, row in enumerate(table.itertuples())}
        codes = [keys.get((r, c), -1) for r, c in zip(sites["region"].astype(str), sites["city"].astype(str))]
    else:
        table = boundaries[boundaries["level"] == "county"]
        keys = {(row.region, row.city_en, row.name_en): i for i, row in enumerate(table.itertuples())}
        codes = _county_codes(sites, table, keys)
    out = table[["id", "name_en", "name_zh", "region", "city_en", "geometry"]].reset_index(drop=True)
    out["city"] = _city_ids(out, boundaries) if level == "county" else ""
    codes = np.asarray(codes, dtype=np.int64)
    codes.flags.writeable = False
    return Units(level, out, codes)


def _county_codes(sites, counties, keys) -> list[int]:
    """A site's county when certain: named, not city-level, and (for an area) the area inside it."""
    shapes = counties.geometry.to_numpy()
    codes = []
    for region, city, county, precision, shape in zip(
            sites["region"].astype(str), sites["city"].astype(str), sites["county"].astype(str),
            sites["precision"].astype(str), sites.geometry.to_numpy()):
        code = keys.get((region, city, county), -1) if county and precision != CITY_ONLY else -1
        if code >= 0 and shape is not None and shapely.get_type_id(shape) not in (0, 4):  # not a point
            if not shapely.covers(shapes[code].buffer(TOLERANCE_DEG), shape):
                code = -1  # the area reaches beyond the county: which county is not certain
        codes.append(code)
    return codes


def _city_ids(counties: pd.DataFrame, boundaries) -> list[str]:
    cities = boundaries[(boundaries["level"] == "prefecture") | (
        (boundaries["level"] == "province") & boundaries["region"].isin(("beijing", "tianjin")))]
    ids = {(r.region, r.city_en): r.id for r in cities.itertuples()}
    return [ids.get((r.region, r.city_en), "") for r in counties.itertuples()]


def unit_counts(places: PlaceIndex, level: str, mask: np.ndarray) -> pd.DataFrame:
    """Every unit of `level` with its count and whether that count is known: a county's is not
    when it has no site of its own while its city has sites that no county table counts."""
    units = places.levels[level].table
    counts = places.counts(level, mask)
    known = np.ones(len(units), dtype=bool)
    if level == "county":
        city_row = pd.Series(np.arange(len(places.levels["city"])), index=places.levels["city"].table["id"])
        rows = units["city"].map(city_row).fillna(-1).astype(int).to_numpy()
        loose = np.append(places.unplaced(mask), 0)  # row -1: a county without a city unit
        known = (counts > 0) | (loose[rows] == 0)
    return units[["id", "name_en", "name_zh"]].assign(count=counts, known=known)
