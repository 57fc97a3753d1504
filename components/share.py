"""Sharing a view: its QR code (in the link popover), the printable brief, the presentation switch.

Each draws from the same link value the link box shows, so the code, the brief and the box never
disagree."""

from __future__ import annotations

import base64
from dataclasses import replace
from html import escape

import streamlit as st

from components.i18n import t
from components.url_state import ViewState
from geodata import qr
from geodata.brief import brief_html
from geodata.layers import Layers
from geodata.query import apply

QR_WIDTH = 264  # CSS px on screen: ~5 px a module for a typical link, readable across a room
PNG_SCALE = 20  # a ~1,200 px PNG: sharp on a projected slide or a printed poster


def qr_image_html(link: str, lang: str) -> str:
    """The QR code of `link` as an <img> of an inline PNG (no request), pixel-exact modules, with
    the link in its alt text so the browser test and screen readers read the same value."""
    scale = max(2, QR_WIDTH // qr.modules(link))
    data = base64.b64encode(qr.png(link, scale=scale)).decode("ascii")
    size = scale * qr.modules(link)
    return (f'<figure class="jjj-qr" style="margin:0;text-align:center">'
            f'<img src="data:image/png;base64,{data}" width="{size}" height="{size}" '
            f'alt="{escape(link)}" data-link="{escape(link)}" style="image-rendering:pixelated;'
            f'max-width:100%;height:auto"/><figcaption style="font-size:0.8rem;color:#575b66">'
            f"{escape(t('qr_caption', lang))}</figcaption></figure>")


def render_qr(link: str, lang: str) -> None:
    """The link's QR code and its PNG/SVG downloads (inside the link popover)."""
    st.html(qr_image_html(link, lang))
    png, svg = st.columns(2)
    png.download_button(t("qr_png", lang), qr.png(link, scale=PNG_SCALE), file_name="jjj-view-qr.png",
                        mime="image/png", icon=":material/qr_code_2:", width="stretch",
                        on_click="ignore", key="qr_png")
    svg.download_button(t("qr_svg", lang), qr.svg(link, size="60mm"), file_name="jjj-view-qr.svg",
                        mime="image/svg+xml", icon=":material/qr_code_2:", width="stretch",
                        on_click="ignore", key="qr_svg")


class LiveLink:
    """A session's view and its link as they are now. The brief is built from it when clicked: a
    run of the map's section alone (a site picked) cannot redraw the sidebar's button, but sets
    this, so the brief never describes a view the screen has left."""

    def __init__(self, view: ViewState, link: str) -> None:
        self.set(view, link)

    def set(self, view: ViewState, link: str) -> None:
        self.now = (view, link)  # one assignment: a brief built meanwhile reads a matching pair

    @property
    def link(self) -> str:
        return self.now[1]


def render_brief_button(layers: Layers, live: LiveLink) -> None:
    """Download the brief of the live view; built only when clicked (it takes ~0.5 s)."""
    view = live.now[0]

    def build() -> bytes:
        view, link = live.now
        sites = apply(view.filter, layers.sites, layers.plans)
        return brief_html(layers, view.filter, sites, view.lang, link).encode("utf-8")

    st.download_button(t("download_brief", view.lang), build, file_name=f"jjj-brief-{view.lang}.html",
                       mime="text/html", help=t("download_brief_help", view.lang),
                       icon=":material/print:", width="stretch", on_click="ignore", key="brief_download")


def render_present_button(view: ViewState) -> None:
    st.button(t("present", view.lang), icon=":material/slideshow:", help=t("present_help", view.lang),
              on_click=_enter_presentation, width="stretch", key="present_start")


def _enter_presentation() -> None:
    state = st.session_state
    state["view"] = replace(state["view"], present=True)
