"""Turn pydantic's validation errors into sentences an analyst understands."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

_MESSAGES = {
    "missing": "is missing",
    "extra_forbidden": "is not a known field (check the spelling; the content guide lists every field)",
    "string_too_short": "is empty",
    "too_short": "needs at least one item",
    "string_type": "should be text",
    "int_type": "should be a whole number",
    "int_parsing": "should be a whole number",
    "float_parsing": "should be a number",
    "bool_type": "should be true or false",
    "bool_parsing": "should be true or false",
    "list_type": "should be a list, e.g. [a, b]",
    "date_type": "should be a date written YYYY-MM-DD",
    "date_from_datetime_parsing": "should be a real date written YYYY-MM-DD",
    "date_parsing": "should be a real date written YYYY-MM-DD",
    "url_parsing": "is not a valid web address (it should start with https://)",
    "url_scheme": "is not a valid web address (it should start with https://)",
    "url_type": "should be a web address",
    "literal_error": "should be one of: {expected}",
    "string_pattern_mismatch": "should be a snake_case id (lower-case letters, digits and _), e.g. `rare_cancer`",
    "greater_than": "should be more than {gt}",
    "greater_than_equal": "should be at least {ge}",
    "less_than_equal": "should be at most {le}",
    "model_type": "should be a set of fields (a mapping), not a single value",
    "dict_type": "should be a set of fields (a mapping)",
}


def _field_path(loc: tuple[Any, ...]) -> str:
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"item {part + 1}")
        else:
            parts.append(str(part))
    return " > ".join(parts)


def describe(error: ValidationError) -> list[tuple[str | None, str]]:
    """Return (field path, message) for each error, worded for analysts."""
    described: list[tuple[str | None, str]] = []
    for item in error.errors(include_url=False):
        template = _MESSAGES.get(item["type"])
        context = {key: value for key, value in (item.get("ctx") or {}).items()}
        message = template.format(**context) if template else item["msg"].lower()
        value = item.get("input")
        if item["type"] not in ("missing", "extra_forbidden", "model_type", "dict_type") and isinstance(
            value, (str, int, float)
        ):
            message = f"{message} (found: {value!r})"
        described.append((_field_path(item["loc"]) or None, message))
    return described
