"""What a brief says, as plain text records: filters in words, the sites, the figures about them,
the documents behind them. No HTML here (page.py escapes every string when it lays them out)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from geodata.i18n import in_lang, name, number_text, t
from geodata.layers import Layers
from geodata.query import Filter, targets_about


@dataclass(frozen=True)
class SiteRow:
    number: int  # the site's label on the brief's map
    id: str
    name: str
    other_name: str  # the name in the other language
    kind: str
    kind_key: str
    focus: str
    status: str
    place: str
    precision: str  # in words: what the position is ("somewhere in Xiong'an New Area")
    sources: str  # "[2]:44, [1]" — numbers of the brief's source list, then document lines


@dataclass(frozen=True)
class TargetRow:
    metric: str
    value: str
    unit: str
    year: str
    subject: str
    sources: str


@dataclass(frozen=True)
class SourceRow:
    number: int
    id: str
    title: str
    other_title: str
    publisher: str
    date: str
    machine_translation: bool


@dataclass(frozen=True)
class BriefContent:
    lang: str
    filters: str  # "Hebei · APIs · Planned", or "All sites"
    sites: tuple[SiteRow, ...]
    targets: tuple[TargetRow, ...]
    sources: tuple[SourceRow, ...]
    link: str
    made_on: date


def brief_content(layers: Layers, flt: Filter, sites: pd.DataFrame, lang: str, link: str,
                  made_on: date) -> BriefContent:
    """The brief's records for `sites` (already filtered by `flt`, in the order to number them)."""
    targets = targets_about(layers.targets, sites)
    documents = _cited_documents(layers.documents, sites, targets)
    numbers = {doc_id: i for i, doc_id in enumerate(documents["id"], start=1)}
    return BriefContent(
        lang=lang, filters=filter_words(flt, layers, lang),
        sites=tuple(_site_rows(layers, sites, lang, numbers)),
        targets=tuple(_target_rows(layers, targets, lang, numbers)),
        sources=tuple(_source_rows(documents, lang)),
        link=link, made_on=made_on)


def filter_words(flt: Filter, layers: Layers, lang: str) -> str:
    """The filter as a reader says it: fields joined by ' · ', a field's values by 'or'."""
    vocab, sites = layers.vocab, layers.sites
    zh = lang == "zh"
    either = "或" if zh else " or "
    places = {
        "city": dict(zip(sites["city"].astype(str), sites["city_zh"].astype(str))),
        "county": dict(zip(sites["county"].astype(str), sites["county_zh"].astype(str))),
    }
    plans = dict(zip(layers.plans["id"], (name(p, lang) for _, p in layers.plans.iterrows())))
    parts = []
    for field in ("region", "city", "county", "kind", "focus", "status", "plan"):
        values = getattr(flt, field)
        if not values:
            continue
        if field in places:
            labels = [places[field].get(v, v) if zh else v for v in values]
        elif field == "plan":
            labels = [plans.get(v, v) for v in values]
        else:
            labels = [vocab.label(field, v, lang) for v in values]
        parts.append(either.join(labels))
    if flt.year is not None:
        parts.append(t("brief_year", lang, year=flt.year))
    if flt.q.strip():
        parts.append(t("brief_search", lang, q=flt.q.strip()))
    return " · ".join(parts) if parts else t("brief_all_sites", lang)


def source_refs(items, numbers: dict[str, int]) -> str:
    """'DOC:44;DOC2' -> '[1]:44, [2]': the brief's source numbers, then the cited lines."""
    out = []
    for item in items:
        doc, _, lines = str(item).partition(":")
        ref = f"[{numbers[doc]}]" if doc in numbers else doc
        out.append(f"{ref}:{lines}" if lines else ref)
    return ", ".join(out)


def _site_rows(layers: Layers, sites, lang: str, numbers):
    vocab = layers.vocab
    zh = lang == "zh"
    sep = "、" if zh else ", "
    for number, (_, site) in enumerate(sites.iterrows(), start=1):
        yield SiteRow(
            number=number, id=str(site["id"]), name=name(site, lang),
            other_name=str(site["name_en"] if zh else site["name_zh"]),
            kind=vocab.label("kind", site["kind"], lang), kind_key=str(site["kind"]),
            focus=sep.join(vocab.label("focus", f, lang) for f in site["focus"]),
            status=vocab.label("status", site["status"], lang),
            place=_place(site, zh), precision=_precision(site, vocab, lang),
            sources=source_refs(site["sources"], numbers))


def _place(site, zh: bool) -> str:
    """'Zhao County, Shijiazhuang' / '石家庄市赵县' (Chinese names the larger place first)."""
    parts = [site["city_zh"], site["county_zh"]] if zh else [site["county"], site["city"]]
    return ("" if zh else ", ").join(str(p) for p in parts if isinstance(p, str) and p)


def _precision(site, vocab, lang: str) -> str:
    label = vocab.label("precision", site["precision"], lang)
    area = str(site.get("area_zh" if lang == "zh" else "area_en", "") or "")
    if not area or area == "nan":
        return label
    return f"{label}: {area}" if lang != "zh" else f"{label}：{area}"


def _target_rows(layers: Layers, targets, lang: str, numbers):
    vocab = layers.vocab
    subjects = _subject_names(layers, lang)
    order = targets.assign(_subject=targets["subject"].map(lambda s: subjects.get(s, s)))
    for row in order.sort_values("_subject", kind="stable").itertuples():
        yield TargetRow(
            metric=in_lang(row.metric_en, row.metric_zh, lang),
            value=f"{vocab.label('comparator', row.comparator, lang)} {number_text(row.value)}",
            unit=in_lang(row.unit_en, row.unit_zh, lang),
            year=str(int(row.year)) if pd.notna(row.year) else "",
            subject=subjects.get(row.subject, row.subject),
            sources=source_refs(row.sources, numbers))


def _subject_names(layers: Layers, lang: str) -> dict[str, str]:
    names = {}
    for frame in (layers.boundaries, layers.zones, layers.sites):
        for _, row in frame.iterrows():
            names[row["id"]] = name(row, lang)
    return names


def _cited_documents(documents: pd.DataFrame, sites, targets) -> pd.DataFrame:
    """The documents the sites and figures cite, in the data's document order."""
    cited = set()
    for column in (sites["sources"], targets["sources"]):
        for items in column:
            cited.update(str(item).partition(":")[0] for item in items)
    return documents[documents["id"].isin(cited)]


def _source_rows(documents, lang: str):
    zh = lang == "zh"
    for number, doc in enumerate(documents.itertuples(), start=1):
        title = in_lang(doc.title_en, doc.title_zh, lang)
        other = doc.title_en if zh else (doc.title_zh or "")
        publisher = in_lang(doc.publisher_en, doc.publisher_zh, lang)
        yield SourceRow(number=number, id=doc.id, title=title, other_title=other if other != title else "",
                        publisher=publisher, date=str(doc.date),
                        machine_translation=bool(doc.machine_translation))
