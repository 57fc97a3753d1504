"""Command line for researchers and checks.

    python -m geodata validate [DIR]
    python -m geodata export OUT [--format geojson|csv|gpkg] [--zones] [--region R] ...
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from geodata import export
from geodata.errors import DataError
from geodata.layers import load_layers
from geodata.query import Filter, apply

REPEATABLE = ("region", "city", "county", "kind", "focus", "status", "plan")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except DataError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"{len(exc.problems)} problem(s) found", file=sys.stderr)
        return 1


def validate(args) -> int:
    layers = load_layers(args.dir)
    counts = {"documents": len(layers.documents), "plans": len(layers.plans),
              "sites": len(layers.sites), "zones": len(layers.zones),
              "targets": len(layers.targets), "boundaries": len(layers.boundaries)}
    print("ok: " + ", ".join(f"{n} {name}" for name, n in counts.items()))
    return 0


def export_command(args) -> int:
    layers = load_layers(args.data_dir)
    flt = Filter(**{name: tuple(getattr(args, name) or ()) for name in REPEATABLE},
                 year=args.year, q=args.q or "")
    sites = apply(flt, layers.sites, layers.plans)
    zones = layers.zones if args.zones else None
    fmt = args.format or _format_from_suffix(args.out)
    export.write(sites, args.out, fmt, zones)
    print(f"wrote {len(sites)} sites{' and %d zones' % len(zones) if zones is not None else ''}"
          f" to {args.out} ({fmt})")
    return 0


def _format_from_suffix(path: Path) -> str:
    suffix = path.suffix.lower().lstrip(".")
    return {"json": "geojson"}.get(suffix, suffix) if suffix in (*export.FORMATS, "json") else "geojson"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m geodata", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(required=True)
    check = commands.add_parser("validate", help="check every data file; list every problem")
    check.add_argument("dir", nargs="?", type=Path, help="data directory (default: $JJJ_DATA_DIR or seeds/)")
    check.set_defaults(run=validate)
    out = commands.add_parser("export", help="write the filtered sites")
    out.add_argument("out", type=Path)
    out.add_argument("--format", choices=export.FORMATS, help="default: from OUT's suffix, else geojson")
    out.add_argument("--zones", action="store_true", help="also write the zone polygons")
    out.add_argument("--data-dir", type=Path, help="default: $JJJ_DATA_DIR or seeds/")
    for name in REPEATABLE:
        out.add_argument(f"--{name}", action="append", metavar=name.upper(),
                         help=f"keep sites with this {name} (repeat for several)")
    out.add_argument("--year", type=int, help="keep sites of plans running in this year")
    out.add_argument("--q", help="text search in names (English and Chinese) and notes")
    out.set_defaults(run=export_command)
    return parser


if __name__ == "__main__":
    sys.exit(main())
