"""The title bar names the workshop on the screen, then the file it is saved to."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from trustboard.document.details import edit_details
from trustboard.ui.files import TITLE_SHOWN, window_title
from trustboard.ui.main_window import MainWindow


def test_the_window_title_shows_the_workshops_title_then_the_file(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    session = demo_window.session
    assert session is not None
    file_name = session.file.saving_to.name
    assert demo_window.windowTitle() == f"Customer trust workshop — {file_name} — TrustBoard"
    assert session.edit(edit_details, {"title": "Spring review"})
    assert demo_window.windowTitle() == f"Spring review — {file_name} — TrustBoard"
    session.undo()
    assert demo_window.windowTitle() == f"Customer trust workshop — {file_name} — TrustBoard"


def test_a_workshop_title_cannot_turn_the_title_bar_around_or_fill_it() -> None:
    hostile = "Review\n\u202eetirw\u2066 of\tQ3" + "x" * 300
    shown = window_title(hostile, "q3.trustboard", "read-only: open elsewhere")
    title, file_part, app = shown.split(" — ")
    assert title.startswith("Review etirw of Q3x") and title.endswith("…")
    assert len(title) == TITLE_SHOWN
    assert file_part == "q3.trustboard [read-only: open elsewhere]" and app == "TrustBoard"
    assert window_title("", "a.trustboard") == "a.trustboard — TrustBoard"
