"""A picture of the board: the real scene in a PNG or SVG, wide and legible, names optional."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtGui import QImage

from tests.ui.board.drawn_text import Drawn, drawn_on, recording_device
from trustboard.domain.framework import Framework
from trustboard.domain.workshop import Card, Layer, Workshop, new_workshop
from trustboard.export.options import ExportError
from trustboard.services.demo import demo_workshop
from trustboard.ui.board import picture
from trustboard.ui.board.card_text import initials
from trustboard.ui.board.picture import (
    ensure_gui,
    paint_board_picture,
    write_board_picture,
)

HOSTILE = "<b>&amp; \"q\" 'a' ]]> 🙂 مرحبا بالعالم"


@pytest.fixture
def demo(qapp: object, rtx: Framework) -> Workshop:
    return demo_workshop(rtx)


def _drawn(ws: Workshop, **kw: object) -> tuple[list[Drawn], tuple[str, ...], int]:
    device, warnings = paint_board_picture(ws, ws.current_round_id, recording_device, **kw)
    return drawn_on(device), warnings, device.width()


def _text(drawn: list[Drawn]) -> str:
    return " ".join(d.text for d in drawn)


def _shown(ws: Workshop, layer: Layer = Layer.AS_IS) -> list[Card]:
    active = {d.id for d in ws.framework.active_domains}
    return [c for c in ws.round(ws.current_round_id).cards.values()
            if c.layer == layer and c.cell is not None and c.cell[1] in active]  # fmt: skip


def test_png_is_wide_not_blank_and_reads_back(demo: Workshop, tmp_path: Path) -> None:
    out = tmp_path / "board.png"
    result = write_board_picture(demo, demo.current_round_id, out)
    assert result.path == out and result.size == out.stat().st_size and result.pages == 1
    image = QImage(str(out))
    assert image.width() >= 2400 and image.height() > 1000
    with Image.open(out) as im:
        assert im.format == "PNG" and im.width >= 2400
        colours = im.convert("RGB").getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 200  # cards, headers, antialiased text


def test_every_card_shows_its_words_at_18_px_or_more(demo: Workshop) -> None:
    drawn, warnings, width = _drawn(demo)
    assert width >= 2400 and warnings == ()
    text = _text(drawn)
    cards = _shown(demo)
    assert len(cards) > 10
    for card in cards:
        assert card.text.split()[0] in text, card.text
    assert min(d.px for d in drawn) >= 18, [str(d) for d in drawn if d.px < 18]
    assert demo.title in text and "Layer: as-is" in text
    for kind in demo.framework.card_kinds:
        assert kind.name in text  # the key to the colours


def test_names_false_leaves_author_initials_out(demo: Workshop) -> None:
    authors = {initials(c.author) for c in _shown(demo) if c.author}
    assert authors
    named = {d.text for d in _drawn(demo)[0]}
    assert authors <= named
    anonymous = _drawn(demo, names=False)[0]
    assert not authors & {d.text for d in anonymous}
    assert "Authors not shown" in _text(anonymous)


def test_to_be_layer_shows_the_to_be_cards(demo: Workshop) -> None:
    cards = _shown(demo, Layer.TO_BE)
    assert cards
    text = _text(_drawn(demo, layer=Layer.TO_BE)[0])
    assert "Layer: to-be" in text
    for card in cards:
        assert card.text.split()[0] in text


def test_svg_parses_and_holds_the_board_as_text(demo: Workshop, tmp_path: Path) -> None:
    out = tmp_path / "board.SVG"
    write_board_picture(demo, demo.current_round_id, out)
    root = ET.fromstring(out.read_bytes())
    assert root.tag.endswith("svg")
    assert int(root.get("viewBox", "").split()[2]) >= 2400
    text = " ".join(" ".join(root.itertext()).split())
    for element in demo.framework.elements:
        assert element.name in text
    for card in _shown(demo):
        assert card.text.split()[0] in text


def test_hostile_text_is_escaped_in_svg(qapp: object, rtx: Framework, tmp_path: Path) -> None:
    ws = new_workshop(rtx, HOSTILE)
    rnd = ws.round(ws.current_round_id)
    cell = (rtx.elements[0].id, rtx.active_domains[0].id)
    rnd.cards["c-1"] = Card("c-1", HOSTILE, cell, author="<i>Eve & Co</i>")
    out = tmp_path / "hostile.svg"
    write_board_picture(ws, ws.current_round_id, out)
    data = out.read_bytes()
    root = ET.fromstring(data)  # well-formed: nothing of the text became markup
    assert not list(root.iter("{http://www.w3.org/2000/svg}b"))
    text = " ".join(root.itertext())
    assert "<b>&amp;" in text and "مرحبا" in text
    assert b"<b>" not in data


def test_a_board_too_big_for_the_pixel_cap_becomes_the_overview(
    demo: Workshop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(picture, "MAX_PIXELS", 4_000_000)
    drawn, warnings, width = _drawn(demo)
    assert width >= 2400 and warnings and "too big" in warnings[0]
    text = _text(drawn)
    for element in demo.framework.elements:
        assert element.name in text
    assert min(d.px for d in drawn) >= 18
    out = tmp_path / "big.png"
    result = write_board_picture(demo, demo.current_round_id, out)
    assert result.warnings == warnings
    image = QImage(str(out))
    assert image.width() * image.height() <= 4_000_000 and image.width() >= 2400


def test_a_wide_board_keeps_its_words_by_growing_the_picture(qapp: object, rtx: Framework) -> None:
    wide = dataclasses.replace(rtx.active_domains[0], id="extra", name="Extra column")
    domains = rtx.domains + tuple(dataclasses.replace(wide, id=f"x{i}", name=f"Extra {i}")
                                  for i in range(6))  # fmt: skip
    ws = new_workshop(dataclasses.replace(rtx, domains=domains), "Wide board")
    drawn, warnings, width = _drawn(ws)
    assert warnings == () and width > 2400
    assert min(d.px for d in drawn) >= 18


@pytest.mark.parametrize("name", ["board.jpg", "board", "board.png.txt"])
def test_other_suffixes_are_refused_and_nothing_written(demo: Workshop, tmp_path: Path,
                                                        name: str) -> None:  # fmt: skip
    with pytest.raises(ValueError, match=r"does not end in \.png or \.svg") as info:
        write_board_picture(demo, demo.current_round_id, tmp_path / name)
    assert isinstance(info.value, ExportError)
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_round_is_refused_in_words(demo: Workshop, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="has no round with the id 'nope'"):
        write_board_picture(demo, "nope", tmp_path / "board.png")
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_folder_is_an_export_error(demo: Workshop, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="could not be saved"):
        write_board_picture(demo, demo.current_round_id, tmp_path / "missing" / "board.png")


def test_the_workshop_is_not_changed(demo: Workshop, tmp_path: Path) -> None:
    before = repr(demo)
    write_board_picture(demo, demo.rounds[0].id, tmp_path / "first.png", names=False)
    assert repr(demo) == before


def test_ensure_gui_keeps_the_running_application(qapp: object) -> None:
    assert ensure_gui() is qapp


def test_a_picture_without_a_window_or_display(tmp_path: Path) -> None:
    """The command line has no application and maybe no display: ensure_gui makes an
    offscreen one, whatever QT_QPA_PLATFORM says or lacks."""
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtGui import QGuiApplication\n"
        "from trustboard.assets import templates_dir\n"
        "from trustboard.frameworks.templates import load_template\n"
        "from trustboard.services.demo import demo_workshop\n"
        "from trustboard.ui.board.picture import write_board_picture\n"
        "assert QGuiApplication.instance() is None\n"
        "fw = load_template(templates_dir() / 'rtx-trust-framework.toml').framework\n"
        "ws = demo_workshop(fw)\n"
        "write_board_picture(ws, ws.current_round_id, Path(sys.argv[1]))\n"
        "print(QGuiApplication.platformName())\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY",
                                                            "WAYLAND_DISPLAY")}  # fmt: skip
    out = tmp_path / "cli.png"
    done = subprocess.run([sys.executable, "-c", script, str(out)], env=env, cwd=tmp_path,
                          capture_output=True, text=True, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "offscreen"
    assert QImage(str(out)).width() >= 2400


def test_a_picture_drawn_off_the_gui_thread_is_refused_not_left_empty(
    demo: Workshop, tmp_path: Path
) -> None:
    """A board scene drawn from another thread comes out as an empty grey board: refuse."""
    import threading

    problems: list[BaseException] = []

    def draw() -> None:
        try:
            write_board_picture(demo, demo.current_round_id, tmp_path / "b.png")
        except BaseException as exc:
            problems.append(exc)

    worker = threading.Thread(target=draw)
    worker.start()
    worker.join(60)
    assert len(problems) == 1 and isinstance(problems[0], ExportError)
    assert not (tmp_path / "b.png").exists()
