"""Sites page: the filtered sites as a table, and downloads of exactly what is filtered."""

import streamlit as st

from components.i18n import t
from components.page_frame import finish_page, start_page
from components.site_table import render_downloads, render_site_table
from geodata import apply

layers, view = start_page()
st.markdown(f"#### {t('page_sites', view.lang)}")
sites = apply(view.filter, layers.sites, layers.plans)
if sites.empty:
    st.info(t("no_match", view.lang), icon=":material/filter_alt_off:")
else:
    render_downloads(sites, view.lang)
    render_site_table(layers, sites, view.lang)
finish_page(view)
