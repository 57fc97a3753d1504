"""The sites table (labels in the chosen language) and the download buttons."""

from __future__ import annotations

import functools

import pandas as pd
import streamlit as st

from components.citations import short_cite
from components.i18n import name, t
from components.view_state import open_site
from geodata import export
from geodata.layers import Layers


def table_frame(layers: Layers, sites, lang: str) -> pd.DataFrame:
    """One row per site with readable labels; plain text cells (st.dataframe never renders HTML)."""
    vocab = layers.vocab
    zh = lang == "zh"
    sep = "、" if zh else ", "
    plans = {p["id"]: name(p, lang) for _, p in layers.plans.iterrows()}  # names, never ids
    return pd.DataFrame({
        "id": sites["id"].values,
        t("col_name", lang): (sites["name_zh"] if zh else sites["name_en"]).values,
        t("col_name_en" if zh else "col_name_zh", lang): (sites["name_en"] if zh else sites["name_zh"]).values,
        t("col_kind", lang): [vocab.label("kind", k, lang) for k in sites["kind"]],
        t("col_focus", lang): [sep.join(vocab.label("focus", f, lang) for f in fs) for fs in sites["focus"]],
        t("col_status", lang): [vocab.label("status", s, lang) for s in sites["status"]],
        t("col_place", lang): [_place(r, zh) for r in sites.itertuples()],
        t("col_precision", lang): [vocab.label("precision", p, lang) for p in sites["precision"]],
        t("col_plans", lang): [("；" if zh else "; ").join(plans.get(p, p) for p in ps)
                               for ps in sites["plans"]],
        t("col_sources", lang): [short_cite(s, lang) for s in sites["sources"]],
    })


def _place(row, zh: bool) -> str:
    parts = [row.county_zh, row.city_zh] if zh else [row.county, row.city]
    return ", ".join(p for p in parts if p)


TABLE = "sites_table"


def render_site_table(layers: Layers, sites, lang: str) -> None:
    """The table; choosing a row opens that site on the map."""
    frame = table_frame(layers, sites, lang)
    st.caption(t("table_open_hint", lang))
    st.dataframe(frame, hide_index=True, width="stretch", height=min(700, 38 + 35 * len(frame)),
                 column_config={"id": st.column_config.TextColumn("id", width="small")},
                 key=TABLE, on_select=_on_row, selection_mode="single-row")
    st.session_state[TABLE + "_ids"] = list(frame["id"])


def _on_row() -> None:
    rows = st.session_state[TABLE].selection.rows
    ids = st.session_state.get(TABLE + "_ids", [])
    if rows and rows[0] < len(ids):
        open_site(ids[rows[0]])


def render_downloads(sites, lang: str) -> None:
    # The files are built when a button is clicked, not on every rerun (with a 50,000-site upload
    # both were rebuilt and sent each run, ~4 s and MBs per rerun).
    left, right, _ = st.columns([1, 1, 3])
    left.download_button(t("download_csv", lang), functools.partial(export.csv_text, sites),
                         file_name="jjj-sites.csv", mime="text/csv", help=t("download_help", lang),
                         icon=":material/download:", on_click="ignore")
    right.download_button(t("download_geojson", lang), functools.partial(export.geojson_text, sites),
                          file_name="jjj-sites.geojson", mime="application/geo+json",
                          help=t("download_help", lang), icon=":material/download:", on_click="ignore")
