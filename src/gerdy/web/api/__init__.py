"""The JSON API under /api/: what the pages do, for the browser's JavaScript and for other
clients. The same session cookie and CSRF rules as the pages (send `X-CSRF-Token`)."""
