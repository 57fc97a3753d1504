"""The URL is the view: query parameters <-> filter, selected site, language, basemap, map view.

Pure functions (no Streamlit): `parse` turns raw parameters into a ViewState plus the names of the
parameters it had to drop, `to_params` turns a ViewState back into canonical parameters.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from geodata.near import parse_km, parse_point
from geodata.query import CHOICE_FIELDS, Filter, filter_params
from geodata.stats import LEVELS, SPLITS

LIST_PARAMS = CHOICE_FIELDS  # each choice field of the filter is a repeatable parameter
SCALAR_PARAMS = (*(f for f in Filter.__dataclass_fields__ if f not in CHOICE_FIELDS),  # year, q
                 "site", "area", "lang", "basemap", "lat", "lon", "zoom", "present", "upload")
# The analysis (issue 12): statistics by place, what is near, comparison, chain coverage.
ANALYSIS_PARAMS = ("stats", "split", "near", "within", "compare", "chain")
MAX_COMPARE = 3
KNOWN = frozenset(LIST_PARAMS + SCALAR_PARAMS + ANALYSIS_PARAMS)
DEFAULT_LANG = "en"
DEFAULT_BASEMAP = "osm"
YEARS = (1990, 2100)
MAX_Q = 200
# A view must look at Jing-Jin-Ji or near it; anything else is a typo or a hostile link.
LAT_RANGE, LON_RANGE, ZOOM_RANGE = (30.0, 50.0), (105.0, 130.0), (4, 18)


@dataclass(frozen=True)
class Analysis:
    """What the analysis shows: `stats` level (region|city|county; also the map's choropleth),
    `split` (kind|focus|status), `near` (site id or 'lat,lon') and `within` (km), up to three
    places to `compare` (zone or boundary unit ids), and the chain matrix (`chain`)."""

    stats: str | None = None
    split: str | None = None
    near: str | None = None
    within: float | None = None
    compare: tuple[str, ...] = ()
    chain: bool = False


@dataclass(frozen=True)
class ViewState:
    filter: Filter = field(default_factory=Filter)
    site: str | None = None
    lang: str = DEFAULT_LANG
    basemap: str = DEFAULT_BASEMAP
    lat: float | None = None
    lon: float | None = None
    zoom: int | None = None
    analysis: Analysis = field(default_factory=Analysis)
    present: bool = False  # presentation mode: map and card fill the screen (present=1)
    area: str | None = None  # a badge's place opened in the side panel (an area id or "city:X")
    # The view held sites uploaded from a file (upload=1). The file itself lives in one server
    # session only: a session that starts without it says so (components/lost_upload.py).
    upload: bool = False

    @property
    def has_view(self) -> bool:
        return self.lat is not None and self.lon is not None and self.zoom is not None


@dataclass(frozen=True)
class Options:
    """What may appear in a URL: the values the data and vocabulary actually have."""

    lists: dict[str, frozenset[str]]
    sites: frozenset[str]
    basemaps: tuple[str, ...]
    years: frozenset[int] = frozenset()  # years a plan runs in; empty: any year in YEARS
    langs: tuple[str, ...] = ("en", "zh")
    places: frozenset[str] = frozenset()  # what `compare` may name: zones, cities, counties
    badge_places: frozenset[str] = frozenset()  # what `area` may name: the places of badges


def parse(params: dict[str, list[str]], options: Options) -> tuple[ViewState, list[str]]:
    """The view a URL asks for, and the parameters (as `name=value`) it had to leave out."""
    dropped: list[str] = [f"{_printable(k)}" for k in params if k not in KNOWN]
    lists = {name: _list_param(name, params.get(name, []), options.lists[name], dropped)
             for name in LIST_PARAMS}
    year = _scalar(params, "year", dropped,
                   lambda v: y if (y := _whole(v, YEARS)) is not None and (not options.years or y in options.years)
                   else None)
    q = _scalar(params, "q", dropped, _search_text) or ""
    flt = Filter(**lists, year=year, q=q)
    site = _scalar(params, "site", dropped, lambda v: v if v in options.sites else None)
    area = _scalar(params, "area", dropped, lambda v: v if v in options.badge_places else None)
    lang = _scalar(params, "lang", dropped, lambda v: v if v in options.langs else None)
    basemap = _scalar(params, "basemap", dropped, lambda v: v if v in options.basemaps else None)
    lat, lon, zoom = map_view(params, dropped)
    analysis = parse_analysis(params, options, dropped)
    present = _scalar(params, "present", dropped, lambda v: {"1": True, "0": False}.get(v))
    upload = _scalar(params, "upload", dropped, lambda v: {"1": True, "0": False}.get(v))
    return ViewState(flt, site, lang or DEFAULT_LANG, basemap or DEFAULT_BASEMAP, lat, lon, zoom,
                     analysis, bool(present), area=area, upload=bool(upload)), dropped


def parse_analysis(params: dict[str, list[str]], options: Options, dropped: list[str]) -> Analysis:
    stats = _scalar(params, "stats", dropped, lambda v: v if v in LEVELS else None)
    split = _scalar(params, "split", dropped, lambda v: v if v in SPLITS else None)
    near = _scalar(params, "near", dropped,
                   lambda v: v if v in options.sites or parse_point(v) is not None else None)
    within = _scalar(params, "within", dropped, parse_km)
    compare = _list_param("compare", params.get("compare", []), options.places, dropped)
    for extra in compare[MAX_COMPARE:]:
        dropped.append(f"compare={_printable(extra)}")
    chain = _scalar(params, "chain", dropped, lambda v: v if v in ("0", "1") else None)
    return Analysis(stats, split, near, within, compare[:MAX_COMPARE], chain == "1")


def map_view(params: dict[str, list[str]], dropped: list[str] | None = None) -> tuple:
    """(lat, lon, zoom) from the parameters, or three Nones: a partial view cannot be restored."""
    dropped = [] if dropped is None else dropped
    lat = _scalar(params, "lat", dropped, lambda v: _number(v, LAT_RANGE))
    lon = _scalar(params, "lon", dropped, lambda v: _number(v, LON_RANGE))
    zoom = _scalar(params, "zoom", dropped, lambda v: _whole(v, ZOOM_RANGE))
    if None in (lat, lon, zoom):
        dropped += [n for n, v in (("lat", lat), ("lon", lon), ("zoom", zoom)) if v is not None]
        return None, None, None
    return lat, lon, zoom


def with_position(view: ViewState, lat, lon, zoom) -> ViewState:
    """The view with the map's reported centre and zoom, rounded as the URL carries them (4
    decimals: ~10 m) and kept within the ranges a URL may hold (so the link reopens it)."""
    try:
        lat, lon, zoom = float(lat), float(lon), int(round(float(zoom)))
    except (TypeError, ValueError):
        return view
    if not all(map(math.isfinite, (lat, lon))):
        return view
    clamp = lambda v, r: min(max(v, r[0]), r[1])  # noqa: E731
    return replace(view, lat=round(clamp(lat, LAT_RANGE), 4), lon=round(clamp(lon, LON_RANGE), 4),
                   zoom=int(clamp(zoom, ZOOM_RANGE)))


SAME_PLACE_DEG = 0.005  # at most half the ±0.01° a reopened link may differ by (issue #11)


def same_position(a: ViewState, b: ViewState) -> bool:
    """Both views show the same map to the eye: same zoom, centres within one screen pixel (and
    SAME_PLACE_DEG). A map that restores a position reports it back a fraction of a pixel off
    (Leaflet recomputes its centre from whole pixels after a resize); taking that as a move made
    restored links drift."""
    if not (a.has_view and b.has_view) or a.zoom != b.zoom:
        return False
    pixel = 360.0 / (256 * 2 ** a.zoom)  # degrees of longitude per pixel at this zoom
    return abs(a.lon - b.lon) <= min(pixel, SAME_PLACE_DEG) \
        and abs(a.lat - b.lat) <= min(pixel * math.cos(math.radians(a.lat)), SAME_PLACE_DEG)


def to_params(view: ViewState) -> dict[str, list[str] | str]:
    """Canonical parameters: only what differs from the default, lists in a stable order."""
    out = filter_params(view.filter)
    if view.site:
        out["site"] = view.site
    if view.area:
        out["area"] = view.area
    if view.lang != DEFAULT_LANG:
        out["lang"] = view.lang
    if view.basemap != DEFAULT_BASEMAP:
        out["basemap"] = view.basemap
    if view.present:
        out["present"] = "1"
    if view.upload:
        out["upload"] = "1"
    if view.has_view:
        out.update(lat=f"{view.lat:.4f}", lon=f"{view.lon:.4f}", zoom=str(view.zoom))
    out.update(analysis_params(view.analysis))
    return out


def analysis_params(analysis: Analysis) -> dict[str, list[str] | str]:
    out: dict[str, list[str] | str] = {}
    for name in ("stats", "split", "near"):
        if getattr(analysis, name):
            out[name] = getattr(analysis, name)
    if analysis.within is not None:
        out["within"] = f"{analysis.within:g}"
    if analysis.compare:
        out["compare"] = list(analysis.compare)  # in the order chosen: it is the columns' order
    if analysis.chain:
        out["chain"] = "1"
    return out


def _list_param(name, values, allowed, dropped) -> tuple[str, ...]:
    kept = []
    for value in values:
        if value == "":
            continue  # `?focus=` clears the field, like Streamlit's own bound widgets
        if value in allowed and value not in kept:
            kept.append(value)
        elif value not in allowed:
            dropped.append(f"{name}={_printable(value)}")
    return tuple(kept)


def _scalar(params, name, dropped, convert):
    values = [v for v in params.get(name, []) if v != ""]
    if not values:
        return None
    value = convert(values[0])
    if value is None:
        dropped.append(f"{name}={_printable(values[0])}")
    for extra in values[1:]:
        if extra != values[0]:
            dropped.append(f"{name}={_printable(extra)}")
    return value


def _whole(text: str, bounds: tuple[int, int]) -> int | None:
    """A whole number within `bounds` (inclusive), or None."""
    try:
        value = int(text)
    except ValueError:
        return None
    return value if bounds[0] <= value <= bounds[1] else None


def _search_text(text: str) -> str | None:
    text = text.strip()
    return text if 0 < len(text) <= MAX_Q and text.isprintable() else None


def _number(text: str, bounds: tuple[float, float]) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    if not math.isfinite(value) or not bounds[0] <= value <= bounds[1]:
        return None
    return round(value, 4)


def _printable(text: str, limit: int = 40) -> str:
    """A parameter as it can be shown back to the user: bounded and printable."""
    text = "".join(c if c.isprintable() else "?" for c in str(text))
    return text if len(text) <= limit else text[: limit - 1] + "…"
