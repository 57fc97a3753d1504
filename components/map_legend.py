"""The map's legend: site kinds and zone kinds in the chosen language, as a Leaflet control."""

from __future__ import annotations

from html import escape

from branca.element import MacroElement
from jinja2 import Template

from components.web_helpers import compact_json


SAMPLES = {  # how each precision is drawn (see site_layer.py and assets/place_badges.js)
    "exact": '<span class="dot" style="background:#999"></span>',
    "stack": '<span class="stack">2</span>',  # facilities that nearly coincide (assets/site_stacks.js)
    "area": '<span class="badge">12</span>',
    "city": '<span class="badge city">3</span>',
    "aside": '<span class="aside"></span><span class="badge">2</span>',  # tied to its place by a line
    "group": '<span class="badge group">15</span>',  # neighbouring places counted together
}


def legend_html(title: str, items: list[tuple[str, str]], zone_title: str,
                zone_items: list[tuple[str, str]], precision_items: list[tuple[str, str]],
                kind_title: str = "") -> str:
    """Legend markup; every label is escaped (they come from data files). `precision_items`:
    (precision, label) pairs saying which marks are the facility and which only an area; then the
    site kinds (colours, under `kind_title`) and the zone kinds."""
    how = "".join(f'<div>{SAMPLES[p]}{escape(label)}</div>' for p, label in precision_items)
    how = f'<div class="how">{how}</div>' if how else ""
    rows = "".join(
        f'<div><span class="dot" style="background:{escape(color)}"></span>{escape(label)}</div>'
        for label, color in items)
    zones = "".join(
        f'<div><span class="box" style="background:{escape(color)}"></span>{escape(label)}</div>'
        for label, color in zone_items)
    kinds = f'<b>{escape(kind_title)}</b>' if kind_title and rows else ""
    return (f'<details class="jjj-legend" open><summary>{escape(title)}</summary>{how}{kinds}{rows}'
            f'<b>{escape(zone_title)}</b>{zones}</details>')


class Legend(MacroElement):
    _template = Template("""
{% macro header(this, kwargs) %}
<style>
.jjj-legend {background: rgba(255,255,255,.92); padding: 5px 8px; font: 12px/1.4 sans-serif;
             border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,.3); max-height: 55vh;
             overflow-y: auto;}
.leaflet-control-scale-line, .leaflet-control-attribution {font-size: 12px;}  /* nothing under 12 px */
/* a phone's narrow map wraps the attribution onto two lines across the scale: the scale sits above */
@media (max-width: 480px) {.leaflet-bottom.leaflet-left {bottom: 34px;}}
.jjj-legend summary {font-weight: bold; cursor: pointer; margin-bottom: 2px;}
.jjj-legend b {display: block; margin: 4px 0 2px;}
.jjj-legend .dot {display: inline-block; width: 10px; height: 10px; border-radius: 50%;
                  border: 1px solid #333; margin-right: 6px; vertical-align: -1px;}
.jjj-legend .how {border-bottom: 1px solid #ddd; padding-bottom: 3px; margin-bottom: 3px;}
.jjj-legend .badge {display: inline-block; font: bold 12px/1.1 sans-serif; padding: 0 4px;
                    border: 2px dashed #444; border-radius: 8px; margin-right: 5px; background: #fff;}
.jjj-legend .stack {display: inline-block; width: 16px; height: 16px; border-radius: 50%;
                    border: 2px solid #333; font: bold 12px/16px sans-serif; text-align: center;
                    margin-right: 6px; background: #fff; box-shadow: 2px -2px 0 -1px #fff, 2px -2px 0 0 #333;}
.jjj-legend .badge.city {border-style: dotted; border-radius: 2px;}
.jjj-legend .badge.group {border-radius: 3px; margin: 3px 8px 0 0;
                          box-shadow: 3px -3px 0 -1px #fff, 3px -3px 0 1px #444;}
.jjj-legend .aside {display: inline-block; width: 12px; height: 0; border-top: 2px solid #444;
                    vertical-align: middle; position: relative; margin-left: 4px;}
.jjj-legend .aside::before {content: ""; position: absolute; left: -5px; top: -5px; width: 6px;
                            height: 6px; border-radius: 50%; background: #444;}
.jjj-legend .box {display: inline-block; width: 12px; height: 10px; margin-right: 6px;
                  opacity: .6; border: 1px solid #555; vertical-align: -1px;}
</style>
{% endmacro %}
{% macro script(this, kwargs) %}
(function () {
  var legend = L.control({position: "topright"});
  legend.onAdd = function () {
    var div = L.DomUtil.create("div");
    div.innerHTML = {{ this.html_json }};
    // a narrow map would be half covered: start folded (one click opens it)
    if ({{ this._parent.get_name() }}.getSize().x < 760) { div.firstChild.open = false; }
    L.DomEvent.disableClickPropagation(div);
    L.DomEvent.disableScrollPropagation(div);
    return div;
  };
  legend.addTo({{ this._parent.get_name() }});
})();
{% endmacro %}
""")

    def __init__(self, html: str):
        super().__init__()
        self._name = "Legend"
        self.html_json = compact_json(html)
