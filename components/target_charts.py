"""Targets and progress figures: a trajectory chart where a figure has several years, a table always."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from components.citations import short_cite
from components.i18n import name
from components.plan_items import render_plan_items
from components.text import md_escape
from components.site_card import target_table
from geodata import apply
from geodata.query import Filter


def plans_in_view(layers, flt: Filter) -> list[str]:
    """The plans a filter is about: those chosen, else those of the matching sites (all if none set)."""
    if flt.plan:
        return list(flt.plan)
    if flt.is_empty():
        return list(layers.plans["id"])
    sites = apply(flt, layers.sites, layers.plans, layers.vocab)
    return sorted({p for plans in sites["plans"] for p in plans})


SYMBOLS = {">=": "≥", ">": ">", "~": "≈", "=": "", "<=": "≤"}


def timeline(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One point per dated figure: metric (row) by year (column), labelled with value and unit."""
    zh = lang == "zh"
    dated = rows.dropna(subset=["year"])
    return pd.DataFrame({
        "metric": [(r.metric_zh or r.metric_en) if zh else r.metric_en for r in dated.itertuples()],
        "year": [int(y) for y in dated["year"]],
        "label": [_label(r, zh) for r in dated.itertuples()],
        "source": [short_cite(r.sources, lang) for r in dated.itertuples()],
    })


def timeline_chart(points: pd.DataFrame) -> alt.Chart:
    """Figures laid out by year: a plan's trajectory (e.g. Beidaihe 2023 -> 2035) at a glance."""
    order = points.sort_values("year").drop_duplicates("metric")["metric"].tolist()
    base = alt.Chart(points).encode(
        x=alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0, orient="top")),
        y=alt.Y("metric:N", sort=order, title=None, axis=alt.Axis(labelLimit=360)),
        tooltip=["metric", "year", "label", "source"],
    )
    dots = base.mark_circle(size=90, color="#1f6f8b")
    text = base.mark_text(align="left", dx=8, fontSize=11).encode(text="label:N")
    return (dots + text).properties(height=max(60, 24 * len(order)))


# English readers think in millions and billions, not in 万 and 亿.
ENGLISH_SCALES = {"100 million CNY": (0.1, "billion CNY"), "10 thousand CNY": (0.01, "million CNY")}


def _label(row, zh: bool) -> str:
    value, unit = row.value, (row.unit_zh or row.unit_en) if zh else row.unit_en
    if not zh and unit in ENGLISH_SCALES:
        factor, unit = ENGLISH_SCALES[unit]
        value = value * factor
    return f"{SYMBOLS.get(row.comparator, '')}{_short_number(value)} {unit}".strip()


def _short_number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")


def render_plan_targets(layers, plan_id: str, rows: pd.DataFrame, lang: str,
                        items: pd.DataFrame | None = None) -> None:
    plan = layers.plans.set_index("id").loc[plan_id]
    with st.container(border=True):
        st.markdown(f"**{md_escape(name(plan, lang))}**")
        years = "–".join(str(int(y)) for y in (plan["year_start"], plan["year_end"]) if pd.notna(y))
        issuer = (plan["issuer_zh"] or plan["issuer_en"]) if lang == "zh" else plan["issuer_en"]
        st.caption(md_escape(" · ".join(p for p in (issuer, years, short_cite(plan["sources"], lang)) if p)))
        points = timeline(rows, lang)
        if points["year"].nunique() >= 2:
            st.altair_chart(timeline_chart(points), width="stretch")
        if not rows.empty:
            st.dataframe(target_table(layers, rows, lang), hide_index=True, width="stretch")
        if items is not None:
            render_plan_items(layers, items, lang)
