"""The command line in the reader's language: every message, argparse's own words included."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.i18n.visible import unwrapped
from trustboard import i18n
from trustboard.cli import main
from trustboard.i18n_catalogue import extract, problems
from trustboard.paths import UserPaths
from trustboard.store import TrustBoardFileError, WorkshopFile

MINE = ("services/", "cli.py", "cli_import.py", "desktop.py", "display.py", "paths.py", "assets.py")
COMMANDS = ("trustboard", "new", "templates", "check", "import-ratings", "import", "export")
OPTION = re.compile(r"(?<![\w-])--?[A-Za-z][\w-]*")
CARDS = "element,domain,layer,kind,text,author\n"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """Exit code and everything printed (argparse's exits included)."""
    try:
        code = main(list(args))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out + err


def pseudo_leftovers(text: str, data: tuple[str, ...] = ()) -> list[str]:
    """What `text` shows outside the pseudo-language's wraps, past options, commands and data."""
    text = OPTION.sub(" ", text)
    return unwrapped([("cli", text)], data=(*COMMANDS, *data))


@pytest.fixture
def board(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "w.trustboard"
    code, shown = run(capsys, "--data-dir", str(tmp_path / "d"), "new", str(path), "--template",
                      "rtx-trust-framework", "--title", "Q3 review")  # fmt: skip
    assert code == 0, shown
    return path


def _broken(tmp_path: Path) -> Path:
    path = tmp_path / "broken.trustboard"
    path.write_text("garbage", encoding="utf-8")
    return path


def _store_message(path: Path, code: str) -> str:
    """What the store says of `path` in language `code` (its texts are the store's)."""
    with i18n.using(code), pytest.raises(TrustBoardFileError) as caught:
        WorkshopFile.open(path, read_only=True)
    with i18n.using(code):
        return str(caught.value)


# -- pseudo: nothing the command line prints escapes the catalogue ----------------------


def test_new_templates_and_check_are_wrapped(
    tmp_path: Path, board: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(tmp_path / "d")
    code, shown = run(capsys, "--lang", "pseudo", "--data-dir", data, "new",
                      str(tmp_path / "x.trustboard"), "--template", "trust-stool")  # fmt: skip
    assert code == 0
    assert shown.startswith("[!! created ")
    assert not pseudo_leftovers(shown, (str(tmp_path), "trust-stool")), shown

    code, shown = run(capsys, "--lang", "pseudo", "--data-dir", data, "templates")
    assert code == 0
    from trustboard.services.catalogue import load_catalogue

    templates, _errors = load_catalogue(UserPaths.under(tmp_path / "d"))
    names = tuple(t.framework.name for t in templates) + tuple(t.id for t in templates)
    assert "[!! built-in !!]" in shown
    codes = tuple({t.language for t in templates})  # the language column: codes, data
    assert not pseudo_leftovers(shown, (*names, *codes)), shown

    code, shown = run(capsys, "--lang", "pseudo", "check", str(board))
    assert code == 0
    wf = WorkshopFile.open(board, read_only=True)
    ws = wf.workshop
    wf.close()
    own = (ws.title, ws.framework.id, ws.current_round.label,
           *(e.name for e in ws.framework.elements), *(d.name for d in ws.framework.domains))  # fmt: skip
    assert "[!! file format !!]" in shown
    assert "[!! 0 cells rated !!]" in shown
    assert not pseudo_leftovers(shown, own), shown


def test_a_refused_command_is_wrapped_after_the_program_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, shown = run(capsys, "--lang", "pseudo", "new", str(tmp_path / "x.trustboard"),
                      "--template", "nope")  # fmt: skip
    assert code == 1
    assert shown.startswith("trustboard: [!! no template 'nope'")
    ids = tuple(re.findall(r"[\w-]+(?=[,)])", shown))
    assert not pseudo_leftovers(shown, ("nope", *ids)), shown

    broken = _broken(tmp_path)
    code, shown = run(capsys, "--lang", "pseudo", "check", str(broken))
    assert code == 1
    # the command line adds nothing of its own to the store's message
    assert shown == f"trustboard: {_store_message(broken, 'pseudo')}\n"

    code, shown = run(capsys, "--lang", "pseudo", "--open-room")
    assert code == 2
    assert "[!! usage:  !!]" in shown
    assert "[!! --open-room needs a workshop FILE (or --demo) !!]" in shown
    assert not pseudo_leftovers(shown), shown


@pytest.mark.parametrize(
    "args",
    [
        ("--help",),
        ("new", "--help"),
        ("check", "--help"),
        ("import", "--help"),
        ("templates", "--help"),
        ("new", "x.trustboard"),  # a required option missing
        ("check",),  # a required argument missing
        ("check", "a", "b"),  # one too many
        ("--room-port", "70000", "--open-room", "--demo"),  # a bad value
        ("import", "w.trustboard"),
    ],
)
def test_argparse_speaks_through_the_catalogue(
    args: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    code, shown = run(capsys, "--lang", "pseudo", *args)
    assert code in (0, 2), shown
    assert shown.startswith("[!! usage:  !!]trustboard")
    assert not pseudo_leftovers(shown, ("x.trustboard", "w.trustboard", "70000", "a", "b")), shown


def test_import_refusals_and_outcomes_are_wrapped(
    tmp_path: Path, board: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    png = tmp_path / "photo.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\nrest")
    code, shown = run(capsys, "--lang", "pseudo", "import", str(board), str(png))
    assert code == 1
    assert shown.startswith("trustboard: [!! [!! photo.png: [!! is a PNG image")
    assert not pseudo_leftovers(shown, ("photo.png",)), shown

    cards = tmp_path / "cards.csv"
    cards.write_text(CARDS + "competence,mars,as-is,evidence,ok,\n", encoding="utf-8")
    code, shown = run(capsys, "--lang", "pseudo", "import", str(board), str(cards))
    assert code == 1
    assert not pseudo_leftovers(shown, ("cards.csv", "'domain'", "'mars'", "Individuals",
                                        "Organizations", "Technology")), shown  # fmt: skip

    survey = tmp_path / "survey.csv"
    survey.write_text("Question one,Question two\n1,2\n", encoding="utf-8")
    code, shown = run(capsys, "--lang", "pseudo", "import", str(board), str(survey))
    assert code == 1
    assert "[!! a survey export !!]" in shown
    assert not pseudo_leftovers(
        shown, ("survey.csv", "Question one", "Question two", "UTF-8", "FILE.toml", "draft.toml")
    ), shown

    cards.write_text(CARDS + "competence,individuals,as-is,evidence,ok,Ann\n"
                     "competence,individuals,as-is,evidence,  ,\n", encoding="utf-8")  # fmt: skip
    code, shown = run(capsys, "--lang", "pseudo", "import", str(board), str(cards), "--dry-run")
    assert code == 0, shown
    assert "[!! 1 card !!]" in shown and "[!! dry run: nothing was changed !!]" in shown
    assert not pseudo_leftovers(shown, ("cards.csv", "UTF-8", "'text'", str(tmp_path))), shown

    code, shown = run(capsys, "--lang", "pseudo", "import", str(board), str(cards))
    assert code == 0, shown
    assert "[!! imported [!! 1 card !!] into" in shown
    code, shown = run(capsys, "--lang", "pseudo", "import", str(board), str(cards))
    assert code == 0
    assert "[!! This file was imported on " in shown
    assert not pseudo_leftovers(shown, ("cards.csv", "UTF-8", "Round 1", str(tmp_path))), shown


def test_an_export_refusal_keeps_argparse_wrapped(capsys: pytest.CaptureFixture[str]) -> None:
    code, shown = run(capsys, "--lang", "pseudo", "export")
    assert code == 2
    assert "[!! usage:  !!]trustboard export" in shown
    assert "[!! the following arguments are required: " in shown


# -- German and French ------------------------------------------------------------------


def test_german_and_french_messages(
    tmp_path: Path, board: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, shown = run(capsys, "--lang", "de", "new", str(tmp_path / "x.trustboard"),
                      "--template", "nope")  # fmt: skip
    assert shown.startswith("trustboard: Keine Vorlage 'nope' (vorhanden: ")
    code, shown = run(capsys, "--lang", "fr", "check")
    assert code == 2
    assert shown.startswith("utilisation\u00a0: trustboard check")
    assert "trustboard check\u00a0: erreur\u00a0: les arguments suivants sont obligatoires" in shown
    code, shown = run(capsys, "--lang", "de", "--help")
    assert shown.startswith("Aufruf: trustboard")
    assert "Optionen:" in shown and "diese Hilfe anzeigen und beenden" in shown
    assert "[DATEI]" in shown

    code, shown = run(capsys, "--lang", "de", "check", str(board))
    assert code == 0
    assert "Vertrauenselemente" in shown and "0 Felder bewertet, 0 Bewertungen" in shown
    code, shown = run(capsys, "--lang", "fr", "check", str(board))
    # French counts zero in the singular
    assert "0 case notée, 0 note" in shown and "éléments de confiance" in shown

    cards = tmp_path / "cards.csv"
    cards.write_text(CARDS + "competence,individuals,as-is,evidence,ok,\n"
                     "competence,individuals,as-is,evidence,two,\n", encoding="utf-8")  # fmt: skip
    code, shown = run(capsys, "--lang", "de", "import", str(board), str(cards), "--dry-run")
    assert code == 0, shown
    assert "CSV, UTF-8, durch Kommas getrennt" in shown
    assert "  2 Karten" in shown and "Probelauf: Es wurde nichts geändert" in shown
    code, shown = run(capsys, "--lang", "fr", "import", str(board), str(cards))
    assert code == 0, shown
    assert "importé dans " in shown and "\u00a0: 2 cartes" in shown

    cards.write_text(CARDS + "competence,individuals,as-is,gossip,ok,\n", encoding="utf-8")
    code, shown = run(capsys, "--lang", "de", "import", str(board), str(cards))
    assert code == 1
    assert "cards.csv, Zeile 2, Spalte 'kind': unbekannte Kartenart 'gossip'" in shown
    assert shown.rstrip().endswith("– es wurde nichts importiert")


def test_the_catalogues_cover_every_text_of_the_command_line_and_services() -> None:
    sources = [s for s in extract() if s.where[0][0].startswith(MINE)]
    assert len(sources) > 250
    assert any(s.msgid == "%(prog)s: error: %(message)s\n" for s in sources)
    for code in ("de", "fr"):
        assert problems(code, sources) == []


def test_a_lost_printf_placeholder_is_a_problem(tmp_path: Path) -> None:
    from trustboard.i18n_catalogue import Source

    (tmp_path / "de").mkdir()
    (tmp_path / "de" / "x.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: de\\n"\n\n'
        'msgid "unrecognized arguments: %s"\nmsgstr "unbekannte Argumente"\n',
        encoding="utf-8",
    )
    found = problems("de", [Source("unrecognized arguments: %s", None, (("cli.py", 1),))],
                     tmp_path)  # fmt: skip
    assert found and "keeps ['%s']" in found[0]


# -- the real entry point: the system's language, and --lang above it --------------------


def _entry_point() -> list[str]:
    script = shutil.which("trustboard", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "trustboard"]


def _run_with_lang(lang: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env["LANG"] = lang
    return subprocess.run(
        [*_entry_point(), *args], capture_output=True, text=True, env=env, timeout=120, check=False
    )


def test_the_system_locale_chooses_the_language_and_lang_beats_it(tmp_path: Path) -> None:
    broken = _broken(tmp_path)
    done = _run_with_lang("de_DE.UTF-8", "check", str(broken))
    assert done.returncode == 1
    assert done.stderr == f"trustboard: {_store_message(broken, 'de')}\n"

    done = _run_with_lang("de_DE.UTF-8", "check")
    assert done.returncode == 2
    assert "trustboard check: Fehler: diese Argumente fehlen" in done.stderr

    done = _run_with_lang("de_DE.UTF-8", "--lang", "fr", "check", str(broken))
    assert done.returncode == 1
    assert done.stderr == f"trustboard: {_store_message(broken, 'fr')}\n"
    done = _run_with_lang("de_DE.UTF-8", "--lang", "fr", "new", str(tmp_path / "x.trustboard"),
                          "--template", "nope")  # fmt: skip
    assert done.stderr.startswith("trustboard: aucun modèle 'nope' (disponibles\u00a0: ")

    done = _run_with_lang("C.UTF-8", "new", str(tmp_path / "x.trustboard"), "--template", "nope")
    assert done.stderr.startswith("trustboard: no template 'nope' (available: ")


@pytest.mark.parametrize(("code", "usage"), [("de", "Aufruf: "), ("fr", "utilisation\u00a0: ")])
@pytest.mark.parametrize("command", [(), ("new",), ("check",), ("import",), ("templates",)])
def test_every_help_prints_in_german_and_french(
    code: str, usage: str, command: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    """argparse %-formats help texts: a translation with a stray % would crash here."""
    status, shown = run(capsys, "--lang", code, *command, "--help")
    assert status == 0
    assert shown.startswith(usage + "trustboard")
