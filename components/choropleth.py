"""The map's analysis overlay: a choropleth of site counts per city or county, and the ring of a
`near` radius. Both ride in the swappable sites layer (the base map never re-renders for them).

The units' outlines are published once per level and coordinate system (a file the map fetches);
a rerun sends only each unit's class, so changing the filters recolours the map cheaply. Classes:
quantiles of the non-zero counts (mapclassify); a unit with no matching site is "none" (white), a
county whose count is unknowable (its city has sites placed only by city) is "not known" (grey,
dashed), never confused with zero. Labels are escaped in the browser before they become HTML.
"""

from __future__ import annotations

import json
import warnings

import mapclassify
import numpy as np
import pandas as pd
import shapely

from components.folium_component import RenderedLayer
from components.web_helpers import compact_json
from geodata.gcj02 import shift_frame, wgs84_to_gcj02

PALETTE = ("#fee5d9", "#fcae91", "#fb6a4a", "#de2d26", "#a50f15")  # ColorBrewer Reds, 5 classes
ZERO_COLOR, NODATA_COLOR = "#ffffff", "#9e9e9e"
ZERO, NODATA = -1, -2
SITES_GROUP = "feature_group_feature_group_0"  # streamlit-folium's name for the swapped layer


def classify(counts: np.ndarray, known: np.ndarray) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """Per unit its class (0..k-1, ZERO or NODATA) and each class' (low, high) count range."""
    counts = np.asarray(counts)
    classes = np.where(known, ZERO, NODATA)
    positive = counts[known & (counts > 0)]
    if not len(positive):
        return classes, []
    k = min(len(PALETTE), len(np.unique(positive)))
    with warnings.catch_warnings():  # ties make fewer distinct quantiles: handled below
        warnings.simplefilter("ignore")
        bins = np.unique(np.ceil(mapclassify.Quantiles(positive, k=k).bins).astype(int)) if k > 1 \
            else np.array([int(positive.max())])
    which = np.searchsorted(bins, counts, side="left")
    classes = np.where(known & (counts > 0), which, classes)
    lows = [int(positive.min()), *(int(b) + 1 for b in bins[:-1])]
    return classes, list(zip(lows, (int(b) for b in bins)))


def choropleth_payload(table: pd.DataFrame, src: str, lang: str, title: str, zero_label: str,
                       nodata_label: str) -> dict:
    """What the overlay draws: `table` has id, name_en, name_zh, count, known (one row per unit)."""
    classes, ranges = classify(table["count"].to_numpy(), table["known"].to_numpy(dtype=bool))
    colours = [PALETTE[i] for i in _palette_positions(len(ranges))]
    legend = [(f"{lo:,}" if lo == hi else f"{lo:,}–{hi:,}", colours[i]) for i, (lo, hi) in enumerate(ranges)]
    legend = [*reversed(legend), ("0 · " + zero_label, ZERO_COLOR)]
    if (classes == NODATA).any():
        legend.append((nodata_label, NODATA_COLOR))
    names = table["name_zh" if lang == "zh" else "name_en"].astype(str).tolist()
    return {"src": src, "title": title, "legend": legend,
            "units": {uid: [int(c), int(n), label] for uid, c, n, label in
                      zip(table["id"], classes, table["count"], names)},
            "colors": colours, "zero": ZERO_COLOR, "nodata": NODATA_COLOR}


def _palette_positions(k: int) -> list[int]:
    """Spread k classes over the palette (light to dark)."""
    if k <= 1:
        return [len(PALETTE) - 2] * k
    return [round(i * (len(PALETTE) - 1) / (k - 1)) for i in range(k)]


def unit_shapes(table: pd.DataFrame, crs: str = "wgs84", tolerance: float = 0.005) -> dict:
    """Outlines (id only) as GeoJSON for publishing, simplified as a coverage, in the map's CRS."""
    frame = table[["id", "geometry"]].copy()
    frame["geometry"] = shapely.set_precision(
        shapely.coverage_simplify(frame.geometry.values, tolerance), 1e-4)
    if crs == "gcj02":
        frame = shift_frame(frame)
    return json.loads(frame.to_json(drop_id=True))


def ring_payload(lat: float, lon: float, km: float, label: str, crs: str = "wgs84") -> dict:
    if crs == "gcj02":
        x, y = wgs84_to_gcj02(np.array([lon]), np.array([lat]))
        lon, lat = float(x[0]), float(y[0])
    return {"lat": lat, "lon": lon, "m": km * 1000.0, "label": label}


OVERLAY_JS = """
(function () {
  var o = %s, map = map_div, group = L.featureGroup(), esc = window.jjj.esc;
  group.addTo(%s);
  window.jjjOverlay = {ring: null, choropleth: null};
  if (o.ring) {
    var r = o.ring;
    var ring = L.circle([r.lat, r.lon], {radius: r.m, color: "#1f4e9c", weight: 2, dashArray: "6 4",
                                         fill: true, fillOpacity: 0.04, interactive: false,
                                         className: "jjj-near-ring"}).addTo(group);
    L.circleMarker([r.lat, r.lon], {radius: 4, color: "#1f4e9c", fillOpacity: 1, weight: 1,
                                    interactive: false}).addTo(group);
    window.jjjOverlay.ring = {lat: r.lat, lon: r.lon, m: r.m};
  }
  if (o.choropleth) {
    var c = o.choropleth;
    if (!map.getPane("jjj-choropleth")) { map.createPane("jjj-choropleth").style.zIndex = 370; }
    var style = function (f) {
      var u = c.units[f.properties.id];
      if (!u) { return {stroke: false, fill: false}; }
      var cls = u[0];
      return {pane: "jjj-choropleth", color: cls === -2 ? "#616161" : "#8a8a8a", weight: 0.7,
              dashArray: cls === -2 ? "3 3" : null, fillOpacity: cls === -2 ? 0.45 : 0.7,
              fillColor: cls >= 0 ? c.colors[cls] : (cls === -1 ? c.zero : c.nodata)};
    };
    var layer = L.geoJSON(null, {pane: "jjj-choropleth", style: style, onEachFeature: function (f, l) {
      var u = c.units[f.properties.id];
      if (!u) { return; }
      l.bindTooltip("<b>" + esc(u[2]) + "</b><br>" + (u[0] === -2 ? esc(c.legend[c.legend.length - 1][0])
                    : esc(u[1])), {sticky: true});
    }}).addTo(group);
    window.jjj.fetchOnce(c.src).then(function (data) {
      layer.addData(data);
      window.jjjOverlay.choropleth = {units: Object.keys(c.units).length, drawn: layer.getLayers().length};
    });
    var legend = L.control({position: "bottomright"});
    legend.onAdd = function () {
      var div = L.DomUtil.create("div", "jjj-legend jjj-choropleth-legend");
      div.innerHTML = "<b>" + esc(c.title) + "</b>" + c.legend.map(function (item) {
        return '<div><span class="box" style="opacity:.8;background:' + esc(item[1]) + '"></span>' +
               esc(item[0]) + "</div>";
      }).join("");
      return div;
    };
    legend.addTo(map);
    group.on("remove", function () { legend.remove(); });
  }
})();
"""


def with_overlay(layer: RenderedLayer, ring: dict | None, choropleth: dict | None) -> RenderedLayer:
    """The sites layer plus the overlay (nothing added when there is neither)."""
    if ring is None and choropleth is None:
        return layer
    payload = compact_json({"ring": ring, "choropleth": choropleth})
    script = OVERLAY_JS % (payload, SITES_GROUP)
    return RenderedLayer(layer.script + script, layer.css_links, layer.js_links)
