"""The side panel's list of the sites behind one badge (an area or a city), each opening its card."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from components.i18n import in_lang, t
from components.text import md_escape
from components.url_state import ViewState
from geodata.layers import Layers

MAX_LISTED = 100  # buttons cost a rerun's time each: beyond this, the filters narrow the list


def area_sites(layers: Layers, shown, key: str):
    """The shown sites (rows at positions `shown`) known only by the place `key`, by name."""
    sites = layers.sites.iloc[sorted(shown)]
    return sites[sites["place"] == key]


def area_title(layers: Layers, key: str, count: int, lang: str) -> tuple[str, str]:
    """(heading, explanation) for the place's list, in the badge's own words."""
    place = layers.places.set_index("key").loc[key]
    name = str(in_lang(place["name_en"], place["name_zh"], lang))
    kind = str(place["precision"])
    heading = t(f"badge_{kind}_{'one' if count == 1 else 'many'}", lang, n=count, area=name)
    return heading, t(f"{kind}_intro", lang, area=name)


def place_basis(layers: Layers, key: str, lang: str) -> str:
    """How the place's outline was drawn (a zone) or where its urban core is (a city), in the
    reader's language; "" for an official boundary."""
    place = layers.places.set_index("key").loc[key]
    text = str(in_lang(place["located_by"], place["located_by_zh"], lang) or "")
    return t(f"{place['precision']}_basis", lang, text=text) if text else ""


def render_area_panel(layers: Layers, shown, view: ViewState) -> ViewState:
    """When a badge was clicked (view.area) and no site is open: its sites, each a button."""
    if not view.area or view.site or view.area not in set(layers.places["key"]):
        return view
    lang = view.lang
    sites = area_sites(layers, shown, view.area)
    heading, intro = area_title(layers, view.area, len(sites), lang)
    column = "name_zh" if lang == "zh" else "name_en"
    with st.container(border=True, key="area_panel"):
        st.markdown(f"**{md_escape(heading)}**")
        basis = place_basis(layers, view.area, lang)
        st.caption(intro + ("  \n" + md_escape(basis) if basis else ""))  # one element, not two
        for site_id, label in list(zip(sites["id"], sites[column]))[:MAX_LISTED]:
            st.button(str(label), key=f"area_site_{site_id}", on_click=_open, args=(site_id,),
                      width="stretch", icon=":material/location_searching:")
        if len(sites) > MAX_LISTED:
            st.caption(t("select_site_more", lang, n=MAX_LISTED, total=len(sites)))
        st.button(t("area_close", lang), key="area_close", on_click=_close, icon=":material/close:")
    return view


def _open(site_id: str) -> None:
    state = st.session_state
    state["view"] = replace(state["view"], site=site_id, area=None)


def _close() -> None:
    state = st.session_state
    state["view"] = replace(state["view"], area=None)
