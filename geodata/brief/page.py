"""The brief's HTML page: one file, styles inline, the map and QR code as inline SVG, so it opens
offline and sends no request; laid out for A4 (header, map, tables, sources; rows never split
across pages, table headings repeated on each page). Every data string is escaped here."""

from __future__ import annotations

from html import escape

from geodata.brief.content import BriefContent
from geodata.i18n import t
from geodata.qr import svg as qr_svg

HTML_LANG = {"en": "en", "zh": "zh-CN"}
# No., name, kind, focus, status, place, precision, sources (percent of the page's width)
SITE_WIDTHS = (3, 31, 12, 19, 8, 12, 9, 6)

PAGE_RULE = """@page { size: A4; margin: 8mm 9mm 11mm;
  @bottom-left { content: FOOT; font: 7.5pt sans-serif; color: #666; }
  @bottom-right { content: counter(page) " / " counter(pages); font: 7.5pt sans-serif; color: #666; } }"""
STYLE = """
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 190mm; padding: 8mm 0; color: #1d1d1f; font: 8.6pt/1.35
  'Noto Sans CJK SC','Noto Sans SC','Microsoft YaHei','PingFang SC','Helvetica Neue',Arial,sans-serif; }
@media print { body { padding: 0; max-width: none; } }
header { display: flex; gap: 5mm; align-items: flex-start; justify-content: space-between;
  border-bottom: 1.5pt solid #1d1d1f; padding-bottom: 1.5mm; margin-bottom: 2mm; }
.kicker { margin: 0; font-size: 8pt; color: #555; letter-spacing: .02em; }
h1 { margin: .5mm 0 1mm; font-size: 14pt; line-height: 1.2; }
.meta { margin: 0; color: #444; }
.link { margin: 1.5mm 0 0; font-size: 7.5pt; overflow-wrap: anywhere; word-break: break-all; }
.link a { color: #0b57d0; text-decoration: none; }
.qr { flex: none; text-align: center; width: 30mm; }
.qr svg { display: block; width: 22mm; height: 22mm; margin: 0 auto; }
.qr p { margin: .5mm 0 0; font-size: 6.8pt; color: #444; line-height: 1.2; }
figure { margin: 0 0 1mm; break-inside: avoid; }
figure svg { display: block; width: 100%; height: auto; }
figcaption { display: flex; flex-wrap: wrap; gap: 1mm 4mm; margin-top: 1.2mm; font-size: 7.5pt; color: #333; }
.key { display: inline-flex; align-items: center; gap: 1.2mm; }
.sw { display: inline-block; width: 3mm; height: 3mm; border-radius: 50%; }
.sw.area { border-radius: 0; border: 1px dashed #5b2d80;
  background: repeating-linear-gradient(45deg, #c9b3da 0 1px, #fff 1px 3px); }
.sw.city { border-radius: 1px; border: 1px dashed #5b2d80; background: #fff; }
.sw.zone { border-radius: 0; border: 1px dashed #a65628; background: #f1e3d8; }
h2 .note { font-size: 7.4pt; font-weight: 400; color: #666; margin-left: 2mm; }
h2 { font-size: 10pt; margin: 2.2mm 0 1mm; break-after: avoid; }
table { width: 100%; border-collapse: collapse; font-size: 7.1pt; line-height: 1.22; }
table.sites { table-layout: fixed; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th { text-align: left; font-weight: 600; font-size: 7.1pt; color: #444; border-bottom: 1pt solid #1d1d1f;
  padding: .6mm 1mm; }
td { padding: .35mm .9mm; border-bottom: .4pt solid #d6d6d6; vertical-align: top; overflow-wrap: break-word; hyphens: auto; }
tr.group th { font-size: 8pt; color: #1d1d1f; border-bottom: .6pt solid #888; padding-top: 1.6mm;
  break-after: avoid; }
td.n { font-weight: 700; text-align: right; }
.other { color: #666; font-size: 6.8pt; margin-left: 1mm; }
.src { font-size: 7pt; color: #444; white-space: nowrap; }
ol.sources { margin: 0; padding-left: 6mm; font-size: 7.1pt; line-height: 1.25; }
ol.sources li { margin: 0 0 .8mm; break-inside: avoid; }
.muted { color: #666; }
footer { margin-top: 3mm; padding-top: 1.5mm; border-top: .5pt solid #999; font-size: 7.4pt; color: #444;
  break-inside: avoid; }
footer p { margin: 0 0 .8mm; }
"""


def brief_page(content: BriefContent, map_svg: str, legend: list[tuple[str, str, str]]) -> str:
    """The whole HTML document. `legend`: (css class, colour, label) of each symbol on the map."""
    lang = content.lang
    title = f"{content.filters} · {t('brief_heading', lang)}"
    foot = f"{t('brief_heading', lang)} · {content.made_on.isoformat()}"
    body = [
        _header(content),
        f'<figure>{map_svg}<figcaption>{_legend(legend)}</figcaption></figure>',
        _sites(content),
        _targets(content),
        _sources(content),
    ]
    return (f'<!doctype html>\n<html lang="{HTML_LANG[lang]}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{escape(title)}</title><style>{PAGE_RULE.replace("FOOT", _css_string(foot))}{STYLE}</style>'
            f'</head><body>{"".join(body)}</body></html>\n')


def _css_string(text: str) -> str:
    """A CSS string literal holding `text` (quotes, backslashes and angle brackets escaped)."""
    return '"' + "".join(c if c.isalnum() or c in " ·-:/.,()" else f"\\{ord(c):x} " for c in text) + '"'


def _header(content: BriefContent) -> str:
    lang = content.lang
    meta = " · ".join([t("brief_count", lang, n=len(content.sites)),
                       t("brief_made", lang, date=content.made_on.isoformat())])
    link = ""
    if content.link:
        link = (f'<p class="link">{escape(t("brief_link", lang))} '
                f'<a href="{escape(content.link)}">{escape(content.link)}</a></p>')
    code = ""
    if content.link:
        code = (f'<div class="qr">{qr_svg(content.link, size="22mm", title=t("brief_scan", lang))}'
                f'<p>{escape(t("brief_scan", lang))}</p></div>')
    return (f'<header><div><p class="kicker">{escape(t("brief_heading", lang))}</p>'
            f'<h1>{escape(content.filters)}</h1><p class="meta">{escape(meta)}</p>{link}</div>'
            f'{code}</header>')


def _legend(legend) -> str:
    return "".join(f'<span class="key"><span class="sw {escape(kind)}" style="background-color:'
                   f'{escape(colour)}"></span>{escape(label)}</span>' if colour else
                   f'<span class="key"><span class="sw {escape(kind)}"></span>{escape(label)}</span>'
                   for kind, colour, label in legend)


def _table(headings: list[str], rows: list[str], widths: tuple[int, ...] = (), css: str = "") -> str:
    """A table; `widths`: each column's share in percent (fixed layout: long names wrap, never
    squeeze the short columns)."""
    cols = "".join(f'<col style="width:{w}%">' for w in widths)
    head = "".join(f"<th>{escape(h)}</th>" for h in headings)
    return (f'<table class="{css}"><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


def _sites(content: BriefContent) -> str:
    lang = content.lang
    heading = f'<h2>{escape(t("brief_sites", lang))}</h2>'
    if not content.sites:
        return f'<section>{heading}<p class="muted">{escape(t("brief_no_sites", lang))}</p></section>'
    headings = [t(k, lang) for k in ("col_number", "col_name", "col_kind", "col_focus", "col_status",
                                       "col_place", "col_precision", "col_sources")]
    rows = [f'<tr id="site-{escape(s.id)}"><td class="n">{s.number}</td>'
            f'<td><b>{escape(s.name)}</b><span class="other">{escape(s.other_name)}</span></td>'
            f'<td>{escape(s.kind)}</td><td>{escape(s.focus)}</td><td>{escape(s.status)}</td>'
            f'<td>{escape(s.place)}</td><td>{escape(s.precision)}</td>'
            f'<td class="src">{escape(s.sources)}</td></tr>' for s in content.sites]
    return f"<section>{heading}{_table(headings, rows, SITE_WIDTHS, 'sites')}</section>"


def _targets(content: BriefContent) -> str:
    if not content.targets:
        return ""
    lang = content.lang
    headings = [t(k, lang) for k in ("col_metric", "col_value", "col_unit", "col_year", "col_source")]
    rows, subject = [], None
    for r in content.targets:  # grouped by what they concern: one heading row per subject
        if r.subject != subject:
            subject = r.subject
            rows.append(f'<tr class="group"><th colspan="5">{escape(t("col_subject", lang))}: '
                        f"{escape(subject)}</th></tr>")
        rows.append(f"<tr><td>{escape(r.metric)}</td><td>{escape(r.value)}</td><td>{escape(r.unit)}</td>"
                    f'<td>{escape(r.year)}</td><td class="src">{escape(r.sources)}</td></tr>')
    return f'<section><h2>{escape(t("brief_targets", lang))}</h2>{_table(headings, rows)}</section>'


def _sources(content: BriefContent) -> str:
    lang = content.lang
    items = []
    for doc in content.sources:
        other = f' <span class="muted">{escape(doc.other_title)}</span>' if doc.other_title else ""
        machine = f' <i class="muted">({escape(t("machine_translation", lang))})</i>' \
            if doc.machine_translation else ""
        items.append(f'<li value="{doc.number}"><b>{escape(doc.title)}</b>{other} — '
                     f'{escape(doc.publisher)}, {escape(doc.date)}{machine} '
                     f'<span class="muted">[{escape(doc.id)}]</span></li>')
    return (f'<section><h2>{escape(t("brief_sources", lang))} '
            f'<span class="note">{escape(t("brief_sources_note", lang))}</span></h2>'
            f'<ol class="sources">{"".join(items)}</ol></section>')
