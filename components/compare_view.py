"""Two or three places side by side: their matching sites by kind, focus and status, their plans
and targets, and a small map of each (an SVG outline with the sites that have a point)."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
import shapely
import streamlit as st

from components.i18n import in_lang, name, t
from components.text import md_escape
from components.url_state import MAX_COMPARE
from geodata.layers import Layers

MAP_SIZE = 220
GRID = 56  # the small map draws one dot per occupied cell of a GRID x GRID raster: bounded size


@dataclass(frozen=True)
class ComparedPlace:
    """One place of the comparison, as its column shows it."""

    id: str
    title: str
    level: str
    count: int
    kinds: tuple[tuple[str, int], ...]
    focus: tuple[tuple[str, int], ...]
    status: tuple[tuple[str, int], ...]
    plans: tuple[str, ...]
    targets: tuple[str, ...]
    svg: str


def place_mask(place_id: str, level: str, places) -> np.ndarray:
    if level == "zone":
        return places.zones.get(place_id, np.zeros(len(places.levels["city"].codes), dtype=bool))
    units = places.levels[level]
    row = np.flatnonzero(units.table["id"].to_numpy() == place_id)
    return units.codes == (row[0] if len(row) else -2)


def place_shape(place_id: str, level: str, layers: Layers, places):
    if level == "zone":
        rows = layers.zones[layers.zones["id"] == place_id]
    else:
        table = places.levels[level].table
        rows = table[table["id"] == place_id]
    return rows.geometry.iloc[0] if len(rows) else None


def build_column(place: pd.Series, layers: Layers, places, index, points, mask: np.ndarray,
                 lang: str) -> ComparedPlace:
    vocab = layers.vocab
    keep = mask & place_mask(place["id"], place["level"], places)

    def counted(field: str) -> tuple[tuple[str, int], ...]:
        counts = index.columns[field].counts(keep)
        return tuple((vocab.label(field, k, lang), n) for k in vocab.keys(field) if (n := counts.get(k)))

    plan_ids = list(index.columns["plan"].counts(keep))
    zone = layers.zones[layers.zones["id"] == place["id"]]  # a unit may also be a zone with plans
    if len(zone):
        plan_ids = list(dict.fromkeys([*zone["plans"].iloc[0], *plan_ids]))
    plans = layers.plans.set_index("id")
    wanted = {place["id"], *index.ids[keep]}  # figures about the place itself or one of its sites
    targets = layers.targets[[str(s) in wanted for s in layers.targets["subject"].tolist()]]
    target_lines = tuple(
        f"{in_lang(r.metric_en, r.metric_zh, lang)}: "
        f"{vocab.label('comparator', r.comparator, lang)} {r.value:g} "
        f"{in_lang(r.unit_en, r.unit_zh, lang)}{f' ({int(r.year)})' if pd.notna(r.year) else ''}"
        for r in targets.itertuples())
    shape = place_shape(place["id"], place["level"], layers, places)
    lat, lon = np.degrees(points.lat[keep & points.known]), np.degrees(points.lon[keep & points.known])
    return ComparedPlace(
        id=place["id"], title=name(place, lang), level=place["level"], count=int(keep.sum()),
        kinds=counted("kind"), focus=counted("focus"), status=counted("status"),
        plans=tuple(name(plans.loc[p], lang) for p in plan_ids if p in plans.index),
        targets=target_lines, svg=mini_map(shape, lon, lat))


def mini_map(shape, lon: np.ndarray, lat: np.ndarray, size: int = MAP_SIZE) -> str:
    """An SVG of the outline and a dot per occupied raster cell (nothing from data goes in as text)."""
    if shape is None or shape.is_empty:
        return ""
    x0, y0, x1, y1 = shape.bounds
    scale_x = np.cos(np.radians((y0 + y1) / 2))  # keep the shape's proportions
    width, height = max((x1 - x0) * scale_x, 1e-6), max(y1 - y0, 1e-6)
    k = (size - 12) / max(width, height)

    def xy(x, y):
        return 6 + (np.asarray(x) - x0) * scale_x * k, 6 + (y1 - np.asarray(y)) * k

    paths = []
    for polygon in getattr(shape, "geoms", [shape]):
        for ring in [polygon.exterior, *polygon.interiors] if hasattr(polygon, "exterior") else []:
            sx, sy = xy(*np.asarray(shapely.simplify(ring, (x1 - x0) / 400).coords).T)
            paths.append("M" + "L".join(f"{a:.1f},{b:.1f}" for a, b in zip(sx, sy)) + "Z")
    sx, sy = xy(lon, lat)
    cell = size / GRID
    cells = {(int(a / cell), int(b / cell)) for a, b in zip(sx, sy)}
    dots = "".join(f'<circle cx="{(a + 0.5) * cell:.1f}" cy="{(b + 0.5) * cell:.1f}" r="1.9"/>'
                   for a, b in sorted(cells))
    w, h = 12 + width * k, 12 + height * k
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{w:.0f}" height="{h:.0f}" '
            f'viewBox="0 0 {w:.0f} {h:.0f}" role="img"><path d="{" ".join(paths)}" fill="#fdebd7" '
            f'stroke="#a65628" stroke-width="1.2" fill-rule="evenodd"/>'
            f'<g fill="#b2182b" fill-opacity="0.8" stroke="#fff" stroke-width="0.6">{dots}</g></svg>')


def render_compare(layers: Layers, places_table, places, index, points, mask, view) -> None:
    lang, analysis = view.lang, view.analysis
    labels = {r.id: f"{r.name_zh if lang == 'zh' else r.name_en} · {t('compare_level_' + r.level, lang)}"
              for r in places_table.itertuples()}
    st.session_state["compare_pick"] = list(analysis.compare)
    st.multiselect(t("compare_pick", lang), options=list(places_table["id"]), key="compare_pick",
                   format_func=lambda i: labels.get(i, i), max_selections=MAX_COMPARE,
                   help=t("compare_help", lang), on_change=_on_compare, placeholder="—")
    if len(analysis.compare) < 2:
        st.caption(t("compare_hint", lang))
    if not analysis.compare:
        return
    chosen = places_table.set_index("id").loc[list(analysis.compare)].reset_index()
    columns = st.columns(len(chosen))
    for slot, (_, place) in zip(columns, chosen.iterrows()):
        with slot, st.container(border=True):
            render_column(build_column(place, layers, places, index, points, mask, lang), lang)
    st.caption(t("compare_map_note", lang))


def render_column(column: ComparedPlace, lang: str) -> None:
    st.markdown(f"**{md_escape(column.title)}** · {t('compare_level_' + column.level, lang)}")
    st.caption(t("compare_sites", lang, n=column.count))
    if column.svg:  # an SVG image (st.html would sanitise the SVG away)
        st.image(column.svg)
    for key, items in (("compare_kinds", column.kinds), ("compare_focus", column.focus),
                       ("compare_status", column.status)):
        lines = [f"- {md_escape(label)}: {n}" for label, n in items] or [f"- {t('compare_none', lang)}"]
        st.markdown(f"**{t(key, lang)}**\n" + "\n".join(lines))
    for key, items in (("compare_plans", column.plans), ("compare_targets", column.targets)):
        lines = [f"- {md_escape(item)}" for item in items] or [f"- {t('compare_none', lang)}"]
        st.markdown(f"**{t(key, lang)}**\n" + "\n".join(lines))


def _on_compare() -> None:
    state = st.session_state
    picked = tuple(state.get("compare_pick") or ())[:MAX_COMPARE]
    state["view"] = replace(state["view"], analysis=replace(state["view"].analysis, compare=picked))
