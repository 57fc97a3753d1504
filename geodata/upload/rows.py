"""Normalising rows: the seeds/ rules applied to each row, vocabulary labels mapped to keys."""

from __future__ import annotations

import math
import re

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geodata.boundaries import CRS, jjj_outline
from geodata.gcj02 import bd09_to_wgs84, gcj02_to_wgs84
from geodata.layers import EMPTY_SITE, SITE_COLUMNS
from geodata.upload.common import MAX_TEXT, Row
from geodata.upload.messages import Message, message
from geodata.upload.places import Gazetteer, fill_places
from geodata.vocab import Vocabulary

UNKNOWN = "unknown"
DEFAULT_NOTE = "Uploaded by you; not from the curated sources."
DEFAULT_NOTE_ZH = "由你上传，并非来自整理的资料来源。"
PRECISION = "exact"
LOCATED_BY = {"wgs84": "the coordinates in your file (WGS-84)",
              "gcj02": "the coordinates in your file (GCJ-02, converted to WGS-84)",
              "bd09": "the coordinates in your file (BD-09, converted to WGS-84)",
              "area": "the county or district named in your file",
              "city": "the city named in your file (its urban core)"}
LOCATED_BY_ZH = {"wgs84": "你文件中的坐标（WGS-84）",
                 "gcj02": "你文件中的坐标（GCJ-02，已转换为WGS-84）",
                 "bd09": "你文件中的坐标（BD-09，已转换为WGS-84）",
                 "area": "你文件中写明的区县",
                 "city": "你文件中写明的城市（取其市中心）"}
TEXT_FIELDS = ("name_en", "name_zh", "kind", "focus", "status", "note", "county", "city")
_FOCUS_SPLIT = re.compile(r"[;,；，、]")
_TO_WGS84 = {"gcj02": gcj02_to_wgs84, "bd09": bd09_to_wgs84}


def empty_sites() -> gpd.GeoDataFrame:
    columns = {c: pd.Series(dtype=float if c in ("lon", "lat") else object) for c in SITE_COLUMNS}
    return gpd.GeoDataFrame(columns, geometry=gpd.points_from_xy([], []), crs=CRS)


def validate(rows: list[Row], vocab: Vocabulary, boundaries, problems: list[Message], crs: str,
             gazetteer: Gazetteer) -> gpd.GeoDataFrame:
    labels = {c: _label_index(vocab, c) for c in ("kind", "focus", "status")}
    points, placed = [], []
    for row in rows:
        site = _check_row(row, vocab, labels, problems)
        if site is None:
            continue
        if site["lon"] is None:
            if _place_by_name(site, gazetteer, problems):
                placed.append(site)
        else:
            points.append(site)
    if points:
        _convert(points, crs)
        points = _inside(points, boundaries, problems)
        fill_places(points, boundaries)
    good = sorted(points + placed, key=lambda s: s["_row"])
    if not good:
        return empty_sites()
    frame = pd.DataFrame.from_records([[s.get(c, EMPTY_SITE[c]) for c in SITE_COLUMNS] for s in good],
                                      columns=list(SITE_COLUMNS))
    frame["lon"] = frame["lon"].astype(float)
    frame["lat"] = frame["lat"].astype(float)
    geometry = [s.get("_shape") or shapely.Point(s["lon"], s["lat"]) for s in good]
    return gpd.GeoDataFrame(frame, geometry=geometry, crs=CRS)


def _convert(sites: list[dict], crs: str) -> None:
    for site in sites:
        site["located_by"], site["located_by_zh"] = LOCATED_BY[crs], LOCATED_BY_ZH[crs]
    if crs not in _TO_WGS84:
        return
    lon, lat = _TO_WGS84[crs](np.array([s["lon"] for s in sites]), np.array([s["lat"] for s in sites]))
    for site, x, y in zip(sites, np.atleast_1d(lon), np.atleast_1d(lat)):
        site["lon"], site["lat"] = round(float(x), 6), round(float(y), 6)


def _inside(sites: list[dict], boundaries, problems) -> list[dict]:
    lon = np.array([s["lon"] for s in sites])
    lat = np.array([s["lat"] for s in sites])
    outline = jjj_outline(boundaries)
    inside = shapely.contains_xy(outline, lon, lat)
    swapped = shapely.contains_xy(outline, lat, lon)
    for site, ok, hint in zip(sites, inside, swapped):
        if not ok:
            problems.append(message("outside_swapped" if hint else "outside", site["_row"], "lon",
                                    lon=site["lon"], lat=site["lat"]))
    return [s for s, ok in zip(sites, inside) if ok]


def _place_by_name(site: dict, gazetteer: Gazetteer, problems) -> bool:
    """Make a row without coordinates an `area` site of its county or a `city` site; False if not."""
    n, county_name, city_name = site["_row"], site.pop("_county"), site.pop("_city")
    city = gazetteer.city(city_name) if city_name else None
    if city_name and city is None:
        problems.append(message("unknown_city", n, "city", value=city_name))
        return False
    if county_name:
        units = gazetteer.county(county_name, city)
        if not units:
            within = f" ({city.city_zh})" if city else ""
            problems.append(message("unknown_county", n, "county", value=county_name, within=within))
            return False
        if len(units) > 1:
            names = ", ".join(f"{u.county_zh} ({u.city_zh})" for u in units)
            problems.append(message("ambiguous_county", n, "county", value=county_name, n=len(units),
                                    candidates=names))
            return False
        unit = units[0]
        point = shapely.point_on_surface(unit.geometry)
        site.update(precision="area", area=unit.id, place=unit.id, _shape=unit.geometry,
                    lon=round(point.x, 5), lat=round(point.y, 5), located_by=LOCATED_BY["area"],
                    located_by_zh=LOCATED_BY_ZH["area"])
    else:
        core = gazetteer.cores.get(city.city)
        if core is None:
            problems.append(message("no_city_core", n, "city", value=city_name))
            return False
        unit = city
        site.update(precision="city", place="city:" + city.city, lon=core[0], lat=core[1],
                    located_by=LOCATED_BY["city"], located_by_zh=LOCATED_BY_ZH["city"])
    site.update(region=unit.region, city=unit.city, city_zh=unit.city_zh, county=unit.county,
                county_zh=unit.county_zh)
    return True


def _check_row(row: Row, vocab: Vocabulary, labels, problems) -> dict | None:
    n = row.number
    fields = {f: _clip(row.fields.get(f, "")) for f in TEXT_FIELDS}
    lon_text, lat_text = row.fields.get("lon", "").strip(), row.fields.get("lat", "").strip()
    before = len(problems)
    if lon_text or lat_text or not (fields["county"] or fields["city"]):
        lon = _number(lon_text, "lon", -180, 180, n, problems)
        lat = _number(lat_text, "lat", -180, 180, n, problems)  # swapped: hinted below
    else:
        lon = lat = None  # placed by its county or city
    name_en = fields["name_en"] or fields["name_zh"]
    name_zh = fields["name_zh"] or fields["name_en"]
    if not name_en:
        problems.append(message("required", n, "name"))
    if len(problems) > before:
        return None
    kind = _term(fields["kind"], "kind", vocab, labels, n, problems)
    status = _term(fields["status"], "status", vocab, labels, n, problems)
    focus = _focus(fields["focus"], vocab, labels, n, problems)
    note = fields["note"]
    return {
        "_row": n, "_county": fields["county"], "_city": fields["city"],
        "id": f"upload-{n}", "name_en": name_en, "name_zh": name_zh,
        "kind": kind or UNKNOWN, "focus": focus, "status": status or UNKNOWN,
        "plans": (), "zones": (), "region": "", "city": "", "city_zh": "", "county": "",
        "county_zh": "", "lon": lon, "lat": lat, "precision": PRECISION,
        "area": "", "area_en": "", "area_zh": "", "located_by": "", "located_by_zh": "",
        "same_place_as": "",
        "place": "", "inferred": (),
        "sources": (), "note": note or DEFAULT_NOTE, "note_zh": "" if note else DEFAULT_NOTE_ZH,
    }


def _number(raw: str, field: str, low: float, high: float, n: int, problems) -> float | None:
    if not raw:
        problems.append(message("required", n, field))
        return None
    try:
        value = float(raw)
    except ValueError:
        problems.append(message("not_number", n, field, value=raw[:40]))
        return None
    if not math.isfinite(value) or not low <= value <= high:
        problems.append(message("out_of_range", n, field, value=raw[:40], low=low, high=high))
        return None
    return value


def _label_index(vocab: Vocabulary, category: str) -> dict[str, str]:
    """casefolded key / English label / Chinese label -> key (keys win over labels)."""
    index = {}
    for key in vocab.keys(category):
        term = vocab.term(category, key)
        for label in (term.en, term.zh):
            index.setdefault(_fold(label), key)
    for key in vocab.keys(category):
        index[_fold(key)] = key
    return index


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _term(raw: str, category: str, vocab, labels, n, problems) -> str:
    """The key the text names, '' when empty, or '' with a problem when it is not known."""
    if not raw:
        return ""
    key = labels[category].get(_fold(raw))
    if key is None:
        problems.append(message(f"unknown_{category}", n, category, value=raw[:80],
                                known=", ".join(vocab.keys(category))))
        return ""
    return key


def _focus(raw: str, vocab, labels, n, problems) -> tuple[str, ...]:
    keys = []
    for item in (i.strip() for i in _FOCUS_SPLIT.split(raw)):
        if not item:
            continue
        key = labels["focus"].get(_fold(item))
        if key is None:
            problems.append(message("unknown_focus", n, "focus", value=item[:80],
                                    known=", ".join(vocab.keys("focus"))))
        else:
            keys.append(key)
    return tuple(dict.fromkeys(keys))


def _clip(text: str) -> str:
    text = text.strip()
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"
