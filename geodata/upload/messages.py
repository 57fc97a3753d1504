"""What the upload reader tells the user, in English and Chinese: one record per message.

A `Message` is a key into `TEXTS` plus its values, so the same problem reads
`row 3: lon: 'abc' is not a number` in English (what the CLI prints) and
`第 3 行：经度：“abc”不是数字` in Chinese. Row numbers are as a spreadsheet shows them: the header
is row 1.
"""

from __future__ import annotations

from dataclasses import dataclass

TEXTS: dict[str, tuple[str, str]] = {
    # problems of one row
    "not_number": ("'{value}' is not a number", "“{value}”不是数字"),
    "out_of_range": ("{value} is out of range ({low} to {high})", "{value} 超出范围（{low} 至 {high}）"),
    "required": ("required value is empty", "必填项为空"),
    "outside": ("({lon}, {lat}) lies outside Beijing, Tianjin and Hebei",
                "（{lon}, {lat}）位于京津冀以外"),
    "outside_swapped": ("({lon}, {lat}) lies outside Beijing, Tianjin and Hebei "
                        "(are longitude and latitude swapped?)",
                        "（{lon}, {lat}）位于京津冀以外（经度和纬度是否填反了？）"),
    "unknown_kind": ("'{value}' is not a known kind (one of: {known}); the site is kept as unknown",
                     "“{value}”不是已知类型（可选：{known}）；站点保留，类型记为未知"),
    "unknown_status": ("'{value}' is not a known status (one of: {known}); the site is kept with "
                       "status unknown", "“{value}”不是已知状态（可选：{known}）；站点保留，状态记为未知"),
    "unknown_focus": ("'{value}' is not a known focus (one of: {known}); the term is left out",
                      "“{value}”不是已知产业方向（可选：{known}）；该项已略去"),
    "too_many_fields": ("row has {found} fields, the header has {expected}",
                        "该行有 {found} 个字段，表头只有 {expected} 个"),
    "stray_quote": ("a quotation mark opens a cell that runs on to row {last}; rows {first} to {last} "
                    "are left out: close or remove the quote",
                    "引号开启的单元格一直延续到第 {last} 行；第 {first} 至 {last} 行已略去：请补全或删除该引号"),
    "geometry_missing": ("missing or empty", "缺失或为空"),
    "geometry_malformed": ("malformed geometry", "几何格式错误"),
    "geometry_not_point": ("a {type}, not a point", "是{type}，不是点"),
    "no_position": ("no coordinates, and no county or city to place the site in",
                    "没有坐标，也没有可用于定位的区县或城市"),
    "unknown_county": ("'{value}' is not a county or district of Beijing, Tianjin or Hebei{within}",
                       "“{value}”不是京津冀的区县{within}"),
    "ambiguous_county": ("'{value}' names {n} counties: {candidates}; add the city (a city column)",
                         "“{value}”对应 {n} 个区县：{candidates}；请填写所属城市（城市列）"),
    "unknown_city": ("'{value}' is not a city of Beijing, Tianjin or Hebei",
                     "“{value}”不是京津冀的城市"),
    "no_city_core": ("'{value}' has no declared urban core, so the site cannot be placed by its city",
                     "“{value}”没有登记的城区中心点，无法按城市定位"),
    # whole-file errors
    "unsupported_type": ("unsupported file type {ext}: upload a .csv, .xlsx, .geojson, .json or .gpkg "
                         "file", "不支持的文件类型 {ext}：请上传 .csv、.xlsx、.geojson、.json 或 .gpkg 文件"),
    "too_large": ("the file is too large: {size} bytes, the limit is 10 MB ({limit} bytes)",
                  "文件过大：{size} 字节，上限为 10 MB（{limit} 字节）"),
    "empty": ("the file is empty", "文件为空"),
    "binary": ("the file is binary, not a {what} text file; save it as text (UTF-8 or GBK)",
               "该文件是二进制文件，不是 {what} 文本文件；请另存为文本（UTF-8 或 GBK）"),
    "encoding": ("the text encoding could not be recognised; save the {what} as UTF-8 or GBK",
                 "无法识别文本编码；请将 {what} 另存为 UTF-8 或 GBK"),
    "malformed_json": ("malformed JSON: {detail}", "JSON 格式错误：{detail}"),
    "not_geojson": ("not GeoJSON: the file must hold a FeatureCollection of points",
                    "不是 GeoJSON：文件应包含点要素的 FeatureCollection"),
    "no_features": ("the file has no features", "文件中没有要素"),
    "no_points": ("no point geometry: the file holds {found}; upload points",
                  "没有点几何：文件中是 {found}；请上传点要素"),
    "no_coordinates_columns": ("no {missing} column found (the header has {header}); name the columns "
                               "lon/lat, lng/lat, longitude/latitude, x/y or 经度/纬度, or give a "
                               "county or city column", "未找到经度、纬度列（表头为 {header}）；请将列命名为 "
                               "经度/纬度、lon/lat 或 lng/lat，或提供区县、城市列"),
    "no_name_column": ("no name column found (the columns are {header}); add a column named name, "
                       "name_en, name_zh, 名称 or 中文名称", "未找到名称列（现有列：{header}）；请添加名为 "
                       "名称、中文名称、name、name_en 或 name_zh 的列"),
    "no_rows": ("the file has a header but no data rows", "文件只有表头，没有数据行"),
    "too_many_rows": ("too many rows: {count} (the limit is {limit})",
                      "行数过多：{count} 行（上限为 {limit} 行）"),
    "cell_too_long": ("a cell holds {size} characters (the limit is {limit})",
                      "有单元格包含 {size} 个字符（上限为 {limit}）"),
    "crs_unknown": ("unknown coordinate reference system {name}", "未知的坐标参考系 {name}"),
    "crs_unsupported_member": ("unsupported 'crs' member: only a named CRS such as "
                               "'urn:ogc:def:crs:EPSG::3857' is understood",
                               "不支持的 crs 成员：仅支持命名的坐标系，如 'urn:ogc:def:crs:EPSG::3857'"),
    "crs_meaningless": ("the coordinate system {name} is not a map coordinate system (it is {what}); "
                        "save the points in WGS-84 (EPSG:4326)",
                        "坐标系 {name} 不是地图坐标系（它是{what}）；请以 WGS-84（EPSG:4326）保存点位"),
    "crs_failed": ("the points cannot be converted from {name} to WGS-84",
                   "无法将点位从 {name} 转换为 WGS-84"),
    "not_gpkg": ("not a GeoPackage: the file is not an SQLite database",
                 "不是 GeoPackage：该文件不是 SQLite 数据库"),
    "unreadable": ("the {what} cannot be read (the file is damaged or not a {what})",
                   "无法读取该 {what}（文件已损坏或不是 {what}）"),
    "no_layers": ("the GeoPackage has no table with geometry (views are not read)",
                  "该 GeoPackage 中没有含几何的数据表（不读取视图）"),
    "choose_layer": ("the GeoPackage has {n} layers ({layers}): choose one",
                     "该 GeoPackage 有 {n} 个图层（{layers}）：请选择一个"),
    "unknown_layer": ("no layer {layer} in the file (it has {layers})", "文件中没有图层 {layer}（现有：{layers}）"),
    "generated_columns": ("the layer {layer} has computed columns, which are not read; save it as a "
                          "plain table", "图层 {layer} 含计算列，不予读取；请另存为普通数据表"),
    "no_sheet_rows": ("the first sheet is empty", "第一个工作表为空"),
    "too_costly": ("reading the file took more than its share of time or memory; it is not read",
                   "读取该文件超出了允许的时间或内存，已停止读取"),
    "read_failed": ("the file cannot be read", "无法读取该文件"),
}
FIELDS_ZH = {"lon": "经度", "lat": "纬度", "name": "名称", "kind": "类型", "focus": "产业方向",
             "status": "状态", "note": "说明", "geometry": "几何", "county": "区县", "city": "城市",
             "-": "-"}
HINTS: dict[str, tuple[str, str]] = {
    "gcj02": ("Your coordinate columns look like Amap/Tencent coordinates (GCJ-02): choose GCJ-02 "
              "above, or the points are drawn about 500 m off.",
              "坐标列看起来是高德/腾讯坐标（GCJ-02）：请在上方选择 GCJ-02，否则点位会偏移约 500 米。"),
    "bd09": ("Your coordinate columns look like Baidu coordinates (BD-09): choose BD-09 above, or "
             "the points are drawn about 1 km off.",
             "坐标列看起来是百度坐标（BD-09）：请在上方选择 BD-09，否则点位会偏移约 1 公里。"),
    "wgs84": ("Your coordinate columns say WGS-84 (GPS), but GCJ-02 or BD-09 was chosen: the points "
              "are shifted by about 500 m or more.",
              "坐标列标明为 WGS-84（GPS），但选择了 GCJ-02 或 BD-09：点位会偏移约 500 米或更多。"),
}


@dataclass(frozen=True)
class Message:
    """One message: `row` 0 for the whole file; `values` fill the key's template."""

    key: str
    values: tuple[tuple[str, object], ...] = ()
    row: int = 0
    field: str = ""

    def text(self, lang: str = "en") -> str:
        en, zh = TEXTS[self.key]
        body = (zh if lang == "zh" else en).format(**dict(self.values))
        if not self.row:
            return body
        if lang == "zh":
            return f"第 {self.row} 行：{FIELDS_ZH.get(self.field, self.field)}：{body}"
        return f"row {self.row}: {self.field}: {body}"

    def __str__(self) -> str:
        return self.text("en")


def message(key: str, row: int = 0, field: str = "", **values) -> Message:
    return Message(key, tuple(values.items()), row, field)


def count(n: int, lang: str, one: str, many: str, zh: str) -> str:
    """'1 site', '2 sites', '1 个站点': a number with its noun, in the user's language."""
    if lang == "zh":
        return f"{n:,} {zh}"
    return f"{n:,} {one if n == 1 else many}"
