"""A plan's or a site's figures as a table: metric, value with its comparator, unit, year, source."""

from __future__ import annotations

import pandas as pd

from components.citations import short_cite
from components.i18n import number_text, t
from geodata.vocab import Vocabulary


def target_table(vocab: Vocabulary, rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    zh = lang == "zh"
    return pd.DataFrame({
        t("col_metric", lang): [(r.metric_zh or r.metric_en) if zh else r.metric_en for r in rows.itertuples()],
        t("col_value", lang): [f"{vocab.label('comparator', r.comparator, lang)} {number_text(r.value)}"
                               for r in rows.itertuples()],
        t("col_unit", lang): [(r.unit_zh or r.unit_en) if zh else r.unit_en for r in rows.itertuples()],
        t("col_year", lang): [str(int(r.year)) if pd.notna(r.year) else "" for r in rows.itertuples()],
        t("col_source", lang): [short_cite(r.sources, lang) for r in rows.itertuples()],
    })
