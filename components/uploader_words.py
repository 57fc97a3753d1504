"""Streamlit's file uploader in the page's language.

Streamlit 1.67 writes its uploader's own words in English only ("Upload", "10MB per file • CSV…",
"Drag and drop a file here") and has no option to change them. Style rules scoped to one uploader
hide those words and show ours in their place (generated content, which browsers show and read
out); the widget itself, its label and its file handling are Streamlit's own.
"""

from __future__ import annotations

import streamlit as st

from components.i18n import t

DROPZONE = '[data-testid="stFileUploaderDropzone"]'
# The "drop it here" overlay shown while a file is dragged over the zone: a bare div. Once a file is
# chosen, its chip and the "add" button sit in a bare div too, which must keep its own words.
DROP_HINT = 'div:not([data-testid]):not(:has([data-testid="stFileChips"]))'


def css_string(text: str) -> str:
    """`text` as a CSS string literal: quotes, backslashes, line breaks and '<' escaped."""
    escaped = "".join(c if c not in '\\"<>\n\r' else f"\\{ord(c):x} " for c in text)
    return f'"{escaped}"'


def uploader_css(key: str, lang: str, mb: int, types: list[str]) -> str:
    """Rules that put our words into the uploader whose widget key is `key`."""
    scope = f".st-key-{key} {DROPZONE}"
    kinds = ", ".join(x.upper() for x in types) if lang == "en" else "、".join(x.upper() for x in types)
    button = css_string(t("uploader_button", lang))
    limits = css_string(t("uploader_limits", lang, mb=mb, types=kinds))
    drop = css_string(t("uploader_drop", lang))
    return f"""<style>
{scope} button [data-testid="stMarkdownContainer"] p {{display: none;}}
{scope} button [data-testid="stMarkdownContainer"]::after {{content: {button};}}
{scope} [data-testid="stFileUploaderDropzoneInstructions"] span {{display: none;}}
{scope} [data-testid="stFileUploaderDropzoneInstructions"] > div::after {{content: {limits};
  font-size: 0.875rem; color: #575b66;}}
{scope} > {DROP_HINT} span {{visibility: hidden; font-size: 0;}}
{scope} > {DROP_HINT} span::after {{content: {drop}; visibility: visible; font-size: 0.875rem;}}
</style>"""


def render_uploader_words(key: str, lang: str, mb: int, types: list[str]) -> None:
    st.html(uploader_css(key, lang, mb, types))
