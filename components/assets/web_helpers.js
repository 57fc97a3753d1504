// What every script of the map shares (components/web_helpers.py is their Python side). The
// component loads this first; when its URL carries "#<file URL>", it starts fetching that file
// (the sites) at once, while Leaflet and its plugins are still loading (see the end).
(function () {
  var jjj = window.jjj = window.jjj || {};
  // Text made inert before it becomes HTML: the characters Python's html.escape replaces.
  jjj.esc = function (s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
    });
  };
  // A data text in the chosen language: Chinese falls back to English (as geodata.i18n.in_lang).
  jjj.inLang = function (en, zh, lang) { return lang === "zh" ? (zh || en) : en; };
  // A script's own CSS, added to the page once (by its element id), however often it runs.
  jjj.addStyle = function (id, css) {
    if (document.getElementById(id)) { return; }
    var style = document.createElement("style");
    style.id = id;
    style.textContent = css;
    document.head.appendChild(style);
  };
  // One download per file and page, whoever asks first: every caller gets the same parsed JSON.
  // A published data file comes as its gzip twin, decoded here (Streamlit would gzip the plain
  // file afresh for every request, slowly); the plain file when the browser cannot decode it
  // (no DecompressionStream) or the twin is missing.
  var plain = function (src) { return fetch(src).then(function (r) { return r.json(); }); };
  var zipped = function (src) {
    return fetch(src + ".gz").then(function (r) {
      if (!r.ok || !r.body) { return plain(src); }
      return new Response(r.body.pipeThrough(new DecompressionStream("gzip"))).json();
    }).catch(function () { return plain(src); });
  };
  var twinned = typeof DecompressionStream === "function" ? /\/static\/data\/[^\/?#]+\.json$/ : null;
  jjj.fetched = jjj.fetched || {};
  jjj.fetchOnce = function (src) {
    return jjj.fetched[src] || (jjj.fetched[src] = twinned && twinned.test(src) ? zipped(src) : plain(src));
  };
  // After "#" in this script's URL ("|"-separated): the file to fetch at once, then the scripts
  // and styles streamlit-folium will load one after another: preloaded now, they download side
  // by side instead of each waiting for the one before.
  var own = document.currentScript ? document.currentScript.src : "";
  var parts = (own.split("#")[1] || "").split("|").map(decodeURIComponent);
  if (parts[0]) { jjj.fetchOnce(parts[0]); }
  parts.slice(1).forEach(function (href) {
    var link = document.createElement("link");
    link.rel = "preload";
    link.as = /\.css$/.test(href) ? "style" : "script";
    link.href = href;
    document.head.appendChild(link);
  });
})();
