"""A person's plan as a file to keep: Markdown, or a self-contained HTML page that prints well; and a letter that
asks a provider for the records the plan lists."""

from .html import plan_html
from .letter import letter_html
from .markdown import plan_markdown

__all__ = ["letter_html", "plan_html", "plan_markdown"]
