"""A page whose websocket comes back reruns at once, on whichever replica it reached.

Streamlit's frontend (1.67, App.handleConnectionStateChanged), when its websocket reconnects, asks
for a script run only if the page has an auto-rerun (a fragment with `run_every`) or a run was
under way; otherwise it keeps showing what the old session drew until the user acts. After a
replica's death that page belongs to a dead session: it still shows an upload the new replica
does not have, and says nothing. One fragment that reruns once a day and draws nothing makes the
frontend's own reconnect rerun the page from its widgets and URL: the view comes back and a lost
upload is said (components/lost_upload.py) without waiting for a click. Held by
tests/deploy/test_run_local.py (a killed replica's page shows the notice by itself).
"""

from __future__ import annotations

from datetime import timedelta

import streamlit as st


@st.fragment(run_every=timedelta(days=1))
def rerun_on_reconnect() -> None:
    """Draws nothing; its registered auto-rerun is what the frontend checks on a reconnect."""
