"""Targets and progress figures: a trajectory chart where a figure has several years, a table always."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from components.i18n import name, t
from components.site_card import target_table
from geodata import apply
from geodata.query import Filter


def plans_in_view(layers, flt: Filter) -> list[str]:
    """The plans a filter is about: those chosen, else those of the matching sites (all if none set)."""
    if flt.plan:
        return list(flt.plan)
    if flt.is_empty():
        return list(layers.plans["id"])
    sites = apply(flt, layers.sites, layers.plans)
    return sorted({p for plans in sites["plans"] for p in plans})


def trajectories(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Figures that recur over several years (same metric and unit): the data for a line chart."""
    zh = lang == "zh"
    frame = rows.assign(
        metric=[(r.metric_zh or r.metric_en) if zh else r.metric_en for r in rows.itertuples()],
        unit=[(r.unit_zh or r.unit_en) if zh else r.unit_en for r in rows.itertuples()],
    ).dropna(subset=["year"])
    years = frame.groupby(["metric", "unit"])["year"].transform("nunique")
    return frame[years >= 2][["metric", "unit", "year", "value", "comparator", "id"]]


def trajectory_chart(series: pd.DataFrame, unit: str) -> alt.Chart:
    return alt.Chart(series).mark_line(point=True).encode(
        x=alt.X("year:O", title=None),
        y=alt.Y("value:Q", title=unit),
        color=alt.Color("metric:N", title=None, legend=alt.Legend(orient="bottom", columns=1,
                                                                  labelLimit=420)),
        tooltip=["metric", "year", "value", "comparator"],
    ).properties(height=260)


def render_plan_targets(layers, plan_id: str, rows: pd.DataFrame, lang: str) -> None:
    plan = layers.plans.set_index("id").loc[plan_id]
    with st.container(border=True):
        st.markdown(f"**{name(plan, lang)}**")
        years = "–".join(str(int(y)) for y in (plan["year_start"], plan["year_end"]) if pd.notna(y))
        st.caption(f"{(plan['issuer_zh'] or plan['issuer_en']) if lang == 'zh' else plan['issuer_en']}"
                   f" · {years} · {', '.join(plan['sources'])}")
        series = trajectories(rows, lang)
        for unit, group in series.groupby("unit", sort=False):
            st.altair_chart(trajectory_chart(group, unit), use_container_width=True)
        st.dataframe(target_table(layers, rows, lang), hide_index=True, use_container_width=True)
