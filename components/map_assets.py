"""Leaflet and its plugins served by this app, never from a CDN, so the map draws offline.

The files come from the XStatic packages on PyPI; Streamlit serves `./static/` at `/app/static/`
(`server.enableStaticServing`). Paths are relative to the streamlit-folium component iframe
(`/component/streamlit_folium.st_folium/index.html`), which works with or without a base URL path.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import xstatic.pkg.leaflet as xs_leaflet
import xstatic.pkg.leaflet_markercluster as xs_cluster

APP_ROOT = Path(__file__).resolve().parent.parent
STATIC_DIR = APP_ROOT / "static" / "vendor"
URL_BASE = "../../app/static/vendor"

PACKAGES = {
    f"leaflet-{xs_leaflet.VERSION}": Path(xs_leaflet.BASE_DIR),
    f"markercluster-{xs_cluster.VERSION}": Path(xs_cluster.BASE_DIR),
}
LEAFLET = f"leaflet-{xs_leaflet.VERSION}"
CLUSTER = f"markercluster-{xs_cluster.VERSION}"

LEAFLET_JS = [("leaflet", f"{URL_BASE}/{LEAFLET}/leaflet.js")]
LEAFLET_CSS = [("leaflet_css", f"{URL_BASE}/{LEAFLET}/leaflet.css")]
CLUSTER_JS = [("markercluster", f"{URL_BASE}/{CLUSTER}/leaflet.markercluster.js")]
CLUSTER_CSS = [("markercluster_css", f"{URL_BASE}/{CLUSTER}/MarkerCluster.css"),
               ("markercluster_default_css", f"{URL_BASE}/{CLUSTER}/MarkerCluster.Default.css")]
ICON_PATH = f"{URL_BASE}/{LEAFLET}/images/"


def install_static_assets(target: Path = STATIC_DIR) -> Path:
    """Copy the packaged files under static/vendor/<name>-<version>/ (once per version)."""
    for name, source in PACKAGES.items():
        destination = target / name
        if not (destination / ".complete").exists():
            shutil.copytree(source, destination, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns("*.map", "*.esm.js", "*-src.js"))
            (destination / ".complete").touch()
    return target
