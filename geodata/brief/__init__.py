"""A brief of one view: a self-contained HTML page (inline SVG map and QR code) to print on A4 or
send, in English or Chinese. Used by the CLI (`export --format brief`) and the app's download."""

from __future__ import annotations

from datetime import date

from geodata.brief.content import BriefContent, brief_content, filter_words
from geodata.brief.page import brief_page
from geodata.brief.svg_map import site_map_svg
from geodata.i18n import t
from geodata.layers import Layers
from geodata.query import Filter

__all__ = ["BriefContent", "brief_content", "brief_html", "filter_words"]


def brief_html(layers: Layers, flt: Filter, sites, lang: str = "en", link: str = "",
               made_on: date | None = None) -> str:
    """The brief of `sites` (layers.sites filtered by `flt`) with the view's `link` and its QR code."""
    content = brief_content(layers, flt, sites, lang, link, made_on or date.today())
    numbers = {row.id: row.number for row in content.sites}
    return brief_page(content, site_map_svg(layers, sites, numbers, lang), _legend(layers, sites, lang))


def _legend(layers: Layers, sites, lang: str) -> list[tuple[str, str, str]]:
    """The map's symbols that this brief uses: site kinds present, then the kinds of position."""
    vocab = layers.vocab
    kinds = [k for k in vocab.keys("kind") if k in set(sites["kind"].astype(str))]
    polygon = sites.geometry.geom_type.isin(["Polygon", "MultiPolygon"]) if len(sites) else []
    exact = (sites["precision"].astype(str) == "exact") & ~polygon if len(sites) else []
    badge = ~polygon & ~exact if len(sites) else []
    legend = []
    if len(sites) and exact.any():
        legend += [("", vocab.color("kind", k), vocab.label("kind", k, lang))
                   for k in kinds if (exact & (sites["kind"].astype(str) == k)).any()]
        legend.append(("dot-note", "#777", t("brief_legend_exact", lang)))
    if len(sites) and polygon.any():
        legend.append(("area", "", t("brief_legend_area", lang)))
    if len(sites) and badge.any():
        what = sorted({vocab.label("precision", p, lang) for p in sites.loc[badge, "precision"].astype(str)})
        legend.append(("city", "", t("brief_legend_badge", lang, what=", ".join(what))))
    legend.append(("zone", "", t("brief_legend_zone", lang)))
    return legend
