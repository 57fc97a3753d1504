"""Writing exports safely: spreadsheet formulas neutralised, files replaced atomically.

CSV injection (OWASP): a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is run
as a formula by Excel, LibreOffice and WPS (`=HYPERLINK(...)`, `@SUM(...)`, `+cmd|...`). Such text
cells get a leading `'`, which spreadsheets show as text and do not display; numbers are left
alone. GeoJSON is data for programs, not spreadsheets: its text stays exactly as written.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ExportError(Exception):
    """The export could not be written; the message says why (the previous file is untouched)."""


def safe_cell(value):
    """A text cell a spreadsheet shows as text; anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


@contextlib.contextmanager
def atomic_path(out: Path):
    """A temporary path next to `out`; renamed over `out` only when the writing succeeded."""
    out = Path(out)
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"cannot write {out}: the folder {folder} does not exist")
    if out.is_dir():
        raise ExportError(f"cannot write {out}: it is a folder")
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{out.name}.", suffix=out.suffix)
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc.strerror or exc}") from None
    os.close(fd)
    os.unlink(tmp)  # writers (GDAL) want to create the file themselves
    try:
        yield Path(tmp)
        os.replace(tmp, out)
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc.strerror or exc}; the previous file is "
                          "unchanged") from None
    except Exception as exc:  # noqa: BLE001 - GDAL's writers raise their own types (disk full...)
        reason = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
        raise ExportError(f"cannot write {out}: {reason}; the previous file is unchanged") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
