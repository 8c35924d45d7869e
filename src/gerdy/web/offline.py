"""What the service worker needs from the server to keep a runner's day on their device,
safely (see `web/pages/installable.py` for the routes and `static/worker/sw.js` for the worker).

- **The asset version**: one hash of the static files, the templates and the worker. It is the
  `?v=` of every static URL a page names and the name of the worker's caches, and the worker
  script changes with it, so an update installs a new worker that drops every page and file
  kept under the old version: never old pages with new scripts, or the reverse.
- **The offline key**: an opaque id of the signed-in runner's account (an HMAC under the
  server's secret, so it tells nothing of the account), sent with every page as
  `Gerdy-Offline-Key`. The worker keeps pages only under the key of the account they were
  drawn for, drops every other account's pages when another key (or `none`: signed out, a
  clinician) comes back, and serves offline only the pages of the last key it saw. The page's
  own copy (`<meta name="gerdy-offline-key">`) tags what is logged offline, so an entry is
  sent only for the account it was made in (`check_offline_key`).

Signing out (here or everywhere) and deleting the account answer `Clear-Site-Data: "cache",
"storage"` (`forget_device`): the browser drops every kept page, the offline queue and the
worker itself, even if the page's own clearing (offline.js, which first sends what waits
and asks before deleting what could not be sent) did not run.

Pages stay `Cache-Control: no-store` for the browser's HTTP cache (Back after signing out shows
nothing); the worker keeps its own copies in the Cache API, which it empties at sign-out.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import cache
from pathlib import Path

from fastapi import Request, Response

from gerdy.domain.errors import GerdyError
from gerdy.web.forms import in_thread_pool
from gerdy.web.sessions import current_session
from gerdy.web.state import app_state

WEB_DIR = Path(__file__).parent
HASHED_DIRS = (WEB_DIR / "static", WEB_DIR / "templates")
OFFLINE_KEY_HEADER = "gerdy-offline-key"
ASSETS_HEADER = "gerdy-assets"
NO_ACCOUNT = "none"  # signed out, or a clinician: nothing of theirs is kept for offline use


@cache
def asset_version() -> str:
    """A short hash of every static file and template (and so of the worker): it changes
    whenever what a page or the worker is made of changes."""
    digest = hashlib.sha256()
    for directory in HASHED_DIRS:
        for path in sorted(p for p in directory.rglob("*") if p.is_file()):
            if "__pycache__" in path.parts:
                continue
            digest.update(path.relative_to(WEB_DIR).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def versioned(url: str) -> str:
    """A static file's URL with the asset version (`?v=`)."""
    return f"{url}?v={asset_version()}"


def offline_key_of(request: Request, account_id: int) -> str:
    """The opaque offline key of an account (stable across its sessions)."""
    secret = app_state(request).secret
    message = f"offline-key\x00{account_id}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()[:32]


def offline_key(request: Request) -> str:
    """The request's offline key: the signed-in runner's, or `NO_ACCOUNT`."""
    session = current_session(request)
    if session is None or session.account.is_clinician:
        return NO_ACCOUNT
    return offline_key_of(request, session.account.id)


def add_offline_headers(request: Request, response: Response) -> None:
    """Tell the worker whose page this is and which assets it was drawn with."""
    response.headers[OFFLINE_KEY_HEADER] = offline_key(request)
    response.headers[ASSETS_HEADER] = asset_version()


CLEAR_SITE_DATA = '"cache", "storage"'


def forget_device(response: Response) -> Response:
    """Ask the browser to empty what it keeps for this site: the worker's kept pages and the
    queue (IndexedDB) of the account that leaves (cookies are the session's own business)."""
    response.headers["clear-site-data"] = CLEAR_SITE_DATA
    return response


class OtherAccount(GerdyError):
    """409: an entry kept on the device for one account was sent while another is signed in."""


OTHER_ACCOUNT = (
    "this entry was made on this device while another account was signed in: sign in to "
    "that account to send it (nothing was saved)"
)


async def require_same_account(request: Request) -> None:
    """App-wide dependency: a request that names an account (`Gerdy-Offline-Key`, sent with
    what was logged offline) is refused with 409 (`OtherAccount`) unless that is the
    signed-in runner's; one that names none costs nothing."""
    given = request.headers.get(OFFLINE_KEY_HEADER)
    if given is not None:
        await check_offline_key(request, given)


@in_thread_pool
def check_offline_key(request: Request, given: str) -> None:
    """OtherAccount unless `given` is the signed-in runner's key (signed out: the route
    answers 401 itself)."""
    session = current_session(request)
    if session is None:
        return
    expected = offline_key_of(request, session.account.id)
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise OtherAccount(OTHER_ACCOUNT)
