"""`python -m geodata import FILE OUT [--crs wgs84|gcj02|bd09] [--layer NAME]`: the app's upload
reader from the command line.

Each problem goes to stderr as `row N: field: message` (N as a spreadsheet shows it: the header is
row 1). Exit 0 when every row was kept, 1 when a row was left out, 2 when the file is unusable.
"""

from __future__ import annotations

import sys
from pathlib import Path

from geodata import export
from geodata.layers import load_layers
from geodata.paths import data_dir
from geodata.safe_write import ExportError
from geodata.upload import CRS_CHOICES, MAX_BYTES, Options, count, read_city_cores, read_upload


def add_import_command(commands) -> None:
    command = commands.add_parser("import", help="read your own sites file (CSV, XLSX, GeoJSON, "
                                                 "GeoPackage) as the app's upload does; write them")
    command.add_argument("file", type=Path)
    command.add_argument("out", type=Path, help="GeoJSON, CSV or GeoPackage, by its suffix")
    command.add_argument("--crs", choices=CRS_CHOICES, default="wgs84",
                         help="the file's lon/lat system: wgs84 (GPS), gcj02 (Amap, Tencent), bd09 (Baidu)")
    command.add_argument("--layer", help="the GeoPackage layer to read (when it has several)")
    command.add_argument("--data-dir", type=Path, help="default: $JJJ_DATA_DIR or seeds/")
    command.set_defaults(run=import_command)


def import_command(args) -> int:
    try:
        with args.file.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)  # a larger file is refused without reading it all
    except OSError as exc:
        print(f"{args.file}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    layers = load_layers(args.data_dir)
    cores = read_city_cores(data_dir(args.data_dir))
    result = read_upload(args.file.name, data, layers.vocab, layers.boundaries,
                         Options(crs=args.crs, layer=args.layer), cores)
    if result.error:
        print(f"{args.file}: {result.error}", file=sys.stderr)
        if result.needs_layer:
            print("choose one with --layer NAME", file=sys.stderr)
        return 2
    for problem in result.problems:
        print(problem, file=sys.stderr)
    if result.hint:
        print(f"hint: the column names suggest {result.hint} coordinates (see --crs)", file=sys.stderr)
    fmt = export.format_for(args.out)
    try:
        export.write(result.sites, args.out, fmt)
    except ExportError as exc:
        print(exc, file=sys.stderr)
        return 2
    read_as = f" (read as {result.encoding})" if result.encoding else ""
    print(f"wrote {count(len(result.sites), 'en', 'site', 'sites', '')} to {args.out} ({fmt}){read_as}; "
          f"{count(result.left_out, 'en', 'row', 'rows', '')} left out")
    return 1 if result.left_out else 0
