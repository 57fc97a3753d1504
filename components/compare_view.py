"""Two or three places side by side: their matching sites by kind, focus and status, their plans
and targets, and a small map of each (an SVG outline with the sites that have a point)."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
import streamlit as st

from components.analysis_data import place_index, point_index
from components.compare_data import MAP_SIZE, CompareData, Outline, compare_data
from components.data import Catalog
from components.i18n import in_lang, name, t
from components.text import md_escape
from components.url_state import MAX_COMPARE
from geodata.layers import Layers

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


def build_column(place, layers: Layers, data: CompareData, places, index, points,
                 mask: np.ndarray, lang: str) -> ComparedPlace:
    """`place`: a row of the comparable places (id, name_en, name_zh, level)."""
    vocab = layers.vocab
    keep = mask & place_mask(place.id, place.level, places)

    def counted(field: str) -> tuple[tuple[str, int], ...]:
        counts = index.columns[field].counts(keep)
        return tuple((vocab.label(field, k, lang), n) for k in vocab.keys(field) if (n := counts.get(k)))

    # a unit may also be a zone with plans; then the plans of its matching sites
    plan_ids = dict.fromkeys([*data.zone_plans.get(place.id, ()), *index.columns["plan"].counts(keep)])
    names = data.plan_names[lang]
    # figures about the place itself or about one of its matching sites
    rows = data.target_rows
    about = (layers.targets["subject"].to_numpy() == place.id) | ((rows >= 0) & keep[np.maximum(rows, 0)])
    target_lines = tuple(
        f"{in_lang(r.metric_en, r.metric_zh, lang)}: "
        f"{vocab.label('comparator', r.comparator, lang)} {r.value:g} "
        f"{in_lang(r.unit_en, r.unit_zh, lang)}{f' ({int(r.year)})' if pd.notna(r.year) else ''}"
        for r in layers.targets[about].itertuples())
    lat, lon = np.degrees(points.lat[keep & points.known]), np.degrees(points.lon[keep & points.known])
    return ComparedPlace(
        id=place.id, title=name(place._asdict(), lang), level=place.level, count=int(keep.sum()),
        kinds=counted("kind"), focus=counted("focus"), status=counted("status"),
        plans=tuple(names[p] for p in plan_ids if p in names),
        targets=target_lines, svg=mini_map(data.outlines.get(place.id), lon, lat))


def mini_map(frame: Outline | None, lon: np.ndarray, lat: np.ndarray, size: int = MAP_SIZE) -> str:
    """An SVG of the outline and a dot per occupied raster cell (nothing from data goes in as text)."""
    if frame is None:
        return ""
    sx, sy = frame.xy(lon, lat)
    cell = size / GRID
    cells = set(zip((sx / cell).astype(int).tolist(), (sy / cell).astype(int).tolist()))
    dots = "".join(f'<circle cx="{(a + 0.5) * cell:.1f}" cy="{(b + 0.5) * cell:.1f}" r="1.9"/>'
                   for a, b in sorted(cells))
    w, h = frame.width, frame.height
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{w:.0f}" height="{h:.0f}" '
            f'viewBox="0 0 {w:.0f} {h:.0f}" role="img"><path d="{frame.path}" fill="#fdebd7" '
            f'stroke="#a65628" stroke-width="1.2" fill-rule="evenodd"/>'
            f'<g fill="#b2182b" fill-opacity="0.8" stroke="#fff" stroke-width="0.6">{dots}</g></svg>')


def render_compare(catalog: Catalog, mask: np.ndarray, view) -> None:
    lang, analysis = view.lang, view.analysis
    data = compare_data(catalog)
    labels = data.labels(lang)
    st.session_state["compare_pick"] = list(analysis.compare)
    st.multiselect(t("compare_pick", lang), options=list(labels), key="compare_pick",
                   format_func=lambda i: labels.get(i, i), max_selections=MAX_COMPARE,
                   help=t("compare_help", lang), on_change=_on_compare, placeholder="—")
    if len(analysis.compare) < 2:
        st.caption(t("compare_hint", lang))
    if not analysis.compare:
        return
    table = data.places.set_index("id", drop=False)
    chosen = [r for r in table.loc[list(analysis.compare)].itertuples(index=False)]
    places, points = place_index(catalog), point_index(catalog)
    columns = st.columns(len(chosen))
    for slot, place in zip(columns, chosen):
        with slot, st.container(border=True):
            render_column(build_column(place, catalog.layers, data, places, catalog.index, points,
                                       mask, lang), lang)
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
