"""Which column of a user's file holds which field: headers matched to canonical fields."""

from __future__ import annotations

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
}


def match(names) -> dict[str, int]:
    """canonical field -> index of the column that holds it."""
    folded = {}
    for i, n in enumerate(names):
        folded.setdefault(str(n).strip().casefold(), i)
    found, used = {}, set()
    for field, aliases in ALIASES.items():
        for alias in aliases:
            i = folded.get(alias)
            if i is not None and i not in used:
                found[field] = i
                used.add(i)
                break
    return found


def require_columns(columns: dict, header, csv_file: bool) -> None:
    shown = ", ".join(repr(str(h)) for h in header if str(h).strip()) or "none"
    if csv_file and not ("lon" in columns and "lat" in columns):
        missing = " and ".join(f for f in ("longitude", "latitude")
                               if f[:3] not in columns)
        raise Unusable(f"no {missing} column found (the header has {shown}); name the columns "
                       "lon/lat, lng/lat, longitude/latitude, x/y or 经度/纬度")
    if "name_en" not in columns and "name_zh" not in columns:
        raise Unusable(f"no name column found (the columns are {shown}); add a column named "
                       "name, name_en, name_zh, 名称 or 中文名称")
