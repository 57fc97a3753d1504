"""Hand a run's messages to Streamlit's event loop in batches, waking it once per batch.

Streamlit passes each message of a rerun (every element) from the script thread to the event loop
with its own `call_soon_threadsafe` (`AppSession._call_soon_on_event_loop`), and once queued for the
browser, wakes the loop's sender with another (`Runtime._enqueued_some_message`): two writes to
the loop's self-pipe per element. Each write releases the interpreter lock, and on a busy server
winning it back costs more than the write: under 30 viewers a quarter of the script thread's time
went there. Here a session's hand-overs queue up in order and one scheduled drain runs them all;
the sender is woken once per flush. Private API of Streamlit: its exact version is pinned in
pyproject.toml and tests/components/test_loop_wakeups.py holds the contract on a real server.
"""

from __future__ import annotations

import collections
import logging

from streamlit.runtime import Runtime
from streamlit.runtime.app_session import AppSession

_LOG = logging.getLogger(__name__)


class CallBatch:
    """One session's callbacks for the event loop, run in order by one scheduled drain."""

    def __init__(self, loop):
        self._loop = loop
        self._calls = collections.deque()
        self._scheduled = False

    def add(self, callback) -> None:
        self._calls.append(callback)
        # Read without a lock: if it reads True, drain has not reset it yet, so this callback,
        # appended before, is run by that drain.
        if self._scheduled:
            return
        self._scheduled = True
        try:
            self._loop.call_soon_threadsafe(self.drain)
        except RuntimeError:  # the loop closed (shutdown): Streamlit drops such callbacks too
            self._scheduled = False
            if not self._loop.is_closed():
                raise

    def drain(self) -> None:  # on the event loop's thread
        self._scheduled = False
        while self._calls:
            callback = self._calls.popleft()
            try:
                callback()
            except Exception as exc:  # noqa: BLE001 - as the loop does for a failed callback
                self._loop.call_exception_handler({"message": "session callback failed",
                                                   "exception": exc})


def _call_soon_in_batches(session: AppSession, callback) -> None:
    batch = session.__dict__.get("_jjj_calls")
    if batch is None:
        batch = session.__dict__.setdefault("_jjj_calls", CallBatch(session._event_loop))
    batch.add(callback)


class CoalescedWakeup:
    """The runtime's message callback: schedules the sender's wake-up unless one is pending."""

    def __init__(self, async_objs):
        self._objs = async_objs
        self._pending = False

    def __call__(self) -> None:
        # Read without a lock: if it reads True, _wake has not run its first line yet, so the
        # event is set after this message was queued and the loop's next flush sends it.
        if self._pending:
            return
        self._pending = True
        self._objs.eventloop.call_soon_threadsafe(self._wake)

    def _wake(self) -> None:  # on the event loop's thread
        self._pending = False
        self._objs.need_send_data.set()


def coalesce_loop_wakeups() -> bool:
    """Install both for this process's sessions (once; later runs only look). False when
    there is no server loop (bare mode, AppTest) or Streamlit's internals differ: then Streamlit
    hands over and wakes per message, as it does by default."""
    # AppTest stands a MagicMock(spec=Runtime) in for the runtime: no server loop, not a
    # different Streamlit (it passes isinstance, not this).
    if not Runtime.exists() or type(Runtime.instance()) is not Runtime:
        return False
    try:
        _install(Runtime.instance())
    except AttributeError:  # another Streamlit than the pinned one: its default stays
        _LOG.warning("loop wake-ups left as Streamlit's default", exc_info=True)
        return False
    return True


def _install(runtime) -> None:
    manager = runtime._session_mgr
    if isinstance(manager._message_enqueued_callback, CoalescedWakeup):
        return  # an earlier run of this process installed both
    if not callable(getattr(AppSession, "_call_soon_on_event_loop")):
        raise AttributeError("AppSession._call_soon_on_event_loop")
    AppSession._call_soon_on_event_loop = _call_soon_in_batches
    wake = CoalescedWakeup(runtime._get_async_objs())
    manager._message_enqueued_callback = wake  # sessions made from now on
    for info in manager.list_sessions():  # sessions made before (the first visitors)
        info.session._message_enqueued_callback = wake
