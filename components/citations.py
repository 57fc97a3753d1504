"""Sources as people read them: a document's title and date with the lines a claim rests on."""

from __future__ import annotations

import re

from components.i18n import in_lang, t
from geodata.locations import parse_source, source_document


def line_groups(refs) -> dict[str, list[str]]:
    """Document id -> its cited lines ("44", "4-10"), in the order first cited."""
    out: dict[str, list[str]] = {}
    for ref in refs:
        parsed = parse_source(ref)
        doc = source_document(ref)
        if parsed is None:
            out.setdefault(doc, [])
            continue
        _, first, last = parsed
        out.setdefault(doc, []).append(str(first) if first == last else f"{first}–{last}")
    return out


def cite(documents, refs, lang: str) -> tuple[str, ...]:
    """One line per document: 'Title (date), lines 4–10, 44 — DOC' (the id says which file)."""
    docs = documents.set_index("id")
    out = []
    for doc_id, lines in line_groups(refs).items():
        where = ""
        if lines:
            sep = "、" if lang == "zh" else ", "
            key = "cite_line" if len(lines) == 1 and "–" not in lines[0] else "cite_lines"
            where = t(key, lang, n=sep.join(lines))
        if doc_id in docs.index:
            doc = docs.loc[doc_id]
            title = in_lang(doc["title_en"], doc["title_zh"], lang)
            out.append(f"{title} ({doc['date']}){', ' + where if where else ''} — {doc_id}")
        else:
            out.append(f"{doc_id}{', ' + where if where else ''}")
    return tuple(out)


def short_cite(refs, lang: str) -> str:
    """Compact form for tables: 'DOC L44; DOC L4–10' (第44行)."""
    parts = []
    for doc_id, lines in line_groups(refs).items():
        sep = "、" if lang == "zh" else ", "
        parts.append(f"{doc_id} {t('cite_short', lang, n=sep.join(lines))}" if lines else doc_id)
    return "; ".join(parts)


def public_address(url) -> str:
    """A document's address if it is a web address (anything else is never made a link)."""
    url = str(url or "").strip()
    return url if re.fullmatch(r"https?://[^\s<>\"'`]+", url) else ""
