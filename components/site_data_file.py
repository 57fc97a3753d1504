"""Publish the sites' columns once per dataset as a static file the map fetches (and caches).

A filter change then sends only which rows to draw, not every name again: the map message stays
small at tens of thousands of sites. Files are content-addressed, so a new dataset never reuses a
stale file and a browser may cache them for good.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from components.map_assets import APP_ROOT
from components.site_layer import compact_json

DATA_DIR = APP_ROOT / "static" / "data"
URL_BASE = "../../app/static/data"  # relative to the streamlit-folium iframe, like the vendor files


def publish(columns: dict, directory: Path = DATA_DIR) -> tuple[str, Path]:
    """Write `columns` (if not already there); the URL the map fetches them from, and the file."""
    text = compact_json(columns)
    name = f"sites-{hashlib.sha256(text.encode()).hexdigest()[:20]}.json"
    path = directory / name
    if not path.exists():
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=directory, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp, path)  # atomic: a concurrent session never reads half a file
    return f"{URL_BASE}/{name}", path
