"""Running the GeoPackage and Excel readers (`sandbox.py`) in a child process with limits.

Whatever the file holds, one upload costs at most CPU_SECONDS of CPU, MEMORY_BYTES of address
space and WALL_SECONDS of waiting: the child runs under RLIMIT_CPU and RLIMIT_AS and is killed at
the timeout; the parent gets JSON (text and WKB hex) or a "took too much" error.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from geodata.upload.common import MAX_CELL, MAX_ROWS, Unusable

CHILD = Path(__file__).with_name("sandbox.py")
CPU_SECONDS = 10
WALL_SECONDS = 30
MEMORY_BYTES = 512 * 1024 * 1024


def read_limited(kind: str, data: bytes, layer: str | None = None) -> dict:
    """The child's answer for `kind` ('gpkg' or 'xlsx'); raises Unusable when it fails or overruns."""
    # The child sets its own limits before it reads a byte (preexec_fn is unsafe in Streamlit's
    # threads).
    command = [sys.executable, "-I", str(CHILD), kind, str(MAX_ROWS), str(MAX_CELL), str(CPU_SECONDS),
               str(MEMORY_BYTES), *([layer] if layer else [])]
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG", "LC_ALL", "PYTHONPATH")}
    env["OMP_NUM_THREADS"] = "1"
    try:
        done = subprocess.run(command, input=data, capture_output=True, timeout=WALL_SECONDS,
                              env=env, check=False)
    except subprocess.TimeoutExpired:
        raise Unusable("too_costly") from None
    if done.returncode != 0:
        # Killed by a limit (SIGXCPU, SIGKILL) or out of memory: the file asked for too much.
        raise Unusable("too_costly" if done.returncode < 0 or b"MemoryError" in done.stderr
                       else "read_failed")
    answer = json.loads(done.stdout)
    if "error" in answer:
        raise Unusable(answer["error"], **answer.get("values", {}))
    return answer

