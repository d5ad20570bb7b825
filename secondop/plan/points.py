"""A worry's answer as short points: an analyst splits a long answer with a blank line in data/, and every
renderer (dashboard, web page, Markdown, text) shows each part as a point of a list — one rule, one place.

A text with no blank line stays one paragraph, so short answers read as before."""

from __future__ import annotations


def points(text: str) -> list[str]:
    """The text's parts, split at its blank lines (YAML's folded `>-` keeps a blank line as one newline),
    each with its whitespace collapsed; empty parts dropped."""
    return [" ".join(part.split()) for part in text.split("\n") if part.strip()]
