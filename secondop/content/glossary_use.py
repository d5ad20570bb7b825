"""Which glossary terms a piece of text uses: one rule for the handout's glossary and the validator.

A term is used when its `term`, or one of its `forms`, appears as whole words, in any case. The rule is
plain word matching on purpose: an analyst can predict it, and adds a form (a plural, a short name) when
a text writes the term another way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache


@lru_cache(maxsize=512)
def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(" ".join(w.split())).replace(r"\ ", r"\s+") for w in words if w.strip())
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def _words(term: str, forms: Iterable[str]) -> tuple[str, ...]:
    # Parenthesised parts of a term ("Operable or inoperable", "Chemotherapy (chemo)") are also forms.
    main = re.sub(r"\s*\(.*?\)\s*", " ", term).strip()
    inside = re.findall(r"\((.*?)\)", term)
    return tuple(dict.fromkeys(w for w in (term, main, *inside, *forms) if w.strip()))


def uses_term(text: str, term: str, forms: Iterable[str] = ()) -> bool:
    """True if `text` writes the term, or one of its forms, as whole words."""
    return bool(_pattern(_words(term, tuple(forms))).search(text))


Terms = tuple[tuple[str, str, tuple[str, ...]], ...]


@lru_cache(maxsize=4096)
def _used_in(text: str, terms: Terms) -> frozenset[str]:
    # Texts come from the content and repeat from one plan to the next: each is searched once per term list,
    # so a tick costs a few cache lookups instead of one search per term over the whole plan.
    return frozenset(term_id for term_id, term, forms in terms if uses_term(text, term, forms))


def used_term_ids(terms: Iterable[tuple[str, str, Iterable[str]]], texts: Iterable[str]) -> list[str]:
    """Ids of the `(id, term, forms)` triples that any of `texts` uses (each text on its own), in the order of
    `terms`."""
    listed: Terms = tuple((term_id, term, tuple(forms)) for term_id, term, forms in terms)
    used: set[str] = set()
    for text in texts:
        used |= _used_in(text, listed)
    return [term_id for term_id, _, _ in listed if term_id in used]
