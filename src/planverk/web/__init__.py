"""`planverk webb`: the plans as a static, accessible website.

A page per plan and per goal, activity and action, linked both ways; organ pages; the
status overview with an SVG chart; the history from the reports and from git; "Nytt för
ÅR"; the decision documents to download. Plain files with relative links: they work from
a file share, from ``file://`` and from any web server, and need no JavaScript.

For a benchmark or another program::

    from planverk.web import SiteRequest, build_site
    built = build_site(Path("plans"), SiteRequest(output=Path("build/webb")))
"""

from __future__ import annotations

from planverk.web.build import BuiltSite, SiteError, SiteRequest, build_site

__all__ = ["BuiltSite", "SiteError", "SiteRequest", "build_site"]
