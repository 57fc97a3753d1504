"""Polygons drawn from a published GeoJSON file, fetched by the map instead of riding in its script.

folium.GeoJson embeds the data in the map's script, which Streamlit resends whole with every change
of the sites layer (hundreds of KB per click); folium's own URL mode needs jQuery. This layer exists
at once (so the layer control lists it) and fills in when the fetch arrives. Labels are escaped in
the browser before they become tooltip HTML.
"""

from __future__ import annotations

from folium.elements import JSCSSMixin
from folium.map import Layer
from jinja2 import Template

from components.map_assets import WEB_HELPERS_JS
from components.web_helpers import compact_json


class PublishedGeoJson(JSCSSMixin, Layer):
    """`style`: "boundaries" (lines by admin level) or "zones" (filled, coloured, with tooltips)."""

    _template = Template("""
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function () {
  var o = {{ this.options_json }}, esc = window.jjj.esc, inLang = window.jjj.inLang;
  var styles = {
    boundaries: function (f) {
      var level = f.properties.level;
      return {color: "#5b5b5b", weight: {province: 2.2, prefecture: 1.1}[level] || 0.6,
              fill: false, opacity: 0.8, dashArray: level === "province" ? null : "4 3"};
    },
    zones: function (f) {
      return {color: f.properties.color, weight: 2, fillColor: f.properties.color, fillOpacity: 0.18};
    }
  };
  // Polygons get panes below the sites' (overlayPane, z 400): arriving later, they still never
  // cover a marker.
  var map = {{ this._parent.get_name() }}, pane = "jjj-" + o.style;
  if (!map.getPane(pane)) { map.createPane(pane).style.zIndex = o.style === "zones" ? 390 : 380; }
  var layer = L.geoJSON(null, {
    pane: pane, style: styles[o.style], interactive: o.style === "zones", smoothFactor: 1.5,
    onEachFeature: function (f, l) {
      if (o.style !== "zones") { return; }
      var p = f.properties;
      l.bindTooltip("<b>" + esc(inLang(p.name_en, p.name_zh, o.lang)) + "</b><br>" +
                    esc(inLang(p.role_en, p.role_zh, o.lang)), {sticky: true});
      l.on("mouseover", function () { l.setStyle({weight: 3, fillOpacity: 0.3}); });
      l.on("mouseout", function () { layer.resetStyle(l); });
    }
  });
  var load = window.jjj.fetchOnce(o.src);
  // Sites first: polygons fill in just after the sites layer has drawn (or 1.5 s on without one),
  // so drawing 200 county outlines never delays the first paint of the sites.
  window.jjjSitesReady = window.jjjSitesReady || new Promise(function (done) {
    window.jjjSitesShown = done;
    setTimeout(done, 1500);
  });
  Promise.all([load, window.jjjSitesReady]).then(function (ready) {
    setTimeout(function () {  // a task of its own: the browser paints the sites first
      layer.addData(ready[0]);
      window.jjjGeoLoaded = (window.jjjGeoLoaded || 0) + 1;
    }, 0);
  });
  return layer;
})();
{% if this.show %}{{ this.get_name() }}.addTo({{ this._parent.get_name() }});{% endif %}
{% endmacro %}
""")

    default_js = WEB_HELPERS_JS

    def __init__(self, src: str, style: str, lang: str, name: str, show: bool = True):
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "PublishedGeoJson"
        self.options_json = compact_json({"src": src, "style": style, "lang": lang})
