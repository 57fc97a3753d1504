"""How a site's place is known, in words for its card: exact, somewhere in an area, or a city.

An area or city site has no point of its own: distances are measured from a point inside its area
(or from its city's urban core) and the card says so, never "0 km from ..." as if it were exact.
"""

from __future__ import annotations

from components.i18n import t

# The card's fact rows that show one site field each: field -> the fact's label key.
FACT_FIELDS = {"kind": "card_kind", "focus": "card_focus", "status": "card_status",
               "plans": "card_plans", "zones": "card_zones", "county": "card_place",
               "city": "card_place", "region": "card_place"}
# Other fields an `inferred` list may name, as the reader calls them (never a column's raw name).
FIELD_LABELS = {"name_en": "col_name", "name_zh": "col_name_zh", "note": "card_note",
                "note_zh": "card_note", "located_by": "card_located_by",
                "located_by_zh": "card_located_by", "lon": "card_precision", "lat": "card_precision"}


def area_name(site, lang: str) -> str:
    if site["precision"] == "city":
        return str(site["city_zh"] if lang == "zh" else site["city"])
    zh, en = str(site["area_zh"] or ""), str(site["area_en"] or "")
    return (zh or en) if lang == "zh" else (en or zh)


def how_known(site, lang: str) -> str:
    """One sentence: what the shown position is."""
    precision = site["precision"]
    if precision == "exact":
        return t("where_exact", lang)
    return t(f"where_{precision}", lang, area=area_name(site, lang))


def distance_text(site, km: float, lang: str) -> str:
    if site["precision"] == "exact":
        return t("card_to_beijing", lang, km=km)
    return t(f"card_to_beijing_{site['precision']}", lang, km=km, area=area_name(site, lang))


def mark_inferred(facts: list[tuple[str, str]], site, lang: str) -> list[tuple[str, str]]:
    """Values that are our inference, not the document's, say so; other inferred fields are
    listed in a row of their own."""
    inferred = set(site["inferred"])
    if not inferred:
        return facts
    labels = {t(FACT_FIELDS[f], lang) for f in inferred if f in FACT_FIELDS}
    mark = t("our_inference", lang)
    out = [(k, f"{v} ({mark})" if k in labels else v) for k, v in facts]
    rest = dict.fromkeys(t(FIELD_LABELS[f], lang) if f in FIELD_LABELS else f
                         for f in sorted(inferred) if f not in FACT_FIELDS)
    if rest:
        out.append((t("card_inferred", lang), ("、" if lang == "zh" else ", ").join(rest)))
    return out
