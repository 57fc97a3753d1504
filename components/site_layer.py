"""Sites drawn from one compact data array, markers made in the browser.

One folium object per site costs ~2 ms each in st_folium and megabytes of script (see
shared/research/map-rendering.md); this layer ships columns of plain values once and builds the
markers in JavaScript. Names are escaped in the browser before they become tooltip HTML; the site
id rides in a hidden span of the tooltip so a click is read back by id, never by coordinates.
"""

from __future__ import annotations

import json
import re

import folium
from branca.element import MacroElement
from jinja2 import Template

from components.map_assets import CLUSTER_CSS, CLUSTER_JS
from geodata.gcj02 import wgs84_to_gcj02

# Above this many sites, markers are clustered (drawing them all at once stops being fast).
CLUSTER_THRESHOLD = 1500
ID_MARK = re.compile(r"\[\[(site|upload):([^\]\s]{1,120})\]\]")


def clicked_id(tooltip_text: str | None) -> tuple[str, str] | None:
    """(layer, id) of the site whose tooltip text the map returned on a click, if any."""
    match = ID_MARK.search(tooltip_text or "")
    return (match.group(1), match.group(2)) if match else None


def compact_json(value) -> str:
    """JSON safe to embed in a <script> block."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


class SiteLayer(MacroElement):
    """Circle markers (clustered when many) from columns: lat, lon, id, names, colour index."""

    default_js = CLUSTER_JS
    default_css = CLUSTER_CSS

    _template = Template("""
{% macro script(this, kwargs) %}
(function () {
  var d = {{ this.payload }};
  var esc = function (s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
    });
  };
  var many = d.lat.length > {{ this.threshold }};
  var group = many ? L.markerClusterGroup({chunkedLoading: true, disableClusteringAtZoom: 14,
                                           maxClusterRadius: 50})
                   : L.featureGroup();
  var markers = [];
  for (var i = 0; i < d.lat.length; i++) {
    var exact = d.exact[i] === 1, selected = d.id[i] === d.selected;
    var own = d.layer === "upload";  // users' own sites: a heavy white ring sets them apart
    var m = L.circleMarker([d.lat[i], d.lon[i]], {
      radius: selected ? 10 : (own ? 7 : 6), weight: selected ? 3 : (own ? 3 : (exact ? 1 : 2)),
      color: selected ? "#000" : (own ? "#fff" : (exact ? "#333" : "#555")),
      dashArray: exact || own ? null : "3 2",
      fillColor: d.colors[d.c[i]], fillOpacity: 0.85, className: "jjj-" + d.layer
    });
    m.bindTooltip("<b>" + esc(d.first[i]) + "</b><br>" + esc(d.second[i]) +
                  (exact ? "" : "<br><i>" + esc(d.approx) + "</i>") +
                  '<span hidden>[[' + d.layer + ":" + esc(d.id[i]) + "]]</span>");
    markers.push(m);
  }
  if (many) { group.addLayers(markers); } else { markers.forEach(function (m) { group.addLayer(m); }); }
  group.on("add", function () {
    var map = group._map;
    if (d.legend) {  // the upload's own legend entry
      var entry = L.control({position: "bottomleft"});
      entry.onAdd = function () {
        var div = L.DomUtil.create("div", "jjj-legend jjj-upload-legend");
        div.innerHTML = '<span style="display:inline-block;width:10px;height:10px;border-radius:50%;' +
          'background:#9e9e9e;border:3px solid #fff;box-shadow:0 0 0 1px #333;margin-right:6px"></span>' +
          esc(d.legend);
        return div;
      };
      entry.addTo(map);
      group.on("remove", function () { entry.remove(); });
    }
    window.jjjLayers = window.jjjLayers || {};
    window.jjjLayers[d.layer] = {ids: d.id, clustered: many};
    if (d.fit && markers.length) {
      var b = L.latLngBounds(markers.map(function (m) { return m.getLatLng(); }));
      // keep the sites clear of the legend (top right) and the layer button (top left)
      map.fitBounds(b.pad(0.05), {maxZoom: 11, paddingTopLeft: [50, 20], paddingBottomRight: [200, 20]});
    }
  });
  group.addTo({{ this._parent.get_name() }});
})();
{% endmacro %}
""")

    def __init__(self, payload: dict, threshold: int = CLUSTER_THRESHOLD):
        super().__init__()
        self._name = "SiteLayer"
        self.payload = compact_json(payload)
        self.threshold = int(threshold)


def site_payload(sites, vocab, lang: str, selected: str | None, fit: bool,
                 layer: str = "site", approx_label: str = "", crs: str = "wgs84",
                 legend: str = "") -> dict:
    """Columns for SiteLayer from a sites frame (plain lists; nothing that could run as code).

    `crs="gcj02"` draws the points where a GCJ-02 basemap (Amap) shows those places.
    """
    kinds = list(vocab.keys("kind"))
    first, second = ("name_zh", "name_en") if lang == "zh" else ("name_en", "name_zh")
    lon, lat = sites["lon"].to_numpy(float), sites["lat"].to_numpy(float)
    if crs == "gcj02":
        lon, lat = wgs84_to_gcj02(lon, lat)
    return {
        "layer": layer,
        "lat": [round(float(v), 5) for v in lat],
        "lon": [round(float(v), 5) for v in lon],
        "id": [str(v) for v in sites["id"]],
        "first": [str(v) for v in sites[first]],
        "second": [str(v) for v in sites[second]],
        "c": [kinds.index(k) if k in kinds else len(kinds) for k in sites["kind"]],
        "exact": [1 if p == "exact" else 0 for p in sites["precision"]],
        "colors": [vocab.color("kind", k) for k in kinds] + ["#777777"],
        "selected": selected or "",
        "fit": bool(fit),
        "approx": approx_label,
        "legend": legend,
    }


def sites_feature_group(payloads: dict | list[dict], name: str) -> folium.FeatureGroup:
    """The layer(s) st_folium swaps on each rerun: curated sites, and the user's upload if any."""
    group = folium.FeatureGroup(name=name, control=False)
    for payload in [payloads] if isinstance(payloads, dict) else payloads:
        SiteLayer(payload).add_to(group)
    return group
