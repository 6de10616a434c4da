"""The start screen: templates with a preview, the new-workshop form, recent files."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QListWidget, QWidget
from pytestqt.qtbot import QtBot

from trustboard.assets import templates_dir
from trustboard.frameworks.templates import Template
from trustboard.paths import UserPaths
from trustboard.services.settings import Settings
from trustboard.ui.start_page import MAX_PROBLEMS_SHOWN, StartPage

RTX = "rtx-trust-framework"
RTX_TEXT = (templates_dir() / f"{RTX}.toml").read_text(encoding="utf-8")


def _user_template(paths: UserPaths, file_name: str, text: str) -> Path:
    paths.user_templates.mkdir(parents=True, exist_ok=True)
    path = paths.user_templates / file_name
    path.write_text(text, encoding="utf-8")
    return path


def _make_page(qtbot: QtBot, paths: UserPaths, settings: Settings | None = None) -> StartPage:
    page = StartPage(paths, settings or Settings.load(paths))
    qtbot.addWidget(page)
    page.resize(1280, 760)
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: page.templates_loaded)  # read just after the first paint
    return page


def test_the_first_paint_does_not_wait_for_the_templates(qtbot: QtBot, data_dir: UserPaths) -> None:
    page = StartPage(data_dir, Settings.load(data_dir))
    qtbot.addWidget(page)
    assert not page.templates_loaded
    assert page.template_list.count() == 0
    qtbot.waitUntil(lambda: page.template_list.count() > 0)
    assert page.selected_template() is not None
    assert page.selected_template().id == "rtx-trust-framework"  # the flagship comes first


def _template_ids(page: StartPage) -> list[str]:
    ids = []
    for row in range(page.template_list.count()):
        template = page.template_list.item(row).data(Qt.ItemDataRole.UserRole)
        assert isinstance(template, Template)
        ids.append(template.id)
    return ids


def _click_row(qtbot: QtBot, view: QListWidget, row: int, *, double: bool = False) -> None:
    pos = view.visualItemRect(view.item(row)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    if double:  # a real double-click is a click followed by a press that Qt marks double
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def _recent_page(qtbot: QtBot, data_dir: UserPaths, tmp_path: Path) -> tuple[StartPage, Path, Path]:
    here = tmp_path / "Quarterly – 信任.trustboard"
    here.write_text("x")
    gone = tmp_path / "usb" / "Gone.trustboard"
    settings = Settings.load(data_dir)
    settings.add_recent(gone)
    settings.add_recent(here)
    settings.save()
    return _make_page(qtbot, data_dir, settings), here.resolve(), gone.resolve()


def test_the_page_lists_the_shipped_templates(qtbot: QtBot, data_dir: UserPaths) -> None:
    page = _make_page(qtbot, data_dir)
    assert page.objectName() == "startPage"
    assert "TrustBoard — run a trust workshop" in page.header.text()
    ids = _template_ids(page)
    assert RTX in ids
    row = ids.index(RTX)
    text = page.template_list.item(row).text()
    assert "Trust framework (RTx)" in text
    assert "built-in" in text
    assert "4 × 3" in text
    assert page.template_errors_box.isHidden()
    assert page.template_errors_icon.pixmap().isNull()  # nothing to warn of, nothing loaded


def test_selecting_a_template_shows_its_preview(qtbot: QtBot, data_dir: UserPaths) -> None:
    page = _make_page(qtbot, data_dir)
    row = _template_ids(page).index(RTX)
    _click_row(qtbot, page.template_list, row)
    template = page.selected_template()
    assert template is not None and template.id == RTX
    fw = template.framework
    assert page.preview_description.text() == fw.description
    assert page.preview_description.isVisible()
    assert fw.source in page.preview_source.text()
    assert "Offer / Brand" in page.preview_source.text()  # optional, off by default
    grid = page.preview_grid
    assert grid.element_names == ["Competence", "Reliability", "Integrity", "Empathy"]
    assert grid.domain_names == ["Individuals", "Organizations", "Technology"]
    assert "Competence" in grid.accessibleDescription()
    assert not grid.grab().isNull()  # paints without error
    assert page.title_edit.text() == fw.name


def test_the_title_follows_the_template_until_typed(qtbot: QtBot, data_dir: UserPaths) -> None:
    page = _make_page(qtbot, data_dir)
    ids = _template_ids(page)
    assert len(ids) >= 2, "needs two templates"
    other = next(i for i in ids if i != RTX)
    page.select_template(RTX)
    page.select_template(other)
    assert page.title_edit.text() == page.templates[ids.index(other)].framework.name
    page.title_edit.clear()
    qtbot.keyClicks(page.title_edit, "Spring round")
    page.select_template(RTX)
    assert page.title_edit.text() == "Spring round"


def test_create_emits_the_template_and_the_typed_details(qtbot: QtBot, data_dir: UserPaths) -> None:
    page = _make_page(qtbot, data_dir)
    page.template_list.setFocus()
    page.select_template(RTX)
    page.title_edit.clear()
    qtbot.keyClicks(page.title_edit, "Q3 trust check <b>&")
    qtbot.keyClicks(page.organisation_edit, "Northwind Outfitters")
    qtbot.keyClicks(page.facilitator_edit, "Amara Okafor")
    page.date_edit.setDate(QDate(2025, 3, 14))
    for name in ["Jonas Weber", "  Mei Lin  ", "", "Jonas Weber"]:
        qtbot.keyClicks(page.participants_edit, name)
        qtbot.keyClick(page.participants_edit, Qt.Key.Key_Return)
    # QTest types ASCII only; paste the rest as an input method would.
    page.participants_edit.insertPlainText("Diego Hernández\n李梅")
    with qtbot.waitSignal(page.new_requested) as blocker:
        qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    ((template, details),) = blocker.args
    assert isinstance(template, Template)
    assert template.id == RTX
    assert details == {
        "title": "Q3 trust check <b>&",
        "organisation": "Northwind Outfitters",
        "facilitator": "Amara Okafor",
        "participants": ["Jonas Weber", "Mei Lin", "Diego Hernández", "李梅"],
        "date": dt.date(2025, 3, 14),
    }


def test_an_empty_title_falls_back_to_the_framework_name(qtbot: QtBot, data_dir: UserPaths) -> None:
    page = _make_page(qtbot, data_dir)
    page.select_template(RTX)
    page.title_edit.clear()
    with qtbot.waitSignal(page.new_requested) as blocker:
        qtbot.keyClick(page.create_button, Qt.Key.Key_Space)
    ((_, details),) = blocker.args
    assert details["title"] == "Trust framework (RTx)"
    assert details["participants"] == []
    assert details["date"] == dt.date.today()


def test_the_keyboard_moves_through_templates(qtbot: QtBot, data_dir: UserPaths) -> None:
    page = _make_page(qtbot, data_dir)
    page.template_list.setCurrentRow(0)
    first = page.selected_template()
    qtbot.keyClick(page.template_list, Qt.Key.Key_Down)
    second = page.selected_template()
    assert first is not None and second is not None and first.id != second.id
    assert page.preview_grid.element_names == [e.name for e in second.framework.elements]


def test_the_tab_order_follows_the_form(qtbot: QtBot, data_dir: UserPaths) -> None:
    page = _make_page(qtbot, data_dir)
    order: list[QWidget] = [
        page.template_list,
        page.title_edit,
        page.organisation_edit,
        page.facilitator_edit,
        page.date_edit,
        page.participants_edit,
        page.create_button,
        page.recent_list,
        page.open_button,
        page.demo_button,
    ]
    for widget, expected in itertools.pairwise(order):
        nxt = widget.nextInFocusChain()
        while nxt is not expected and nxt.focusPolicy() == Qt.FocusPolicy.NoFocus:
            nxt = nxt.nextInFocusChain()
        # A compound widget (the date edit) may hold its own inner editor first.
        while nxt is not expected and nxt.parent() is widget:
            nxt = nxt.nextInFocusChain()
        assert nxt is expected, f"{widget.objectName()} → {nxt.objectName()}"


def test_widgets_are_named_readable_and_plain_text(qtbot: QtBot, data_dir: UserPaths) -> None:
    page = _make_page(qtbot, data_dir)
    own: list[QWidget] = [
        page.template_list,
        page.preview_grid,
        page.title_edit,
        page.organisation_edit,
        page.facilitator_edit,
        page.date_edit,
        page.participants_edit,
        page.create_button,
        page.recent_list,
        page.open_button,
        page.demo_button,
    ]
    for widget in own:
        assert widget.accessibleName(), widget.objectName()
        assert widget.toolTip(), widget.objectName()
    buttons = [page.create_button, page.open_button, page.demo_button]
    assert all("&" in b.text() for b in buttons)  # Alt+letter mnemonics
    assert page.font().pixelSize() >= 14
    assert page.preview_description.textFormat() == Qt.TextFormat.PlainText
    assert page.template_errors_label.textFormat() == Qt.TextFormat.PlainText
    assert page.recent_status.textFormat() == Qt.TextFormat.PlainText


def test_recent_files_show_missing_ones_greyed(
    qtbot: QtBot, data_dir: UserPaths, tmp_path: Path
) -> None:
    page, here, _ = _recent_page(qtbot, data_dir, tmp_path)
    texts = [page.recent_list.item(r).text() for r in range(page.recent_list.count())]
    assert texts[0].startswith(here.name)
    assert "(not found)" not in texts[0]
    assert texts[1].startswith("Gone.trustboard (not found)")
    ok, missing = page.recent_list.item(0), page.recent_list.item(1)
    assert missing.foreground().color() != ok.foreground().color()


def test_double_click_on_a_recent_file_opens_it(
    qtbot: QtBot, data_dir: UserPaths, tmp_path: Path
) -> None:
    page, here, _ = _recent_page(qtbot, data_dir, tmp_path)
    with qtbot.waitSignal(page.open_requested) as blocker:
        _click_row(qtbot, page.recent_list, 0, double=True)
    assert blocker.args == [here]


def test_enter_on_a_recent_file_opens_it(qtbot: QtBot, data_dir: UserPaths, tmp_path: Path) -> None:
    page, here, _ = _recent_page(qtbot, data_dir, tmp_path)
    page.recent_list.setCurrentRow(0)
    with qtbot.waitSignal(page.open_requested) as blocker:
        qtbot.keyClick(page.recent_list, Qt.Key.Key_Return)
    assert blocker.args == [here]
    assert isinstance(blocker.args[0], Path)


def test_a_missing_recent_file_says_so_instead_of_opening(
    qtbot: QtBot, data_dir: UserPaths, tmp_path: Path
) -> None:
    page, _, gone = _recent_page(qtbot, data_dir, tmp_path)
    page.recent_list.setCurrentRow(1)
    with qtbot.assertNotEmitted(page.open_requested):
        qtbot.keyClick(page.recent_list, Qt.Key.Key_Return)
    assert page.recent_status.isVisible()
    assert "Gone.trustboard" in page.recent_status.text()
    assert str(gone) in page.settings.recent_files  # kept: the stick may come back
    gone.parent.mkdir()
    gone.write_text("x")
    page.recent_list.setCurrentRow(1)
    with qtbot.waitSignal(page.open_requested) as blocker:
        qtbot.keyClick(page.recent_list, Qt.Key.Key_Enter)
    assert blocker.args == [gone]


def test_delete_removes_a_recent_file_and_saves(
    qtbot: QtBot, data_dir: UserPaths, tmp_path: Path
) -> None:
    page, here, gone = _recent_page(qtbot, data_dir, tmp_path)
    page.recent_list.setCurrentRow(1)
    with qtbot.waitSignal(page.recent_changed):
        qtbot.keyClick(page.recent_list, Qt.Key.Key_Delete)
    assert page.recent_list.count() == 1
    assert page.settings.recent_files == [str(here)]
    assert Settings.load(data_dir).recent_files == [str(here)]
    assert gone not in page.settings.existing_recent()


def test_no_recent_files_shows_a_placeholder_that_does_nothing(
    qtbot: QtBot, data_dir: UserPaths
) -> None:
    page = _make_page(qtbot, data_dir)
    assert page.recent_list.count() == 1
    assert not page.recent_list.item(0).flags() & Qt.ItemFlag.ItemIsEnabled
    with qtbot.assertNotEmitted(page.open_requested):
        page.recent_list.itemActivated.emit(page.recent_list.item(0))
    with qtbot.assertNotEmitted(page.recent_changed):
        qtbot.keyClick(page.recent_list, Qt.Key.Key_Delete)


def test_refresh_recent_picks_up_files_added_elsewhere(
    qtbot: QtBot, data_dir: UserPaths, tmp_path: Path
) -> None:
    page = _make_page(qtbot, data_dir)
    new = tmp_path / "new.trustboard"
    new.write_text("x")
    page.settings.add_recent(new)
    page.refresh_recent()
    assert page.recent_list.item(0).text().startswith("new.trustboard")


@pytest.mark.parametrize(
    ("button", "signal"),
    [("demo_button", "demo_requested"), ("open_button", "open_file_dialog_requested")],
)
def test_the_open_buttons_emit(qtbot: QtBot, data_dir: UserPaths, button: str, signal: str) -> None:
    page = _make_page(qtbot, data_dir)
    with qtbot.waitSignal(getattr(page, signal)):
        qtbot.mouseClick(getattr(page, button), Qt.MouseButton.LeftButton)


def test_a_broken_user_template_is_reported_and_the_rest_still_list(
    qtbot: QtBot, data_dir: UserPaths
) -> None:
    _user_template(
        data_dir,
        "broken.toml",
        re.sub(
            r'colour = "#[0-9a-fA-F]{6}"',
            'colour = "yellow"',
            RTX_TEXT.replace(f'id = "{RTX}"', 'id = "broken"'),
            count=1,
        ),
    )
    _user_template(data_dir, "garbage.json", "{ nope")
    ours = RTX_TEXT.replace(f'id = "{RTX}"', 'id = "ours"').replace(
        'name = "Trust framework (RTx)"', 'name = "Ours <b>&amp; co</b>"'
    )
    _user_template(data_dir, "ours.toml", ours)
    page = _make_page(qtbot, data_dir)
    assert page.template_errors_box.isVisible()
    assert not page.template_errors_icon.pixmap().isNull()  # the warning sign is drawn
    problems = page.template_errors_label.text()
    assert "broken.toml: card_kinds[0].colour" in problems
    assert "garbage.json" in problems
    ids = _template_ids(page)
    assert RTX in ids and "ours" in ids and "broken" not in ids
    item = page.template_list.item(ids.index("ours"))
    assert item.text().startswith("Ours <b>&amp; co</b>\nyours")
    page.select_template("ours")
    assert page.title_edit.text() == "Ours <b>&amp; co</b>"
    with qtbot.waitSignal(page.new_requested) as blocker:
        qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    ((template, _),) = blocker.args
    assert template.id == "ours"
    assert template.builtin is False


def test_refresh_templates_keeps_the_selection(qtbot: QtBot, data_dir: UserPaths) -> None:
    page = _make_page(qtbot, data_dir)
    page.select_template(RTX)
    _user_template(data_dir, "aaa.toml", RTX_TEXT.replace(f'id = "{RTX}"', 'id = "aaa"'))
    page.refresh_templates()
    assert "aaa" in _template_ids(page)
    selected = page.selected_template()
    assert selected is not None and selected.id == RTX


def test_hostile_user_templates_are_reported_and_every_good_one_lists(
    qtbot: QtBot, data_dir: UserPaths
) -> None:
    _user_template(data_dir, "ours.toml", RTX_TEXT.replace(f'id = "{RTX}"', 'id = "ours"'))
    _user_template(data_dir, "deep.json", "[" * 5_000 + "]" * 5_000)
    _user_template(data_dir, "deep.toml", "x = " + "[" * 5_000 + "]" * 5_000)
    _user_template(data_dir, "bigint.json", '{"id": ' + "9" * 5_000 + "}")
    (data_dir.user_templates / "zero.toml").symlink_to("/dev/zero")
    page = _make_page(qtbot, data_dir)
    ids = _template_ids(page)
    assert "ours" in ids
    assert len(ids) == len(list(templates_dir().rglob("*.toml"))) + 1  # every built-in too
    assert page.template_errors_box.isVisible()
    assert not page.template_errors_icon.pixmap().isNull()
    problems = page.template_errors_label.text()
    assert "deep.json: nests lists or tables more than" in problems
    assert "deep.toml: nests lists or tables more than" in problems
    assert "bigint.json: is not valid JSON" in problems
    assert "zero.toml: is not a regular file" in problems
    assert page.create_button.isEnabled()


def test_a_template_file_name_that_is_not_utf8_shows_a_replacement_character(
    qtbot: QtBot, data_dir: UserPaths
) -> None:
    _user_template(data_dir, os.fsdecode(b"caf\xe9.json"), "{ nope")
    page = _make_page(qtbot, data_dir)
    assert "caf\ufffd.json: is not valid JSON" in page.template_errors_label.text()


def test_a_recent_file_name_that_is_not_utf8_shows_a_replacement_character(
    qtbot: QtBot, data_dir: UserPaths, tmp_path: Path
) -> None:
    odd = tmp_path / os.fsdecode(b"caf\xe9.trustboard")
    odd.write_text("x")
    settings = Settings.load(data_dir)
    settings.add_recent(odd)
    page = _make_page(qtbot, data_dir, settings)
    item = page.recent_list.item(0)
    assert item.text().startswith("caf\ufffd.trustboard\n")
    assert item.data(Qt.ItemDataRole.UserRole) == odd.resolve()  # the real name opens it
    with qtbot.waitSignal(page.open_requested) as blocker:
        page._on_recent_activated(item)
    assert blocker.args == [odd.resolve()]


def test_many_broken_templates_are_summed_up_not_all_listed(
    qtbot: QtBot, data_dir: UserPaths
) -> None:
    for i in range(MAX_PROBLEMS_SHOWN + 5):
        _user_template(data_dir, f"bad{i:02}.json", "{ nope")
    page = _make_page(qtbot, data_dir)
    problems = page.template_errors_label.text()
    assert problems.count("is not valid JSON") == MAX_PROBLEMS_SHOWN
    assert "and 5 more (`trustboard templates` lists them all)" in problems
    assert RTX in _template_ids(page)
