"""Downloadable templates: the columns the reader understands, with two example rows, as CSV
(UTF-8 with a BOM, so Excel on Chinese Windows opens it right) or XLSX, with English or Chinese
headers."""

from __future__ import annotations

import csv
import io

HEADERS = {
    "en": ("name", "name_zh", "lon", "lat", "county", "city", "kind", "focus", "status", "note"),
    "zh": ("名称", "中文名称", "经度", "纬度", "区县", "城市", "类型", "产业方向", "状态", "说明"),
}
EXAMPLES = {
    "en": (("Haidian TCM clinic", "海淀中医诊所", "116.298", "39.959", "", "", "hospital", "tcm",
            "operating", "Coordinates in WGS-84 (or choose GCJ-02 / BD-09 when uploading)"),
           ("Zhangjiakou elderly care", "张家口养老中心", "", "", "Qiaoxi District", "Zhangjiakou",
            "elderly_care_facility", "elderly_care", "planned",
            "No coordinates: placed as somewhere in its county")),
    "zh": (("海淀中医诊所", "海淀中医诊所", "116.298", "39.959", "", "", "医院", "中医药", "已运营",
            "坐标为 WGS-84（上传时也可选择 GCJ-02 / BD-09）"),
           ("张家口养老中心", "张家口养老中心", "", "", "桥西区", "张家口市", "养老机构", "养老服务",
            "规划中", "无坐标：按所在区县定位")),
}


def template_csv(lang: str) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADERS[lang])
    writer.writerows(EXAMPLES[lang])
    return buffer.getvalue().encode("utf-8-sig")


def template_xlsx(lang: str) -> bytes:
    import openpyxl  # noqa: PLC0415 - only when a template is downloaded

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "sites" if lang == "en" else "站点"
    sheet.append(list(HEADERS[lang]))
    for row in EXAMPLES[lang]:
        sheet.append([float(v) if v and HEADERS["en"][i] in ("lon", "lat") else v for i, v in enumerate(row)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
