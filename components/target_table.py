"""A plan's or a site's figures as a table: metric, value with its comparator, unit, year, source,
note. A value that is our inference, not the document's, says so."""

from __future__ import annotations

import pandas as pd

from components.citations import short_cite
from components.i18n import in_lang, number_text, t
from geodata.vocab import Vocabulary


def target_table(vocab: Vocabulary, rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    mark = f" ({t('our_inference', lang)})"

    def ours(row, fields: set[str], text: str) -> str:
        return f"{text}{mark}" if text and fields & set(row.inferred) else text

    return pd.DataFrame({
        t("col_metric", lang): [ours(r, {"metric_en", "metric_zh"}, in_lang(r.metric_en, r.metric_zh, lang))
                                for r in rows.itertuples()],
        t("col_value", lang): [ours(r, {"value", "comparator"},
                                    f"{vocab.label('comparator', r.comparator, lang)} {number_text(r.value)}")
                               for r in rows.itertuples()],
        t("col_unit", lang): [ours(r, {"unit_en", "unit_zh"}, in_lang(r.unit_en, r.unit_zh, lang))
                              for r in rows.itertuples()],
        t("col_year", lang): [ours(r, {"year"}, str(int(r.year)) if pd.notna(r.year) else "")
                              for r in rows.itertuples()],
        t("col_source", lang): [short_cite(r.sources, lang) for r in rows.itertuples()],
        t("col_note", lang): [in_lang(r.note, r.note_zh, lang) for r in rows.itertuples()],
    })
