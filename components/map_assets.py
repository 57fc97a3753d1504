"""Leaflet and its plugins served by this app, never from a CDN, so the map draws offline.

The files come from the XStatic packages on PyPI; Streamlit serves `./static/` at `/app/static/`
(`server.enableStaticServing`). Paths are relative to the streamlit-folium component iframe
(`/component/streamlit_folium.st_folium/index.html`), which works with or without a base URL path.
"""

from __future__ import annotations

import functools
import hashlib
import shutil
from pathlib import Path
from urllib.parse import quote

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
CLUSTER_CSS = [("markercluster_css", f"{URL_BASE}/{CLUSTER}/MarkerCluster.css"),
               ("markercluster_default_css", f"{URL_BASE}/{CLUSTER}/MarkerCluster.Default.css")]
ICON_PATH = f"{URL_BASE}/{LEAFLET}/images/"
OWN_ASSETS = Path(__file__).resolve().parent / "assets"  # our own scripts, named by content


@functools.cache
def _joined(stem: str, paths: tuple[Path, ...]) -> tuple[str, bytes]:
    """(file name, content) of the scripts at `paths` joined in order, named by their content:
    `<stem>-<sha256 prefix>.js` (one script alone keeps its bytes)."""
    content = b"\n;\n".join(path.read_bytes() for path in paths)
    return f"{stem}-{hashlib.sha256(content).hexdigest()[:12]}.js", content


# jjj.esc, jjj.inLang, jjj.fetchOnce: every script of the map uses them (see web_helpers.js)
WEB_HELPERS = ("web_helpers", (OWN_ASSETS / "web_helpers.js",))
WEB_HELPERS_JS = [("jjj_web_helpers", f"{URL_BASE}/jjj/{_joined(*WEB_HELPERS)[0]}")]


def prefetch_js(src: str, preload: tuple[str, ...] = ()) -> str:
    """The web helpers' URL, told to start fetching `src` at once and to preload the scripts and
    styles in `preload` (see web_helpers.js). Loaded first, before Leaflet; the component drops
    the later, bare link to the same script (one script, run once)."""
    preload = tuple(u for u in preload if u != WEB_HELPERS_JS[0][1])
    fragment = "|".join(quote(u, safe="") for u in (src, *preload))
    return f"{WEB_HELPERS_JS[0][1]}#{fragment}"


# The sites layer's scripts, served as one file: streamlit-folium loads a map's scripts one after
# another (each waits for the one before to load and run), so six files cost six turns (~80 ms of
# a first visit at 50,000 sites, measured side by side). In order: Leaflet.markercluster;
# badge_layout (where each place's badge goes); place_badges (one badge per area or city);
# site_stacks (nearly coinciding facilities as one stack); site_view (bringing a chosen site into
# view, the keyboard list); map_tooltips (an open tooltip kept inside the map).
SITE_SCRIPTS = ("site-scripts", (
    PACKAGES[CLUSTER] / "leaflet.markercluster.js",
    *(OWN_ASSETS / name for name in ("badge_layout.js", "place_badges.js", "site_stacks.js",
                                     "site_view.js", "map_tooltips.js"))))


def site_scripts_js() -> list[tuple[str, str]]:
    """The sites layer's scripts (SITE_SCRIPTS), as one file."""
    return [("jjj_site_scripts", f"{URL_BASE}/jjj/{_joined(*SITE_SCRIPTS)[0]}")]


def install_static_assets(target: Path = STATIC_DIR) -> Path:
    """Copy the packaged files under static/vendor/<name>-<version>/ (once per version)."""
    for name, source in PACKAGES.items():
        destination = target / name
        if not (destination / ".complete").exists():
            shutil.copytree(source, destination, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns("*.map", "*.esm.js", "*-src.js"))
            (destination / ".complete").touch()
    own = target / "jjj"
    own.mkdir(parents=True, exist_ok=True)
    for name, content in (_joined(*WEB_HELPERS), _joined(*SITE_SCRIPTS)):  # all the map loads of ours
        if not (own / name).exists():
            (own / name).write_bytes(content)
    return target
