"""gerdy's command line: Typer commands that parse, call a `gerdy.services.Coach` use case and
render the result with Rich (or print it as JSON with `--json`).

The CLI decides nothing about the rehab: every rule lives in the engine and the protocol data.
Importing `gerdy.cli.app` stays cheap (start-up is benchmarked): heavy modules are imported
inside the commands that need them.
"""
