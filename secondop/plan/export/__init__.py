"""A person's plan as a file to keep: Markdown, or a self-contained HTML page that prints well."""

from .html import plan_html
from .markdown import plan_markdown

__all__ = ["plan_html", "plan_markdown"]
