"""Map page: zones, districts and sites; click a site for its card; add your own sites.
With `present=1`: presentation mode (components/presentation.py)."""

import streamlit as st

from components.analysis_data import near_result, shown_mask, shown_positions
from components.area_panel import render_area_panel
from components.basemaps import BASEMAPS
from components.i18n import t
from components.map_analysis import overlay, render_map_options, render_search_here
from components.map_panel import render_basemap_choice, render_map
from components.map_section import map_section
from components.map_view import clicked_point
from components.near_card import render_near_card
from components.page_frame import finish_page, sites_first, start_page
from components.presentation import render_presentation_bar
from components.site_card import render_card, render_site_card
from components.upload_layer import filtered_uploads, with_uploads
from components.upload_panel import render_upload
from geodata.brief import filter_words

catalog, view = start_page("page_map")
layers = catalog.layers
index = catalog.index
near = near_result(catalog, view)  # `near`/`within` narrow what is shown to a radius
shown = shown_positions(catalog, view, near)  # rows of layers.sites, best search match first, else by id
uploads = filtered_uploads(view.filter, layers.plans)
with_own = with_uploads(layers)  # None unless the user has sites of their own
if view.present:
    render_presentation_bar(view, index.ids[shown], filter_words(view.filter, layers, view.lang))
    left, right = st.columns([2.3, 1.0], gap="medium")
    with left:
        view = render_map(catalog, shown, view, uploads, overlay(
            catalog, view, shown_mask(catalog, view, near), near, BASEMAPS[view.basemap].crs))
    with right:
        if not render_card(catalog, view.site, view.lang, with_own):
            st.caption(t("card_hint", view.lang))
else:
    # A first visit's first run draws the title and the map only; the rest comes with the next
    # run (page_frame.sites_first). The controls' container holds their place (and height), so
    # the map's element is the same in both runs and keeps its iframe.
    only_sites = sites_first()
    st.markdown(f"#### {t('title', view.lang)}")

    def map_and_card(view):
        """The map and its card; a site pick or a map move reruns only this (map_section)."""
        left, right = st.columns([2.6, 1.4], gap="medium")
        with left:
            with st.container(key="map_controls"):
                if not only_sites:
                    view = render_basemap_choice(view)
                    view = render_map_options(view, near)
                    if not len(shown) and uploads.empty:
                        st.info(t("no_match", view.lang), icon=":material/filter_alt_off:")
            view = render_map(catalog, shown, view, uploads, overlay(
                catalog, view, shown_mask(catalog, view, near), near, BASEMAPS[view.basemap].crs))
        if not only_sites:
            with right:  # on a phone the columns stack: the card comes right below the map
                view = render_search_here(view, clicked_point())
                view = render_site_card(catalog, index.ids[shown], view, uploads, with_own)
                render_near_card(catalog, view, shown)
                view = render_area_panel(layers, shown, view)
        return view

    view = map_section(map_and_card)
    if not only_sites:
        st.caption(t("attribution", view.lang))
        render_upload(layers, view.lang)
finish_page(view, catalog)
