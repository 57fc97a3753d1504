// Badges for sites whose position is only an area or a city: one badge per place, never a
// made-up point per site. A badge sits at a point inside its area (or at the city's urban core),
// shows how many of the drawn sites it stands for, and its tooltip carries [[area:KEY]] so a click
// is read back by the place's key. The selected place's outline is drawn under its badge.
// Badges yield: one that would cover a facility's own marker or another badge is set aside on a
// short leader line from its place's point (laid out again after every zoom), so every marker and
// every badge keeps a spot where a click reaches it.
(function () {
  var CSS = [
    ".jjj-badge{width:0!important;height:0!important;background:none;border:none}",
    ".jjj-badge span{position:relative;display:inline-block;transform:translate(-50%,-50%);",
    "white-space:nowrap;font:bold 12px/1.2 sans-serif;color:#222;background:#fff;padding:2px 7px;",
    "cursor:pointer;border:2px dashed #444;border-radius:11px;box-shadow:0 1px 4px rgba(0,0,0,.35)}",
    ".jjj-badge-city span{border-style:dotted;border-radius:3px}",
    ".jjj-badge-selected span{background:#222;color:#fff;border-color:#222}",
    ".jjj-badge:focus-visible span{outline:3px solid #1f6f8b}",
    // the leader and the place's point take no clicks: a marker under them stays clickable
    ".jjj-badge-leader,.jjj-badge-anchor{position:absolute;left:0;top:0;pointer-events:none}",
    ".jjj-badge-leader{height:0;border-top:2px solid #444;transform-origin:0 0}",
    ".jjj-badge-anchor{width:6px;height:6px;margin:-4px 0 0 -4px;border:1px solid #fff;",
    "border-radius:50%;background:#444}"
  ].join("");
  var MARGIN = 3;  // px kept clear around a badge
  var RINGS = 14;  // how far a badge may be set aside: RINGS steps of about a badge's height

  var addStyle = function () { window.jjj.addStyle("jjj-badge-css", CSS); };

  // Where a badge may go, nearest first: its own point, then rings around it (sideways first:
  // badges are wider than tall, and a sideways neighbour reads as "beside this place").
  var ANGLES = [0, 180, 90, 270, 30, 150, 210, 330, 60, 120, 240, 300];
  var candidates = function (step) {
    var out = [[0, 0]];
    for (var k = 1; k <= RINGS; k++) {
      ANGLES.forEach(function (a) {
        var r = a * Math.PI / 180;
        out.push([Math.round(Math.cos(r) * k * step), Math.round(Math.sin(r) * k * step * 0.7)]);
      });
    }
    return out;
  };
  var hitsBox = function (a, b) {
    return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
  };
  var hitsCircle = function (box, c) {  // nearest point of the box to the circle's centre
    var nx = Math.max(box.x1, Math.min(c.x, box.x2)), ny = Math.max(box.y1, Math.min(c.y, box.y2));
    return (nx - c.x) * (nx - c.x) + (ny - c.y) * (ny - c.y) < c.r * c.r;
  };

  // Every facility's own marker on the map (circle markers, whatever layer drew them), and every
  // stack of facilities that nearly coincide (site_stacks.js: a round icon 11 px in radius).
  var obstaclesOf = function (map) {
    var out = [];
    map.eachLayer(function (l) {
      var stack = l._icon && l._icon.classList.contains("jjj-stack");
      if (stack || (l instanceof L.CircleMarker && l._map && l._radius !== undefined)) {
        var p = map.latLngToLayerPoint(l.getLatLng());
        out.push({x: p.x, y: p.y, r: (stack ? 13 : l._radius + (l.options.weight || 1)) + MARGIN});
      }
    });
    return out;
  };

  // Lays the badges out in layer pixels at the map's current zoom: bigger counts keep their
  // place first; each badge takes the nearest spot clear of markers and of badges placed before.
  var layout = function (map, all) {
    var shown = all.filter(function (m) { return m._icon && m._map; });
    var markers = obstaclesOf(map), placed = [];
    shown.sort(function (a, b) { return (b.jjjCount - a.jjjCount) || (a.jjjId < b.jjjId ? -1 : 1); });
    shown.forEach(function (m) {
      var span = m._icon.querySelector("span");
      var w = span.offsetWidth + 2 * MARGIN, h = span.offsetHeight + 2 * MARGIN;
      var at = map.latLngToLayerPoint(m.getLatLng());
      var near = markers.filter(function (c) {  // only what the farthest spot could touch
        return Math.abs(c.x - at.x) < RINGS * h + w + c.r && Math.abs(c.y - at.y) < RINGS * h + h + c.r;
      });
      var best = null;
      candidates(h).some(function (d) {
        var box = {x1: at.x + d[0] - w / 2, x2: at.x + d[0] + w / 2,
                   y1: at.y + d[1] - h / 2, y2: at.y + d[1] + h / 2};
        if (near.some(function (c) { return hitsCircle(box, c); })) { return false; }
        if (placed.some(function (b) { return hitsBox(box, b); })) { return false; }
        best = {d: d, box: box};
        return true;
      });
      if (!best) {  // nowhere clear within reach: stay on the place's own point
        best = {d: [0, 0], box: {x1: at.x - w / 2, x2: at.x + w / 2, y1: at.y - h / 2, y2: at.y + h / 2}};
      }
      placed.push(best.box);
      setAside(m, span, best.d[0], best.d[1]);
    });
  };

  // Moves the badge (dx, dy) px from its place's point and ties it there with a leader line.
  var setAside = function (m, span, dx, dy) {
    m.jjjOffset = [dx, dy];
    span.style.transform = "translate(-50%,-50%) translate(" + dx + "px," + dy + "px)";
    var icon = m._icon, leader = icon.querySelector(".jjj-badge-leader");
    var anchor = icon.querySelector(".jjj-badge-anchor");
    if (!dx && !dy) {
      if (leader) { icon.removeChild(leader); }
      if (anchor) { icon.removeChild(anchor); }
    } else {
      if (!leader) {
        leader = L.DomUtil.create("div", "jjj-badge-leader");
        anchor = L.DomUtil.create("div", "jjj-badge-anchor");
        icon.insertBefore(anchor, icon.firstChild);
        icon.insertBefore(leader, icon.firstChild);
      }
      leader.style.width = Math.sqrt(dx * dx + dy * dy) + "px";
      leader.style.transform = "rotate(" + Math.atan2(dy, dx) + "rad)";
    }
    var tip = m.getTooltip();  // the tooltip opens beside the badge, wherever it went
    if (tip) {
      tip.options.offset = L.point(dx, dy);
      if (tip.isOpen && tip.isOpen()) { tip.update(); }
    }
  };

  // d: the layer's options (lang, area, badge texts); places: [{k, p, en, zh, lat, lon, shape}];
  // counts: place index -> number of drawn sites. Escaping: jjj.esc (web_helpers.js).
  window.jjjPlaceBadges = function (d, places, counts) {
    var esc = window.jjj.esc;
    addStyle();
    var layer = L.featureGroup(), badges = {}, points = [], outline = null, chosen = null;
    var all = [];
    // Chosen at once in the browser (a click also tells the server, which lists the sites).
    var choose = function (m, p) {
      if (chosen && chosen._icon) { L.DomUtil.removeClass(chosen._icon, "jjj-badge-selected"); }
      if (outline) { layer.removeLayer(outline); outline = null; }
      chosen = m;
      if (m._icon) { L.DomUtil.addClass(m._icon, "jjj-badge-selected"); }
      if (p.shape) {  // under the badge; clicks pass through it
        outline = L.geoJSON(p.shape, {interactive: false, style: {
          color: "#111", weight: 3, dashArray: "8 5", fill: true, fillColor: "#111", fillOpacity: 0.06}});
        layer.addLayer(outline);
        outline.bringToBack();
      }
    };
    Object.keys(counts).forEach(function (key) {
      var p = places[key], n = counts[key], selected = p.k === d.area;
      var name = window.jjj.inLang(p.en || p.zh, p.zh, d.lang);
      var text = d.badge[p.p][n === 1 ? 0 : 1].replace("{n}", n).replace("{area}", name);
      var m = L.marker([p.lat, p.lon], {
        icon: L.divIcon({className: "jjj-badge jjj-badge-" + p.p, html: "<span>" + n + "</span>",
                         iconSize: null}),
        riseOnHover: true, zIndexOffset: selected ? 1000 : 500
      });
      m.on("click", function () { choose(m, p); });
      if (selected) { m.once("add", function () { choose(m, p); }); }
      m.on("add", function () {  // a screen reader hears what the badge stands for
        m._icon.setAttribute("role", "button");
        m._icon.setAttribute("aria-label", text);
        m._icon.setAttribute("data-place", p.k);
      });
      m.jjjId = p.k;
      m.jjjCount = n;
      m.bindTooltip(esc(text) + '<span hidden>[[area:' + esc(p.k) + "]]</span>");
      m.addTo(layer);
      all.push(m);
      badges[p.k] = n;
      points.push(m.getLatLng());
    });
    // Laid out once on the map, again after each zoom and whenever markers come or go (another
    // layer, a swap): at most once per frame.
    var pending = false, map = null;
    var again = function () {
      if (pending || !map) { return; }
      pending = true;
      L.Util.requestAnimFrame(function () { pending = false; if (map) { layout(map, all); } });
    };
    var onLayer = function (e) { if (e.layer instanceof L.CircleMarker) { again(); } };
    layer.on("add", function () {
      map = layer._map;
      layout(map, all);  // at once: a test or a user may click right after the layer appears
      map.on("zoomend viewreset", again);
      map.on("layeradd layerremove", onLayer);
    });
    layer.on("remove", function () {
      if (map) { map.off("zoomend viewreset", again); map.off("layeradd layerremove", onLayer); }
      map = null;
    });
    return {layer: layer, badges: badges, points: points, layout: function () { again(); }};
  };
})();
