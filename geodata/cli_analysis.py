"""The analysis on the command line: `stats`, and `export --near/--within` (the same sets as the app).

    python -m geodata stats --by region|city|county [--split kind|focus|status] [filters] [--format table|csv]
    python -m geodata export OUT --near LAT,LON|SITE_ID [--within KM] [filters]
"""

from __future__ import annotations

import argparse
import sys

import numpy as np

from geodata.layers import Layers
from geodata.near import DEFAULT_KM, PointIndex, parse_km
from geodata.site_index import SiteIndex
from geodata.stats import LEVELS, SPLITS, PlaceIndex, count_table


class UsageError(Exception):
    """A bad argument value: the CLI prints it and exits with 2."""


def near_mask(layers: Layers, near: str | None, within: float | None) -> np.ndarray | None:
    """Which sites lie within `within` km of `near` (None without `near`); UsageError if unusable."""
    if near is None:
        return None
    points = PointIndex.build(layers.sites)
    centre = points.centre(near)
    if centre is None:
        if near in set(layers.sites["id"]):
            raise UsageError(f"--near: site '{near}' has no exact position (only its area or city is "
                             "known), so distances from it cannot be given")
        raise UsageError(f"--near: '{near}' is neither a site id nor LAT,LON within reach of Jing-Jin-Ji")
    mask, _ = points.within(centre, DEFAULT_KM if within is None else within)
    return mask | (points.ids == centre.site)  # the centre site too, as the app's map and list show it


def km_arg(text: str) -> float:
    km = parse_km(text)
    if km is None:
        raise argparse.ArgumentTypeError(f"'{text}' is not a distance in km between 0.1 and 500")
    return km


def add_near_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--near", metavar="LAT,LON|SITE_ID",
                        help="keep sites with an exact position near this point (WGS-84) or site")
    parser.add_argument("--within", type=km_arg, metavar="KM",
                        help=f"radius for --near in km (default {DEFAULT_KM:g})")


def stats_command(args, flt, layers: Layers) -> int:
    index = SiteIndex.build(layers.sites, layers.plans, layers.vocab)
    mask = index.mask(flt)
    near = near_mask(layers, args.near, args.within)
    if near is not None:
        mask &= near
    places = PlaceIndex.build(layers.sites, layers.boundaries)
    table = count_table(places, args.by, mask, args.split or "",
                        index.columns[args.split] if args.split else None)
    if args.format == "csv":
        sys.stdout.write(table.to_csv(index=False))
    else:
        print(table.to_string(index=False) if len(table) else "no sites match")
    return 0


def add_stats_parser(commands, filters) -> argparse.ArgumentParser:
    """`filters(parser)` adds the filter options the export command takes."""
    parser = commands.add_parser("stats", help="count the filtered sites per region, city or county")
    parser.add_argument("--by", choices=LEVELS, required=True)
    parser.add_argument("--split", choices=SPLITS, help="one row per place and value")
    parser.add_argument("--format", choices=("table", "csv"), default="table")
    filters(parser)
    add_near_arguments(parser)
    return parser
