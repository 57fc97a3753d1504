// Facilities a few hundred metres apart share one spot at a region's zoom: the top marker would
// take every click and hide the others. Markers that nearly coincide on screen are drawn as one
// "stack" showing how many it holds (their names in its tooltip); a click on it zooms in until
// they part (or fans them out at the map's last zoom). No position is moved: a stack sits where
// its sites are, and from zoom 14 every facility has its own marker.
(function () {
  var CSS = [
    ".jjj-stack{background:none;border:none}",
    ".jjj-stack span{display:block;width:18px;height:18px;border-radius:50%;background:#fff;",
    "border:2px solid #333;font:bold 12px/18px sans-serif;color:#222;text-align:center;cursor:pointer;",
    "box-shadow:3px -3px 0 -1px #fff,3px -3px 0 1px #333}"
  ].join("");
  var SHOWN = 8;  // names listed in a stack's tooltip

  var addStyle = function () { window.jjj.addStyle("jjj-stack-css", CSS); };

  // d: the layer's options (d.stack: the tooltip's words, "{n}" filled in here). A stack's
  // tooltip carries no [[site:ID]] mark, so a click on it never selects a site.
  var group = function (d) {
    addStyle();
    var esc = window.jjj.esc;
    var stacks = L.markerClusterGroup({
      maxClusterRadius: 10, disableClusteringAtZoom: 14, showCoverageOnHover: false,
      spiderfyOnMaxZoom: true, animate: false,
      iconCreateFunction: function (cluster) {
        return L.divIcon({className: "jjj-stack", iconSize: [22, 22],
                          html: "<span>" + cluster.getChildCount() + "</span>"});
      }
    });
    stacks.on("clustermouseover", function (e) {
      var c = e.layer, names = c.getAllChildMarkers().map(function (m) { return esc(m.jjjTip[0]); });
      var more = names.length > SHOWN ? ["…"] : [];
      c.unbindTooltip();
      c.bindTooltip("<b>" + esc(d.stack.replace("{n}", names.length)) + "</b><br>" +
                    names.slice(0, SHOWN).concat(more).join("<br>")).openTooltip();
    });
    return stacks;
  };

  window.jjjSiteStacks = {group: group};
})();
