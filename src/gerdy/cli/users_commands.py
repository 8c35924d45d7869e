"""`gerdy users reset-password EMAIL [--json]`: for whoever runs the web app (no e-mail server
is assumed). It gives the account a random one-time password (120 bits), prints it once, and
ends every session of the account, so whoever held one must sign in again.

The one-time password only opens the account to choose a new one: at the next sign-in the
web app shows nothing else until the account holder has chosen their own (and the API refuses
to sign it in). The reset also gives the calendar feed a new address and leaves no browser
trusted to skip the sign-in delay.
"""

from __future__ import annotations

from typing import Annotated

import typer

from gerdy.cli.options import JsonFlag, emit_json
from gerdy.cli.session import open_accounts
from gerdy.services.accounts import reset_password as reset_account_password


def reset_password(
    email: Annotated[str, typer.Argument(help="The account's e-mail address.")],
    as_json: JsonFlag = False,
) -> None:
    """Give a web account a new random password and sign it out everywhere."""
    with open_accounts() as accounts:
        reset = reset_account_password(accounts, email)
    if as_json:
        emit_json(
            {
                "email": reset.email,
                "one_time_password": reset.password,
                "sessions_ended": reset.sessions_ended,
            }
        )
        return
    typer.echo(f"New password for {reset.email}: {reset.password}")
    typer.echo(
        f"Every session of this account has ended ({reset.sessions_ended} signed out), and its "
        "calendar feed has a new address. Hand the password over privately: it works once, "
        "to sign in and choose a new password, which the web app asks for straight away."
    )


def register(app: typer.Typer) -> None:
    users = typer.Typer(help="Web accounts, for whoever runs `gerdy serve`.", no_args_is_help=True)
    users.command("reset-password")(reset_password)
    app.add_typer(users, name="users")
