"""Which column of a user's file holds which field: headers matched to canonical fields."""

from __future__ import annotations

import re

from geodata.upload.common import Unusable

ALIASES = {  # canonical field -> accepted column names, in order of preference (casefolded)
    "lon": ("lon", "lng", "long", "longitude", "x", "经度"),
    "lat": ("lat", "latitude", "y", "纬度"),
    "name_en": ("name_en", "name", "名称"),
    "name_zh": ("name_zh", "中文名称", "中文名", "名称"),
    "kind": ("kind", "类型", "类别"),
    "focus": ("focus", "产业方向", "领域"),
    "status": ("status", "状态"),
    "note": ("note", "notes", "备注", "说明"),
    "county": ("county", "district", "区县", "县区", "区/县", "县", "区"),
    "city": ("city", "城市", "地市", "市"),
}
_NOTE = re.compile(r"\s*[（(\[【].*?[)）\]】]|[_ -](gcj-?02|bd-?09|wgs-?84|baidu|amap|gaode|gps)$",
                   re.IGNORECASE)
# Column names that say which system the coordinates are in (for a hint when the choice differs).
CRS_WORDS = {"gcj02": ("gcj", "高德", "腾讯", "火星", "amap", "gaode"),
             "bd09": ("bd09", "bd-09", "baidu", "百度"),
             "wgs84": ("wgs", "gps")}


def match(names) -> dict[str, int]:
    """canonical field -> index of the column that holds it."""
    folded = {}
    for i, n in enumerate(names):
        folded.setdefault(str(n).strip().casefold(), i)
    for i, n in enumerate(names):  # then without a note: "经度(高德)", "lat [wgs84]", "lng_baidu"
        folded.setdefault(_NOTE.sub("", str(n)).strip().casefold(), i)
    found, used = {}, set()
    for field, aliases in ALIASES.items():
        for alias in aliases:
            i = folded.get(alias)
            if i is not None and i not in used:
                found[field] = i
                used.add(i)
                break
    return found


def named_crs(header) -> str | None:
    """The coordinate system the column names mention ('gcj02', 'bd09', 'wgs84'), if exactly one."""
    words = " ".join(str(h) for h in header).casefold()
    named = [crs for crs, marks in CRS_WORDS.items() if any(m in words for m in marks)]
    return named[0] if len(named) == 1 else None


def require_columns(columns: dict, header, csv_file: bool) -> None:
    shown = ", ".join(repr(str(h)) for h in header if str(h).strip()) or "none"
    placeable = "county" in columns or "city" in columns
    if csv_file and not ("lon" in columns and "lat" in columns) and not placeable:
        missing = " and ".join(f for f in ("longitude", "latitude") if f[:3] not in columns)
        raise Unusable("no_coordinates_columns", missing=missing, header=shown)
    if "name_en" not in columns and "name_zh" not in columns:
        raise Unusable("no_name_column", header=shown)
