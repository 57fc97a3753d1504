"""Sources page: the five documents and what the data took from each."""

import streamlit as st

from components.i18n import t
from components.page_frame import finish_page, start_page
from components.sources_table import render_sources

catalog, view = start_page("page_sources")
layers = catalog.layers
st.markdown(f"#### {t('page_sources', view.lang)}")
st.caption(t("sources_intro", view.lang))
render_sources(layers, view.lang)
finish_page(view, catalog)
