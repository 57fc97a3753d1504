"""A link with more than 1,000 parameters (or over 512 KiB): Streamlit drops its whole query
string without a word (CLIENT_STATE_QUERY_STRING_MAX_FIELDS/_LENGTH), so the server never sees it.
The browser still does: on a session's first run without parameters, a tiny script checks the
address bar and, when the query is over the limit, reopens the page with only
`?params_dropped=N`, which the server turns into a notice in the user's language."""

from __future__ import annotations


PARAM = "params_dropped"
MAX_FIELDS = 1000
MAX_LENGTH = 512 * 1024

# Runs in the page itself (st.html), not in a frame of its own: a frame is a document and a script
# chunk a first visit would load before the map.
SCRIPT = f"""<script>
(function () {{
  // The URL the page was opened with: the app may already have rewritten the address bar.
  var nav = performance.getEntriesByType("navigation")[0];
  var q = new URL(nav ? nav.name : location.href).search.replace(/^\\?/, "");
  var n = q ? q.split("&").length : 0;
  if (n > {MAX_FIELDS} || q.length > {MAX_LENGTH}) {{
    location.replace(location.pathname + "?{PARAM}=" + n);
  }}
}})();
</script>"""


def dropped_count(raw: dict[str, list[str]]) -> int | None:
    """The parameter count the browser reported for a dropped query (removed from `raw`)."""
    values = raw.pop(PARAM, None)
    if not values:
        return None
    try:
        return max(0, min(int(values[0]), 10**9))
    except ValueError:
        return None


def dropped_query_check() -> str:
    """The check, for the page's own st.html (page_frame: on a session's first, parameterless run)."""
    return SCRIPT
