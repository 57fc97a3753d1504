"""An upload lost with its server session is said, not silently dropped.

An uploaded file lives in one Streamlit session's memory, on one replica. While the view holds
uploaded sites the URL carries `upload=1`; a session that starts from such a URL without an upload
(the replica that held it died and the page reconnected to another, or the page was reloaded)
tells the user, in their language, to upload the file again, and opens the uploader. The marker
goes when the user uploads again, removes the file, or dismisses the notice.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from components.i18n import t
from components.upload_layer import OPEN, uploaded_sites
from components.url_state import ViewState
from components.view_state import update_view


def upload_in_step(view: ViewState) -> ViewState:
    """The view with its upload marker true to this session; the notice if the upload was lost."""
    if not uploaded_sites().empty:
        return view if view.upload else replace(view, upload=True)
    if view.upload:
        st.session_state[OPEN] = True  # the map page shows the uploader open
        st.warning(t("upload_lost", view.lang), icon=":material/cloud_off:")
        st.button(t("upload_lost_dismiss", view.lang), key="upload_lost_dismiss", on_click=_dismiss)
    return view


def _dismiss() -> None:
    update_view(lambda view: replace(view, upload=False))
