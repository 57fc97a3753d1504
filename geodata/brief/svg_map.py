"""The brief's map: one SVG element drawn from the layers, nothing fetched (no tiles, no fonts).

Boundaries and plan zones under the sites; each site drawn as what its position is: a facility
(`exact`) as a numbered dot at its place, a site known only to lie in an area as that area hatched
with a badge of its numbers, a site known only by its city as a badge at the city's urban core.
Never an invented point. Scale bar, north arrow and attribution on the frame.
"""

from __future__ import annotations

import math
from html import escape

import numpy as np
import shapely

from geodata.brief.projection import Frame, frame_around, nice_length
from geodata.i18n import in_lang, t
from geodata.layers import Layers

WIDTH, HEIGHT = 1000.0, 360.0
DOT_R = 10.0  # a numbered facility's circle, in SVG units (the page is ~1000 units wide)
FONT = "'Noto Sans CJK SC','Noto Sans SC','Microsoft YaHei','PingFang SC','Helvetica Neue',Arial,sans-serif"
LEVEL_STYLE = {  # boundary level -> stroke colour, width
    "county": ("#cfcac0", 0.6),
    "prefecture": ("#9d978b", 1.0),
    "province": ("#5b564d", 1.8),
}
BADGE_MAX = 6  # numbers listed on one badge before "+n"


def site_map_svg(layers: Layers, sites, numbers: dict[str, int], lang: str) -> str:
    """The SVG element for `sites` (a filtered frame of layers.sites), labelled with `numbers`."""
    frame = _frame_for(layers, sites)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH:.0f} {HEIGHT:.0f}" '
        f'class="brief-map" role="img" aria-label="{escape(t("brief_map", lang))}" '
        f'style="font-family:{FONT}">',
        _defs(),
        f'<rect width="{WIDTH:.0f}" height="{HEIGHT:.0f}" fill="#eef3f6"/>',
        _boundaries(layers.boundaries, frame, lang),
        _zones(layers, frame),
        _scale_bar(frame, lang),  # under the sites: a site in a corner is never hidden
        _north_arrow(lang),
        _attribution(lang),
        _sites(layers, sites, numbers, frame),
        f'<rect width="{WIDTH:.0f}" height="{HEIGHT:.0f}" fill="none" stroke="#333" stroke-width="1.5"/>',
        "</svg>",
    ]
    return "".join(parts)


def _frame_for(layers: Layers, sites) -> Frame:
    if len(sites):
        bounds = tuple(shapely.total_bounds(np.asarray(sites.geometry)))
    else:  # nothing matches: the whole region, so the empty page still says where it looked
        bounds = tuple(layers.boundaries[layers.boundaries["level"] == "province"].total_bounds)
    return frame_around(bounds, WIDTH, HEIGHT)


def _defs() -> str:
    return ('<defs><pattern id="hatch" width="8" height="8" patternUnits="userSpaceOnUse" '
            'patternTransform="rotate(45)"><rect width="8" height="8" fill="#ffffff" fill-opacity="0.35"/>'
            '<line x1="0" y1="0" x2="0" y2="8" stroke="#7a4b9c" stroke-width="2.2" stroke-opacity="0.55"/>'
            '</pattern></defs>')


def path_data(geometry) -> str:
    """SVG path data for a (multi)polygon or (multi)line in SVG units, whole units (0.2 mm on A4)."""
    out = []
    for part in getattr(geometry, "geoms", [geometry]):
        if part.is_empty:
            continue
        rings = [part.exterior, *part.interiors] if part.geom_type == "Polygon" else [part]
        for ring in rings:
            coords = np.asarray(ring.coords)
            if len(coords) < 2:
                continue
            points = " ".join(f"{x:.0f},{y:.0f}" for x, y in np.round(coords))
            out.append(f"M{points}" + ("Z" if part.geom_type == "Polygon" else ""))
    return "".join(out)


def _shape(frame: Frame, geometry, tolerance: float = 1.0):
    """`geometry` clipped to the frame, in SVG units, simplified below what the eye sees in print."""
    clipped = frame.clip(geometry)
    if clipped.is_empty:
        return clipped
    return shapely.simplify(frame.project(clipped), tolerance, preserve_topology=True)


def _boundaries(boundaries, frame: Frame, lang: str) -> str:
    out = ['<g class="boundaries" fill="none" stroke-linejoin="round">']
    provinces = boundaries[boundaries["level"] == "province"]
    land = "".join(path_data(_shape(frame, g)) for g in provinces.geometry)
    out.append(f'<path d="{land}" fill="#fbfaf6" stroke="none"/>')
    for level in ("county", "prefecture", "province"):
        colour, width = LEVEL_STYLE[level]
        shapes = [_shape(frame, g.boundary) for g in boundaries[boundaries["level"] == level].geometry]
        d = "".join(path_data(s) for s in shapes if not s.is_empty)
        if d:
            out.append(f'<path d="{d}" stroke="{colour}" stroke-width="{width}"/>')
    out.append(_place_labels(boundaries, frame, lang))
    out.append("</g>")
    return "".join(out)


def _place_labels(boundaries, frame: Frame, lang: str) -> str:
    """City names on a regional map, county names once the frame is smaller than ~150 km."""
    wide = frame.width * frame.km_per_unit > 150
    if wide:
        rows = boundaries[(boundaries["level"] == "prefecture") | (boundaries["city_en"].astype(str) != "")
                          & (boundaries["level"] == "province")]
    else:
        rows = boundaries[boundaries["level"] == "county"]
    out = ['<g class="places" font-size="13" fill="#8a8478" text-anchor="middle" '
           'stroke="#fbfaf6" stroke-width="3" paint-order="stroke">']
    for _, row in rows.iterrows():
        point = row.geometry.representative_point()
        x, y = frame.xy(point.x, point.y)
        if 30 < x < frame.width - 30 and 20 < y < frame.height - 20:
            label = in_lang(row["name_en"], row["name_zh"], lang)
            out.append(f'<text x="{x:.1f}" y="{y:.1f}">{escape(str(label))}</text>')
    out.append("</g>")
    return "".join(out)


def _zones(layers: Layers, frame: Frame) -> str:
    """Plan zones drawn with their own outline; a zone that is exactly one administrative unit is
    already on the map as that unit's boundary."""
    out = ['<g class="zones" stroke-dasharray="6 3" stroke-width="1.4">']
    for _, zone in layers.zones.iterrows():
        spec = str(zone.get("geometry_spec", ""))
        if spec.startswith("admin:") and "+" not in spec:
            continue
        shape = _shape(frame, zone.geometry)
        if shape.is_empty:
            continue
        colour = layers.vocab.color("zone_kind", zone["kind"])
        out.append(f'<path d="{path_data(shape)}" fill="{colour}" fill-opacity="0.13" '
                   f'stroke="{colour}"/>')
    out.append("</g>")
    return "".join(out)


def _sites(layers: Layers, sites, numbers: dict[str, int], frame: Frame) -> str:
    areas, badges, dots = {}, {}, []
    for _, site in sites.iterrows():
        geometry, number = site.geometry, numbers[site["id"]]
        if geometry.geom_type in ("Polygon", "MultiPolygon"):
            areas.setdefault(geometry.wkb, (geometry, []))[1].append(number)
        elif site["precision"] != "exact":  # known only as "around here": a badge, not a dot
            badges.setdefault(geometry.wkb, (geometry, []))[1].append(number)
        else:
            dots.append((geometry, number, layers.vocab.color("kind", site["kind"])))
    out = ['<g class="sites">']
    taken: list[tuple[float, float, float]] = []  # circles already drawn (x, y, radius)
    for geometry, found in areas.values():
        shape = _shape(frame, geometry, tolerance=0.4)
        if not shape.is_empty:
            out.append(f'<path class="area" d="{path_data(shape)}" fill="url(#hatch)" '
                       'stroke="#5b2d80" stroke-width="1.6" stroke-dasharray="5 3"/>')
        point = frame.clip(geometry).representative_point() if not shape.is_empty else geometry.centroid
        out.append(_badge(frame.xy(point.x, point.y), found, taken, False, frame))
    for geometry, found in badges.values():
        out.append(_badge(frame.xy(geometry.x, geometry.y), found, taken, True, frame))
    for geometry, number, colour in dots:
        out.append(_dot(frame.xy(geometry.x, geometry.y), number, colour, taken, frame))
    out.append("</g>")
    return "".join(out)


def _badge_text(found: list[int]) -> str:
    found = sorted(found)
    shown = " · ".join(str(n) for n in found[:BADGE_MAX])
    return shown + (f" +{len(found) - BADGE_MAX}" if len(found) > BADGE_MAX else "")


def _badge(at, found, taken, dashed: bool, frame: Frame) -> str:
    """A badge of site numbers at a place, moved aside (with a leader line) when another covers it."""
    x, y = at
    text = _badge_text(found)
    width = 10 + 7.2 * len(text)
    bx, by = _free_spot(x, y, taken, frame, radius=max(width / 2, 10.0))
    taken.append((bx, by, max(width / 2, 10.0)))
    dash = ' stroke-dasharray="3 2"' if dashed else ""
    leader = ""
    if (bx, by) != (x, y):
        leader = (f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{bx:.1f}" y2="{by:.1f}" stroke="#5b2d80" '
                  f'stroke-width="0.8"/><circle cx="{x:.1f}" cy="{y:.1f}" r="2.2" fill="#5b2d80"/>')
    return (f'<g class="badge">{leader}<rect x="{bx - width / 2:.1f}" y="{by - 10:.1f}" '
            f'width="{width:.1f}" height="20" rx="4" fill="#fff" stroke="#5b2d80" stroke-width="1.4"'
            f'{dash}/><text x="{bx:.1f}" y="{by + 4.5:.1f}" font-size="13" font-weight="600" '
            f'fill="#3b1d55" text-anchor="middle">{escape(text)}</text></g>')


def _dot(at, number: int, colour: str, taken, frame: Frame) -> str:
    """A numbered circle at the facility, moved aside (with a leader line) when another covers it."""
    x, y = at
    label_x, label_y = _free_spot(x, y, taken, frame)
    taken.append((label_x, label_y, DOT_R))
    leader = ""
    if (label_x, label_y) != (x, y):
        leader = (f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{label_x:.1f}" y2="{label_y:.1f}" '
                  f'stroke="#333" stroke-width="0.8"/><circle cx="{x:.1f}" cy="{y:.1f}" r="2.4" '
                  f'fill="#333"/>')
    size = 11 if number < 100 else 9
    return (f'<g class="dot">{leader}<circle cx="{label_x:.1f}" cy="{label_y:.1f}" r="{DOT_R}" '
            f'fill="{escape(colour)}" stroke="#fff" stroke-width="1.5"/>'
            f'<text x="{label_x:.1f}" y="{label_y + size * 0.36:.1f}" font-size="{size}" '
            f'font-weight="700" fill="#fff" text-anchor="middle">{number}</text></g>')


def _free_spot(x: float, y: float, taken, frame: Frame, radius: float = DOT_R) -> tuple[float, float]:
    """The first spot on rings around (x, y) where a label of `radius` overlaps none drawn yet."""
    candidates = [(x, y)]
    for ring in range(1, 6):
        distance = ring * (2 * DOT_R + 3)
        steps = 8 * ring
        candidates += [(x + distance * math.cos(2 * math.pi * k / steps),
                        y + distance * math.sin(2 * math.pi * k / steps)) for k in range(steps)]
    for cx, cy in candidates:
        inside = radius < cx < frame.width - radius and DOT_R < cy < frame.height - 40
        if inside and all((cx - tx) ** 2 + (cy - ty) ** 2 >= (radius + r + 1) ** 2 for tx, ty, r in taken):
            return cx, cy
    return x, y


def _scale_bar(frame: Frame, lang: str) -> str:
    km = nice_length(frame.width * frame.km_per_unit / 5)
    length = km / frame.km_per_unit
    x0, y0 = 24.0, HEIGHT - 30
    half = length / 2
    unit = t("brief_km", lang)
    label = f"{km:g} {unit}"
    return (f'<g class="scale" font-size="13" fill="#222"><rect x="{x0 - 6}" y="{y0 - 20}" '
            f'width="{length + 12 + 8 * len(label):.1f}" height="32" fill="#fff" fill-opacity="0.8"/>'
            f'<rect x="{x0}" y="{y0}" width="{half:.1f}" height="6" fill="#222"/>'
            f'<rect x="{x0 + half:.1f}" y="{y0}" width="{half:.1f}" height="6" fill="#fff" '
            f'stroke="#222" stroke-width="1"/><text x="{x0}" y="{y0 - 5}">0</text>'
            f'<text x="{x0 + length:.1f}" y="{y0 - 5}" text-anchor="middle">{escape(label)}</text></g>')


def _north_arrow(lang: str) -> str:
    x, y = WIDTH - 40, 30
    return (f'<g class="north"><path d="M{x},{y} l12,34 l-12,-8 l-12,8 z" fill="#222"/>'
            f'<text x="{x}" y="{y + 52}" font-size="15" font-weight="700" text-anchor="middle" '
            f'fill="#222">{escape(t("brief_north", lang))}</text></g>')


def _attribution(lang: str) -> str:
    return (f'<text class="attribution" x="{WIDTH - 8:.0f}" y="{HEIGHT - 8:.0f}" font-size="11" '
            f'fill="#555" text-anchor="end" stroke="#fff" stroke-width="3" paint-order="stroke">'
            f'{escape(t("brief_map_attribution", lang))}</text>')
