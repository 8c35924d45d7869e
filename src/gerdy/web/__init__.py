"""The web app: FastAPI routes, Jinja2 templates and static assets over the same `Coach` use
cases as the CLI (no rule is written here).

`create_app()` (in `gerdy.web.app`) builds a stateless app: accounts, sessions and rate limits
live in the database, so several app servers can share one PostgreSQL.
"""
