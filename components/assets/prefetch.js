// The first of the map's scripts. It starts downloading the sites file (named first after "#" in
// this script's own URL) while Leaflet and its plugins are still loading; the sites layer picks
// up the same promise from window.jjjSiteData instead of fetching again. The other names after
// "#" ("|"-separated) are the scripts and styles streamlit-folium will load one after another:
// preloaded now, they download side by side instead of each waiting for the one before.
(function () {
  var own = document.currentScript ? document.currentScript.src : "";
  var parts = (own.split("#")[1] || "").split("|").map(decodeURIComponent);
  var src = parts[0];
  window.jjjSiteData = window.jjjSiteData || {};
  if (src && !window.jjjSiteData[src]) {
    window.jjjSiteData[src] = fetch(src).then(function (r) { return r.json(); });
  }
  parts.slice(1).forEach(function (href) {
    var link = document.createElement("link");
    link.rel = "preload";
    link.as = /\.css$/.test(href) ? "style" : "script";
    link.href = href;
    document.head.appendChild(link);
  });
})();
