"""QR codes of view links (segno): SVG for pages and briefs, PNG for slides and chat apps."""

from __future__ import annotations

import functools
import io

import segno

# Medium error correction survives a projector's glare and a phone held at an angle; segno raises it
# further when that costs no extra modules. The quiet zone is the standard's four modules.
ERROR = "m"
BORDER = 4


@functools.lru_cache(maxsize=64)  # a link is drawn in the popover, its PNG and its SVG: build once
def _code(text: str) -> segno.QRCode:
    return segno.make(text, error=ERROR, micro=False, boost_error=True)


def modules(text: str) -> int:
    """Width of the code in modules, quiet zone included."""
    return _code(text).symbol_size(scale=1, border=BORDER)[0]


def png(text: str, scale: int = 10) -> bytes:
    """A black-on-white PNG, `scale` pixels per module (10: ~500 px for a typical view link)."""
    out = io.BytesIO()
    _code(text).save(out, kind="png", scale=scale, border=BORDER)
    return out.getvalue()


def svg(text: str, size: str | None = None, title: str = "") -> str:
    """An SVG element (no XML declaration: it can go inside HTML), `size` a CSS length or None for
    one unit per module. Vector: sharp at any print or projector size."""
    out = io.BytesIO()
    _code(text).save(out, kind="svg", scale=1, border=BORDER, light="#fff", xmldecl=False, svgns=True, nl=False,
                     svgclass="qr", lineclass=None, omitsize=size is not None,
                     title=title or None)
    code = out.getvalue().decode("utf-8")
    if size is not None:
        code = code.replace("<svg ", f'<svg width="{size}" height="{size}" ', 1)
    return code
