"""The HTML pages, one module per screen. Each route parses its form, calls the Coach, and
renders a template; none decides anything about the rehab itself."""
