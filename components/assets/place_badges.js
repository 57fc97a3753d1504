// Badges for sites whose position is only an area or a city: one badge per place, never a
// made-up point per site. A badge sits at a point inside its area (or at the city's urban core),
// shows how many of the drawn sites it stands for, and its tooltip carries [[area:KEY]] so a click
// is read back by the place's key. The selected place's outline is drawn under its badge.
// Badges yield (badge_layout.js, laid out again after every move): one that would cover a
// facility's own marker, another badge or a control is set aside on a short leader line from its
// place's point, inside the map; neighbours with no room apart are counted together in one group
// badge (drawn with a second badge behind it) whose click zooms in until they part. So every
// marker and every badge keeps a spot where a click reaches it, on a phone's small map too.
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
  var GROUP_CSS = [
    // several places counted together: a squarer badge with a second one showing behind it (a
    // stack of facilities is a solid circle)
    ".jjj-badge-group span{padding:2px 9px;border-radius:5px;",
    "box-shadow:4px -4px 0 -1px #fff,4px -4px 0 1px #444,0 1px 4px rgba(0,0,0,.35)}",
    ".jjj-badge-merged{display:none!important}"
  ].join("");
  var SHOWN = 8;  // places listed in a group's tooltip

  var addStyle = function () { window.jjj.addStyle("jjj-badge-css", CSS + GROUP_CSS); };

  // What the badges must keep clear of, in container pixels: every facility's own marker (circle
  // markers, whatever layer drew them), every stack of facilities that nearly coincide
  // (site_stacks.js: a round icon 11 px in radius), and the map's own controls.
  var worldOf = function (map, watch) {
    var markers = [], walls = [], size = map.getSize();
    map.eachLayer(function (l) {
      var stack = l._icon && l._icon.classList.contains("jjj-stack");
      if (stack || (l instanceof L.CircleMarker && l._map && l._radius !== undefined)) {
        var p = map.latLngToContainerPoint(l.getLatLng());
        markers.push({x: p.x, y: p.y, r: (stack ? 13 : l._radius + (l.options.weight || 1)) + 3});
      }
    });
    var origin = map.getContainer().getBoundingClientRect();
    map.getContainer().querySelectorAll(".leaflet-control").forEach(function (el) {
      var r = el.getBoundingClientRect();
      watch(el);  // a control that grows or folds (the list's count, the legend) moves badges
      if (r.width && r.height) {
        walls.push({x1: r.left - origin.left, x2: r.right - origin.left,
                    y1: r.top - origin.top, y2: r.bottom - origin.top});
      }
    });
    return {frame: {x1: 0, y1: 0, x2: size.x, y2: size.y}, markers: markers, walls: walls};
  };

  // A badge's box depends only on its kind and count (one font, padding and border for all):
  // measured once, every unmeasured one in a single read after the writes. Reading a size
  // between writes made the browser lay the page out again per badge (~100 ms a layout at
  // 10,000 sites, in the filter's round trip).
  var boxes = {};  // "kind count" -> [w, h] px
  var sizeOf = function (m) { return boxes[m.jjjKind + " " + m.jjjCount]; };
  var measure = function (shown) {
    var todo = shown.filter(function (m) { return !sizeOf(m); });
    todo.forEach(function (m) { L.DomUtil.removeClass(m._icon, "jjj-badge-merged"); });
    todo.forEach(function (m) {
      var span = m._icon.querySelector("span");
      if (span.offsetWidth) { boxes[m.jjjKind + " " + m.jjjCount] = [span.offsetWidth, span.offsetHeight]; }
    });
  };

  // Lays the badges out at the map's current view (badge_layout.js): each place's badge on its
  // point, set aside, or hidden in a group badge drawn at its group's first place. Everything is
  // read before anything is written; when nothing it reads has changed since the last layout
  // (`last`), the badges stay as they are.
  var layout = function (map, all, groups, groupBadge, watch, last) {
    var shown = all.filter(function (m) { return m._icon && m._map; });
    measure(shown);
    var items = shown.map(function (m) {
      var size = sizeOf(m) || [0, 0];
      return {m: m, key: m.jjjId, at: map.latLngToContainerPoint(m.getLatLng()), w: size[0],
              h: size[1], count: m.jjjCount, selected: L.DomUtil.hasClass(m._icon, "jjj-badge-selected")};
    });
    var world = worldOf(map, watch);
    var seen = JSON.stringify([world, items.map(function (it) {
      return [it.key, it.at.x, it.at.y, it.w, it.h, it.selected];
    })]);
    if (seen === last.seen) { return; }
    last.seen = seen;
    groups.clearLayers();
    var merged = {};
    window.jjjBadgeLayout.plan(items, world).forEach(function (c) {
      var first = c.items[0].m;
      if (c.items.length === 1) { setAside(first, first._icon.querySelector("span"), c.d[0], c.d[1]); return; }
      c.items.forEach(function (it) {
        setAside(it.m, it.m._icon.querySelector("span"), 0, 0);
        merged[it.key] = true;
      });
      var g = groupBadge(c.items.map(function (it) { return it.m; }), c.count).addTo(groups);
      setAside(g, g._icon.querySelector("span"), c.d[0], c.d[1]);
    });
    shown.forEach(function (m) { m._icon.classList.toggle("jjj-badge-merged", !!merged[m.jjjId]); });
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
      again();  // the chosen badge is never hidden in a group
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
      m.jjjKind = p.p;
      m.jjjCount = n;
      m.jjjText = text;
      m.bindTooltip(esc(text) + '<span hidden>[[area:' + esc(p.k) + "]]</span>");
      m.addTo(layer);
      all.push(m);
      badges[p.k] = n;
      points.push(m.getLatLng());
    });
    // Neighbouring places counted together (badge_layout.js): the group's tooltip lists them;
    // a click zooms in on them until they part. It carries no [[area:KEY]]: it selects nothing.
    var groups = L.layerGroup();
    var groupBadge = function (members, n) {
      var keys = members.map(function (m) { return m.jjjId; });
      var head = d.badge.group[0].replace("{n}", n).replace("{k}", members.length);
      var lines = members.slice(0, SHOWN).map(function (m) { return esc(m.jjjText); });
      var g = L.marker(members[0].getLatLng(), {
        icon: L.divIcon({className: "jjj-badge jjj-badge-group", html: "<span>" + n + "</span>",
                         iconSize: null}),
        riseOnHover: true, zIndexOffset: 400
      });
      g.on("add", function () {
        g._icon.setAttribute("role", "button");
        g._icon.setAttribute("aria-label", head);
        g._icon.setAttribute("data-places", keys.join(" "));
      });
      g.on("click", function () {
        var bounds = L.latLngBounds(members.map(function (m) { return m.getLatLng(); }));
        var zoom = Math.min(map.getBoundsZoom(bounds.pad(0.5)), map.getMaxZoom());
        map.setView(bounds.getCenter(), Math.max(zoom, map.getZoom() + 1));
      });
      g.jjjGroup = keys;
      g.bindTooltip("<b>" + esc(head) + "</b><br>" +
                    lines.concat(members.length > SHOWN ? ["…"] : []).join("<br>"));
      return g;
    };
    // Laid out once on the map, again after each move or zoom, a resize, and whenever markers
    // come or go (another layer, a swap): at most once per frame.
    var pending = false, map = null, last = {};
    var again = function () {
      if (pending || !map) { return; }
      pending = true;
      L.Util.requestAnimFrame(function () {
        pending = false;
        if (map) { layout(map, all, groups, groupBadge, watch, last); }
      });
    };
    var sizes = window.ResizeObserver ? new ResizeObserver(function () { again(); }) : null;
    var watch = function (el) { if (sizes) { sizes.observe(el); } };
    var onLayer = function (e) { if (e.layer instanceof L.CircleMarker) { again(); } };
    layer.on("add", function () {
      map = layer._map;
      groups.addTo(map);  // not in `layer`: a group's click is no place's click
      last = {};  // badges (re)drawn afresh
      layout(map, all, groups, groupBadge, watch, last);  // at once: a user may click right after it appears
      map.on("moveend zoomend viewreset resize", again);
      map.on("layeradd layerremove", onLayer);
    });
    layer.on("remove", function () {
      if (map) {
        map.off("moveend zoomend viewreset resize", again);
        map.off("layeradd layerremove", onLayer);
        groups.remove();
      }
      if (sizes) { sizes.disconnect(); }
      map = null;
    });
    return {layer: layer, badges: badges, points: points, layout: function () { again(); }};
  };
})();
