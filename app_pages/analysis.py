"""Analysis page: statistics by place, the industry chain's coverage, what is near, and places
side by side — each of the sites that match the sidebar filters, each kept in the URL.

Statistics (with the chain) and the comparison are fragments: changing one of them reruns only
that section, and the section writes the URL itself (its rerun never reaches finish_page). The
filters and `near` narrow every section, so changing them reruns the whole page."""

from dataclasses import replace

import numpy as np
import streamlit as st

from components.analysis_data import near_result, place_index, shown_mask
from components.compare_view import render_compare
from components.fragments import section
from components.i18n import t
from components.near_view import render_near
from components.page_frame import finish_page, start_page, write_url
from components.stats_view import render_chain, render_stats
from components.text import md_escape

catalog, view = start_page("page_analysis")
layers = catalog.layers
st.markdown(f"#### {t('page_analysis', view.lang)}")
st.caption(t("analysis_intro", view.lang))
near = near_result(catalog, view)
mask = shown_mask(catalog, view, near)  # the filters, and the radius when `near` is set
if near is not None:  # everything below counts only the sites within the radius
    st.info(t("near_active", view.lang, km=near.km, centre=md_escape(near.label)), icon=":material/radar:")


def _open_site(site_id: str) -> None:
    st.session_state["view"] = replace(st.session_state["view"], site=site_id)
    st.switch_page("app_pages/map.py")


def _on_chain() -> None:
    state = st.session_state
    state["view"] = replace(state["view"], analysis=replace(state["view"].analysis,
                                                            chain=bool(state.get("chain_toggle"))))


@section
def statistics(mask: np.ndarray) -> None:
    """Statistics by place and the chain matrix (it follows the statistics' level)."""
    view = st.session_state["view"]  # a fragment's rerun sees the view its callback just set
    places, index = place_index(catalog), catalog.index
    st.subheader(t("tab_stats", view.lang), anchor="stats")
    render_stats(places, index, layers.vocab, mask, view)
    st.subheader(t("tab_chain", view.lang), anchor="chain")
    st.session_state["chain_toggle"] = view.analysis.chain
    if st.toggle(t("chain_show", view.lang), key="chain_toggle", on_change=_on_chain):
        render_chain(places, index, layers.vocab, mask, view)
    write_url(view)


@section
def comparison(mask: np.ndarray) -> None:
    view = st.session_state["view"]
    st.subheader(t("tab_compare", view.lang), anchor="compare")
    render_compare(catalog, mask, view)
    write_url(view)


statistics(mask)
st.subheader(t("tab_near", view.lang), anchor="near")
render_near(catalog, catalog.index.mask(view.filter), near, view, _open_site)
comparison(mask)
finish_page(st.session_state["view"], catalog)
