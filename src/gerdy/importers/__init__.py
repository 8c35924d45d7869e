"""Importers: FIT, GPX, TCX and export zips become `run` and `cross` events.

One module per format behind `registry`; `pipeline.import_paths` is the use case the CLI
(and later the web app) calls. Importers never decide what an activity means for the rehab.
"""

from gerdy.importers.base import Activity, ImportFailure
from gerdy.importers.pipeline import ImportSummary, import_paths

__all__ = ["Activity", "ImportFailure", "ImportSummary", "import_paths"]
