"""What a plan states that has no place we can draw (items.csv): forums, funds, road projects...

Shown with the plan's figures, never as geometry on the map.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.citations import short_cite
from components.i18n import in_lang, t
from geodata.layers import Layers


def items_table(layers: Layers, rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per item; a value that is our inference says so."""
    vocab, zh = layers.vocab, lang == "zh"
    mark = f" ({t('our_inference', lang)})"

    def cell(row, field: str, value: str) -> str:
        return f"{value}{mark}" if value and field in row.inferred else value

    return pd.DataFrame({
        t("col_item_kind", lang): [cell(r, "kind", vocab.label("item_kind", r.kind, lang))
                                   for r in rows.itertuples()],
        t("col_name", lang): [cell(r, "name_zh" if zh else "name_en",
                                   in_lang(r.name_en, r.name_zh, lang))
                              for r in rows.itertuples()],
        t("col_year", lang): [cell(r, "year", str(int(r.year)) if pd.notna(r.year) else "")
                              for r in rows.itertuples()],
        t("col_note", lang): [in_lang(r.note, r.note_zh, lang) for r in rows.itertuples()],
        t("col_source", lang): [short_cite(r.sources, lang) for r in rows.itertuples()],
    })


def render_plan_items(layers: Layers, rows: pd.DataFrame, lang: str) -> None:
    if rows.empty:
        return
    st.markdown(f"**{t('items_heading', lang)}**")
    st.caption(t("items_intro", lang))
    st.dataframe(items_table(layers, rows, lang), hide_index=True, width="stretch")
