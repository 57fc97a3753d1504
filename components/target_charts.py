"""Targets and progress figures: a trajectory chart where a figure has several years, a table always."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from components.citations import short_cite
from components.i18n import in_lang, name, number_text, t
from components.plan_items import render_plan_items
from components.target_table import target_table
from components.text import md_escape
from geodata import apply
from geodata.layers import Layers
from geodata.query import Filter


def plans_in_view(layers: Layers, flt: Filter) -> list[str]:
    """The plans a filter is about: those chosen, else those of the matching sites (all if none set)."""
    if flt.plan:
        return list(flt.plan)
    if flt.is_empty():
        return list(layers.plans["id"])
    sites = apply(flt, layers.sites, layers.plans, layers.vocab)
    return sorted({p for plans in sites["plans"] for p in plans})


SYMBOLS = {">=": "≥", ">": ">", "~": "≈", "=": "", "<=": "≤"}


def timeline(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One point per dated figure: its metric (with unit), year, value and a short value label."""
    dated = rows.dropna(subset=["year"])
    scaled = [_scaled(r, lang) for r in dated.itertuples()]
    return pd.DataFrame({
        "metric": [in_lang(r.metric_en, r.metric_zh, lang) + (f" ({unit})" if unit else "")
                   for r, (_, unit) in zip(dated.itertuples(), scaled)],
        "year": [int(y) for y in dated["year"]],
        "value": [value for value, _ in scaled],
        "label": [f"{SYMBOLS.get(r.comparator, '')}{number_text(value)}"
                  for r, (value, _) in zip(dated.itertuples(), scaled)],
        "source": [short_cite(r.sources, lang) for r in dated.itertuples()],
    })


def trajectories(points: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """The metrics with a figure for two or more years, each with its points (a trajectory)."""
    counts = points.groupby("metric")["year"].nunique()
    return [(metric, points[points["metric"] == metric].sort_values("year"))
            for metric in points.sort_values("year")["metric"].drop_duplicates()
            if counts[metric] >= 2]


def timeline_chart(points: pd.DataFrame, title: str = "") -> alt.Chart:
    """One metric over the years: the value is the height (its own scale: metrics have their own
    units), the figure is written above its dot. One chart per metric: labels never collide with
    another metric's, and a short label (the unit is in the title) fits between the years."""
    base = alt.Chart(points).encode(
        x=alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0, labelFontSize=12)),
        y=alt.Y("value:Q", title=None, axis=None, scale=alt.Scale(zero=True, nice=False)),
        tooltip=["metric", "year", "label", "source"],
    )
    line = base.mark_line(color="#1f6f8b", point=alt.OverlayMarkDef(size=70, color="#1f6f8b"))
    text = base.mark_text(dy=-12, fontSize=12, color="#222").encode(text="label:N")
    return (line + text).properties(
        height=110, title=alt.TitleParams(title, anchor="start", fontSize=13, fontWeight="normal",
                                          limit=0)).configure_view(stroke=None) \
        .configure_axis(grid=False).configure_title(color="#222")


# English readers think in millions and billions, not in 万 and 亿.
ENGLISH_SCALES = {"100 million CNY": (0.1, "billion CNY"), "10 thousand CNY": (0.01, "million CNY")}


def _scaled(row, lang: str) -> tuple[float, str]:
    """(value, unit) as a reader of the language counts them."""
    value, unit = row.value, in_lang(row.unit_en, row.unit_zh, lang)
    if lang != "zh" and unit in ENGLISH_SCALES:
        factor, unit = ENGLISH_SCALES[unit]
        value = value * factor
    return float(value), unit or ""


def plan_about(plan, lang: str) -> str:
    """Issuer · years · source, in the reader's language; what is our inference says so."""
    inferred, mark = set(plan["inferred"]), f" ({t('our_inference', lang)})"
    years = "–".join(str(int(y)) for y in (plan["year_start"], plan["year_end"]) if pd.notna(y))
    issuer = in_lang(plan["issuer_en"], plan["issuer_zh"], lang)
    if issuer and inferred & {"issuer_en", "issuer_zh"}:
        issuer += mark
    if years and inferred & {"year_start", "year_end"}:
        years += mark
    return " · ".join(p for p in (issuer, years, short_cite(plan["sources"], lang)) if p)


def render_plan_targets(layers: Layers, plan_id: str, rows: pd.DataFrame, lang: str,
                        items: pd.DataFrame | None = None) -> None:
    plan = layers.plans.set_index("id").loc[plan_id]
    with st.container(border=True):
        st.markdown(f"**{md_escape(name(plan, lang))}**")
        note = in_lang(plan["note"], plan["note_zh"], lang)
        st.caption(md_escape(plan_about(plan, lang)) + (f"  \n{md_escape(note)}" if note else ""))
        for metric, points in trajectories(timeline(rows, lang)):
            st.altair_chart(timeline_chart(points, metric), width="stretch")
        if not rows.empty:
            st.dataframe(target_table(layers.vocab, rows, lang), hide_index=True, width="stretch")
        if items is not None:
            render_plan_items(layers, items, lang)
