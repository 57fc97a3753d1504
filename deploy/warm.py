"""Warm a replica: run the map page once per language over its websocket, as a browser would.

A fresh (or just restarted) replica loads the dataset on its first script run, ~5-7 s on a busy
machine; a viewer moved there after a crash would wait for it. run-local warms every replica as
soon as it answers its health check, so that load is paid before viewers arrive.
"""

from __future__ import annotations

import asyncio

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

QUERIES = ("lang=en", "lang=zh")


async def _run_page(base_url: str, query: str, timeout: float) -> None:
    host = base_url.split("://", 1)[1].rstrip("/")
    async with connect(f"ws://{host}/_stcore/stream", subprotocols=["streamlit"], origin=base_url,
                       max_size=None, open_timeout=timeout, close_timeout=2) as ws:
        msg = BackMsg()
        msg.rerun_script.query_string = query
        msg.rerun_script.context_info.url = f"{base_url}/?{query}"
        await ws.send(msg.SerializeToString())
        while True:
            fwd = ForwardMsg()
            fwd.ParseFromString(await ws.recv())
            if fwd.WhichOneof("type") == "script_finished":
                return


def warm(base_url: str, timeout: float = 120) -> bool:
    """True once the page has run in every language; False if the replica failed or timed out."""
    try:
        for query in QUERIES:
            asyncio.run(asyncio.wait_for(_run_page(base_url, query, timeout), timeout))
    except Exception:  # noqa: BLE001 - a replica that dies while warming is supervisor's to restart
        return False
    return True


if __name__ == "__main__":  # deploy/systemd: python deploy/warm.py http://127.0.0.1:8501
    import sys
    import time
    import urllib.request

    url = sys.argv[1].rstrip("/")
    for _ in range(240):  # wait for the replica's health check, up to 2 minutes
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2):
                break
        except OSError:
            time.sleep(0.5)
    sys.exit(0 if warm(url) else 1)
