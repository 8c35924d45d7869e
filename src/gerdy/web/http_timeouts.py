"""The HTTP connection's own timeouts, under uvicorn (`gerdy serve`).

uvicorn closes an idle keep-alive connection (`--timeout-keep-alive`, 5 s here) but never one
whose request headers are still arriving: a client that opens connections and sends its
headers a byte now and then (slowloris) held each one for ever. `HeaderTimeoutProtocol` is
uvicorn's httptools protocol with a header timeout: a connection whose request headers have
not all arrived `header_timeout_s` after it opened (or after the first byte of its next
request) is closed. The body has its own limit once the headers are in
(`security.BodyLimit`: 30 s, else 408).

Imported only by `gerdy serve` (it needs uvicorn's internals).
"""

from __future__ import annotations

import asyncio

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

HEADER_TIMEOUT_S = 10.0


class HeaderTimeoutProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol that closes a connection slow to send its headers."""

    header_timeout_s: float = HEADER_TIMEOUT_S
    _header_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_header_timer()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        if self._header_timer is None:  # the next request on a kept-alive connection
            self._arm_header_timer()

    def on_headers_complete(self) -> None:
        self._disarm_header_timer()
        super().on_headers_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm_header_timer()
        super().connection_lost(exc)

    def _arm_header_timer(self) -> None:
        self._header_timer = self.loop.call_later(self.header_timeout_s, self._headers_too_slow)

    def _disarm_header_timer(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _headers_too_slow(self) -> None:
        self._header_timer = None
        if not self.transport.is_closing():
            self.transport.close()
