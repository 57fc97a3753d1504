"""The source documents with counts of what the data took from each."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.citations import public_address
from components.i18n import STRINGS, in_lang, t
from components.text import md_escape
from components.view_state import open_site
from geodata.layers import Layers
from geodata.locations import source_document

LABELS = {"sites": ("sites", "站点"), "zones": ("zones", "区域"), "plans": ("plans", "规划"),
          "targets": ("figures", "数据"), "items": ("other items", "其他事项")}


def source_counts(layers: Layers) -> pd.DataFrame:
    """Per document: how many sites, zones, plans, targets and items cite it (each row once)."""
    counts = {}
    for key in LABELS:
        frame = getattr(layers, key)
        docs = frame["sources"].map(lambda refs: sorted({source_document(r) for r in refs}))
        counts[key] = docs.explode().value_counts()
    ids = layers.documents["id"]
    return pd.DataFrame({k: [int(v.get(i, 0)) for i in ids] for k, v in counts.items()}, index=ids)


def render_sources(layers: Layers, lang: str) -> None:
    counts = source_counts(layers)
    zh = lang == "zh"
    for doc in layers.documents.itertuples():
        with st.container(border=True):
            title = in_lang(doc.title_en, doc.title_zh, lang)
            url = public_address(getattr(doc, "url", ""))
            st.markdown(f"**[{md_escape(title)}](<{url}>)**" if url else f"**{md_escape(title)}**")
            other = doc.title_en if zh else doc.title_zh
            if other:
                st.caption(md_escape(other))
            publisher = in_lang(doc.publisher_en, doc.publisher_zh, lang)
            language = f"doc_language_{doc.language}"  # a word, not the code "en"
            language = t(language, lang) if language in STRINGS else doc.language
            line = f"{publisher} · {doc.date} · {language}"
            if doc.machine_translation:
                line += f" · {t('machine_translation', lang)}"
            st.text(line)
            note = in_lang(doc.note, doc.note_zh, lang)
            if note:
                st.caption(md_escape(note))
            row = counts.loc[doc.id]
            cols = st.columns(len(LABELS))
            for col, (key, (en, zh_label)) in zip(cols, LABELS.items()):
                col.metric(zh_label if zh else en, int(row[key]))
            _site_list(layers, doc.id, lang)


def _site_list(layers: Layers, doc_id: str, lang: str) -> None:
    """The sites this document names, each opening on the map."""
    sites = layers.sites[[any(str(ref).split(":")[0] == doc_id for ref in refs)
                          for refs in layers.sites["sources"]]]  # sources cite DOC:LINE
    if sites.empty:
        return
    with st.expander(t("sources_sites", lang, n=len(sites))):
        for site in sites.itertuples():
            label = site.name_zh if lang == "zh" else site.name_en
            st.button(label, key=f"src_{doc_id}_{site.id}", type="tertiary", icon=":material/place:",
                      on_click=open_site, args=(site.id,))

