"""Normalising rows: the seeds/ rules applied to each row, vocabulary labels mapped to keys."""

from __future__ import annotations

import re

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geodata.boundaries import CRS, jjj_outline
from geodata.layers import SITE_COLUMNS
from geodata.load import parse_cell
from geodata.schema import SITES
from geodata.upload.common import MAX_TEXT, Row
from geodata.upload.places import fill_places
from geodata.vocab import Vocabulary

UNKNOWN = "unknown"
DEFAULT_NOTE = "Uploaded by you; not from the curated sources."
DEFAULT_NOTE_ZH = "由你上传，并非来自整理的资料来源。"
PRECISION = "exact"
TEXT_FIELDS = ("name_en", "name_zh", "kind", "focus", "status", "note")
_COLUMN = {c.name: c for c in SITES.columns}  # the seeds/ rules for the fields uploads share
_FOCUS_SPLIT = re.compile(r"[;,；，、]")


def empty_sites() -> gpd.GeoDataFrame:
    columns = {c: pd.Series(dtype=float if c in ("lon", "lat") else object) for c in SITE_COLUMNS}
    return gpd.GeoDataFrame(columns, geometry=gpd.points_from_xy([], []), crs=CRS)


def validate(rows: list[Row], vocab: Vocabulary, boundaries, problems) -> gpd.GeoDataFrame:
    labels = {c: _label_index(vocab, c) for c in ("kind", "focus", "status")}
    good = []
    for row in rows:
        site = _check_row(row, vocab, labels, problems)
        if site is not None:
            good.append(site)
    if not good:
        return empty_sites()
    lon = np.array([s["lon"] for s in good])
    lat = np.array([s["lat"] for s in good])
    outline = jjj_outline(boundaries)
    inside = shapely.contains_xy(outline, lon, lat)
    swapped = shapely.contains_xy(outline, lat, lon)
    for site, ok, hint in zip(good, inside, swapped):
        if not ok:
            n = site["_row"]
            problems.append((n, f"row {n}: lon: ({site['lon']}, {site['lat']}) lies outside "
                                "Beijing, Tianjin and Hebei"
                                + (" (are longitude and latitude swapped?)" if hint else "")))
    good = [s for s, ok in zip(good, inside) if ok]
    if not good:
        return empty_sites()
    fill_places(good, boundaries)
    frame = pd.DataFrame.from_records([[s[c] for c in SITE_COLUMNS] for s in good],
                                      columns=list(SITE_COLUMNS))
    frame["lon"] = frame["lon"].astype(float)
    frame["lat"] = frame["lat"].astype(float)
    return gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame["lon"], frame["lat"]), crs=CRS)


def _check_row(row: Row, vocab: Vocabulary, labels, problems) -> dict | None:
    n = row.number
    fields = {f: _clip(row.fields.get(f, "")) for f in TEXT_FIELDS}
    bad = False

    def report(field):
        def add(message):
            nonlocal bad
            bad = True
            problems.append((n, f"row {n}: {field}: {message}"))
        return add

    lon = parse_cell(row.fields.get("lon", "").strip(), _COLUMN["lon"], None, report("lon"))
    lat = parse_cell(row.fields.get("lat", "").strip(), _COLUMN["lat"], None, report("lat"))
    name_en = fields["name_en"] or fields["name_zh"]
    name_zh = fields["name_zh"] or fields["name_en"]
    if not name_en:
        parse_cell("", _COLUMN["name_en"], None, report("name"))
    if bad:
        return None
    kind = _term(fields["kind"], "kind", vocab, labels, n, problems, "the site is kept as unknown")
    status = _term(fields["status"], "status", vocab, labels, n, problems,
                   "the site is kept with status unknown")
    focus = _focus(fields["focus"], vocab, labels, n, problems)
    note = fields["note"]
    return {
        "_row": n, "id": f"upload-{n}", "name_en": name_en, "name_zh": name_zh,
        "kind": kind or UNKNOWN, "focus": focus, "status": status or UNKNOWN,
        "plans": (), "zones": (), "region": "", "city": "", "city_zh": "", "county": "",
        "county_zh": "", "lon": float(lon), "lat": float(lat), "precision": PRECISION,
        "sources": (), "note": note or DEFAULT_NOTE, "note_zh": "" if note else DEFAULT_NOTE_ZH,
    }


def _label_index(vocab: Vocabulary, category: str) -> dict[str, str]:
    """casefolded key / English label / Chinese label -> key (keys win over labels)."""
    index = {}
    for key in vocab.keys(category):
        term = vocab.term(category, key)
        for text in (term.en, term.zh):
            index.setdefault(_fold(text), key)
    for key in vocab.keys(category):
        index[_fold(key)] = key
    return index


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _term(raw: str, category: str, vocab, labels, n, problems, kept: str) -> str:
    """The key the text names, '' when empty, or '' with a problem when it is not known."""
    if not raw:
        return ""
    key = labels[category].get(_fold(raw), raw)
    messages = []
    parse_cell(key, _COLUMN[category], vocab, messages.append)
    for message in messages:
        problems.append((n, f"row {n}: {category}: {message}; {kept}"))
    return "" if messages else key


def _focus(raw: str, vocab, labels, n, problems) -> tuple[str, ...]:
    items = [i.strip() for i in _FOCUS_SPLIT.split(raw) if i.strip()]
    keys = [labels["focus"].get(_fold(i), i) for i in items]
    messages = []
    if keys:
        parse_cell(";".join(keys), _COLUMN["focus"], vocab, messages.append)
    for message in messages:
        problems.append((n, f"row {n}: focus: {message}; the term is left out"))
    return tuple(dict.fromkeys(k for k in keys if vocab.has("focus", k)))


def _clip(text: str) -> str:
    text = text.strip()
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"
