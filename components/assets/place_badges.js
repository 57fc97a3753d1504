// Badges for sites whose position is only an area or a city: one badge per place, never a
// made-up point per site. A badge sits at a point inside its area (or at the city's urban core),
// shows how many of the drawn sites it stands for, and its tooltip carries [[area:KEY]] so a click
// is read back by the place's key. The selected place's outline is drawn under its badge.
(function () {
  var CSS = [
    ".jjj-badge{width:0!important;height:0!important;background:none;border:none}",
    ".jjj-badge span{display:inline-block;transform:translate(-50%,-50%);white-space:nowrap;",
    "font:bold 12px/1.2 sans-serif;color:#222;background:#fff;padding:2px 7px;cursor:pointer;",
    "border:2px dashed #444;border-radius:11px;box-shadow:0 1px 4px rgba(0,0,0,.35)}",
    ".jjj-badge-city span{border-style:dotted;border-radius:3px}",
    ".jjj-badge-selected span{background:#222;color:#fff;border-color:#222}",
    ".jjj-badge:focus-visible span{outline:3px solid #1f6f8b}"
  ].join("");

  var addStyle = function () {
    if (document.getElementById("jjj-badge-css")) { return; }
    var style = document.createElement("style");
    style.id = "jjj-badge-css";
    style.textContent = CSS;
    document.head.appendChild(style);
  };

  // d: the layer's options (lang, area, badge texts); places: [{k, p, en, zh, lat, lon, shape}];
  // counts: place index -> number of drawn sites; esc: the layer's HTML escaper.
  window.jjjPlaceBadges = function (d, places, counts, esc) {
    addStyle();
    var layer = L.featureGroup(), badges = {}, points = [], outline = null, chosen = null;
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
      var name = d.lang === "zh" ? (p.zh || p.en) : (p.en || p.zh);
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
      badges[p.k] = n;
      points.push(m.getLatLng());
    });
    return {layer: layer, badges: badges, points: points};
  };
})();
