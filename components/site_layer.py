"""Sites drawn from one compact data array, markers made in the browser.

One folium object per site costs ~2 ms each in st_folium and megabytes of script (see
shared/research/map-rendering.md); this layer ships columns of plain values once and builds the
markers in JavaScript. Names are escaped in the browser before they become tooltip HTML; the site
id rides in a hidden span of the tooltip so a click is read back by id, never by coordinates.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace

import folium
import numpy as np
from branca.element import CssLink, Element, JavascriptLink, MacroElement
from folium.elements import JSCSSMixin
from jinja2 import Template

from components.folium_component import RenderedLayer, render_layer
from components.map_assets import CLUSTER_CSS, WEB_HELPERS_JS, site_scripts_js
from components.i18n import t
from components.web_helpers import compact_json
from components.place_badges import badge_texts, place_columns
from geodata.gcj02 import wgs84_to_gcj02

# Above this many sites, markers are clustered (drawing them all at once stops being fast).
CLUSTER_THRESHOLD = 1500
SLOT = re.compile(r"__jjj_payload_(\d+)__")
# The mark is the tooltip's LAST text: a name or note that contains a mark of its own comes
# before it and can never stand in for it (a name "[[site:xiongan-new-area]] decoy" hijacked clicks).
ID_MARK = re.compile(r"\[\[(site|upload|area):([^\]\s]{1,120})\]\]\s*\Z")


def clicked_id(tooltip_text: str | None) -> tuple[str, str] | None:
    """(layer, id) of the site (or, layer "area", the place of a badge) whose tooltip text the
    map returned on a click, if any."""
    match = ID_MARK.search(tooltip_text or "")
    return (match.group(1), match.group(2)) if match else None


class SiteMarkers(JSCSSMixin, MacroElement):
    """Circle markers (clustered when many) built in the browser from site columns.

    The columns come inline (`data`, for small layers such as an upload) or from a file the app
    publishes once per dataset (`src` + `rows`): a filter change then sends only which rows to draw.
    """

    default_js = WEB_HELPERS_JS + site_scripts_js()
    default_css = CLUSTER_CSS

    _template = Template("""
{% macro script(this, kwargs) %}
(function () {
  var d = {{ this.payload }};
  var esc = window.jjj.esc;
  var many = d.n > {{ this.threshold }};
  // Chunked loading keeps the page responsive for huge sets but makes them appear later.
  // Markercluster shows no cluster until every chunk is in, so no idle gap between chunks (its
  // default 50 ms each added ~0.1-0.2 s before a first visit saw any site at 50,000).
  var group = many ? L.markerClusterGroup({chunkedLoading: d.n > 20000, chunkDelay: 0,
                                           disableClusteringAtZoom: 13, maxClusterRadius: 80})
                   : window.jjjSiteStacks.group(d);  // only markers that nearly coincide
  var drawn = [], markers = [], rows = [], cols = null, byId = {};
  var box = null;  // [[south, west], [north, east]] of the drawn facilities' own points
  var picked = function (n) {  // rows come delta-encoded: small numbers, a small message
    if (!d.rows) { return Array.from({length: n}, function (_, i) { return i; }); }
    var out = [], at = 0;
    d.rows.forEach(function (step) { at += step; out.push(at); });
    return out;
  };
  // Building 50,000 tooltips up front costs ~0.25 s; a marker gets its tooltip when first touched.
  // One listener on the group, not two per marker (~50 ms and their garbage at 50,000 sites): it
  // runs before the component's click handler (on the layer above), which reads the tooltip (id).
  var tip = function (e) {
    var m = e.propagatedFrom || e.target;
    if (!m.jjjTip || m.getTooltip()) { return; }
    var t = m.jjjTip;
    m.bindTooltip("<b>" + esc(t[0]) + "</b><br>" + esc(t[1]) +
                  '<span hidden>[[' + d.layer + ":" + esc(m.jjjId) + "]]</span>");
    if (e.type === "mouseover") { m.openTooltip(); }
  };
  group.on("mouseover click", tip);
  var own = d.layer === "upload";  // users' own sites: a heavy white ring sets them apart
  var style = function (c, selected) {  // one options object per colour, not one per marker
    return {radius: selected ? 10 : (own ? 7 : 6), weight: selected || own ? 3 : 1,
            color: selected ? "#000" : (own ? "#fff" : "#333"), fillColor: d.colors[c], fillOpacity: 0.85,
            className: "jjj-" + d.layer + (selected ? " jjj-selected" : "")};
  };
  var styles = {};
  var badges = null;  // sites known only by an area or a city: one badge per place
  var draw = function (s) {
    var first = d.lang === "zh" ? s.zh : s.en, second = d.lang === "zh" ? s.en : s.zh;
    var counts = {};
    cols = s;
    picked(s.id.length).forEach(function (i) {
      drawn.push(s.id[i]);
      rows.push(i);
      if (s.g && s.g[i] >= 0) { counts[s.g[i]] = (counts[s.g[i]] || 0) + 1; return; }
      var selected = s.id[i] === d.selected;
      // the facility itself, at its own point
      var m = L.circleMarker([s.lat[i], s.lon[i]], selected ? style(s.c[i], true) :
                             (styles[s.c[i]] = styles[s.c[i]] || style(s.c[i], false)));
      m.jjjId = s.id[i];
      m.jjjTip = [first[i], second[i]];  // the tooltip is built on first hover or click
      markers.push(m);
      var lat = s.lat[i], lon = s.lon[i];
      if (!box) { box = [[lat, lon], [lat, lon]]; }
      box[0][0] = Math.min(box[0][0], lat); box[0][1] = Math.min(box[0][1], lon);
      box[1][0] = Math.max(box[1][0], lat); box[1][1] = Math.max(box[1][1], lon);
      byId[m.jjjId] = m;
    });
    badges = s.places ? window.jjjPlaceBadges(d, s.places, counts) : null;
    if (group._map) { place(group._map); } else { group.once("add", function () { place(group._map); }); }
  };
  var place = function (map) {
    // Tokens: each fit or focus the server asks for is obeyed once per map (a redraw of the
    // layer, e.g. a new highlight after a click, must leave the map where the user put it).
    var points = (box || []).concat(badges ? badges.points : []);
    var fitNow = d.fit && d.fit !== map.jjjFitted && points.length;
    if (fitNow) {  // before the markers go in: they (and clusters) draw once
      map.jjjFitted = d.fit;
      var b = L.latLngBounds(points);
      // centred in the map's real size; maxZoom keeps a lone site in its surroundings
      map.fitBounds(b.pad(0.05), {maxZoom: 11, padding: [24, 24], animate: false});
    }
    var chosen = byId[d.selected], row = d.selected ? cols.id.indexOf(d.selected) : -1;
    // the selected facility is never hidden in a stack: drawn on its own, on top
    // true: no "layeradd" event per marker (nobody listens; 50,000 events and their garbage)
    group.addLayers(many || !chosen ? markers : markers.filter(function (m) { return m !== chosen; }), true);
    if (chosen && !many) { chosen.on("mouseover click", tip).addTo(parent); chosen.bringToFront(); }
    if (badges) { badges.layer.addTo(parent); group.on("remove", function () { badges.layer.remove(); }); }
    if (d.focus && d.focus !== map.jjjFocused) {
      map.jjjFocused = d.focus;  // its point, or its area / city when it has no point of its own
      if (d.at) { map.setView([d.at[0], d.at[1]], d.at[2], {animate: false}); }  // the view first
      if (row >= 0 && rows.indexOf(row) >= 0) {
        window.jjjSiteView.bringIntoView(map, window.jjjSiteView.target(cols, row), many, d.show);
      }
    }
    window.jjjLayers = window.jjjLayers || {};
    window.jjjLayers[d.layer] = {ids: drawn, clustered: many, markers: markers, exact: markers.length,
                                 badges: badges ? badges.badges : {}};
    if (d.legend) { legend(map); }
    if (d.layer === "site" && window.jjjSitesShown) { window.jjjSitesShown(); }  // polygons may follow
    if (window.jjjSitesGone) { group.on("remove", function () { window.jjjSitesGone(d.layer); }); }
    if (window.jjjSitesDrawn) {  // the keyboard list: every drawn site, grouped by its place
      window.jjjSitesDrawn(d.layer, rows.length, function () {
        return window.jjjSiteView.entries(map, d, cols, rows, byId, group, many);
      });
    }
    if (window.jjjMarkSelected && d.layer === "site") { window.jjjMarkSelected(d.selected); }
  };
  var legend = function (map) {  // the upload's own legend entry
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
  };
  var parent = {{ this._parent.get_name() }};  // the swapped group: clicks bubble up to it
  group.addTo(parent);
  if (d.src) {  // fetched once per page, whatever the filters: later swaps reuse it
    window.jjj.fetchOnce(d.src).then(draw);
  } else {
    draw(d.data);
  }
})();
{% endmacro %}
""")

    def __init__(self, payload: dict, threshold: int = CLUSTER_THRESHOLD):
        super().__init__()
        self._name = "SiteMarkers"
        self.payload = compact_json(payload)
        self.threshold = int(threshold)

    def render(self, **kwargs):
        """As JSCSSMixin/MacroElement render, minus branca's habit of compiling the rendered
        script as a Jinja template (most of a rerun's map cost: the script carries the rows)."""
        figure = self.get_root()
        for name, url in self.default_js:
            figure.header.add_child(JavascriptLink(url), name=name)
        for name, url in self.default_css:
            figure.header.add_child(CssLink(url), name=name)
        figure.script.add_child(RenderedText(self._template.module.script(self, kwargs)),
                                name=self.get_name())


class RenderedText(Element):
    """Text that is already rendered: output as is."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


def site_columns(sites, vocab, crs: str = "wgs84", places=None) -> dict:
    """Per-site columns for the browser (plain lists; nothing that could run as code).

    `crs="gcj02"` places the points where a GCJ-02 basemap (Amap) shows those places.
    With `places` (layers.places), `g` gives each site's place (-1: exact, drawn at its point)
    and `places` what the badges need.
    """
    kinds = list(vocab.keys("kind"))
    lon, lat = sites["lon"].to_numpy(float), sites["lat"].to_numpy(float)
    if crs == "gcj02":
        lon, lat = wgs84_to_gcj02(lon, lat)
    return {
        "lat": np.round(lat, 5).tolist(),
        "lon": np.round(lon, 5).tolist(),
        "id": [str(v) for v in sites["id"]],
        "en": [str(v) for v in sites["name_en"]],
        "zh": [str(v) for v in sites["name_zh"]],
        "c": [kinds.index(k) if k in kinds else len(kinds) for k in sites["kind"]],
        "exact": [1 if p == "exact" else 0 for p in sites["precision"]],
        **(place_columns(sites, places, crs) if places is not None else {}),
    }


def layer_options(vocab, lang: str, selected: str | None, fit: int, layer: str = "site",
                  legend: str = "", focus: int = 0, area: str | None = None, show: bool = False,
                  at: tuple | None = None) -> dict:
    """What SiteMarkers needs besides the columns: language, colours, selection, labels, the
    server's fit and focus tokens (0: none; the map obeys each token once, see map_view.py; `show`:
    the focus fits the map to the site), and the place (`area`) whose badge is chosen and whose
    outline is drawn."""
    return {"layer": layer, "lang": lang, "selected": selected or "", "fit": int(fit),
            "focus": int(focus), "show": bool(show), "at": list(at) if at else None,
            "colors": [vocab.color("kind", k) for k in vocab.keys("kind")] + ["#777777"],
            "legend": legend, "area": area or "", "badge": badge_texts(lang), "stack": t("stack_tip", lang)}


def inline_payload(sites, vocab, options: dict, crs: str = "wgs84") -> dict:
    """Columns inside the message: for small layers (the user's upload)."""
    return {**options, "n": len(sites), "data": site_columns(sites, vocab, crs)}


def shared_payload(src: str, positions, options: dict, of: int | None = None) -> dict:
    """Rows of a published column file of `of` rows: positions (ascending) sent as deltas, or
    none at all when every row is shown (at 50,000 sites an unfiltered map's deltas were 100 KB
    of every rerun's message)."""
    positions = np.asarray(positions, dtype=np.int64)
    if of is not None and len(positions) == of:  # ascending and unique: every row of the file
        return {**options, "n": of, "src": src, "rows": None}
    deltas = np.diff(positions, prepend=0).tolist() if len(positions) else []
    return {**options, "n": len(positions), "src": src, "rows": deltas}


def site_group(payloads: dict | list[dict], name: str) -> folium.FeatureGroup:
    """The layer(s) st_folium swaps on each rerun: curated sites, and the user's upload if any."""
    group = folium.FeatureGroup(name=name, control=False)
    for payload in [payloads] if isinstance(payloads, dict) else payloads:
        SiteMarkers(payload).add_to(group)
    return group


def rendered_site_group(payloads: dict | list[dict], name: str) -> RenderedLayer:
    """`site_group` rendered for the component, cheaply: folium renders the layer once per
    name and layer count with placeholders, and each rerun only fills in the payloads (rendering
    through folium cost several ms per rerun; a test holds both outputs equal)."""
    payloads = [payloads] if isinstance(payloads, dict) else payloads
    texts = [compact_json(p) for p in payloads]
    skeleton = _skeleton(len(texts), name)
    # One pass over the skeleton only: a payload's text is never searched for placeholders.
    return replace(skeleton, script=SLOT.sub(lambda m: texts[int(m.group(1))], skeleton.script))


@functools.lru_cache(maxsize=16)
def _skeleton(count: int, name: str) -> RenderedLayer:
    group = folium.FeatureGroup(name=name, control=False)
    for i in range(count):
        layer = SiteMarkers({})
        layer.payload = f"__jjj_payload_{i}__"
        layer.add_to(group)
    return render_layer(group)
