"""Command line for researchers and checks.

    python -m geodata validate [DIR]
    python -m geodata export OUT [--format geojson|csv|gpkg|brief] [--zones] [--region R] ...
    python -m geodata export brief.html --format brief [filters] [--lang en|zh] [--link URL]
    python -m geodata export OUT ... --near LAT,LON|SITE_ID [--within KM]
    python -m geodata stats --by region|city|county [--split kind|focus|status] [filters] [--format table|csv]
    python -m geodata import FILE OUT [--crs wgs84|gcj02|bd09] [--layer NAME]

Exit codes: 0 done, 1 data problems (or rows left out by import), 2 bad arguments or an
unwritable output.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from urllib.parse import urlencode

from geodata import cli_analysis, export
from geodata.brief import brief_html
from geodata.cli_import import add_import_command
from geodata.errors import DataError
from geodata.safe_write import ExportError, atomic_path
from geodata.validate import MAX_YEAR, MIN_YEAR
from geodata.layers import Layers, load_layers
from geodata.i18n import LANGS
from geodata.locations import PRECISIONS
from geodata.query import CHOICE_FIELDS, Filter, apply, filter_params

BRIEF = "brief"
DEFAULT_BASE_URL = "http://localhost:8501/"


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except cli_analysis.UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except DataError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"{len(exc.problems)} problem(s) found", file=sys.stderr)
        return 1
    except ExportError as exc:
        print(exc, file=sys.stderr)
        return 2


def validate(args) -> int:
    layers = load_layers(args.dir)
    counts = {"documents": len(layers.documents), "plans": len(layers.plans),
              "sites": len(layers.sites), "zones": len(layers.zones),
              "targets": len(layers.targets), "items": len(layers.items),
              "boundaries": len(layers.boundaries)}
    print("ok: " + ", ".join(f"{n} {name}" for name, n in counts.items()))
    precision = layers.sites["precision"].value_counts()
    print("sites by precision: " + ", ".join(f"{int(precision.get(p, 0))} {p}"
                                             for p in PRECISIONS))
    return 0


def _filter(args) -> Filter:
    return Filter(**{name: tuple(getattr(args, name) or ()) for name in CHOICE_FIELDS},
                  year=args.year, q=args.q or "")


def stats(args) -> int:
    layers = load_layers(args.data_dir)
    return cli_analysis.stats_command(args, _filter(args), layers)


def export_command(args) -> int:
    layers = load_layers(args.data_dir)
    unknown = unknown_filter_values(layers, {name: getattr(args, name) or () for name in CHOICE_FIELDS})
    if unknown:
        for name, value, known in unknown:
            print(f"python -m geodata export: --{name}: {value!r} is not a known {name} "
                  f"(one of: {', '.join(known[:30])}{', ...' if len(known) > 30 else ''})",
                  file=sys.stderr)
        return 2
    flt = _filter(args)
    sites = apply(flt, layers.sites, layers.plans, layers.vocab)
    near = cli_analysis.near_mask(layers, args.near, args.within)
    if near is not None:
        sites = sites[sites["id"].isin(set(layers.sites["id"][near]))]
    zones = layers.zones if args.zones else None
    fmt = args.format or _format_from_suffix(args.out)
    if fmt == BRIEF:
        link = args.link or view_link(flt, args.lang, os.environ.get("JJJ_BASE_URL", DEFAULT_BASE_URL))
        with atomic_path(args.out) as tmp:  # as every export: all or nothing
            tmp.write_text(brief_html(layers, flt, sites, args.lang, link), encoding="utf-8")
        print(f"wrote a brief of {len(sites)} sites to {args.out} ({args.lang})")
        return 0
    export.write(sites, args.out, fmt, zones)
    print(f"wrote {len(sites)} sites{' and %d zones' % len(zones) if zones is not None else ''}"
          f" to {args.out} ({fmt})")
    return 0


def unknown_filter_values(layers: Layers, wanted: dict) -> list[tuple[str, str, list[str]]]:
    """(filter, value, known values) for each value no site or plan has (a typo writes 0 sites)."""
    known = {"region": layers.vocab.keys("region"), "city": layers.sites["city"],
             "county": layers.sites["county"], "kind": layers.vocab.keys("kind"),
             "focus": layers.vocab.keys("focus"), "status": layers.vocab.keys("status"),
             "plan": layers.plans["id"]}
    out = []
    for name, values in wanted.items():
        allowed = sorted({str(v) for v in known[name] if str(v)})
        out += [(name, v, allowed) for v in values if v not in allowed]
    return out


def _year(text: str) -> int:
    year = int(text)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise argparse.ArgumentTypeError(f"{year} is not a year from {MIN_YEAR} to {MAX_YEAR}")
    return year


def view_link(flt: Filter, lang: str, base: str) -> str:
    """The app's link to the view of `flt` in `lang` (what the app's link box would show)."""
    params = filter_params(flt) | ({"lang": lang} if lang != LANGS[0] else {})
    return base + ("?" + urlencode(params, doseq=True) if params else "")


def _format_from_suffix(path: Path) -> str:
    suffix = path.suffix.lower().lstrip(".")
    if suffix in ("html", "htm"):
        return BRIEF
    return {"json": "geojson"}.get(suffix, suffix) if suffix in (*export.FORMATS, "json") else "geojson"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m geodata", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(required=True)
    check = commands.add_parser("validate", help="check every data file; list every problem")
    check.add_argument("dir", nargs="?", type=Path, help="data directory (default: $JJJ_DATA_DIR or seeds/)")
    check.set_defaults(run=validate)
    out = commands.add_parser("export", help="write the filtered sites")
    out.add_argument("out", type=Path)
    out.add_argument("--format", choices=(*export.FORMATS, BRIEF),
                     help="default: from OUT's suffix (.html: brief), else geojson")
    out.add_argument("--lang", choices=LANGS, default=LANGS[0], help="the brief's language")
    out.add_argument("--link", help="the brief's view link (default: $JJJ_BASE_URL, else "
                     f"{DEFAULT_BASE_URL}, with the filters)")
    out.add_argument("--zones", action="store_true", help="also write the zone polygons")
    _filter_arguments(out)
    cli_analysis.add_near_arguments(out)
    out.set_defaults(run=export_command)
    cli_analysis.add_stats_parser(commands, _filter_arguments).set_defaults(run=stats)
    add_import_command(commands)
    return parser


def _filter_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", type=Path, help="default: $JJJ_DATA_DIR or seeds/")
    for name in CHOICE_FIELDS:
        parser.add_argument(f"--{name}", action="append", metavar=name.upper(),
                            help=f"keep sites with this {name} (repeat for several)")
    parser.add_argument("--year", type=_year, help="keep sites of plans running in this year")
    parser.add_argument("--q", help="search names, places, notes, kind and focus labels (English, "
                                    "Chinese or pinyin; punctuation ignored, small typos forgiven)")


if __name__ == "__main__":
    sys.exit(main())
