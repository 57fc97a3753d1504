"""st_folium in two halves, so the heavy half runs once instead of on every rerun.

`st_folium` renders the whole folium map to JavaScript twice on every rerun; with the boundary and
zone polygons that was about half of a rerun's CPU, and a server with many viewers pays it per
viewer per click. Here the base map (tiles, polygons, legend) is rendered once per basemap, language
and dataset (`render_base`, cached by the caller) and each rerun only renders the small sites layer.
The component and its arguments are streamlit-folium's own, taken from its module: pinned to
streamlit-folium 0.27 in pyproject.toml (tests/components/test_folium_component.py checks the
contract against st_folium itself).
"""

from __future__ import annotations

from dataclasses import dataclass

import folium
import streamlit_folium as sf


@dataclass(frozen=True)
class RenderedMap:
    """The base map as the component receives it: plain strings, safe to share between sessions."""

    script: str
    html: str
    header: str
    map_id: str
    css_links: tuple[str, ...]
    js_links: tuple[str, ...]
    key: str  # the component instance key: changes only when the base map does


def render_base(m: folium.Map, key: str = "map") -> RenderedMap:
    m.get_root().render()  # as st_folium does: element templates fill in their headers
    m.render()
    html, header = sf._get_html(m), sf._get_header(m)
    script = sf._get_map_string(m)
    css, js = _links(m)
    return RenderedMap(script, html, header, sf.get_full_id(m), css, js,
                       sf.generate_js_hash(script, key, False))


@dataclass(frozen=True)
class RenderedLayer:
    """The swappable layer as the component receives it."""

    script: str
    css_links: tuple[str, ...]
    js_links: tuple[str, ...]


def render_layer(group: folium.FeatureGroup) -> RenderedLayer:
    css, js = _links(group)
    return RenderedLayer(feature_group_script(group), css, js)


def feature_group_script(group: folium.FeatureGroup) -> str:
    """The swappable layer's script, addressed to the component's map (`map_div`)."""
    return sf._get_feature_group_string(group, map=folium.Map(tiles=None), idx=0)


def show(base: RenderedMap, layer: RenderedLayer | folium.FeatureGroup, *, height: int,
         returned: dict, center=None, zoom=None, first_js: tuple[str, ...] = (), on_change=None):
    """Draw the map; returns what the browser sent back (the keys of `returned`).

    `returned` maps each returned key to its initial value, in the order the component reports
    them: when they match its first report, loading the page costs one script run, not two.
    `first_js`: scripts to load before the map's own (the component loads them in order).
    `on_change`: called (before the run) when the browser sends a new value.
    """
    if not isinstance(layer, RenderedLayer):
        layer = render_layer(layer)
    css, js = layer.css_links, layer.js_links
    return sf._component_func(
        script=base.script, header=base.header, html=base.html, id=base.map_id, key=base.key,
        height=height, width=None, returned_objects=list(returned), default=dict(returned),
        zoom=zoom, center=center, feature_group=layer.script,
        return_on_hover=False, layer_control=None, pixelated=False,
        css_links=_once(*base.css_links, *css), js_links=_once(*first_js, *base.js_links, *js),
        on_change=on_change, wrap_longitude=False)


def _once(*links: str) -> list[str]:
    """Links in order, each file once: a later link to a file already listed with a "#..."
    fragment is dropped (the component would run the script twice)."""
    seen, out = set(), []
    for link in links:
        if link.split("#", 1)[0] not in seen:
            seen.add(link.split("#", 1)[0])
            out.append(link)
    return out


def _links(m) -> tuple[tuple[str, ...], tuple[str, ...]]:
    css, js = [], []
    for element in _walk(m):
        css += [href for _, href in getattr(element, "default_css", [])]
        js += [src for _, src in getattr(element, "default_js", [])]
    return tuple(dict.fromkeys(css)), tuple(dict.fromkeys(js))


def _walk(element):
    yield element
    for child in getattr(element, "_children", {}).values():
        yield from _walk(child)
