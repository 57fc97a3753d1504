"""Map page: zones, districts and sites; click a site for its card."""

import streamlit as st

from components.i18n import t
from components.map_panel import render_basemap_choice, render_map
from components.page_frame import finish_page, start_page
from components.site_card import render_site_card
from geodata import apply

layers, view = start_page()
st.markdown(f"#### {t('title', view.lang)}")
sites = apply(view.filter, layers.sites, layers.plans)
left, right = st.columns([2.9, 1.1], gap="medium")
with left:
    view = render_basemap_choice(view)
    if sites.empty:
        st.info(t("no_match", view.lang), icon=":material/filter_alt_off:")
    view = render_map(layers, sites, view)
    st.caption(t("attribution", view.lang))
with right:
    view = render_site_card(layers, sites, view)
finish_page(view)
