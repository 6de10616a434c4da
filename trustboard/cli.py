"""Command line: open the window, or script a workshop file (new, check, import, templates)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from trustboard import __version__
from trustboard.display import terminal_safe, terminal_safe_json
from trustboard.i18n import N_, _, ngettext, pgettext
from trustboard.paths import UserPaths

COMMANDS = ("new", "templates", "check", "import", "import-ratings", "export")

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


def _global_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="trustboard",
        description=_("Run trust-assessment workshops on a projector, offline."),
        epilog=_("Commands: {commands}. 'trustboard COMMAND --help' for each.").format(
            commands=", ".join(COMMANDS)
        ),
    )
    p.add_argument(
        "--version",
        action="version",
        version=f"TrustBoard {__version__}",
        help=_("show the version number and exit"),
    )
    p.add_argument(
        "--lang",
        metavar=pgettext("metavar", "CODE"),
        help=_(
            "the interface language (de, fr, en, ...); before any command; "
            "default: the settings' choice, else the system's"
        ),
    )
    p.add_argument(
        "--data-dir",
        type=Path,
        metavar=pgettext("metavar", "DIR"),
        help=_("keep settings, recent files, the demo and user templates in DIR"),
    )
    p.add_argument(
        "--demo", action="store_true", help=_("open the demo workshop (created on first run)")
    )
    p.add_argument("--read-only", action="store_true", help=_("open FILE without changing it"))
    desktop = p.add_mutually_exclusive_group()
    desktop.add_argument(
        "--install-desktop-entry",
        action="store_true",
        help=_("add TrustBoard to your app menu and open .trustboard files with it (Linux)"),
    )
    desktop.add_argument(
        "--uninstall-desktop-entry",
        action="store_true",
        help=_("remove what --install-desktop-entry added"),
    )
    room = p.add_argument_group(_("the room (participants join from their phones)"))
    room.add_argument(
        "--open-room",
        action="store_true",
        help=_("open the room as soon as FILE is open and print its join URL on one line"),
    )
    room.add_argument(
        "--room-address",
        metavar=pgettext("metavar", "ADDR"),
        help=_(
            "the local address phones reach the room on (default: the one chosen last, "
            "or the first Wi-Fi or Ethernet address)"
        ),
    )
    room.add_argument(
        "--room-port",
        type=_port,
        default=0,
        metavar=pgettext("metavar", "PORT"),
        help=_("the port to listen on (default: any free port)"),
    )
    p.add_argument(
        "file",
        nargs="?",
        type=Path,
        metavar=pgettext("metavar", "FILE"),
        help=_("workshop file to open"),
    )
    return p


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(
            _("{text} is not a port number (0 to 65535)").format(text=repr(text))
        )
    return port


def _command_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="trustboard")
    # Translators: the heading of the list of commands in `trustboard --help`
    sub = p.add_subparsers(dest="command", required=True, title=pgettext("cli", "commands"))
    new = sub.add_parser("new", help=_("create a workshop file from a template"))
    new.add_argument(
        "file",
        type=Path,
        metavar=pgettext("metavar", "FILE"),
        help=_("the workshop file to create"),
    )
    new.add_argument(
        "--template",
        required=True,
        metavar=pgettext("metavar", "ID"),
        help=_("the template ('trustboard templates')"),
    )
    new.add_argument(
        "--title", default="", metavar=pgettext("metavar", "TITLE"), help=_("the workshop's title")
    )
    new.add_argument(
        "--organisation",
        default="",
        metavar=pgettext("metavar", "ORGANISATION"),
        help=_("the organisation it is about"),
    )
    sub.add_parser("templates", help=_("list the templates"))
    check = sub.add_parser("check", help=_("validate a workshop file and summarise it"))
    check.add_argument(
        "file", type=Path, metavar=pgettext("metavar", "FILE"), help=_("the workshop file")
    )
    check.add_argument(
        "--json", action="store_true", help=_("print the summary as one JSON object")
    )
    from trustboard.cli_import import add_arguments as add_import_arguments

    add_import_arguments(
        sub.add_parser(
            "import",
            help=_(
                "import a survey, spreadsheet or board export (CSV, TSV, XLSX) into the "
                "current round"
            ),
        )
    )
    add_import_arguments(
        sub.add_parser("import-ratings", help=_("the same as import (kept for old scripts)"))
    )
    from trustboard.export.command import add_arguments  # no reportlab: it loads on export

    add_arguments(sub.add_parser("export", help=_("write the PDF summary or full report")))
    return p


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (
        sys.stdout,
        sys.stderr,
    ):  # any text people typed must print, whatever the terminal
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    args = list(sys.argv[1:] if argv is None else argv)
    paths, rest = _split_global(args)
    if paths is None:
        return EXIT_USAGE
    _localise_argparse()
    if rest and rest[0] in COMMANDS:
        ns = _command_parser().parse_args(rest)
        handler = {
            "new": _cmd_new,
            "templates": _cmd_templates,
            "check": _cmd_check,
            "import": _cmd_import,
            "import-ratings": _cmd_import,
            "export": _cmd_export,
        }[ns.command]
        return handler(ns, paths)
    parser = _global_parser()
    ns = parser.parse_args(args)
    if (ns.room_address is not None or ns.room_port) and not ns.open_room:
        parser.error(_("--room-address and --room-port go with --open-room"))
    if ns.open_room and ns.file is None and not ns.demo:
        parser.error(_("--open-room needs a workshop FILE (or --demo)"))
    if ns.install_desktop_entry or ns.uninstall_desktop_entry:
        from trustboard.desktop import DesktopEntryError, DesktopIntegration

        target = DesktopIntegration.for_user()
        try:
            _say("\n".join(target.install() if ns.install_desktop_entry else target.uninstall()))
        except DesktopEntryError as exc:
            return _fail(str(exc))
        return EXIT_OK
    import gc

    # Start-up builds ~30,000 objects that live as long as the window and frees next to
    # none: collecting meanwhile only costs time. run_app turns it back on once shown.
    gc.disable()
    from trustboard.ui.app import run_app  # Qt only when a window is wanted

    room = (ns.room_address, ns.room_port) if ns.open_room else None
    return run_app(paths, file=ns.file, demo=ns.demo, read_only=ns.read_only, room=room)


def _split_global(args: list[str]) -> tuple[UserPaths | None, list[str]]:
    """Take `--data-dir DIR` and `--lang CODE` off the front so they work before any command,
    and set the interface language: `--lang`, else the settings', else the system's."""
    data_dir: Path | None = None
    lang: str | None = None
    rest = list(args)
    while rest and rest[0].split("=", 1)[0] in ("--data-dir", "--lang"):
        opt = rest.pop(0)
        name, value = opt.split("=", 1) if "=" in opt else (opt, rest.pop(0) if rest else None)
        if value is None:
            print("trustboard: " + _("{option} needs a value").format(option=name), file=sys.stderr)
            return None, rest
        if name == "--lang":
            lang = value
        else:
            data_dir = Path(value)
    paths = UserPaths.default() if data_dir is None else UserPaths.under(data_dir)
    _choose_language(paths, lang)
    if data_dir is None:
        return paths, rest
    # keep it for the window parser, which accepts it too
    return paths, (rest if rest and rest[0] in COMMANDS else ["--data-dir", str(data_dir), *rest])


def _choose_language(paths: UserPaths, requested: str | None) -> None:
    from trustboard import i18n

    if requested is None:
        from trustboard.services.settings import Settings

        requested = Settings.load(paths).language or None
    i18n.set_language(requested)


# argparse's own words (it asks `gettext.gettext`, which knows nothing of --lang): marked
# here so they are extracted and translated with ours; `_localise_argparse` routes them.
ARGPARSE_TEXTS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("unrecognized arguments: %s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("can't open '%(filename)s': %(error)s"),
)
ARGPARSE_PLURALS = (ngettext("expected %s argument", "expected %s arguments", 1),)


def _localise_argparse() -> None:
    """Let argparse's own words ("usage:", "error:", ...) come from our catalogue."""
    from trustboard import i18n

    argparse._ = i18n._  # type: ignore[attr-defined]
    argparse.ngettext = i18n.ngettext  # type: ignore[attr-defined]


def _say(text: str, *, error: bool = False) -> None:
    """Print a line that may hold text from a file: the terminal shows it, never obeys it."""
    print(terminal_safe(text), file=sys.stderr if error else sys.stdout)


def _fail(message: str) -> int:
    _say(f"trustboard: {message}", error=True)
    return EXIT_ERROR


def _cmd_templates(ns: argparse.Namespace, paths: UserPaths) -> int:
    from trustboard.i18n import _, language_name, pgettext
    from trustboard.services.catalogue import load_catalogue

    templates, errors = load_catalogue(paths)
    for t in templates:
        fw = t.framework
        # Translators: whose template it is, in `trustboard templates`' list.
        where = pgettext("templates", "built-in") if t.builtin else pgettext("templates", "yours")
        # Translators: a line of `trustboard templates`: its name, rows × columns, its
        # language ("German") and whether it ships with TrustBoard or the user saved it.
        line = _("{name}  ({elements} × {domains}, {language}, {where})").format(
            name=fw.name,
            elements=len(fw.elements),
            domains=len(fw.active_domains),
            language=language_name(t.language),
            where=where,
        )
        _say(f"{t.id:28} {t.language:6} {line}")
    for err in errors:
        _say(_("trustboard: template skipped: {problem}").format(problem=err), error=True)
    return EXIT_OK if templates else EXIT_ERROR


def _cmd_new(ns: argparse.Namespace, paths: UserPaths) -> int:
    from trustboard.domain.errors import ValidationError
    from trustboard.domain.workshop import new_workshop
    from trustboard.services.catalogue import find_template
    from trustboard.store import TrustBoardFileError, WorkshopFile

    try:
        template = find_template(paths, ns.template)
    except KeyError as exc:
        return _fail(str(exc.args[0]))
    title = ns.title or template.framework.name
    try:
        ws = new_workshop(template.framework, title, organisation=ns.organisation)
        WorkshopFile.create(ns.file, ws).close()
    except (TrustBoardFileError, ValidationError, OSError) as exc:
        return _fail(str(exc))
    _say(_("created {file} from {template}").format(file=ns.file, template=template.id))
    return EXIT_OK


def _cmd_check(ns: argparse.Namespace, paths: UserPaths) -> int:
    from trustboard.services.summary import format_summary, summarise
    from trustboard.store import SCHEMA_VERSION, TrustBoardFileError, WorkshopFile
    from trustboard.store.errors import NewerFileError

    try:
        wf = WorkshopFile.open(ns.file, read_only=True)
        if wf.newer:  # readable, but this version cannot vouch for a newer format
            wf.close()
            raise NewerFileError(ns.file, *wf.newer)
    except TrustBoardFileError as exc:
        if ns.json:
            print(terminal_safe_json({"ok": False, "error": str(exc)}))
        return _fail(str(exc))
    summary = summarise(wf.workshop, SCHEMA_VERSION)
    wf.close()
    if ns.json:
        print(terminal_safe_json({"ok": True, **summary}))
    else:
        _say(format_summary(summary))
    return EXIT_OK


def _cmd_import(ns: argparse.Namespace, paths: UserPaths) -> int:
    from trustboard.cli_import import run

    return run(ns)


if TYPE_CHECKING:
    from trustboard.export.command import PictureWriter


def _cmd_export(ns: argparse.Namespace, paths: UserPaths) -> int:
    from trustboard.export.command import run

    def picture() -> PictureWriter:  # Qt loads only for a picture of the board
        from trustboard.ui.board.picture import write_board_picture

        return write_board_picture

    return run(ns, picture=picture)
