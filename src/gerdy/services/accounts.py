"""Web accounts and their sessions, as the web app sees them: the types and the store's
interface, so that the web depends on services and only its composition module
(`gerdy.web.state`) opens storage."""

from __future__ import annotations

from gerdy.storage.accounts import Account, AccountStore, Attempts, EmailTaken, WebSession

__all__ = ["Account", "AccountStore", "Attempts", "EmailTaken", "WebSession"]
