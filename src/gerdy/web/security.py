"""HTTP hardening as pure ASGI middleware: security headers on every response
(`Cache-Control: no-store` on all but the static files) and a cap on request bodies (413
before the app reads more than the cap).

CSP is `default-src 'self'`: no inline scripts, no CDNs. Templates load their JavaScript
from /static and style through /static/css classes, never `style=` attributes. The only inline
styles allowed are the `<style>` blocks of the exercise figures (gerdy.figures), each allowed
by its SHA-256 hash (`figure_style_hashes`).
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import re

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gerdy.figures import FIGURE_IDS, figure_svg

STYLE_BLOCK = re.compile(r"<style>(.*?)</style>", re.DOTALL)


def figure_style_hashes() -> tuple[str, ...]:
    """CSP hash sources for the `<style>` blocks of the inline exercise figures."""
    hashes = []
    for figure_id in FIGURE_IDS:
        for block in STYLE_BLOCK.findall(figure_svg(figure_id)):
            digest = base64.b64encode(hashlib.sha256(block.encode()).digest()).decode()
            hashes.append(f"'sha256-{digest}'")
    return tuple(dict.fromkeys(hashes))


def content_security_policy(style_hashes: tuple[str, ...] = ()) -> str:
    styles = " ".join(("'self'", *style_hashes))
    return (
        f"default-src 'self'; style-src {styles}; img-src 'self' data:; object-src 'none'; "
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )


CONTENT_SECURITY_POLICY = content_security_policy()
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (
        b"permissions-policy",
        b"camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    ),
)


NO_STORE = (b"cache-control", b"no-store")
PUBLIC_PREFIXES = ("/static/",)


def is_public(scope: Scope) -> bool:
    """Whether the response is the same for everyone (the static files), so caches may keep
    it. Everything else may carry personal data (pages, /api/*) and is sent `no-store`, so
    that Back after signing out shows nothing from the browser's disk cache."""
    return str(scope.get("path", "")).startswith(PUBLIC_PREFIXES)


class SecurityHeaders:
    def __init__(self, app: ASGIApp, csp: str = CONTENT_SECURITY_POLICY) -> None:
        self.app = app
        self.headers = ((b"content-security-policy", csp.encode()), *SECURITY_HEADERS)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(n, v) for n, v in self.headers if n not in present]
                if b"cache-control" not in present and not is_public(scope):
                    headers.append(NO_STORE)
                if scope.get("scheme") == "https":
                    headers.append((b"strict-transport-security", b"max-age=31536000"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyTooLarge(HTTPException):
    """Raised from `receive` when a streamed body passes the cap (an HTTPException, so the
    app's handlers answer 413 even where FastAPI wraps body-reading errors)."""

    def __init__(self, max_bytes: int) -> None:
        super().__init__(413, too_large_message(max_bytes))


class BodyTimeout(HTTPException):
    """Raised from `receive` when the body is still arriving after the time allowed."""

    def __init__(self) -> None:
        super().__init__(408, SLOW_MESSAGE)


SLOW_MESSAGE = "the request body arrived too slowly"


def too_large_message(max_bytes: int) -> str:
    return f"the request is too large (at most {max_bytes / (1024 * 1024):g} MB)"


class BodyLimit:
    """Refuse request bodies over `max_bytes` with 413: by Content-Length up front, and by
    counting the bytes of a streamed (chunked) body; and bodies still arriving `timeout_s`
    after the request began with 408 (a slowly dripped body holds a worker otherwise)."""

    def __init__(self, app: ASGIApp, max_bytes: int, timeout_s: float = 30.0) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.timeout_s = timeout_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:  # noqa: C901
        # one ASGI exchange: the request body limit and timeout, each message checked in turn
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = self.max_bytes + 1
                if declared > self.max_bytes:
                    await self.refuse(send)
                    return
        received = 0
        started = False
        complete = False
        deadline = asyncio.get_running_loop().time() + self.timeout_s

        async def counting_receive() -> Message:
            nonlocal received, complete
            if complete:  # the body is in: what follows is a wait for disconnect
                return await receive()
            remaining = deadline - asyncio.get_running_loop().time()
            try:
                message = await asyncio.wait_for(receive(), max(remaining, 0.001))
            except TimeoutError:
                raise BodyTimeout from None
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
                complete = not message.get("more_body", False)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await self.refuse(send)
        except BodyTimeout:
            if not started:
                await self.refuse(send, 408, SLOW_MESSAGE)

    async def refuse(self, send: Send, status: int = 413, message: str | None = None) -> None:
        detail = message or too_large_message(self.max_bytes)
        body = json.dumps({"detail": detail}).encode()
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
                    NO_STORE,
                    *SECURITY_HEADERS,
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
