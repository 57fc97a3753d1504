"""One Streamlit session driven over its websocket, speaking the protocol the browser speaks.

What the frontend does, and so what this client does (learned from streamlit 1.67's protos and
`web/server/starlette/starlette_websocket.py`, `runtime/app_session.py`):

- connect to ``ws://host/_stcore/stream`` offering the ``streamlit`` subprotocol, with an Origin of
  the app's own host (same-origin is accepted; the XSRF token the browser sends as the 2nd
  subprotocol entry only gates reading the auth cookie, which this app does not use);
- send binary ``BackMsg{rerun_script: ClientState}``: the page's query string, page_script_hash
  (empty on the first run, then the hash ``new_session`` named), the widget states it holds, the
  hashes of the big messages it has cached, and context info (url, timezone, locale);
- read binary ``ForwardMsg``s: ``new_session`` (a run starts, with its script_run_id), ``delta``s
  (elements at a delta_path, and the fragment an element lies in), ``navigation`` (the page that
  ran: its hash goes into the next rerun, or a page other than the default one would fall back to
  it), ``page_info_changed`` (the script rewrote the URL's query string), and ``script_finished``
  (the run's status: a change inside an st.fragment is sent with its fragment_id, and only that
  fragment reruns);
- keep widget values the way the frontend does: a widget element that arrives with ``set_value``
  carries the value the server wants shown (``raw_values`` for multiselect / segmented control,
  ``raw_value`` for selectbox, ``value`` for text inputs), which becomes the value sent next time;
  a user's change replaces one widget's value. Multiselect and selectbox values travel as the
  *formatted option strings* (``string_array_value`` / ``string_value``, see MultiSelectSerde and
  SelectboxSerde), here labels like "Beijing (23)";
- cache the messages marked ``metadata.cacheable`` by hash, report those hashes in
  ``cached_message_hashes`` and resolve the ``ref_hash`` messages the server sends instead of
  repeating them; entries unused for ``max_cached_message_age`` runs are dropped, as in the browser.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from websockets.asyncio.client import connect

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

FINISHED = {ForwardMsg.FINISHED_SUCCESSFULLY: "ok",
            ForwardMsg.FINISHED_WITH_COMPILE_ERROR: "compile_error",
            ForwardMsg.FINISHED_EARLY_FOR_RERUN: "early_for_rerun",
            ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY: "fragment_ok"}


class ProtocolError(Exception):
    """The server did something the browser would not accept (or nothing, in time)."""


@dataclass
class Widget:
    """What the session knows about one widget from its latest element."""

    id: str
    kind: str  # the element type: multiselect, selectbox, button_group, text_input, ...
    options: list[str] = field(default_factory=list)
    fragment: str = ""  # the st.fragment it lies in: a change reruns only that fragment


@dataclass
class Run:
    """One script run as this client saw it."""

    latency: float = 0.0  # send -> script_finished
    status: str = ""
    markdown: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    alerts: list[str] = field(default_factory=list)  # st.error / st.warning bodies
    codes: list[str] = field(default_factory=list)  # st.code texts (the link box's link)
    messages: int = 0
    bytes: int = 0
    refs: int = 0  # ref_hash messages resolved from the cache


class Session:
    """A browser tab's worth of protocol: connect, run, change widgets, rerun."""

    def __init__(self, base_url: str, timeout: float = 60.0, cookie: str | None = None,
                 page: str = ""):
        self.base_url = base_url.rstrip("/")
        self.page = page  # the page's url path ("" for the default page), as the address bar has it
        self.cookie = cookie  # behind nginx: its affinity cookie keeps the session on one replica
        parts = urlsplit(self.base_url)
        self.ws_url = f"ws://{parts.netloc}/_stcore/stream"
        self.timeout = timeout
        self.ws = None
        self.query_string = ""
        self.page_script_hash = ""
        self.widgets: dict[str, Widget] = {}  # user key (or id) -> widget
        self.states: dict[str, WidgetState] = {}  # widget id -> the value the client holds
        self.cache: dict[str, list] = {}  # hash -> [ForwardMsg, last run it was used]
        self.max_cache_age = 2
        self.runs = 0
        self.extensions = ""

    async def connect(self) -> None:
        self.ws = await asyncio.wait_for(connect(
            self.ws_url, subprotocols=["streamlit"], origin=self.base_url, max_size=None,
            ping_interval=None, open_timeout=self.timeout, close_timeout=5,
            additional_headers={"Cookie": self.cookie} if self.cookie else None), self.timeout)
        if self.ws.subprotocol != "streamlit":
            raise ProtocolError(f"server chose subprotocol {self.ws.subprotocol!r}")
        self.extensions = (self.ws.response.headers.get("Sec-WebSocket-Extensions") or "")

    async def close(self) -> None:
        if self.ws is not None:
            ws, self.ws = self.ws, None
            try:
                await asyncio.wait_for(ws.close(), 10)
            except Exception:  # noqa: BLE001 - closing is best effort; the socket goes anyway
                pass

    def widget(self, key: str) -> Widget:
        return self.widgets[key]

    def value(self, key: str):
        """The value this client holds for a keyed widget (strings, as sent)."""
        state = self.states.get(self.widgets[key].id)
        if state is None:
            return None
        kind = state.WhichOneof("value")
        if kind == "string_array_value":
            return list(state.string_array_value.data)
        return getattr(state, kind) if kind else None

    def set_strings(self, key: str, values: list[str]) -> None:
        """The user picks these options (formatted strings) in a multiselect."""
        state = WidgetState(id=self.widgets[key].id)
        state.string_array_value.data[:] = values
        self.states[state.id] = state

    def set_string(self, key: str, value: str | None) -> None:
        """The user picks this option (formatted string) in a selectbox."""
        wid = self.widgets[key].id
        if value is None:
            self.states.pop(wid, None)
        else:
            self.states[wid] = WidgetState(id=wid, string_value=value)

    def set_number(self, key: str, value: float) -> None:
        """The user enters this number in a number input."""
        wid = self.widgets[key].id
        self.states[wid] = WidgetState(id=wid, double_value=float(value))

    def set_json(self, widget_id: str, value: str) -> None:
        """A component reports its value (streamlit-folium does once its map is ready)."""
        self.states[widget_id] = WidgetState(id=widget_id, json_value=value)

    def components(self) -> list[str]:
        return [w.id for w in self.widgets.values() if w.kind == "component_instance"]

    def _client_state(self, msg: BackMsg) -> None:
        cs = msg.rerun_script
        cs.query_string = self.query_string
        cs.page_script_hash = self.page_script_hash
        cs.page_name = self.page
        cs.widget_states.widgets.extend(self.states.values())
        cs.cached_message_hashes.extend(self.cache)
        info = cs.context_info
        info.url = (self.base_url + "/" + self.page
                    + (f"?{self.query_string}" if self.query_string else ""))
        info.timezone = "Asia/Shanghai"
        info.timezone_offset = -480
        info.locale = "en-US"
        info.is_embedded = False
        info.color_scheme = "light"

    async def rerun(self, fragment: str = "") -> Run:
        """Send a rerun with the widget states held now (of `fragment` only, as the browser does
        after a change inside one); read until that run finishes."""
        if self.ws is None:
            raise ProtocolError("not connected")
        msg = BackMsg()
        self._client_state(msg)
        msg.rerun_script.fragment_id = fragment
        start = time.monotonic()
        await self.ws.send(msg.SerializeToString())
        return await self._read_run(start)

    async def next_run(self) -> Run:
        """Read a run the server started by itself (e.g. a fragment's st.rerun(scope="app"))."""
        if self.ws is None:
            raise ProtocolError("not connected")
        return await self._read_run(time.monotonic())

    async def _read_run(self, start: float) -> Run:
        run = Run()
        deadline = start + self.timeout
        run_id = None
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise ProtocolError(f"no script_finished within {self.timeout:.0f} s")
            try:
                data = await asyncio.wait_for(self.ws.recv(), left)
            except asyncio.TimeoutError:
                raise ProtocolError(f"no script_finished within {self.timeout:.0f} s") from None
            fwd = ForwardMsg()
            fwd.ParseFromString(data)
            run.messages += 1
            run.bytes += len(data)
            kind = fwd.WhichOneof("type")
            if kind == "ref_hash":
                cached = self.cache.get(fwd.ref_hash)
                if cached is None:
                    raise ProtocolError(f"ref_hash {fwd.ref_hash} is not in the cache")
                cached[1] = self.runs
                run.refs += 1
                fwd, kind = cached[0], cached[0].WhichOneof("type")
            elif fwd.metadata.cacheable and fwd.hash:
                self.cache[fwd.hash] = [fwd, self.runs]
            if kind == "new_session":
                run_id = fwd.metadata.run.script_run_id
                self.page_script_hash = fwd.new_session.page_script_hash
                self.max_cache_age = fwd.new_session.config.max_cached_message_age or 2
            elif kind == "delta":
                self._delta(fwd.delta, run)
            elif kind == "navigation":  # the page that ran (the browser sends it back next time)
                self.page_script_hash = fwd.navigation.page_script_hash or self.page_script_hash
            elif kind == "page_info_changed":
                self.query_string = fwd.page_info_changed.query_string
            elif kind == "session_event":
                event = fwd.session_event
                if event.WhichOneof("type") == "script_compilation_exception":
                    exc = event.script_compilation_exception
                    run.exceptions.append(f"{exc.type}: {exc.message}"[:300])
            elif kind == "script_finished":
                finished_id = fwd.metadata.run.script_run_id
                if run_id is not None and finished_id and finished_id != run_id:
                    continue  # an earlier run's end (should not happen: runs do not overlap)
                run.status = FINISHED.get(fwd.script_finished, str(fwd.script_finished))
                run.latency = time.monotonic() - start
                break
        self.runs += 1
        self._evict()
        return run

    def _evict(self) -> None:
        old = [h for h, (_, used) in self.cache.items() if self.runs - used > self.max_cache_age]
        for h in old:
            del self.cache[h]

    def _delta(self, delta, run: Run) -> None:
        if delta.WhichOneof("type") == "add_block":
            self._block(delta)
            return
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        kind = element.WhichOneof("type")
        body = getattr(element, kind)
        if kind == "markdown":
            run.markdown.append(body.body)
        elif kind == "heading":
            run.headings.append(body.body)
        elif kind == "exception":
            run.exceptions.append(f"{body.type}: {body.message}"[:300])
        elif kind == "alert":
            run.alerts.append(body.body[:200])
        elif kind == "code":
            run.codes.append(body.code_text)
        wid = getattr(body, "id", "") if kind != "markdown" else ""
        if not wid or not wid.startswith("$$ID-"):
            return
        key = wid.split("-", 2)[2] if wid.count("-") >= 2 else wid
        options = [o if isinstance(o, str) else getattr(o, "content", str(o))
                   for o in getattr(body, "options", [])]
        self.widgets[key] = Widget(wid, kind, options, delta.fragment_id)
        if not getattr(body, "set_value", False):
            return
        if kind in ("multiselect", "button_group"):
            state = WidgetState(id=wid)
            state.string_array_value.data[:] = list(body.raw_values)
            self.states[wid] = state
        elif kind == "selectbox":
            if body.HasField("raw_value"):
                self.states[wid] = WidgetState(id=wid, string_value=body.raw_value)
            else:
                self.states.pop(wid, None)  # no selection: the frontend holds no value
        elif kind == "text_input":
            self.states[wid] = WidgetState(id=wid, string_value=body.value)

    def _block(self, delta) -> None:
        """A popover with a key is a widget too (its state: open or not)."""
        block = delta.add_block
        if block.WhichOneof("type") == "popover" and block.popover.id.startswith("$$ID-"):
            wid = block.popover.id
            key = wid.split("-", 2)[2] if wid.count("-") >= 2 else wid
            self.widgets[key] = Widget(wid, "popover", [], delta.fragment_id)

    def set_bool(self, key: str, value: bool) -> None:
        """The user opens (True) or closes a keyed popover, or ticks a checkbox."""
        wid = self.widgets[key].id
        self.states[wid] = WidgetState(id=wid, bool_value=value)
