"""English names and ids of Chinese administrative units, for scripts/build_boundaries.py.

`海淀区` -> `Haidian District` (toneless pinyin of the stem, the suffix in English), ids as slugs.
Needs pypinyin (the `boundaries` extra).
"""

from __future__ import annotations

import re

# Suffix of a county-level name -> English word(s); longest first.
SUFFIXES = (
    ("自治县", "Autonomous County"),
    ("矿区", "Mining District"),
    ("新区", "New Area"),
    ("区", "District"),
    ("县", "County"),
    ("市", "City"),
)
ETHNIC_GROUPS = {"满族": "Manchu", "回族": "Hui", "蒙古族": "Mongol"}

# Place-name readings pypinyin gets wrong (or may get wrong in another version): stem -> pinyin.
PINYIN_OVERRIDES = {
    "长安": "changan",
    "井陉": "jingxing",
    "藁城": "gaocheng",
    "栾城": "luancheng",
    "行唐": "xingtang",
    "新乐": "xinle",
    "乐亭": "laoting",
    "曲阳": "quyang",
    "曲周": "quzhou",
    "蠡": "li",
    "涿州": "zhuozhou",
    "大城": "dacheng",
    "任丘": "renqiu",
    "任泽": "renze",
    "蔚": "yu",
    "襄都": "xiangdu",
    "信都": "xindu",
    "望都": "wangdu",
    "泊头": "botou",
    "朝阳": "chaoyang",
}


def pinyin_word(stem: str) -> str:
    """Toneless pinyin of a Chinese stem as one capitalised word (`石家庄` -> `Shijiazhuang`)."""
    from pypinyin import Style, lazy_pinyin

    if stem in PINYIN_OVERRIDES:
        return PINYIN_OVERRIDES[stem].capitalize()
    return "".join(lazy_pinyin(stem, style=Style.NORMAL)).capitalize()


def split_ethnic(stem: str) -> tuple[str, list[str]]:
    """Strip trailing ethnic-group names (`围场满族蒙古族` -> `围场`, [`Manchu`, `Mongol`])."""
    groups: list[str] = []
    changed = True
    while changed:
        changed = False
        for zh, en in ETHNIC_GROUPS.items():
            if stem.endswith(zh) and len(stem) > len(zh):
                stem, changed = stem[: -len(zh)], True
                groups.insert(0, en)
    return stem, groups


def county_name_en(name_zh: str) -> str:
    """`海淀区` -> `Haidian District`, `孟村回族自治县` -> `Mengcun Hui Autonomous County`."""
    for suffix, word in SUFFIXES:
        if name_zh.endswith(suffix) and len(name_zh) > len(suffix):
            stem, groups = split_ethnic(name_zh[: -len(suffix)])
            ethnic = f" {' and '.join(groups)}" if groups else ""
            return f"{pinyin_word(stem)}{ethnic} {word}"
    raise ValueError(f"unknown county-level suffix: {name_zh}")


def prefecture_name_en(name_zh: str) -> str:
    """`石家庄市` -> `Shijiazhuang`."""
    return pinyin_word(name_zh.removesuffix("市"))


def slug(text: str) -> str:
    """`Xiong County` -> `xiong-county`."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
