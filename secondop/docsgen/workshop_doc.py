"""Generate the session plan of the facilitator guides (docs/workshop.md, docs/workshop.es.md) from the content.

The examples, their facilitator order (`order` in scenarios.yaml), what to ask the room (`ask_the_room`), what
each teaches and the names of presenter mode's controls live in `data/`, in each language; this module writes
the timed session plan between `<!-- session:start -->` and `<!-- session:end -->` of each language's guide,
with what the plan shows for each example (the reasons that apply and the kind of expert): a 45-minute core
and an optional 15 minutes. The guide's own few words around the content's are in WORDS. Run
`python -m secondop.docsgen.workshop_doc` after changing scenarios or labels; a test fails while a block is
stale (`--check` only reports).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from functools import partial
from pathlib import Path

from secondop.content.collection import Content
from secondop.content.loading import load_content
from secondop.content.workshop import facilitator_order
from secondop.plan.assessment import assess

from .educators_doc import LOCAL_APP, scenario_query
from .markers import replace_block, write_or_check

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "workshop.md"
#: The facilitator guide in each other shipped language (hand-written around the same generated block).
GUIDES = {"es": GUIDE.with_name("workshop.es.md")}
BLOCK = "session"
COMMAND = "python -m secondop.docsgen.workshop_doc"

#: The session: a core of CORE_MINUTES (welcome, as many examples as fit, questions, close), then an optional
#: part of up to OPTIONAL_MINUTES with the next examples in the facilitator's order.
CORE_MINUTES = 45
OPTIONAL_MINUTES = 15
WELCOME_MINUTES = 5
EXAMPLE_MINUTES = 4
CLOSE_MINUTES = 5

#: The guide's own words around the content's (names, stories, questions come from data/text/<language>/).
WORDS = {
    "en": {
        "summary": "The session takes **{core} minutes**: {welcome} to welcome the room and open the app, "
        "{example} for each of the first {count} examples, {questions} for questions and {close} to close. "
        "With **{optional} more minutes**, add the next {extra} examples. Short of time? Stop after any example; "
        "the order puts the common situations first.",
        "controls": "Presenter mode's controls are called **{mode}** (the switch under **{presenters}**, below "
        "the plan), **{previous}**, **{next}**, **{show_answer}** (ticks the example's own boxes and shows the "
        "plan), **{show_plan}** (shows the plan for the boxes ticked now), **{leave}** and **{reset}** (unticks "
        "every box and hides the plan again).",
        "table": "| minute | what happens |",
        "welcome": "Welcome. Open the app in presenter mode ({app}?present=1). Say that it is education, not "
        "medical advice. Put the QR link on screen (see below).",
        "example": "Example {number}: {name}",
        "questions": "Questions from the room.",
        "close": "Close: where to get help (the phone lines in every plan), and the QR link to take home.",
        "optional": "**Optional 15 minutes**",
        "optional_close": "Questions, then close.",
        "heading": "### {number}. {name} (`{id}`)",
        "optional_mark": " (optional)",
        "story": "**Story** (on screen)",
        "ask": "**Ask the room**",
        "answer": "**The answer** ({show_answer})",
        "plan": "**What the plan shows**",
        "look_for": "look for",
        "teaches": "**What it teaches** (in your notes strip, not on screen)",
        "alone": "**Open it alone**",
    },
    "es": {
        "summary": "La sesión dura **{core} minutos**: {welcome} para dar la bienvenida y abrir la guía, "
        "{example} para cada uno de los primeros {count} ejemplos, {questions} para preguntas y {close} para "
        "cerrar. Con **{optional} minutos más**, agregue los {extra} ejemplos siguientes. ¿Falta tiempo? Pare "
        "después de cualquier ejemplo: el orden pone primero las situaciones más comunes.",
        "controls": "Los controles del modo para presentar se llaman **{mode}** (la casilla bajo "
        "**{presenters}**, debajo del plan), **{previous}**, **{next}**, **{show_answer}** (marca las "
        "casillas del ejemplo y muestra el plan), **{show_plan}** (muestra el plan para las casillas marcadas "
        "ahora), **{leave}** y **{reset}** (desmarca todas las casillas y vuelve a ocultar el plan).",
        "table": "| minuto | qué pasa |",
        "welcome": "Bienvenida. Abra la guía en el modo para presentar ({app}?lang=es&present=1). Diga que es "
        "para aprender, no es consejo médico. Muestre el código QR (vea abajo).",
        "example": "Ejemplo {number}: {name}",
        "questions": "Preguntas del grupo.",
        "close": "Cierre: dónde pedir ayuda (las líneas de teléfono de cada plan) y el código QR para llevar.",
        "optional": "**15 minutos opcionales**",
        "optional_close": "Preguntas y cierre.",
        "heading": "### {number}. {name} (`{id}`)",
        "optional_mark": " (opcional)",
        "story": "**Historia** (en la pantalla)",
        "ask": "**Pregunte al grupo**",
        "answer": "**La respuesta** ({show_answer})",
        "plan": "**Lo que muestra el plan**",
        "look_for": "busque",
        "teaches": "**Lo que enseña** (en su franja de notas, no en la pantalla)",
        "alone": "**Ábralo solo**",
    },
}


def session_plan(examples: int) -> tuple[int, int]:
    """How many examples fit the core session, and how many the optional part (the rest are left out)."""
    core = min(examples, (CORE_MINUTES - WELCOME_MINUTES - CLOSE_MINUTES) // EXAMPLE_MINUTES)
    optional = min(examples - core, OPTIONAL_MINUTES // EXAMPLE_MINUTES)
    return core, optional


def _one_line(text: str) -> str:
    return " ".join(text.split())


def session_block(content: Content) -> str:
    """The generated part of a guide, in the content's language: the timetable, then one section per example."""
    words = WORDS[content.language]
    order = facilitator_order(content)
    core, optional = session_plan(len(order))
    dash, present = content.labels.dashboard, content.labels.presenter
    questions = CORE_MINUTES - WELCOME_MINUTES - CLOSE_MINUTES - core * EXAMPLE_MINUTES
    lang = "" if content.language == content.settings.language else content.language
    lines = [
        "",
        words["summary"].format(
            core=CORE_MINUTES,
            welcome=WELCOME_MINUTES,
            example=EXAMPLE_MINUTES,
            count=core,
            questions=questions,
            close=CLOSE_MINUTES,
            optional=OPTIONAL_MINUTES,
            extra=optional,
        ),
        "",
        words["controls"].format(
            mode=present.mode,
            presenters=dash.presenters,
            previous=present.previous,
            next=present.next,
            show_answer=present.show_answer,
            show_plan=present.show_plan,
            leave=present.leave,
            reset=dash.reset,
        ),
        "",
        words["table"],
        "|---:|---|",
        f"| 0 | {words['welcome'].format(app=LOCAL_APP)} |",
    ]
    minute = WELCOME_MINUTES
    for number, scenario_id in enumerate(order[:core], start=1):
        name = _one_line(content.scenarios[scenario_id].name)
        lines.append(f"| {minute} | {words['example'].format(number=number, name=name)} |")
        minute += EXAMPLE_MINUTES
    lines.append(f"| {minute} | {words['questions']} |")
    minute += questions
    lines.append(f"| {minute} | {words['close']} |")
    minute += CLOSE_MINUTES
    if optional:
        lines.append(f"| {minute} | {words['optional']} |")
        for number, scenario_id in enumerate(order[core : core + optional], start=core + 1):
            name = _one_line(content.scenarios[scenario_id].name)
            lines.append(f"| {minute} | {words['example'].format(number=number, name=name)} |")
            minute += EXAMPLE_MINUTES
        lines.append(f"| {minute} | {words['optional_close']} |")
    lines.append("")

    for number, scenario_id in enumerate(order[: core + optional], start=1):
        scenario = content.scenarios[scenario_id]
        plan = assess(content, scenario.circumstances, scenario.concerns)
        ticked = [content.circumstances[c].label for c in scenario.circumstances]
        ticked += [content.concerns[c].label for c in scenario.concerns]
        heading = words["heading"].format(number=number, name=_one_line(scenario.name), id=scenario.id)
        shown = "; ".join(
            f"{_one_line(a.reason.title)} ({words['look_for']}: {_one_line(a.expert.who)})" for a in plan.reasons
        )
        lines += [
            heading + (words["optional_mark"] if number > core else ""),
            "",
            f"- {words['story']}: {_one_line(scenario.story)}",
            f"- {words['ask']}: {_one_line(scenario.ask_the_room)}",
            f"- {words['answer'].format(show_answer=present.show_answer)}: {'; '.join(ticked) or '—'}.",
            f"- {words['plan']}: {shown}.",
            f"- {words['teaches']}: {_one_line(scenario.teaches)}",
            f"- {words['alone']}: {LOCAL_APP}?{scenario_query(scenario.id, lang)}&present=1",
            "",
        ]
    return "\n".join(lines)


def updated(text: str, content: Content) -> str:
    """`text` with the generated block replaced by the current one."""
    return replace_block(text, BLOCK, session_block(content))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=COMMAND, description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--guide", type=Path, default=None, help="only this guide (in the default language)")
    parser.add_argument("--check", action="store_true", help="only check that the guides are current; exit 1 if not")
    args = parser.parse_args(argv)
    content = load_content()
    if args.guide is not None:
        return write_or_check(args.guide, lambda text: updated(text, content), args.check, COMMAND)
    code = write_or_check(GUIDE, lambda text: updated(text, content), args.check, COMMAND)
    for language, guide in GUIDES.items():
        if language in content.settings.all_languages:
            translated = load_content(None, language)
            code = max(code, write_or_check(guide, partial(updated, content=translated), args.check, COMMAND))
    return code


if __name__ == "__main__":
    sys.exit(main())
