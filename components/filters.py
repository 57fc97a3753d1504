"""The sidebar filters: one component, applied on every page, its state mirrored in the URL."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from components import data
from components.i18n import t
from components.url_state import LIST_PARAMS, Options, ViewState
from geodata.query import Filter, facet_counts, matches

WIDGET = {name: f"filter_{name}" for name in (*LIST_PARAMS, "year", "q")}


def options_for(layers, basemaps) -> Options:
    sites = layers.sites
    lists = {
        "region": frozenset(layers.vocab.keys("region")),
        "city": frozenset(sites["city"]),
        "county": frozenset(c for c in sites["county"] if c),
        "kind": frozenset(layers.vocab.keys("kind")),
        "focus": frozenset(layers.vocab.keys("focus")),
        "status": frozenset(layers.vocab.keys("status")),
        "plan": frozenset(layers.plans["id"]),
    }
    return Options(lists, frozenset(sites["id"]), tuple(basemaps), frozenset(plan_years(layers)))


def choices(layers, flt: Filter, name: str, lang: str, labels=None) -> dict[str, str]:
    """Option key -> label with the count it would give, in a stable, meaningful order."""
    counts = facet_counts(flt, layers.sites, name, layers.plans)
    labels = labels if labels is not None else option_labels(layers, name, lang)
    return {key: f"{label} ({counts.get(key, 0)})" for key, label in labels}


@st.cache_resource(show_spinner=False, max_entries=64)
def _cached_labels(directory: str, name: str, lang: str) -> tuple[tuple[str, str], ...]:
    """Per dataset and language: the option labels never change between reruns."""
    return tuple(option_labels(data.load(), name, lang))


def option_labels(layers, name: str, lang: str) -> list[tuple[str, str]]:
    vocab, sites = layers.vocab, layers.sites
    if name in ("region", "kind", "focus", "status"):
        return [(k, vocab.label(name, k, lang)) for k in vocab.keys(name)]
    if name == "plan":
        plans = layers.plans
        return [(r.id, r.name_zh if lang == "zh" else r.name_en) for r in plans.itertuples()]
    column = "city" if name == "city" else "county"
    pairs = sites[[column, f"{column}_zh"]].astype(str).drop_duplicates()
    pairs = pairs[pairs[column] != ""].sort_values(column)
    return [(en, zh if lang == "zh" else en) for en, zh in pairs.itertuples(index=False)]


def plan_years(layers) -> list[int]:
    plans = layers.plans
    starts = plans["year_start"].dropna().astype(int)
    ends = plans["year_end"].dropna().astype(int)
    if starts.empty:
        return []
    return list(range(int(starts.min()), int(max(ends.max(), starts.max())) + 1))


def render_filters(layers, view: ViewState) -> ViewState:
    """Sidebar widgets for every filter field; returns the view with the filter the user set.

    The canonical view lives in st.session_state["view"]; widgets mirror it and write back to it
    through on_change callbacks, so a URL, a reset or a language switch can set them too.
    """
    lang, flt = view.lang, view.filter
    _sync_widgets(flt)
    with st.sidebar:
        total = len(layers.sites)
        count = int(matches(flt, layers.sites, layers.plans).sum())
        st.markdown(f"**{t('match_count', lang, n=count, total=total)}**")
        st.button(t("reset", lang), on_click=_reset, disabled=flt.is_empty(),
                  use_container_width=True)
        st.text_input(t("q", lang), key=WIDGET["q"], placeholder=t("q_help", lang),
                      on_change=_from_widgets)
        values = {}
        for name in LIST_PARAMS:
            labels = choices(layers, flt, name, lang,
                             _cached_labels(data.current_data_dir(), name, lang))
            values[name] = tuple(st.multiselect(
                t(name, lang), options=list(labels), format_func=labels.get, key=WIDGET[name],
                placeholder="—", on_change=_from_widgets))
        years = plan_years(layers)
        st.selectbox(t("year", lang), options=[None, *years], key=WIDGET["year"],
                     format_func=lambda y: t("any_year", lang) if y is None else str(y),
                     on_change=_from_widgets)
    return st.session_state["view"]


def _sync_widgets(flt: Filter) -> None:
    """Widgets show the canonical filter (restored from a URL, or reset) before they render."""
    for name in LIST_PARAMS:
        st.session_state[WIDGET[name]] = list(getattr(flt, name))
    st.session_state[WIDGET["year"]] = flt.year
    st.session_state[WIDGET["q"]] = flt.q


def _from_widgets() -> None:
    """on_change: the widgets' values become the canonical filter (before the script reruns)."""
    state = st.session_state
    new = Filter(**{name: tuple(state[WIDGET[name]]) for name in LIST_PARAMS},
                 year=state[WIDGET["year"]], q=str(state[WIDGET["q"]] or "").strip())
    state["view"] = replace(state["view"], filter=new)


def _reset() -> None:
    view = st.session_state.get("view")
    if view is not None:
        st.session_state["view"] = replace(view, filter=Filter())
