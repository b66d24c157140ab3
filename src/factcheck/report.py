"""The HTML report of `conflicts --format html`: one self-contained page, rendered with Jinja2."""

from __future__ import annotations

from .models import ConflictsResult


def html_report(result) -> str:
    """The page for a conflicts result (extract results have no report)."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    if not isinstance(result, ConflictsResult):
        raise ValueError("the HTML report is for `conflicts`")
    env = Environment(loader=PackageLoader("factcheck", "templates"), autoescape=select_autoescape(default=True))
    return env.get_template("report.html.jinja").render(groups=result.groups, schema_version=result.schema_version)
