"""The short version of a plan: a self-contained page that prints on at most two US Letter pages, to hand out.

Key points, the choices side by side, when not to wait, the first steps, what to bring, the phone lines and
the address of the full plan (where its sources are listed). Same escaping and no-request rules as the full
page (`html.py`); a browser test prints it to PDF and counts the pages.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING
from urllib.parse import quote

from secondop.plan.assessment import Assessment

from . import decision_html as dh
from .html import page_head
from .phones import link_phones
from .provenance import format_date
from .style import PLAN_CSS, SUMMARY_CSS
from .urls import safe_url

if TYPE_CHECKING:
    from secondop.content.collection import Content

#: The always-shown block with the phone lines (the ACS and NCI numbers).
PHONE_BLOCK = "help_by_phone"


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def full_plan_address(base: str, query: str) -> str:
    """The address that opens this plan: `base` with the query in place of `{query}` (encoded, for a Binder
    `urlpath`), else after `?` or `&`; '' when `base` is not an http(s) address."""
    if safe_url(base.replace("{query}", "")) is None:
        return ""
    if "{query}" in base:
        return base.replace("{query}", quote(query, safe=""))
    if not query:
        return base
    return f"{base}{'&' if '?' in base else '?'}{query}"


def summary_html(content: Content, assessment: Assessment, full_plan_url: str = "") -> str:
    """The short version as a complete HTML page in the content's language. Same input, same bytes."""
    labels, decision = content.labels.plan, content.labels.decision
    numbers: dict[str, int] = {}  # no [n] here: the full plan, at its address, lists every source
    reviewed, reviewed_shown = assessment.reviewed.isoformat(), format_date(content, assessment.reviewed)
    out = [
        *page_head(content.language, decision.summary_title, PLAN_CSS + SUMMARY_CSS),
        '<body class="summary">',
        "<main>",
        "<header>",
        f"<h1>{_e(decision.summary_title)}</h1>",
        f'<p class="notice" role="note">{_e(labels.notice)}</p>',
        "</header>",
        *dh.key_points(content, assessment, numbers, with_wait=False),
    ]
    if assessment.safety is not None:  # safety first, as in every plan: right after the key points
        out += dh.section("wait", assessment.safety.title, [f"<p>{_e(assessment.safety.text)}</p>"])
    rows = [
        f'<tr><th scope="row" data-label="{_e(decision.choice)}"><span class="choice-name">{_e(c.name)}</span>'
        f'</th><td data-label="{_e(decision.good)}">{_e(c.good)}</td>'
        f'<td data-label="{_e(decision.hard)}">{_e(c.hard)}</td></tr>'
        for c in assessment.choices
    ]
    out += dh.section(
        "choices",
        decision.choices,
        [
            '<table class="choices">',
            f'<thead><tr><th scope="col">{_e(decision.choice)}</th><th scope="col">{_e(decision.good)}</th>'
            f'<th scope="col">{_e(decision.hard)}</th></tr></thead>',
            "<tbody>",
            *rows,
            "</tbody></table>",
        ],
    )
    urgent = getattr(assessment, "first_steps", ())  # "what to do this week", when time is short
    if urgent:
        steps = [f"<li><strong>{_e(s.text)}.</strong> {_e(s.how)}</li>" for s in urgent]
    else:
        steps = [f"<li><strong>{_e(s.title)}.</strong> {_e(s.text)}</li>" for s in assessment.steps[1:]]
    out += dh.section("first-steps", decision.summary_first_steps, ['<ol class="compact">', *steps, "</ol>"])
    bring = [f"<li>☐ {_e(item.text)}</li>" for item in assessment.checklist]
    out += dh.section("bring", decision.summary_bring, ['<ul class="bring">', *bring, "</ul>"])
    phones = next((b for b in assessment.blocks if b.id == PHONE_BLOCK), None)
    if phones is not None:
        out += dh.section("phones", decision.summary_phones, [f"<p>{_e(phones.text)}</p>"])
    address = safe_url(full_plan_url) if full_plan_url else None
    where = f'<a href="{_e(address)}">{_e(address)}</a>' if address else _e(decision.summary_no_address)
    out += [
        '<footer class="full-plan">',
        f"<p><strong>{_e(decision.summary_full_plan)}</strong> {where}</p>",
        f'<p class="reviewed">{_e(labels.reviewed)}: <time datetime="{reviewed}">{_e(reviewed_shown)}</time></p>',
        "</footer>",
        "</main>",
        "</body>",
        "</html>",
        "",
    ]
    return link_phones("\n".join(out))  # the phone lines can be tapped on a phone
