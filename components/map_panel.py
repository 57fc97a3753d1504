"""Thin render of the map: cached base map + swappable sites layer; a click selects by id."""

from __future__ import annotations

import functools
from dataclasses import replace
from pathlib import Path

import numpy as np

import streamlit as st

from components import data
from components.basemaps import BASEMAPS, TIANDITU_KEY_VAR, available, tile_key
from components.folium_component import RenderedMap, render_base, show
from components.i18n import both, t
from components.page_frame import user_secrets
from components.map_assets import install_static_assets, prefetch_js
from components.site_data_file import publish
from components.site_layer import (clicked_id, inline_payload, layer_options, shared_payload,
                                   rendered_site_group, site_columns)
from components.base_map import build_base_map
from components.url_state import ViewState

# Only clicks come back, never the view, so panning and zooming never rerun the app. Initial values
# as the component first reports them: the page then loads in one script run, not two.
RETURNED = {"last_object_clicked_count": 0, "last_object_clicked_tooltip": None}
HEIGHT = 660


@functools.cache  # once per process
def _assets_ready() -> bool:
    install_static_assets()
    return True


@st.cache_resource(show_spinner=both("drawing"), max_entries=24)  # a spinner only while drawing
def _base_map(basemap: str, lang: str, key: str, directory: str) -> RenderedMap:
    """The base map rendered once per basemap, language, tile key and dataset (plain strings)."""
    layers = data.load()
    return render_base(build_base_map(layers, data.boundaries_for_display(), basemap, lang, key))


@st.cache_resource(show_spinner=both("drawing"), max_entries=8)
def _publish_once(crs: str, directory: str) -> tuple[str, Path]:
    layers = data.load()
    return publish(site_columns(layers.sites, layers.vocab, crs))


def _published(crs: str) -> str:
    """URL of this dataset's site columns (published once per dataset and coordinate system)."""
    url, path = _publish_once(crs, data.current_data_dir())
    if not path.exists():  # someone cleared static/data: publish again
        _publish_once.clear()
        url, path = _publish_once(crs, data.current_data_dir())
    return url


def render_basemap_choice(view: ViewState) -> ViewState:
    st.session_state["basemap_choice"] = view.basemap
    choices = available(user_secrets())
    choice = st.segmented_control(
        t("basemap", view.lang), options=list(choices), key="basemap_choice",
        format_func=lambda k: t(BASEMAPS[k].label_key, view.lang),
        on_change=_on_basemap,
        help=None if "tianditu" in choices else t("tianditu_hint", view.lang, var=TIANDITU_KEY_VAR))
    return replace(view, basemap=choice or view.basemap)



def _on_basemap() -> None:
    state = st.session_state
    if state.get("basemap_choice"):
        state["view"] = replace(state["view"], basemap=state["basemap_choice"])


def render_map(layers, shown, view: ViewState, uploads=None) -> ViewState:
    """Draw the map of the curated sites at row positions `shown` (and the user's own sites);
    returns the view with the site the user clicked (if any) selected."""
    _assets_ready()
    fit = _should_fit(view)
    basemap = BASEMAPS[view.basemap]
    base = _base_map(view.basemap, view.lang, tile_key(basemap, user_secrets()),
                     data.current_data_dir())
    options = layer_options(layers.vocab, view.lang, view.site, fit,
                            approx_label=t("card_uncertain", view.lang))
    src = _published(basemap.crs)
    payloads = [shared_payload(src, np.sort(shown), options)]
    if uploads is not None and len(uploads):
        own = layer_options(layers.vocab, view.lang, view.site, False, layer="upload",
                            legend=f"{t('layer_uploads', view.lang)} ({len(uploads)})")
        with st.spinner(t("drawing", view.lang)):  # the user's own sites go inline: can be many
            payloads.append(inline_payload(uploads, layers.vocab, own, basemap.crs))
    group = rendered_site_group(payloads, t("layer_sites", view.lang))
    keep_view = view.has_view and not fit
    returned = show(base, group, height=HEIGHT, returned=RETURNED,
                    center=(view.lat, view.lon) if keep_view else None,
                    zoom=view.zoom if keep_view else None, first_js=(prefetch_js(src),))
    return _apply_click(returned, layers, view, uploads)


def _should_fit(view: ViewState) -> bool:
    """Fit the map to the sites on first load without a view in the URL, and on filter changes."""
    previous = st.session_state.get("map_filter")
    st.session_state["map_filter"] = view.filter
    if previous is None:
        return not view.has_view
    return previous != view.filter


def _apply_click(returned, layers, view: ViewState, uploads=None) -> ViewState:
    returned = returned or {}
    click = (returned.get("last_object_clicked_tooltip"), returned.get("last_object_clicked_count"))
    if click == st.session_state.get("map_click") or click[0] is None:
        st.session_state["map_click"] = click
        return view
    st.session_state["map_click"] = click
    hit = clicked_id(click[0])
    known = {"site": layers.sites["id"], "upload": uploads["id"] if uploads is not None else []}
    if hit and hit[1] in set(known[hit[0]]):
        return replace(view, site=hit[1])
    return view
