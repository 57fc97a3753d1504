"""Data- or user-supplied text made inert for Streamlit's markdown."""

MARKDOWN_SPECIALS = "\\`*_{}[]()#+-.!|<>~$:&"  # & : entities stay as written (AT&amp;T)


def md_escape(text: object) -> str:
    """Markdown-inert text: data never gets to format (or link from) the page."""
    return "".join("\\" + c if c in MARKDOWN_SPECIALS else c for c in str(text))
