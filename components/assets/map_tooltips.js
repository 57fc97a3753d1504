// A tooltip is read whole: Leaflet draws tooltips in the map's pane, under the map's own controls
// (zoom buttons, layers, legend, the list, attribution), and lets them run past the map's edge.
// When one opens (and after a move or zoom while it is open) it takes the first side of its
// marker where it lies inside the map and clear of every control: its own side first, then
// above, below, right, left, and then the same sides allowed the map's width (fewer lines). Where
// none is clear (a long list on a phone's small map) it takes the side that hides least of it,
// pulled inside the map's edges, and is lifted above the controls until it closes.
(function () {
  var SIDES = ["top", "bottom", "right", "left"];
  var CSS = ".jjj-tip-front{position:absolute;left:0;top:0;z-index:1001;pointer-events:none}";

  var boxOf = function (el, origin) {
    var r = el.getBoundingClientRect();
    return {x1: r.left - origin.left, x2: r.right - origin.left, y1: r.top - origin.top, y2: r.bottom - origin.top};
  };
  var area = function (a, b) {  // of the part of box a inside box b
    return Math.max(0, Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1)) *
           Math.max(0, Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1));
  };
  // How much of the tooltip is hidden: the part under controls plus the part outside the map;
  // above all, what no move can bring inside (taller or wider than the map: a narrow, long list).
  var hidden = function (box, walls, size) {
    var w = box.x2 - box.x1, h = box.y2 - box.y1;
    var under = walls.reduce(function (s, c) { return s + area(box, c); }, 0);
    var tooBig = Math.max(0, h - size.y) * w + Math.max(0, w - size.x) * h;
    return under + w * h - area(box, {x1: 0, y1: 0, x2: size.x, y2: size.y}) + 1000 * tooBig;
  };

  var fit = function (map, tip) {
    var el = tip.getElement();
    if (!el || !tip.isOpen()) { return; }
    var container = map.getContainer(), origin = container.getBoundingClientRect(), size = map.getSize();
    var walls = [];
    container.querySelectorAll(".leaflet-control").forEach(function (c) {
      if (c.offsetWidth && c.offsetHeight) { walls.push(boxOf(c, origin)); }
    });
    if (!tip.jjjPlace) {  // Leaflet places it again on its own at times (a second open): refit
      var place = tip.jjjPlace = tip.update;
      tip.update = function () {
        place.call(tip);
        if (tip.isOpen() && tip.getElement()) { fit(map, tip); }
        return tip;
      };
      tip.jjjSide = tip.options.direction;
    }
    if (el.parentNode !== tip.getPane()) { tip.getPane().appendChild(el); }  // lifted last time
    var wide = Math.max(120, size.x - 16) + "px", best = null;
    var tries = [tip.jjjSide].concat(SIDES).map(function (s) { return [s, ""]; })
      .concat(SIDES.map(function (s) { return [s, wide]; }));
    tries.some(function (t) {
      tip.options.direction = t[0];
      el.style.maxWidth = t[1];
      tip.jjjPlace.call(tip);
      var lost = hidden(boxOf(el, origin), walls, size);
      if (!best || lost < best.lost) { best = {t: t, lost: lost}; }
      return lost === 0;
    });
    if (tip.options.direction !== best.t[0] || el.style.maxWidth !== best.t[1]) {
      tip.options.direction = best.t[0];
      el.style.maxWidth = best.t[1];
      tip.jjjPlace.call(tip);
    }
    var box = boxOf(el, origin);  // still past an edge: pulled in
    var dx = Math.max(0, -box.x1) - Math.max(0, box.x2 - size.x);
    var dy = Math.max(0, -box.y1) - Math.max(0, box.y2 - size.y);
    var at = L.DomUtil.getPosition(el).add([dx, dy]);
    L.DomUtil.setPosition(el, at);
    box = boxOf(el, origin);
    if (walls.some(function (w) { return area(box, w) > 0; })) {  // above the controls, where it is
      window.jjj.addStyle("jjj-tip-css", CSS);
      var front = container.querySelector(".jjj-tip-front") || L.DomUtil.create("div", "jjj-tip-front", container);
      front.appendChild(el);
      L.DomUtil.setPosition(el, map.layerPointToContainerPoint(at));
    }
  };

  L.Map.addInitHook(function () {
    var map = this, open = [];
    map.on("tooltipopen", function (e) {
      open.push(e.tooltip);
      fit(map, e.tooltip);
    });
    map.on("tooltipclose", function (e) { open = open.filter(function (t) { return t !== e.tooltip; }); });
    map.on("zoomend moveend", function () { open.forEach(function (t) { fit(map, t); }); });
  });
})();
