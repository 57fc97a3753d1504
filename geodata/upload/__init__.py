"""A user's own sites, uploaded as CSV, GeoJSON or GeoPackage, checked like seeds/ and placed.

`read_upload(name, data, vocab, boundaries)` never raises for bad input: it returns an
`UploadResult` whose `sites` are the usable rows (the columns of `layers.SITE_COLUMNS` plus a
point geometry in EPSG:4326, so they can be searched, filtered and exported with the curated
sites), whose `problems` list each bad row as `row N: field: message`, and whose `error` is one
message when the whole file is unusable (then `sites` is empty and `problems` is ()).

Modules, one job each: `formats` (a file's bytes -> rows of raw text per field), `columns`
(which header holds which field), `rows` (the seeds/ rules per row, vocabulary labels -> keys),
`places` (region, city and county from the boundaries), `common` (limits, the row record).

Formats, chosen by the file's extension:
- `.csv`: UTF-8 (a BOM is allowed), comma-separated (tab or ';' when the header has no comma),
  a header row, then one site per row. Row 1 is the first row after the header; blank rows are
  skipped but still counted, so N is the row a spreadsheet shows minus one. Coordinates are
  WGS-84 decimal degrees by definition.
- `.geojson` / `.json`: a FeatureCollection (or one Feature, or one bare geometry) of points;
  row N is feature N (1-based). A legacy `crs` member naming another CRS is honoured and the
  points are reprojected to EPSG:4326; without one the file is WGS-84 (RFC 7946).
- `.gpkg`: the first layer with point geometry; a declared CRS is reprojected to EPSG:4326, a
  layer without a CRS is taken as WGS-84. Row N is feature N of that layer.

Columns (CSV headers or feature properties) are matched case-insensitively, first alias wins:
longitude `lon, lng, long, longitude, x, 经度`; latitude `lat, latitude, y, 纬度`
(CSV only: GeoJSON/GPKG take the point geometry); English name `name_en, name, 名称`; Chinese
name `name_zh, 中文名称, 中文名, 名称` (a column already used for the English name is skipped);
`kind` (`类型`, `类别`), `focus` (`产业方向`, `领域`), `status` (`状态`), `note` (`notes`, `备注`,
`说明`). Other columns are ignored. A CSV without longitude/latitude columns, or a file without
any name column, is unusable (one error rather than the same problem on every row).

Rules (the seeds/ rules that apply to a point the user names, reusing geodata's code):
- Coordinates must be finite numbers (`load.parse_cell` with the `sites.csv` lon/lat columns)
  and lie inside Beijing, Tianjin and Hebei (`boundaries.jjj_outline`, the same tolerance as
  `validate.site_places`). Otherwise the row is reported and DROPPED.
- A name is required: name_en or name_zh; the missing one is filled with the same text. A row
  with neither is reported and DROPPED.
- region, city (+city_zh) and county (+county_zh) are not read from the file: they are FILLED
  from the county-level boundary that contains the point (or, for a point on a simplified coast
  or border that no county polygon covers, the nearest county).
- Vocabulary (`kind`, `focus`, `status`): a value may be a key (`tcm`) or the English or Chinese
  label of one (`Traditional Chinese medicine`, `中医药`), matched case-insensitively; focus is a
  list separated by `;` or `,` (also `；`, `，`, `、`). An unknown value is reported with the
  same message as seeds/ (`'xyz' is not a known kind (one of: ...)`) plus what was done, and the
  row is KEPT:
    * kind: unknown or empty -> kind "unknown" (the vocabulary's "Kind not known", drawn grey).
      Empty is not a problem.
    * focus: unknown terms are left out, known terms kept; empty -> () (not a problem).
    * status: unknown or empty -> "unknown" (a real status key). Empty is not a problem.
- Every kept row gets id `upload-<N>` (N = its row number, so ids are stable for a given file),
  precision "exact" (the user's coordinates are taken as given), plans/zones/sources (), and
  note = the user's note or "Uploaded by you; not from the curated sources." (note_zh is the
  Chinese version of that default, or "" when the user wrote a note, so cards fall back to it).
- Text is kept as written (escaping is the renderer's job), stripped, and cut to 500 characters
  (499 + "…") without a problem being reported.

Whole-file errors: unsupported extension, more than MAX_BYTES, empty, binary / not UTF-8 (CSV,
GeoJSON), malformed CSV / JSON / GeoPackage, no longitude/latitude or name columns, no point
geometry, an unknown or unusable CRS, no data rows, more than MAX_ROWS rows.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd

from geodata.upload.common import MAX_BYTES, MAX_ROWS, MAX_TEXT, Unusable, short
from geodata.upload.formats import EXTENSIONS, read
from geodata.upload.rows import (DEFAULT_NOTE, DEFAULT_NOTE_ZH, PRECISION, UNKNOWN, empty_sites,
                                 validate)
from geodata.vocab import Vocabulary

__all__ = ["DEFAULT_NOTE", "DEFAULT_NOTE_ZH", "EXTENSIONS", "MAX_BYTES", "MAX_ROWS", "MAX_TEXT",
           "PRECISION", "UNKNOWN", "UploadResult", "empty_sites", "read_upload"]


@dataclass(frozen=True)
class UploadResult:
    sites: gpd.GeoDataFrame
    problems: tuple[str, ...] = ()
    error: str | None = None


def read_upload(name: str, data: bytes, vocab: Vocabulary, boundaries: gpd.GeoDataFrame) -> UploadResult:
    """The usable sites of an uploaded file, each bad row as a problem, or one error."""
    problems: list[tuple[int, str]] = []
    try:
        rows = read(str(name or ""), bytes(data), problems)
    except Unusable as exc:
        return UploadResult(empty_sites(), (), str(exc))
    except Exception as exc:  # noqa: BLE001 - third-party readers raise many types; never crash
        return UploadResult(empty_sites(), (), f"the file cannot be read: {short(exc)}")
    sites = validate(rows, vocab, boundaries, problems)
    ordered = sorted(range(len(problems)), key=lambda i: problems[i][0])  # stable: by row
    return UploadResult(sites, tuple(problems[i][1] for i in ordered), None)
