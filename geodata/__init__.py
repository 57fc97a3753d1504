"""Health-industry sites of Beijing, Tianjin and Hebei as typed records and GeoDataFrames.

Pure Python + geopandas: this package never imports streamlit, so the CLI, the tests and the
benchmarks use exactly what the dashboard uses.
"""

from geodata.errors import DataError, Problem
from geodata.layers import Layers, load_layers
from geodata.paths import data_dir
from geodata.query import Filter, apply

__all__ = ["DataError", "Filter", "Layers", "Problem", "apply", "data_dir", "load_layers"]
