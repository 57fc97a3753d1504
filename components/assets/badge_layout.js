// Where the place badges go at the map's current view (pure geometry, in the map's container
// pixels; place_badges.js draws the outcome). A badge stays on its place's point when it covers
// nothing; else it is set aside on a short leader line to the nearest clear spot, inside the map's
// frame, clear of the map's own controls, of facilities' markers and of other badges, its line
// crossing no other line or badge. Badges that would overlap on their own points, or that find no
// clear spot near their place (a small map at a region's zoom), are counted together as one group
// badge, which a click zooms in on. The selected place's badge is never merged into a group.
(function () {
  var MARGIN = 3;  // px kept clear around a badge
  var EDGE = 2;    // px between a badge and the map's edge
  var GAP = 4;     // badges closer than this on their own points are counted together
  var RINGS = 4;   // how far a badge may be set aside: RINGS steps of about a badge's height
  var REACH = 90;  // px: a badge with no clear spot joins a group placed this close to its place
  var DIGIT = 8;   // px a count's extra digit adds to a badge (bold 12 px digits)
  var PASSES = 4;

  // Nearest first: its own point, then rings around it (sideways first: badges are wider than
  // tall, and a sideways neighbour reads as "beside this place").
  var ANGLES = [0, 180, 90, 270, 30, 150, 210, 330, 60, 120, 240, 300];
  var candidates = function (step) {
    var out = [[0, 0]];
    for (var k = 1; k <= RINGS; k++) {
      ANGLES.forEach(function (a) {
        var r = a * Math.PI / 180;
        out.push([Math.round(Math.cos(r) * k * step), Math.round(Math.sin(r) * k * step * 0.75)]);
      });
    }
    return out;
  };

  var boxAt = function (x, y, w, h) { return {x1: x - w / 2, x2: x + w / 2, y1: y - h / 2, y2: y + h / 2}; };
  var grow = function (b, g) { return {x1: b.x1 - g, x2: b.x2 + g, y1: b.y1 - g, y2: b.y2 + g}; };
  var hitsBox = function (a, b) { return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2; };
  var hitsCircle = function (box, c) {  // nearest point of the box to the circle's centre
    var nx = Math.max(box.x1, Math.min(c.x, box.x2)), ny = Math.max(box.y1, Math.min(c.y, box.y2));
    return (nx - c.x) * (nx - c.x) + (ny - c.y) * (ny - c.y) < c.r * c.r;
  };
  var side = function (a, b, c) { return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]); };
  var crosses = function (s, t) {  // two segments [[x, y], [x, y]] properly intersect
    var d1 = side(t[0], t[1], s[0]), d2 = side(t[0], t[1], s[1]);
    var d3 = side(s[0], s[1], t[0]), d4 = side(s[0], s[1], t[1]);
    return ((d1 > 0) !== (d2 > 0)) && ((d3 > 0) !== (d4 > 0)) && d1 && d2 && d3 && d4;
  };
  var inBox = function (p, b) { return p[0] > b.x1 && p[0] < b.x2 && p[1] > b.y1 && p[1] < b.y2; };
  var segHitsBox = function (s, b) {
    if (inBox(s[0], b) || inBox(s[1], b)) { return true; }
    var c = [[b.x1, b.y1], [b.x2, b.y1], [b.x2, b.y2], [b.x1, b.y2]];
    for (var i = 0; i < 4; i++) { if (crosses(s, [c[i], c[(i + 1) % 4]])) { return true; } }
    return false;
  };

  var width = function (c) {  // a group is its first badge widened for its total's digits
    var extra = String(c.count).length - String(c.items[0].count).length;
    return c.items[0].w + Math.max(0, extra) * DIGIT + (c.items.length > 1 ? 8 : 0);
  };
  var height = function (c) { return c.items[0].h + (c.items.length > 1 ? 4 : 0); };  // + the one behind
  var cluster = function (it) { return {items: [it], count: it.count, at: it.at, fixed: it.selected}; };
  var join = function (c, it) { c.items.push(it); c.count += it.count; };

  // The spot for cluster c: an offset [dx, dy] from its place's point, or null.
  var spot = function (c, world, placed) {
    var w = width(c) + 2 * MARGIN, h = height(c) + 2 * MARGIN, at = c.at, f = world.frame;
    var found = null, reach = RINGS * h + w;
    var markers = world.markers.filter(function (m) {  // only what the farthest spot could touch
      return Math.abs(m.x - at.x) < reach + m.r && Math.abs(m.y - at.y) < reach + m.r;
    });
    var area = {x1: at.x - reach, x2: at.x + reach, y1: at.y - reach, y2: at.y + reach};
    placed = placed.filter(function (p) { return hitsBox(p.reach, area); });
    candidates(h).some(function (d) {
      var x = at.x + d[0], y = at.y + d[1], box = boxAt(x, y, w, h);
      if (box.x1 < f.x1 || box.x2 > f.x2 || box.y1 < f.y1 || box.y2 > f.y2) { return false; }
      if (markers.some(function (m) { return hitsCircle(box, m); })) { return false; }
      if (world.walls.some(function (b) { return hitsBox(box, b); })) { return false; }
      var seg = d[0] || d[1] ? [[at.x, at.y], [x, y]] : null;
      var clear = placed.every(function (p) {
        if (hitsBox(box, p.box) || (p.seg && segHitsBox(p.seg, box))) { return false; }
        if (!seg || (p.seg && crosses(seg, p.seg))) { return !seg; }
        return inBox(seg[0], p.box) || !segHitsBox(seg, p.box);  // (a place under a badge: its line
      });                                                         // starts beneath that badge)
      if (clear) { found = {d: d, box: box, seg: seg}; }
      return clear;
    });
    return found;
  };

  // items: [{key, at: {x, y}, w, h, count, selected}] (container px); world: {frame: the map's
  // box, markers: [{x, y, r}], walls: [boxes of the map's controls]}. Returns the clusters, each
  // {items, count, at, d: [dx, dy]}, items[0] the badge whose place the cluster is drawn at.
  var plan = function (items, world) {
    var f = world.frame;
    world = {frame: {x1: f.x1 + EDGE, x2: f.x2 - EDGE, y1: f.y1 + EDGE, y2: f.y2 - EDGE},
             markers: world.markers, walls: world.walls.map(function (b) { return grow(b, MARGIN); })};
    items = items.slice().sort(function (a, b) {
      return (b.selected - a.selected) || (b.count - a.count) || (a.key < b.key ? -1 : 1);
    });
    var clusters = [];
    items.forEach(function (it) {  // badges that would overlap where they stand: one count
      var into = null;
      if (!it.selected) {
        clusters.some(function (c) {
          var apart = Math.abs(c.at.x - it.at.x) >= (width(c) + it.w) / 2 + GAP ||
                      Math.abs(c.at.y - it.at.y) >= (height(c) + it.h) / 2 + GAP;
          if (!c.fixed && !apart) { into = c; }
          return !!into;
        });
      }
      if (into) { join(into, it); } else { clusters.push(cluster(it)); }
    });
    var visible = function (c) {
      return c.at.x >= f.x1 && c.at.x <= f.x2 && c.at.y >= f.y1 && c.at.y <= f.y2;
    };
    for (var pass = 0; pass < PASSES; pass++) {
      var placed = [], merged = false, last = pass === PASSES - 1;
      clusters.forEach(function (c) {
        c.d = [0, 0];
        if (c.gone) { return; }
        var w = width(c) + 2 * MARGIN, h = height(c) + 2 * MARGIN;
        var s = visible(c) ? spot(c, world, placed) : null;
        if (!s && visible(c) && !c.fixed && !last) {  // nowhere clear: join the nearest group
          var near = null, dist = REACH;
          placed.forEach(function (p) {
            var dd = Math.hypot(p.c.at.x - c.at.x, p.c.at.y - c.at.y);
            if (!p.c.fixed && dd < dist) { near = p.c; dist = dd; }
          });
          if (near) {
            c.items.forEach(function (it) { join(near, it); });
            c.gone = merged = true;
            return;
          }
        }
        if (!s) {  // stays on its place's point, pulled inside the frame when it sticks out
          var x = Math.max(world.frame.x1 + w / 2, Math.min(c.at.x, world.frame.x2 - w / 2));
          var y = Math.max(world.frame.y1 + h / 2, Math.min(c.at.y, world.frame.y2 - h / 2));
          if (!visible(c)) { x = c.at.x; y = c.at.y; }
          s = {d: [Math.round(x - c.at.x), Math.round(y - c.at.y)], box: boxAt(x, y, w, h)};
          s.seg = s.d[0] || s.d[1] ? [[c.at.x, c.at.y], [x, y]] : null;
        }
        c.d = s.d;
        var b = s.box, r = s.seg ? {x1: Math.min(b.x1, c.at.x), x2: Math.max(b.x2, c.at.x),
                                    y1: Math.min(b.y1, c.at.y), y2: Math.max(b.y2, c.at.y)} : b;
        placed.push({c: c, box: b, seg: s.seg, reach: r});  // reach: what its box and line cover
      });
      clusters = clusters.filter(function (c) { return !c.gone; });
      if (!merged) { break; }
    }
    return clusters;
  };

  window.jjjBadgeLayout = {plan: plan};
})();
