"""The content model: which files exist (`kinds`), and the models that read them (`structure`, `wording`,
`decision`, `first_steps`, and the labels' models)."""

from . import decision, first_steps, structure, wording
from .kinds import KIND_BY_NAME, KINDS, LABELS_FILE, LETTER_FILE, SETTINGS_FILE, TEXT_DIR, Kind

__all__ = [
    "KINDS",
    "KIND_BY_NAME",
    "LABELS_FILE",
    "LETTER_FILE",
    "SETTINGS_FILE",
    "TEXT_DIR",
    "Kind",
    "decision",
    "first_steps",
    "structure",
    "wording",
]
