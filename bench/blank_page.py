"""Streamlit's own floor: a one-line app (bench/blank_app.py), loaded in the same browser as the
map, in a fresh context each time, offline but for its server. Its time to first paint of its one
line is what any Streamlit page pays before it can show anything of its own."""

from __future__ import annotations

import time
from pathlib import Path

from bench.browser_metrics import watched_page

BLANK_APP = Path(__file__).resolve().parent / "blank_app.py"
TEXT = "Blank page"


def blank_load(browser, url: str, timeout_s: float) -> float | None:
    """Seconds from page.goto until the one line is on screen; None on timeout."""
    with watched_page(browser, url) as (page, _watch):
        start = time.monotonic()
        try:
            page.goto(url, timeout=timeout_s * 1000)
            page.get_by_text(TEXT, exact=True).wait_for(timeout=timeout_s * 1000)
        except Exception:  # noqa: BLE001 - reported as missing, never stops the run
            return None
        return time.monotonic() - start
