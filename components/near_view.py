"""What is near: choose a site or a point and a radius; the sites within, nearest first."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import streamlit as st

from components.analysis_data import NearResult, point_index
from components.data import Catalog
from components.i18n import name, t
from components.text import md_escape
from geodata.near import DEFAULT_KM, KM_RANGE, PointIndex, parse_point

MAX_CHOICES = 200
MAX_ROWS = 300  # the nearest first; the Sites page and its downloads list every one


def near_frame(sites, vocab, near: NearResult, mask: np.ndarray, lang: str,
               limit: int | None = None) -> pd.DataFrame:
    """The sites `mask` keeps within the radius, nearest first (the first `limit`): id, name, kind, km."""
    rows = np.flatnonzero(mask & near.mask)
    rows = rows[np.argsort(near.distance[rows], kind="stable")][:limit]
    picked = sites.iloc[rows]
    kinds = {k: vocab.label("kind", k, lang) for k in vocab.keys("kind")}
    return pd.DataFrame({
        "id": picked["id"].to_numpy(),
        t("col_name", lang): display_names(picked, lang),
        t("col_kind", lang): [kinds.get(k, k) for k in picked["kind"].astype(str)],
        t("col_km", lang): np.round(near.distance[rows], 2),
    })


def display_names(sites, lang: str) -> np.ndarray:
    """Names in the chosen language, the other one where it is missing (vectorised `name`)."""
    first, second = ("name_zh", "name_en") if lang == "zh" else ("name_en", "name_zh")
    primary = sites[first].astype(str).to_numpy()
    return np.where(primary != "", primary, sites[second].astype(str).to_numpy())


def area_sites_reaching(points: PointIndex, sites, near: NearResult, mask: np.ndarray,
                        lang: str) -> tuple[list[str], int]:
    reach = np.flatnonzero(points.areas_reaching(near.centre, near.km, mask))
    return list(display_names(sites.iloc[reach[:20]], lang)), len(reach)


def render_near(catalog: Catalog, mask, near: NearResult | None, view, open_site) -> None:
    lang, analysis = view.lang, view.analysis
    layers, points = catalog.layers, point_index(catalog)
    sites, known = layers.sites, points.known
    centre_is_point = bool(analysis.near) and parse_point(analysis.near) is not None
    st.session_state["near_mode"] = "point" if centre_is_point else "site"
    st.session_state["near_km"] = float(analysis.within or DEFAULT_KM)
    mode = st.radio(t("near_centre", lang), ["site", "point"], key="near_mode", horizontal=True,
                    format_func=lambda k: t(f"near_{k}", lang))
    left, right = st.columns([3, 1])
    if mode == "site":
        rows = np.flatnonzero(mask & known)[:MAX_CHOICES]
        current = analysis.near if analysis.near and not centre_is_point else None
        if current:
            rows = np.concatenate([np.flatnonzero(sites["id"].to_numpy() == current), rows])
        picked = sites.iloc[rows]
        labels = dict(zip(picked["id"], display_names(picked, lang)))
        options = list(labels)
        st.session_state["near_site"] = current
        left.selectbox(t("near_site", lang), options=[None, *options], key="near_site",
                       format_func=lambda i: "—" if i is None else labels.get(i, i),
                       on_change=_on_near_site, placeholder="—")
    else:
        st.session_state["near_point"] = analysis.near if centre_is_point else ""
        left.text_input(t("near_point", lang), key="near_point", help=t("near_point_help", lang),
                        on_change=_on_near_point, placeholder="39.9087, 116.3975")
    right.number_input(t("near_within", lang), min_value=KM_RANGE[0], max_value=KM_RANGE[1],
                       step=1.0, key="near_km", on_change=_on_within)
    bad = st.session_state.pop("near_bad_point", None)
    if bad:
        st.error(t("near_bad_point", lang, text=bad[:60]))
    if analysis.near and near is None:  # a site without a known point
        rows = sites[sites["id"] == analysis.near]
        if len(rows):
            site = rows.iloc[0]
            what = t("near_what_city" if site["precision"] == "city" else "near_what_area", lang)
            st.warning(t("near_no_point", lang, name=name(site, lang), what=what))
        return
    if near is None:
        st.caption(t("near_pick", lang))
        return
    frame = near_frame(sites, layers.vocab, near, mask, lang, MAX_ROWS)
    total = int((mask & near.mask).sum())
    st.markdown(t("near_found", lang, n=total, km=near.km, centre=md_escape(near.label)))
    if total > len(frame):
        st.caption(t("near_more", lang, n=len(frame)))
    if len(frame):
        event = st.dataframe(frame, hide_index=True, width="stretch", key="near_table",
                             column_order=list(frame.columns[1:]),  # the id opens, not shown
                             on_select="rerun", selection_mode="single-row",
                             height=min(420, 38 + 35 * len(frame)))
        chosen = event.selection.rows if event and event.selection else []
        if chosen:
            open_site(str(frame["id"].iloc[chosen[0]]))
    names, count = area_sites_reaching(points, sites, near, mask, lang)
    if count:
        st.caption(t("near_areas", lang, n=count, km=near.km, names="; ".join(names) +
                     (" …" if count > len(names) else "")))
    st.caption(t("near_city_sites", lang))


def _set(**changes) -> None:
    state = st.session_state
    state["view"] = replace(state["view"], analysis=replace(state["view"].analysis, **changes))


def _on_near_site() -> None:
    _set(near=st.session_state.get("near_site") or None)


def _on_near_point() -> None:
    text = str(st.session_state.get("near_point") or "").strip()
    point = parse_point(text)
    if point is None and text:
        st.session_state["near_bad_point"] = text
        return
    _set(near=f"{point[0]:.5f},{point[1]:.5f}" if point else None)


def _on_within() -> None:
    km = float(st.session_state.get("near_km") or DEFAULT_KM)
    _set(within=None if km == DEFAULT_KM else km)
