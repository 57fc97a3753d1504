"""Thin render of the map: cached base map + swappable sites layer; a click selects by id."""

from __future__ import annotations

import functools
from dataclasses import replace

import numpy as np
import streamlit as st

from components import map_view
from components.base_map import build_base_map
from components.basemaps import BASEMAPS, available, tile_key
from components.choropleth import with_overlay
from components.data import Catalog
from components.folium_component import RenderedMap, render_base, show
from components.i18n import both, t
from components.map_assets import install_static_assets, prefetch_js
from components.secrets import user_secrets
from components.site_data_file import publish
from components.site_layer import layer_options, rendered_site_group, shared_payload, site_columns
from components.upload_layer import upload_payload
from components.url_state import ViewState
from components.view_state import update_view
from geodata.boundaries import display_boundaries

# The map's height on a large screen; the map's script fits it to the window (map_setup).
HEIGHT = 660


@functools.cache  # once per process
def _assets_ready() -> bool:
    install_static_assets()
    return True


def _base_map(catalog: Catalog, basemap: str, lang: str, key: str) -> RenderedMap:
    """The base map rendered once per dataset, basemap, language and tile key; drawn again when
    one of its published files (boundaries, zones) has gone."""
    def make():
        files = []

        def publish_noted(data, prefix):
            url, path = publish(data, prefix=prefix)
            files.append(path)
            return url, path

        layers = catalog.layers
        shown = catalog.derived("display_boundaries", lambda: display_boundaries(layers.boundaries))
        with st.spinner(both("drawing")):
            rendered = render_base(build_base_map(layers, shown, basemap, lang, key,
                                                  publish=publish_noted))
        return rendered, tuple(files)

    return catalog.with_files(("base_map", basemap, lang, key), make)


def _published(catalog: Catalog, crs: str) -> str:
    """URL of this dataset's site columns (published once per coordinate system; again if the
    file has gone)."""
    def make():
        layers = catalog.layers
        url, path = publish(site_columns(layers.sites, layers.vocab, crs, layers.places))
        return url, (path,)

    return catalog.with_files(("sites_file", crs), make)


def render_basemap_choice(view: ViewState) -> ViewState:
    """A dropdown (one tab stop, never cut at any width) of the basemaps this server can show."""
    st.session_state["basemap_choice"] = view.basemap
    choices = available(user_secrets())
    choice = st.selectbox(
        t("basemap", view.lang), options=list(choices), key="basemap_choice",
        format_func=lambda k: t(BASEMAPS[k].label_key, view.lang), on_change=_on_basemap,
        help=t("basemap_help", view.lang))
    return replace(view, basemap=choice or view.basemap)


def _on_basemap() -> None:
    choice = st.session_state.get("basemap_choice")
    if choice:
        update_view(lambda view: replace(view, basemap=choice))


def render_map(catalog: Catalog, shown, view: ViewState, uploads=None,
               overlay=(None, None)) -> ViewState:
    """Draw the map of the curated sites at row positions `shown` (and the user's own sites);
    returns the view with the site the user clicked (if any) selected. `overlay`: the analysis'
    (ring, choropleth) payloads (components/choropleth.py), drawn with the sites."""
    _assets_ready()
    state, layers = st.session_state, catalog.layers
    site_ids = catalog.derived("site_ids", lambda: frozenset(layers.sites["id"]))
    known = {"site": site_ids, "upload": set(uploads["id"]) if uploads is not None else set(),
             "area": set(layers.places["key"])}
    map_view.know_sites(known)  # a click on the map is taken in its report, before a run
    basemap = BASEMAPS[view.basemap]
    base = _base_map(catalog, view.basemap, view.lang, tile_key(basemap, user_secrets()))
    shown_before = state.get("map_shown_last_run") == base.key
    state["map_shown_this_run"] = base.key
    session = map_view.command(base.key, view, shown_before)
    options = layer_options(layers.vocab, view.lang, view.site, session.fit, focus=session.focus,
                            area=highlighted_place(catalog, view), show=session.show,
                            at=session.at)
    src = _published(catalog, basemap.crs)
    payloads = [shared_payload(src, np.sort(shown), options, of=len(layers.sites))]
    if uploads is not None and len(uploads):
        own = layer_options(layers.vocab, view.lang, view.site, 0, layer="upload",
                            legend=f"{t('layer_uploads', view.lang)} ({len(uploads)})")
        # The upload's columns go out as a file once per upload; a rerun sends which rows to draw.
        payloads.append(upload_payload(uploads, layers.vocab, own, basemap.crs))
    layer = with_overlay(rendered_site_group(payloads, t("layer_sites", view.lang)), *overlay)
    # everything the component then loads one after another starts downloading at once
    preload = (*base.js_links, *layer.js_links, *base.css_links, *layer.css_links)
    show(base, layer, height=HEIGHT, returned=map_view.returned(),
         center=session.center, zoom=session.zoom, first_js=(prefetch_js(src, preload),),
         on_change=map_view.report_callback(base.key))
    return view


def highlighted_place(catalog: Catalog, view: ViewState) -> str | None:
    """The place whose outline the map draws: the badge opened, or the selected site's area."""
    if view.area:
        return view.area
    if view.site:  # a lookup, not a scan of every site on each rerun
        sites = catalog.layers.sites
        places = catalog.derived("place_of_site", lambda: dict(zip(sites["id"], sites["place"].astype(str))))
        return places.get(view.site) or None
    return None
