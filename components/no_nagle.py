"""Send small messages at once: TCP_NODELAY on this server's sockets.

Streamlit's server (1.67, Starlette/uvicorn) binds its listening socket without naming the TCP
protocol, so asyncio skips the TCP_NODELAY it sets on every TCP connection, and Nagle's algorithm
holds each small message while an earlier one is unacknowledged. The browser acknowledges late on
purpose (delayed ACK: 40 ms on Linux, up to 200 ms on Windows), so a rerun's last elements
arrived ~40 ms after they were sent: a one-line app answered in 44 ms instead of 6, ours in 44-48
instead of 19-25. Linux hands a listening socket's TCP_NODELAY on to the connections it accepts;
connections already open get it here too. Only the operating system's interface is used
(/proc/self/fd, setsockopt); where there is no /proc this does nothing.
"""

from __future__ import annotations

import contextlib
import functools
import os
import socket

FD_DIR = "/proc/self/fd"


def tcp_sockets(fd_dir: str = FD_DIR) -> list[socket.socket]:
    """A second handle on each TCP socket this process holds (the caller's to close; the
    options they set are the sockets' own)."""
    try:
        fds = [int(name) for name in os.listdir(fd_dir)]
    except (OSError, ValueError):
        return []  # no /proc (macOS, Windows)
    found = []
    for fd in fds:
        try:
            sock = socket.socket(fileno=os.dup(fd))
        except OSError:
            continue  # not a socket (files, pipes), or closed meanwhile
        if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.type == socket.SOCK_STREAM:
            found.append(sock)
        else:
            sock.close()
    return found


def no_delay_on_tcp_sockets(fd_dir: str = FD_DIR) -> int:
    """Set TCP_NODELAY on every TCP socket this process holds; how many were set."""
    count = 0
    for sock in tcp_sockets(fd_dir):
        with sock, contextlib.suppress(OSError):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            count += 1
    return count


@functools.cache  # once per process, as map_panel's assets (twice at worst: it is idempotent)
def once_per_process() -> None:
    """On a server's first run (its listening socket is open by then); later runs return at once."""
    no_delay_on_tcp_sockets()
