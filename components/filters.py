"""The sidebar filters: one component, applied on every page, its state mirrored in the URL."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from components.analysis_data import comparable_places
from components.data import Catalog
from components.i18n import t
from components.url_state import LIST_PARAMS, Options, ViewState
from components.view_state import update_view
from geodata.layers import Layers
from geodata.query import FIELD_COLUMN, Filter
from geodata.schema import SITES
from geodata.validate import MAX_YEAR, MIN_YEAR

WIDGET = {name: f"filter_{name}" for name in (*LIST_PARAMS, "year", "q")}
FRESH_SESSION = "fresh_session"  # set by the page frame on a session's first run
# The vocabulary category of each choice field whose keys come from vocab.yaml (region, kind, ...).
VOCAB_OF = {name: c.vocab for name in LIST_PARAMS for c in SITES.columns
            if c.name == FIELD_COLUMN[name] and c.vocab}


def options_for(catalog: Catalog, basemaps) -> Options:
    """Every value a URL may name: vocabulary keys, plans, places that have sites, sites, years."""
    layers = catalog.layers
    sites = layers.sites
    lists = {name: frozenset(layers.vocab.keys(VOCAB_OF[name])) for name in VOCAB_OF}
    lists["plan"] = frozenset(layers.plans["id"])
    lists.update({name: frozenset(v for v in sites[FIELD_COLUMN[name]] if v)
                  for name in LIST_PARAMS if name not in lists})  # city, county
    return Options(lists, frozenset(sites["id"]), tuple(basemaps), frozenset(plan_years(layers)),
                   places=frozenset(comparable_places(catalog)["id"]),
                   badge_places=frozenset(layers.places["key"]))


def choices(counts: dict[str, int], labels, absent: str = "", totals=None) -> dict[str, str]:
    """Option key -> label with the count it would give, in a stable, meaningful order. A value
    no site of the data has at all (`totals`) says so (`absent`), so that "(0)" is not read as
    "filtered away"."""
    return {key: f"{label} (0 · {absent})" if absent and totals is not None and not totals.get(key)
            else f"{label} ({counts.get(key, 0)})" for key, label in labels}


def option_labels(layers: Layers, name: str, lang: str) -> list[tuple[str, str]]:
    vocab, sites = layers.vocab, layers.sites
    if name in VOCAB_OF:
        return [(k, vocab.label(VOCAB_OF[name], k, lang)) for k in vocab.keys(VOCAB_OF[name])]
    if name == "plan":
        plans = layers.plans
        return [(r.id, r.name_zh if lang == "zh" else r.name_en) for r in plans.itertuples()]
    column = FIELD_COLUMN[name]  # a place: its English name is the key, its Chinese one a label
    pairs = sites[[column, f"{column}_zh"]].astype(str).drop_duplicates()
    pairs = pairs[pairs[column] != ""].sort_values(column)
    return [(en, zh if lang == "zh" else en) for en, zh in pairs.itertuples(index=False)]


def plan_years(layers: Layers) -> list[int]:
    plans = layers.plans
    starts = plans["year_start"].dropna().astype(int)
    ends = plans["year_end"].dropna().astype(int)
    if starts.empty:
        return []
    # Clamped to the validated range: a range that feeds a list must be bounded whatever the data.
    first = max(int(starts.min()), MIN_YEAR)
    last = min(int(max(ends.max(), starts.max())), MAX_YEAR)
    return list(range(first, last + 1))


def render_filters(catalog: Catalog, view: ViewState) -> ViewState:
    """Sidebar widgets for every filter field; returns the view with the filter the user set.

    The canonical view lives in st.session_state["view"]; widgets mirror it and write back to it
    through on_change callbacks, so a URL, a reset or a language switch can set them too. Labels
    and years per dataset and language never change: the catalog keeps them.
    """
    lang, flt = view.lang, view.filter
    layers, index = catalog.layers, catalog.index
    # A new session (first visit, or a reconnect after a server restart) takes the URL's filter
    # as the widgets' defaults, so a value the browser already holds (typed just before the
    # reconnect) wins instead of being overwritten; later runs mirror the view into the widgets.
    fresh = st.session_state.pop(FRESH_SESSION, False)
    if not fresh:
        _sync_widgets(flt)
    first = (lambda value: value) if fresh else (lambda value: None)
    with st.sidebar:
        total = len(index)
        count = index.count(flt)
        st.markdown(f"**{t('match_count', lang, n=count, total=total)}**")
        st.button(t("reset", lang), key="filter_reset", on_click=_reset, disabled=flt.is_empty(),
                  width="stretch")
        st.text_input(t("q", lang), key=WIDGET["q"], placeholder=t("q_help", lang),
                      on_change=_from_widgets, value=first(flt.q) or "")
        values = {}
        facets = index.facets(flt, LIST_PARAMS)
        totals = catalog.derived("facet_totals", lambda: index.facets(Filter(), LIST_PARAMS))
        for name in LIST_PARAMS:
            labels = choices(facets[name], catalog.derived(
                ("labels", name, lang), lambda: tuple(option_labels(layers, name, lang))),
                t("none_in_sources", lang) if name == "region" else "", totals[name])
            values[name] = tuple(st.multiselect(
                t(name, lang), options=list(labels), format_func=labels.get, key=WIDGET[name],
                placeholder="—", on_change=_from_widgets, default=first(list(getattr(flt, name)))))
        years = catalog.derived("years", lambda: tuple(plan_years(layers)))
        st.selectbox(t("year", lang), options=[None, *years], key=WIDGET["year"],
                     format_func=lambda y: t("any_year", lang) if y is None else str(y),
                     placeholder=t("any_year", lang), on_change=_from_widgets,
                     index=[None, *years].index(flt.year) if fresh and flt.year in years else 0)
    if fresh:
        _from_widgets()  # what the browser held, if it differs from the URL, is the user's latest
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
    new = Filter(**{name: tuple(state.get(WIDGET[name]) or ()) for name in LIST_PARAMS},
                 year=state.get(WIDGET["year"]), q=str(state.get(WIDGET["q"]) or "").strip())
    update_view(lambda view: replace(view, filter=new))


def _reset() -> None:
    update_view(lambda view: replace(view, filter=Filter()))
