"""Users' own sites: upload a file, see it as its own layer; it stays in this session only.

A file is read once, when chosen (or when its coordinate system or layer choice changes), never
per rerun. What a rerun needs of a large upload is built once per upload and kept with it: its
filter index, the layers with the upload added, and the file of its map columns (published like
the curated sites' file, so the map fetches it once instead of receiving it inline every rerun).
Problem lists show their first 50 lines; the whole list is a download built only when clicked.
"""

from __future__ import annotations

import functools
import secrets
from dataclasses import replace

import streamlit as st

from components.i18n import t
from components.site_data_file import unpublish
from components.text import md_escape
from components.upload_layer import OPEN, STATE
from components.uploader_words import render_uploader_words
from geodata.layers import Layers
from geodata.upload import CRS_CHOICES, MAX_BYTES, Options, UploadResult, count, read_upload
from geodata.upload.messages import HINTS
from geodata.upload.templates import template_csv, template_xlsx

TYPES = ["csv", "txt", "xlsx", "geojson", "json", "gpkg"]
SHOWN_PROBLEMS = 50


def render_upload(layers: Layers, lang: str) -> None:
    # Until asked for, only a button: the file uploader's scripts (~6 files the browser loads on
    # first sight) delayed the map of a first visit by ~0.1 s, and few viewers upload.
    if not (st.session_state.get(OPEN) or STATE in st.session_state):
        st.button(t("upload_title", lang), icon=":material/upload_file:", key="upload_open_button",
                  on_click=_open)
        return
    with st.expander(t("upload_title", lang), icon=":material/upload_file:", expanded=True):
        st.caption(t("upload_help", lang, mb=MAX_BYTES // (1024 * 1024)))
        st.selectbox(t("upload_crs", lang), CRS_CHOICES, key="upload_crs",
                     format_func=lambda c: t(f"upload_crs_{c}", lang), on_change=_reread,
                     args=(layers,))
        render_uploader_words("upload_file", lang, MAX_BYTES // (1024 * 1024), TYPES)
        # No `type=`: Streamlit would reject other files itself, in English only; our reader
        # says why in the page's language, naming the file (geodata/upload: unsupported_type).
        st.file_uploader(t("upload_label", lang), key="upload_file", on_change=_on_file, args=(layers,))
        _report(layers, lang)
        _templates(lang)


def _open() -> None:
    st.session_state[OPEN] = True


def _on_file(layers: Layers) -> None:
    """A new file (or none): read it once, and let go of everything the previous one selected."""
    st.session_state.pop("upload_layer", None)
    _forget_upload()
    _reread(layers)


def _reread(layers: Layers) -> None:
    """Read the chosen file with the chosen coordinate system and layer (a callback: once)."""
    file = st.session_state.get("upload_file")
    if file is None:
        _forget_upload()
        return
    _forget_files()
    options = Options(crs=st.session_state.get("upload_crs") or "wgs84",
                      layer=st.session_state.get("upload_layer"))
    result = read_upload(file.name, file.getvalue(), layers.vocab, layers.boundaries, options,
                         _city_cores(layers))
    st.session_state[STATE] = {"name": file.name, "result": result, "options": options,
                               "token": secrets.token_hex(8)}


def _city_cores(layers: Layers) -> dict[str, tuple[float, float]]:
    """City (English name) -> its urban core (lon, lat): where a row naming only its city goes."""
    cities = layers.cities
    return dict(zip(cities["name_en"], zip(cities["lon"], cities["lat"])))


def _forget_upload() -> None:
    """Drop the upload and a selection that pointed into it (the card must not hold a stale id)."""
    _forget_files()
    st.session_state.pop(STATE, None)
    view = st.session_state.get("view")
    if view is not None:  # no upload now: the URL's marker goes too (components/lost_upload.py)
        st.session_state["view"] = view = replace(view, upload=False)
    if view is not None and (view.site or "").startswith("upload-"):
        st.session_state["view"] = replace(view, site=None)
        st.session_state.pop("site_select", None)
    st.session_state.pop("map_click", None)


def _forget_files() -> None:
    state = st.session_state.get(STATE) or {}
    for path in state.get("files", ()):
        unpublish(path)


def _report(layers: Layers, lang: str) -> None:
    state = st.session_state.get(STATE)
    if not state:
        return
    result: UploadResult = state["result"]
    name = md_escape(state["name"])
    if result.layers and len(result.layers) > 1:
        st.selectbox(t("upload_layer", lang), result.layers, key="upload_layer", index=None,
                     placeholder=t("upload_layer_choose", lang), on_change=_reread, args=(layers,))
    if result.error:
        show = st.info if result.needs_layer else st.error
        show(t("upload_error", lang, name=name, error=md_escape(result.error.text(lang))))
        return
    read_as = [t("upload_encoding", lang, encoding=result.encoding)] if result.encoding else []
    if state["options"].crs != "wgs84":
        read_as.append(t("upload_converted", lang, crs=t(f"upload_crs_{state['options'].crs}", lang)))
    gap = "" if lang == "zh" else " "  # Chinese sentences follow each other without spaces
    st.success(gap.join([t("upload_ok", lang, name=name, sites=count(len(result.sites), lang, "site",
                                                                   "sites", "个站点")), *read_as]))
    if result.hint:
        en, zh = HINTS[result.hint]
        st.warning(zh if lang == "zh" else en, icon=":material/explore:")
    if result.problems:
        _problems(result, state["name"], lang)


def _problems(result: UploadResult, name: str, lang: str) -> None:
    rows = lambda n: count(n, lang, "row", "rows", "行")  # noqa: E731
    parts = []
    if result.left_out:
        parts.append(t("upload_left_out", lang, rows=rows(result.left_out)))
    if result.changed:
        parts.append(t("upload_changed", lang, rows=rows(result.changed)))
    st.warning(("" if lang == "zh" else " ").join(parts) or t("upload_notes", lang))
    shown = result.problems[:SHOWN_PROBLEMS]
    st.code("\n".join(p.text(lang) for p in shown), language=None, wrap_lines=True)
    if len(result.problems) > SHOWN_PROBLEMS:
        st.caption(t("upload_more_problems", lang, shown=len(shown), total=f"{len(result.problems):,}"))
    # The whole list is built only when the button is clicked, never sent with a rerun.
    st.download_button(t("upload_problems_download", lang), file_name=f"{name}-problems.txt",
                       data=lambda: "\n".join(p.text(lang) for p in result.problems) + "\n",
                       mime="text/plain", icon=":material/download:", key="upload_problems_file",
                       on_click="ignore")


def _templates(lang: str) -> None:
    st.caption(t("upload_templates", lang))
    cells = st.columns(4)
    for cell, (fmt, template_lang) in zip(cells, [("csv", "zh"), ("xlsx", "zh"), ("csv", "en"),
                                                  ("xlsx", "en")]):
        make = template_csv if fmt == "csv" else template_xlsx
        cell.download_button(
            t(f"upload_template_{template_lang}", lang, fmt=fmt.upper()),
            data=functools.partial(make, template_lang), key=f"upload_template_{fmt}_{template_lang}",
            file_name=f"sites-template-{template_lang}.{fmt}", on_click="ignore",
            mime="text/csv" if fmt == "csv" else
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
