"""Publish map data once per dataset as static files the map fetches (and the browser caches).

Sites' columns, boundaries and zones then never ride in the per-rerun message: a filter change
sends only which rows to draw, and the message stays small at tens of thousands of sites. Files are
content-addressed, so a new dataset never reuses a stale file.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from components.map_assets import APP_ROOT
from components.web_helpers import compact_json

DATA_DIR = APP_ROOT / "static" / "data"
URL_BASE = "../../app/static/data"  # relative to the streamlit-folium iframe, like the vendor files


def publish(data: dict, directory: Path = DATA_DIR, prefix: str = "sites") -> tuple[str, Path]:
    """Write `data` as JSON (if not already there); the URL the map fetches it from, and the file."""
    text = compact_json(data)
    name = f"{prefix}-{hashlib.sha256(text.encode()).hexdigest()[:20]}.json"
    path = directory / name
    if not path.exists():
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=directory, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp, path)  # atomic: a concurrent session never reads half a file
    return f"{URL_BASE}/{name}", path
