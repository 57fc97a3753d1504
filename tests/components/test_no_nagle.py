"""TCP_NODELAY reaches the sockets that carry a session's messages: a listener bound as Streamlit
binds it hands it on to what it accepts, open connections get it too, other descriptors are left
alone; and on a real Streamlit server, after its first run, no TCP socket is without it."""

import asyncio
import socket
from pathlib import Path

from bench.browser_driver import running_script
from bench.load_protocol import Session
from components.no_nagle import no_delay_on_tcp_sockets

SCRIPT = Path(__file__).parent / "scripts" / "tuned_server.py"


def nodelay(sock) -> int:
    return sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)


def connected_pair(listener):
    client = socket.create_connection(listener.getsockname())
    accepted, _ = listener.accept()
    return client, accepted


def test_a_listener_bound_without_naming_tcp_hands_nodelay_to_what_it_accepts():
    with socket.socket(family=socket.AF_INET) as listener:  # as Streamlit binds it: proto 0
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        early_client, early = connected_pair(listener)
        assert nodelay(early) == 0  # Nagle on: what this module is for
        assert no_delay_on_tcp_sockets() >= 3
        late_client, late = connected_pair(listener)
        assert nodelay(listener) and nodelay(early) and nodelay(late)
        for sock in (early_client, early, late_client, late):
            sock.close()


def test_other_descriptors_are_left_alone_and_without_proc_nothing_is_done(tmp_path):
    left, right = socket.socketpair()  # a local (unix) pair: no TCP options to set
    with left, right, open(tmp_path / "file.txt", "w"):
        no_delay_on_tcp_sockets()
        left.send(b"x")
        assert right.recv(1) == b"x"
    assert no_delay_on_tcp_sockets(str(tmp_path / "no-proc")) == 0


def test_a_real_streamlit_server_holds_no_tcp_socket_without_nodelay():
    async def visit(url):
        session = Session(url)
        await session.connect()
        try:
            return await session.rerun()
        finally:
            await session.close()

    with running_script(SCRIPT) as url:
        run = asyncio.run(visit(url))
    assert run.status == "ok" and not run.exceptions
    assert run.markdown[1:3] == ["listening without nodelay: 0", "connected without nodelay: 0"]
    assert int(run.markdown[3].split(": ")[1]) >= 1  # its listener was among them
