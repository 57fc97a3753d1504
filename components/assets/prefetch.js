// The first of the map's scripts: starts downloading the sites file (named after "#" in this
// script's own URL) while Leaflet and its plugins are still loading; the sites layer picks up
// the same promise from window.jjjSiteData instead of fetching again.
(function () {
  var own = document.currentScript ? document.currentScript.src : "";
  var src = decodeURIComponent(own.split("#")[1] || "");
  window.jjjSiteData = window.jjjSiteData || {};
  if (src && !window.jjjSiteData[src]) {
    window.jjjSiteData[src] = fetch(src).then(function (r) { return r.json(); });
  }
})();
