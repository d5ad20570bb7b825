"""The `secondop` command line: the edge where plain exceptions become short, friendly messages.

Exit codes: 0 done, 1 the content has problems, 2 the command was given something it cannot
use (unknown ids, a bad output path), 3 a file could not be read or written, 4 anything else,
130 interrupted. `diff` answers a question, like `diff(1)`: 0 no plan changes, 1 some plans change,
2 a folder is not valid content (or git cannot give the revision).
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO
from urllib.parse import urlencode

from .content.collection import Content
from .content.loading import load_content
from .content.problems import ContentError, Problem, UnknownIdError, count_of
from .content.schema import KINDS
from .paths import DATA_ENV, PUBLIC_URL_ENV, data_dir
from .plan.assessment import Assessment, assess, scenario_selection
from .server import command as serving

OK, CONTENT_PROBLEMS, USAGE, FILE_ERROR, UNEXPECTED, INTERRUPTED = 0, 1, 2, 3, 4, 130
# letter: the records-request letter (HTML); summary: the short version, two Letter pages at most (HTML)
FORMATS = {"md": ".md", "html": ".html", "letter": ".html", "summary": ".html"}
SUFFIXES = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}


class UsageError(Exception):
    """The command line asks for something we refuse to do; the message says why."""


def _id_list(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _flatten(groups: list[list[str]] | None) -> list[str]:
    return [item for group in groups or [] for item in group]


def _selection_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--circumstances", type=_id_list, action="append", metavar="ID,ID", help="circumstance ids, comma-separated"
    )
    parser.add_argument(
        "--concerns", type=_id_list, action="append", metavar="ID,ID", help="concern ids, comma-separated"
    )
    parser.add_argument("--scenario", metavar="ID", help="start from an example patient's circumstances and concerns")
    parser.add_argument("--lang", metavar="CODE", help="language of the plan, e.g. es (default: the content's own)")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; `--data` is accepted before or after the sub-command."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help=f"content folder to use (default: ${DATA_ENV}, else the project's data/)",
    )
    parser = argparse.ArgumentParser(
        prog="secondop", parents=[common], description="Second Opinion Navigator: check content, preview plans, serve."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", parents=[common], help="check every content file; list every problem")
    validate.add_argument("folder", nargs="?", metavar="DIR", help="content folder to check (overrides --data)")

    diff = commands.add_parser(
        "diff",
        parents=[common],
        help="what a content change does to people's plans: exit 0 no plan changes, 1 some change, 2 invalid content",
        description="Build the same plans from two content folders (nothing ticked, every example, each box ticked "
        "alone, in every language) and print the lines removed and added. `secondop diff OLD NEW`, or "
        "`secondop diff --against main [NEW]` to compare with data/ at a git revision (NEW: --data, else data/).",
    )
    diff.add_argument("old", nargs="?", metavar="OLD", help="content folder before the change (or use --against)")
    diff.add_argument("new", nargs="?", metavar="NEW", help="content folder after the change (default: --data)")
    diff.add_argument("--against", metavar="REV", help="compare with the content folder at a git revision, e.g. main")
    diff.add_argument("--format", choices=["text", "md"], default="text", help="text (default) or md (Markdown)")

    translations = commands.add_parser(
        "translations", parents=[common], help="list out-of-date and untranslated texts; --mark records a translation"
    )
    translations.add_argument("folder", nargs="?", metavar="DIR", help="content folder (overrides --data)")
    translations.add_argument(
        "--mark", metavar="LANG", help="record that LANG's texts are translated from today's English texts"
    )
    translations.add_argument(
        "--entry",
        action="append",
        metavar="FILE:ENTRY",
        help="with --mark: only this entry, e.g. reasons.yaml:rare_cancer (repeatable)",
    )

    assess_cmd = commands.add_parser("assess", parents=[common], help="print the plan for some circumstances")
    _selection_options(assess_cmd)

    export = commands.add_parser(
        "export", parents=[common], help="write the plan as Markdown or HTML, or the letter asking for its records"
    )
    _selection_options(export)
    export.add_argument(
        "--format",
        choices=sorted(FORMATS),
        help="file format (default: from the file name); `letter` writes the records-request letter as HTML, "
        "`summary` the short version of the plan (HTML, two Letter pages at most)",
    )
    export.add_argument("-o", "--output", required=True, metavar="FILE", help="file to write, or - for the screen")

    serve = commands.add_parser("serve", parents=[common], help="start the dashboard with Voila")
    serve.add_argument(
        "--port", type=int, default=serving.DEFAULT_PORT, help="port on 127.0.0.1 (default: %(default)s)"
    )
    serve.add_argument("--no-browser", action="store_true", help="do not open a web browser")
    serve.add_argument(
        "--host",
        default=serving.LOOPBACK,
        metavar="HOST",
        help="address to listen on (default: %(default)s, this machine only); e.g. 0.0.0.0 to serve a workshop "
        "over local Wi-Fi: it prints what that exposes",
    )
    serve.add_argument(
        "--public-url",
        metavar="URL",
        help="address participants use to open the app (e.g. http://192.168.1.20:8866/); presenter mode shows "
        "it as a QR code (default: public_url in settings.yaml, if any)",
    )
    serve.add_argument(
        "--max-pages",
        type=int,
        metavar="N",
        help="most pages open at once; more get a short 'busy, try again' page (default: from the memory free "
        "at start, printed; 0: no limit)",
    )
    serve.add_argument(
        "--reserve",
        type=int,
        default=serving.DEFAULT_RESERVE,
        metavar="N",
        help="places of --max-pages kept for pages opened on this machine, so the presenter's page always "
        "opens (default: %(default)s)",
    )
    return parser


def _print_problems(problems: Sequence[Problem], stream: TextIO) -> None:
    for problem in problems:
        print(problem, file=stream)
    count = len(problems)
    print(f"{count_of(count, 'problem')} found.", file=stream)


def _validate(args: argparse.Namespace, folder: Path) -> int:
    print(f"Checking the content folder {folder}")
    try:
        content = load_content(folder)
    except ContentError as error:
        _print_problems(error.problems, sys.stdout)
        return CONTENT_PROBLEMS
    entries = sum(len(getattr(content, kind.name)) for kind in KINDS)
    languages = content.settings.all_languages
    wording_files = 2 + sum(1 for kind in KINDS if kind.text_model)  # + labels.yaml and letter.yaml, per language
    files = 2 + len(KINDS) + len(languages) * wording_files  # + settings.yaml and letter.yaml
    shipped = f"{count_of(len(languages), 'language')}: {', '.join(languages)}"
    print(f"Content is valid: {entries} entries in {files} files ({shipped}).")
    from .analysis.content_warnings import content_warnings  # reading levels need textstat: loaded only here

    warnings = content_warnings(folder, content)
    if warnings:
        print(f"{count_of(len(warnings), 'warning')} (the content can be used; fix these when you can):")
        for warning in warnings:
            print(f"- {warning}")
    return OK


def _assessment(content: Content, args: argparse.Namespace) -> Assessment:
    circumstances, concerns = set(_flatten(args.circumstances)), set(_flatten(args.concerns))
    if args.scenario:
        from_scenario = scenario_selection(content, args.scenario)
        circumstances |= from_scenario[0]
        concerns |= from_scenario[1]
    return assess(content, circumstances, concerns)


def _assess(args: argparse.Namespace, folder: Path) -> int:
    from .plan.plain_text import plan_text

    content = load_content(folder, args.lang)
    sys.stdout.write(plan_text(content, _assessment(content, args)))
    return OK


def _export_format(args: argparse.Namespace) -> str:
    if args.format:
        return args.format
    chosen = SUFFIXES.get(Path(args.output).suffix.lower())
    if args.output == "-" or chosen is None:
        raise UsageError(
            "say which format to write with --format md, --format html, --format letter or --format summary"
        )
    return chosen


def _export_target(output: str, folder: Path) -> Path | None:
    """Where to write; None means the screen. Refuses the content folder and missing folders."""
    if output == "-":
        return None
    target = Path(output).expanduser().resolve()
    if target.is_relative_to(folder):
        raise UsageError(f"refusing to write {output} inside the content folder {folder}; choose another place")
    if target.is_dir():
        raise UsageError(f"{output} is a folder; give a file name, e.g. {Path(output) / 'plan.html'}")
    if not target.parent.is_dir():
        raise UsageError(f"the folder {target.parent} does not exist; create it first or choose another place")
    return target


def _query(args: argparse.Namespace) -> str:
    """The query string that reopens the dashboard on this plan (as the dashboard's own share link writes it)."""
    pairs = [("lang", args.lang)] if args.lang else []
    pairs += [("scenario", args.scenario)] if args.scenario else []
    for key, ids in (("circumstances", _flatten(args.circumstances)), ("concerns", _flatten(args.concerns))):
        pairs += [(key, ",".join(ids))] if ids else []
    return urlencode(pairs, safe=",")


def _export(args: argparse.Namespace, folder: Path) -> int:
    fmt = _export_format(args)
    target = _export_target(args.output, folder)
    content = load_content(folder, args.lang)
    assessment = _assessment(content, args)
    from .plan import export as renderers  # imported late: only this command needs it

    if fmt == "summary":
        from .plan.export.summary import full_plan_address, summary_html

        address = full_plan_address(os.environ.get(PUBLIC_URL_ENV) or content.settings.public_url or "", _query(args))
        text = summary_html(content, assessment, address)
    else:
        renderer: dict[str, Callable[[Content, Assessment], str]] = {
            "html": renderers.plan_html,
            "md": renderers.plan_markdown,
            "letter": renderers.letter_html,
        }
        text = renderer[fmt](content, assessment)
    if fmt == "letter" and content.language != content.settings.language:  # with a copy the office can read
        text = renderers.letter_html(content, assessment, load_content(folder, content.settings.language))
    if target is None:
        sys.stdout.write(text)
    else:
        target.write_text(text, encoding="utf-8")
        what = {"letter": "records-request letter", "summary": "short version of the plan"}.get(fmt, f"{fmt} plan")
        print(f"Wrote {what} to {target}", file=sys.stderr)
    return OK


def _diff(args: argparse.Namespace, folder: Path) -> int:
    """Exit 0 when no plan changes, 1 when some do, 2 when a folder is not valid content (problems listed)."""
    from .analysis import plan_diff  # imported late: only this command needs it

    try:
        if args.against:
            if args.new:
                raise UsageError("with --against REV, give at most one folder: the new content")
            new = data_dir(args.old) if args.old else folder
            with plan_diff.content_at(args.against, new) as old:
                result = plan_diff.diff_folders(old, new, old_name=f"{args.against}:{new.name}")
        else:
            if not args.old:
                raise UsageError("give two content folders, OLD and NEW, or --against REV (e.g. --against main)")
            result = plan_diff.diff_folders(data_dir(args.old), data_dir(args.new) if args.new else folder)
    except plan_diff.GitError as error:
        raise UsageError(str(error)) from None
    except plan_diff.InvalidFolderError as error:
        print(f"secondop: {error.folder} is not valid content:", file=sys.stderr)
        _print_problems(error.problems, sys.stderr)
        return USAGE
    render = plan_diff.diff_markdown if args.format == "md" else plan_diff.diff_text
    sys.stdout.write(render(result))
    return CONTENT_PROBLEMS if result.changes else OK


def _translations(args: argparse.Namespace, folder: Path) -> int:
    from .content import translations

    if args.entry and not args.mark:
        raise UsageError("--entry goes with --mark LANG")
    if args.mark:
        only = [tuple(item.split(":", 1)) for item in args.entry or []]
        if any(len(pair) != 2 for pair in only):
            raise UsageError("write --entry FILE:ENTRY, e.g. --entry reasons.yaml:rare_cancer")
        try:
            count = translations.mark(folder, args.mark, only)
        except ValueError as error:
            raise UsageError(str(error)) from None
        target = folder / "text" / args.mark / translations.FINGERPRINT_FILE
        print(f"Recorded {count_of(count, f'{args.mark} text')} as translated from today's English, in {target}.")
        return OK
    sys.stdout.write(translations.status_report(translations.all_statuses(folder), folder))
    return OK


def _serve(args: argparse.Namespace, folder: Path) -> int:
    if "data" in args:  # the dashboard kernel reads the same variable
        os.environ[DATA_ENV] = str(folder)
    if args.public_url is not None:
        if not re.match(r"^https?://\S+$", args.public_url):
            raise UsageError(f"--public-url must be a web address starting with http:// or https://: {args.public_url}")
        os.environ[PUBLIC_URL_ENV] = args.public_url  # the dashboard kernel reads it (presenter mode's QR code)
    try:
        return serving.serve(
            args.port, open_browser=not args.no_browser, host=args.host, max_pages=args.max_pages, reserve=args.reserve
        )
    except ValueError as error:  # a page limit that leaves no place
        raise UsageError(str(error)) from None


def _unknown_ids(error: UnknownIdError) -> str:
    lines = [f"Unknown {error.kind} id{'s' if len(error.unknown) != 1 else ''}: {', '.join(error.unknown)}."]
    for unknown in error.unknown:
        close = difflib.get_close_matches(unknown, error.known, n=1)
        if close:
            lines.append(f"Did you mean `{close[0]}` instead of `{unknown}`?")
    lines.append(f"Valid {error.kind} ids: {', '.join(error.known)}")
    return "\n".join(lines)


COMMANDS = {
    "validate": _validate,
    "assess": _assess,
    "export": _export,
    "serve": _serve,
    "diff": _diff,
    "translations": _translations,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run one sub-command and return its exit code; never lets a traceback reach the user."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse has printed its own usage message
        return OK if exit_.code in (0, None) else USAGE
    folder = data_dir(getattr(args, "folder", None) or getattr(args, "data", None))
    try:
        return COMMANDS[args.command](args, folder)
    except ContentError as error:
        print(f"secondop: the content in {folder} cannot be used:", file=sys.stderr)
        _print_problems(error.problems, sys.stderr)
        return CONTENT_PROBLEMS
    except UnknownIdError as error:
        print(f"secondop: {_unknown_ids(error)}", file=sys.stderr)
        return USAGE
    except UsageError as error:
        print(f"secondop: {error}", file=sys.stderr)
        return USAGE
    except OSError as error:
        where = f": {error.filename}" if error.filename else ""
        print(f"secondop: {error.strerror or error}{where}", file=sys.stderr)
        return FILE_ERROR
    except KeyboardInterrupt:
        return INTERRUPTED
    except Exception as error:  # the edge: a short message, never a traceback
        print(f"secondop: unexpected error ({type(error).__name__}: {error})", file=sys.stderr)
        return UNEXPECTED
