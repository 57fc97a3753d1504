"""A plan's or a site's figures as a table: metric, value with its comparator, unit, year, source,
note. A value that is our inference, not the document's, says so."""

from __future__ import annotations

import pandas as pd

from components.citations import short_cite
from components.i18n import in_lang, number_text, t
from geodata.vocab import Vocabulary

COLUMNS = ("col_metric", "col_value", "col_unit", "col_year", "col_source", "col_note")


def target_table(vocab: Vocabulary, rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    mark = f" ({t('our_inference', lang)})"

    def ours(row, fields: set[str], text: str) -> str:
        return f"{text}{mark}" if text and fields & set(row.inferred) else text

    # One walk over the rows: each itertuples() pulls every column out of the frame again, and
    # six of them made a site card 20 ms to build (it is built on a rerun, for every viewer).
    table: dict[str, list[str]] = {t(c, lang): [] for c in COLUMNS}
    metric, value, unit, year, source, note = table.values()
    for r in rows.itertuples():
        metric.append(ours(r, {"metric_en", "metric_zh"}, in_lang(r.metric_en, r.metric_zh, lang)))
        value.append(ours(r, {"value", "comparator"},
                          f"{vocab.label('comparator', r.comparator, lang)} {number_text(r.value)}"))
        unit.append(ours(r, {"unit_en", "unit_zh"}, in_lang(r.unit_en, r.unit_zh, lang)))
        year.append(ours(r, {"year"}, str(int(r.year)) if pd.notna(r.year) else ""))
        source.append(short_cite(r.sources, lang))
        note.append(in_lang(r.note, r.note_zh, lang))
    return pd.DataFrame(table)
