"""Statistics by place and the industry-chain matrix: pure table builders and thin renders."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import streamlit as st

from components.i18n import t
from geodata.stats import LEVELS, SPLITS, PlaceIndex, chain_matrix, chain_members, count_table

DEFAULT_LEVEL = "city"
CHAIN_LEVELS = ("region", "city")


def stats_frame(places: PlaceIndex, index, vocab, mask: np.ndarray, level: str, split: str | None,
                lang: str) -> pd.DataFrame:
    """The table as shown: one row per unit with sites, its count (and one column per split value
    when split), largest first; labels in the chosen language."""
    table = places.levels[level].table
    counts = places.counts(level, mask)
    has = counts > 0
    out = pd.DataFrame({t("col_stats_unit", lang): table["name_zh" if lang == "zh" else "name_en"].to_numpy()[has],
                        t("col_count", lang): counts[has]})
    if split:
        column = index.columns[split]
        matrix = places.split(level, mask, column)[has]
        position = {term: i for i, term in enumerate(column.terms)}
        for key in vocab.keys(split):
            if key in position and matrix[:, position[key]].any():
                out[vocab.label(split, key, lang)] = matrix[:, position[key]]
    return out.sort_values(t("col_count", lang), ascending=False, kind="stable").reset_index(drop=True)


def stats_csv(places: PlaceIndex, index, mask: np.ndarray, level: str, split: str | None) -> str:
    """As the CLI writes it: id, name_en, name_zh, [split,] count."""
    frame = count_table(places, level, mask, split or "", index.columns[split] if split else None)
    return frame.to_csv(index=False)


def chain_frame(places: PlaceIndex, index, vocab, mask: np.ndarray, level: str, lang: str) -> pd.DataFrame:
    """Places x chain segments: matching sites with a focus in each segment (units with sites)."""
    focus = index.columns["focus"]
    segments, member = chain_members(vocab, focus.terms)
    matrix = chain_matrix(places, level, mask, focus.member, member)
    table = places.levels[level].table
    has = places.counts(level, mask) > 0
    frame = pd.DataFrame(matrix[has], columns=[vocab.label("chain", s, lang) for s in segments])
    frame.insert(0, t("col_stats_unit", lang), table["name_zh" if lang == "zh" else "name_en"][has].to_numpy())
    return frame


def chain_legend(vocab, lang: str) -> list[str]:
    sep = "、" if lang == "zh" else ", "
    return [f"{vocab.label('chain', key, lang)}: "
            f"{sep.join(vocab.label('focus', f, lang) for f in vocab.term('chain', key).members)}"
            for key in (vocab.keys("chain") if "chain" in vocab.terms else ())]


def render_stats(places, index, vocab, mask, view) -> None:
    lang, analysis = view.lang, view.analysis
    level = analysis.stats or DEFAULT_LEVEL
    st.session_state["stats_level"] = level
    st.session_state["stats_split"] = analysis.split or ""
    left, right = st.columns(2)
    left.segmented_control(t("stats_by", lang), options=list(LEVELS), key="stats_level",
                           format_func=lambda k: t(f"level_{k}", lang), on_change=_on_stats)
    right.selectbox(t("stats_split", lang), options=["", *SPLITS], key="stats_split",
                    format_func=lambda k: t(f"split_{k}", lang) if k else t("stats_none", lang),
                    on_change=_on_stats)
    if not mask.any():
        st.info(t("stats_empty", lang))
        return
    frame = stats_frame(places, index, vocab, mask, level, analysis.split, lang)
    st.dataframe(frame, hide_index=True, width="stretch", key="stats_table",
                 height=min(560, 38 + 35 * len(frame)))
    notes = []
    if level == "county":
        notes.append(t("stats_county_note", lang, n=int((mask & (places.levels["county"].codes < 0)).sum())))
    if analysis.split == "focus":
        notes.append(t("stats_focus_note", lang))
    for note in notes:
        st.caption(note)
    # the file is made when clicked, not on every rerun
    st.download_button(t("stats_csv", lang),
                       lambda: stats_csv(places, index, mask.copy(), level, analysis.split),
                       file_name=f"jjj-sites-by-{level}{'-' + analysis.split if analysis.split else ''}.csv",
                       mime="text/csv", icon=":material/download:", key="stats_download")


def render_chain(places, index, vocab, mask, view) -> None:
    lang = view.lang
    level = view.analysis.stats if view.analysis.stats in CHAIN_LEVELS else "city"
    st.caption(t("chain_intro", lang))
    if not mask.any():
        st.info(t("stats_empty", lang))
        return
    frame = chain_frame(places, index, vocab, mask, level, lang)
    numbers = frame.columns[1:]
    styled = frame.style.map(lambda v: "background-color:#fde0dd;color:#a50f15" if v == 0 else
                             "background-color:#e5f5e0", subset=numbers)
    st.dataframe(styled, hide_index=True, width="stretch", key="chain_table")
    with st.expander(t("chain_segments", lang)):
        st.markdown("\n".join(f"- {line}" for line in chain_legend(vocab, lang)))


def _on_stats() -> None:
    state = st.session_state
    current = state["view"].analysis
    level = state.get("stats_level") or None
    if level == DEFAULT_LEVEL and current.stats is None:
        level = None  # the level shown by default, unchanged: `stats` would also colour the map
    analysis = replace(current, stats=level, split=state.get("stats_split") or None)
    state["view"] = replace(state["view"], analysis=analysis)
