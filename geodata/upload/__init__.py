"""A user's own sites, uploaded as CSV, Excel, GeoJSON or GeoPackage, checked like seeds/ and placed.

`read_upload(name, data, vocab, boundaries, options, cores)` never raises for bad input: it returns
an `UploadResult` whose `sites` are the usable rows (the columns of `layers.SITE_COLUMNS` plus a
geometry in EPSG:4326, so they can be searched, filtered and exported with the curated sites),
whose `problems` are `Message`s, one per problem of a row (`row N: field: message` in English, the
same in Chinese with `text("zh")`), and whose `error` is one message when the whole file is
unusable (then `sites` is empty). `left_out` and `changed` count ROWS, not messages.

Modules, one job each: `formats` (a file's bytes -> rows of raw text per field; CSV encodings),
`features` (GeoJSON and GeoPackage points, CRSs), `limits` + `sandbox` (GeoPackage and Excel read in
a child process with CPU and memory limits), `columns` (which header holds which field), `rows`
(the seeds/ rules per row, vocabulary labels -> keys, GCJ-02/BD-09 -> WGS-84), `places` (region,
city and county from the boundaries; rows placed by county or city name), `messages` (every text
in English and Chinese), `common` (limits, records).

Formats: `.csv`/`.txt` (comma, tab or ';'; UTF-8, UTF-8 with BOM, UTF-16, GBK/GB18030 or what
charset-normalizer detects; the detection is reported), `.xlsx` (the first sheet), `.geojson` /
`.json` (points; a legacy named `crs` is honoured), `.gpkg` (tables only, never views; the layer
must be chosen when there are several). Row N is as a spreadsheet shows it: the header is row 1
(features: feature N).

Rules: coordinates must be numbers inside Beijing, Tianjin and Hebei, after conversion from the
chosen system (`Options.crs`: wgs84, gcj02 for Amap/Tencent, bd09 for Baidu); a row without
coordinates but with a county (区县) or city (城市) column value becomes an `area` site of that
county or a `city` site at the city's urban core. A name is required. Unknown kind/status keep the
row as "unknown"; unknown focus terms are left out. region/city/county are filled from the
boundaries. Ids are `upload-<row>`. Text is kept as written, cut to 500 characters.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd

from geodata.upload.columns import named_crs
from geodata.upload.common import CRS_CHOICES, MAX_BYTES, MAX_ROWS, MAX_TEXT, Options, Unusable
from geodata.upload.formats import EXTENSIONS, read
from geodata.upload.messages import Message, count, message
from geodata.upload.places import Gazetteer, read_city_cores
from geodata.upload.rows import DEFAULT_NOTE, DEFAULT_NOTE_ZH, PRECISION, UNKNOWN, empty_sites, validate
from geodata.vocab import Vocabulary

__all__ = ["CRS_CHOICES", "DEFAULT_NOTE", "DEFAULT_NOTE_ZH", "EXTENSIONS", "MAX_BYTES", "MAX_ROWS",
           "MAX_TEXT", "Message", "Options", "PRECISION", "UNKNOWN", "UploadResult", "count",
           "empty_sites", "read_city_cores", "read_upload"]


@dataclass(frozen=True)
class UploadResult:
    sites: gpd.GeoDataFrame
    problems: tuple[Message, ...] = ()
    error: Message | None = None
    left_out: int = 0  # rows not shown
    changed: int = 0  # rows shown with a value dropped or replaced
    encoding: str = ""  # the detected text encoding ("" for binary formats)
    layers: tuple[str, ...] = ()  # a GeoPackage's layers (to choose from when there are several)
    layer: str = ""
    hint: str = ""  # a coordinate system the column names suggest, when it differs from the choice

    @property
    def needs_layer(self) -> bool:
        return bool(self.layers) and not self.layer


def read_upload(name: str, data: bytes, vocab: Vocabulary, boundaries: gpd.GeoDataFrame,
                options: Options = Options(), cores: dict | None = None) -> UploadResult:
    """The usable sites of an uploaded file, each bad row as a problem, or one error."""
    try:
        table = read(str(name or ""), bytes(data), options)
    except Unusable as exc:
        return UploadResult(empty_sites(), (), exc.message)
    except Exception:  # noqa: BLE001 - third-party readers raise many types; never crash
        return UploadResult(empty_sites(), (), message("read_failed"))
    if table.layers and not table.layer:
        return UploadResult(empty_sites(), (), table.problems[0], layers=table.layers)
    problems = list(table.problems)
    sites = validate(table.rows, vocab, boundaries, problems, options.crs,
                     Gazetteer(boundaries, cores or {}))
    problems.sort(key=lambda m: m.row)  # stable: a row's problems keep their order
    rows = {m.row for m in problems if m.row}
    kept = set(int(i.removeprefix("upload-")) for i in sites["id"])
    left_out = (rows - kept) | table.left_out
    named = named_crs(table.header)
    return UploadResult(sites, tuple(problems), None, left_out=len(left_out),
                        changed=len(rows & kept), encoding=table.encoding, layers=table.layers,
                        layer=table.layer, hint=named if named and named != options.crs else "")
