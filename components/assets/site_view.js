// Bringing a chosen site into view, the same way wherever it was chosen: the map's keyboard list
// (here, in the browser) or the server's focus command (a dropdown, a table row, the nearby list,
// a link naming a site but no position). What comes into view is what the map draws for the site:
// the facility's own point, the outline of the area it lies somewhere in, or its city's badge.
// And the keyboard list's entries: every drawn site, grouped by how its place is known.
(function () {
  // s: the layer's site columns; i: a row; returns {latlng} or {bounds} (an area's outline)
  var target = function (s, i) {
    var p = s.g && s.g[i] >= 0 ? s.places[s.g[i]] : null;
    if (!p) { return {latlng: L.latLng(s.lat[i], s.lon[i])}; }
    if (p.shape) {
      if (!p.jjjBounds) { p.jjjBounds = L.geoJSON(p.shape).getBounds(); }
      return {bounds: p.jjjBounds, latlng: L.latLng(p.lat, p.lon)};
    }
    return {latlng: L.latLng(p.lat, p.lon), city: true};
  };

  // Moves the map only when the target is not well inside it (the user's view is kept otherwise);
  // an area too large for the view is fitted, a point is centred at a zoom that shows its setting.
  // `show` (a link naming the site but no position): the map is fitted to the site itself.
  var bringIntoView = function (map, t, many, show) {
    var inner = map.getBounds().pad(-0.1);
    if (t.bounds) {
      if (show || !inner.contains(t.bounds)) {
        map.fitBounds(t.bounds, {padding: [24, 24], maxZoom: 13, animate: false});
      }
      return;
    }
    var least = t.city ? 9 : (many ? 13 : (show ? 12 : 10));
    if (show || !inner.contains(t.latlng) || (many && !t.city && map.getZoom() < 13)) {
      map.setView(t.latlng, show ? least : Math.max(map.getZoom(), least), {animate: false});
    }
  };

  // d: the layer's options; s: its columns; rows: the drawn rows; markers: id -> the exact
  // site's marker; group: the layer the map's click handler listens to (escaping: jjj.esc).
  // Returns [{label, items: [{id, name, place, choose}]}]: exact sites first, then each area's,
  // then each city's, places by name. Choosing is a click on the site (its marker, or for a site
  // without one a stand-in carrying its id), so it selects exactly as the map does.
  var entries = function (map, d, s, rows, markers, group, many) {
    var esc = window.jjj.esc, names = d.lang === "zh" ? s.zh : s.en, exact = [], byPlace = {};
    var choose = function (i) {
      return function () {
        var t = target(s, i), m = markers[s.id[i]];
        bringIntoView(map, t, many);
        if (!m) {  // the click handler reads the id from the clicked layer's tooltip
          m = L.marker(t.latlng).bindTooltip(
            esc(names[i]) + '<span hidden>[[' + d.layer + ":" + esc(s.id[i]) + "]]</span>");
          m.addEventParent(group);
        }
        m.fire("click", {latlng: t.latlng}, true);
      };
    };
    rows.forEach(function (i) {
      var g = s.g && s.g[i] >= 0 ? s.g[i] : -1;
      var item = {id: s.id[i], name: names[i], place: g >= 0 ? s.places[g].k : "", choose: choose(i)};
      if (g < 0) { exact.push(item); } else { (byPlace[g] = byPlace[g] || []).push(item); }
    });
    var label = function (kind, n, area) {
      return d.badge[kind][n === 1 ? 0 : 1].replace("{n}", n).replace("{area}", area);
    };
    if (d.layer === "upload") { return [{label: d.legend, items: exact}]; }  // the user's own sites
    var groups = exact.length ? [{label: label("exact", exact.length, ""), items: exact}] : [];
    var placed = Object.keys(byPlace).map(function (g) {
      var p = s.places[g], name = window.jjj.inLang(p.en || p.zh, p.zh, d.lang);
      return {kind: p.p, name: name, label: label(p.p, byPlace[g].length, name), items: byPlace[g]};
    });
    placed.sort(function (a, b) {
      return (a.kind === b.kind ? 0 : (a.kind === "area" ? -1 : 1)) || a.name.localeCompare(b.name, d.lang);
    });
    return groups.concat(placed);
  };

  window.jjjSiteView = {target: target, bringIntoView: bringIntoView, entries: entries};
})();
