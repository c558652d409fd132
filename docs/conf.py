"""Sphinx configuration for the egov_events documentation (``make docs``)."""

from __future__ import annotations

import egov_events

project = "egov_events"
author = "The egov_events developers"
copyright = "The egov_events developers"
release = egov_events.__version__
version = ".".join(release.split(".")[:2])
language = "en"

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.napoleon",
]
# No intersphinx: the build must work offline.

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build"]

# MyST: ``{directive}`` fences and ``(label)=`` targets; headings get anchors.
myst_heading_anchors = 3

# Reference pages, from the docstrings.
autodoc_typehints = "description"
autodoc_member_order = "bysource"
autodoc_default_options = {"show-inheritance": True}
autosummary_generate = False
napoleon_google_docstring = True
napoleon_numpy_docstring = False

html_theme = "furo"
html_title = f"egov_events {release}"
