"""Charts render offscreen with the series the workshop holds, follow edits, and export PNGs."""

from __future__ import annotations

import datetime as dt
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from trustboard.assets import templates_dir
from trustboard.document.commands import KpiCommand
from trustboard.document.rounds import start_round_command
from trustboard.domain.workshop import Layer, Perspective, new_workshop
from trustboard.frameworks.templates import load_template
from trustboard.store import WorkshopFile
from trustboard.ui.charts import ChartsWindow, export_png
from trustboard.ui.session import Session

ROOT = Path(__file__).resolve().parents[2]
CI = ("competence", "individuals")
ET = ("empathy", "technology")
SELF, CUSTOMER = Perspective.SELF, Perspective.CUSTOMER
NAN = float("nan")


def _window(qtbot: QtBot, session: Session) -> ChartsWindow:
    window = ChartsWindow(session)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def _score(session: Session, cell: tuple[str, str], *scores: int, layer: Layer = Layer.AS_IS,
           perspective: Perspective = SELF) -> None:  # fmt: skip
    for s in scores:
        assert session.add_score(cell, s, layer=layer, perspective=perspective)


def test_the_heatmap_shows_each_cells_median(qtbot: QtBot, session: Session) -> None:
    _score(session, CI, 2, 4)  # median 3
    _score(session, ET, 5)
    window = _window(qtbot, session)
    assert window.keys == ["heatmap", "gap", "perception", "spread", "trend", "kpis"]
    chart = window.chart("heatmap")
    expected = np.full((4, 3), NAN)
    expected[0, 0], expected[3, 2] = 3, 5
    np.testing.assert_array_equal(chart.image.image, expected)
    assert chart.cell_text[(0, 0)] == ("3", "Adequate · 2 scores")
    assert chart.cell_text[(3, 2)] == ("5", "Exemplary · 1 score")
    assert chart.cell_text[(1, 1)] == ("", "no scores")
    assert "Round 1" in chart.title.text
    # it follows edits, once the batch of changes is over
    _score(session, CI, 4)
    qtbot.waitUntil(lambda: not window.pending)
    assert chart.image.image[0, 0] == 4
    # and the perspective on the board
    _score(session, CI, 1, perspective=CUSTOMER)
    session.set_perspective(CUSTOMER)
    window.refresh()
    assert chart.image.image[0, 0] == 1
    assert math.isnan(chart.image.image[3, 2])


def test_gap_bars_per_domain(qtbot: QtBot, session: Session) -> None:
    _score(session, CI, 2, 4)  # 3
    _score(session, CI, 5, layer=Layer.TO_BE)  # gap +2
    _score(session, ET, 4)
    _score(session, ET, 3, layer=Layer.TO_BE)  # gap −1
    window = _window(qtbot, session)
    chart = window.show_chart("gap")
    assert chart.gaps == {CI: 2, ET: -1}
    individuals = chart.bars["individuals"].opts
    assert list(individuals["width"]) == [2]
    assert list(individuals["y"]) == pytest.approx([0 - 0.8 / 3])  # first row, first of three
    technology = chart.bars["technology"].opts
    assert list(technology["width"]) == [-1]
    assert list(technology["y"]) == pytest.approx([3 + 0.8 / 3])
    assert len(chart.bars["organizations"].opts["width"]) == 0


def test_perception_matrix_labels(qtbot: QtBot, session: Session) -> None:
    _score(session, CI, 4)
    _score(session, CI, 2, perspective=CUSTOMER)  # +2: blind spot
    _score(session, ET, 2)
    _score(session, ET, 4, 5, perspective=CUSTOMER)  # −2.5: hidden strength
    _score(session, ("integrity", "organizations"), 3)
    _score(session, ("integrity", "organizations"), 3, perspective=CUSTOMER)  # shared view
    chart = _window(qtbot, session).show_chart("perception")
    assert chart.image.image[0, 0] == 2
    assert chart.image.image[3, 2] == -2.5
    assert chart.cell_text[(0, 0)] == ("+2", "blind spot")
    assert chart.cell_text[(3, 2)] == ("−2.5", "hidden strength")
    assert chart.cell_text[(2, 1)] == ("0", "shared view")
    assert chart.cell_text[(1, 1)] == ("", "needs both views")
    assert math.isnan(chart.image.image[1, 1])


def test_spread_per_cell(qtbot: QtBot, session: Session) -> None:
    _score(session, CI, 1, 3, 4)  # range 3, contested; median 3
    _score(session, ET, 4, 4)  # range 0
    chart = _window(qtbot, session).show_chart("spread")
    assert list(chart.ranges.opts["x0"]) == [1, 4]
    assert list(chart.ranges.opts["width"]) == [3, 0]
    assert list(chart.ranges.opts["y"]) == [0, 11]  # board order: first and last cell
    x, y = chart.medians.getData()
    assert list(x) == [3, 4] and list(y) == [0, 11]
    assert chart.contested == [CI]


def test_the_weakest_leg_only_for_the_stool(qtbot: QtBot, tmp_path: Path) -> None:
    stool = load_template(templates_dir() / "trust-stool.toml").framework
    assert stool.weakest_decides
    wf = WorkshopFile.create(tmp_path / "stool.trustboard", new_workshop(stool, "Stool"))
    session = Session(wf)
    try:
        first = stool.active_domains[0].id
        rows = [e.id for e in stool.elements]
        _score(session, (rows[0], first), 4)
        _score(session, (rows[1], first), 2)  # the weakest leg
        _score(session, (rows[2], first), 2)  # a tie goes to the first row
        window = _window(qtbot, session)
        assert "weakest" in window.keys
        chart = window.show_chart("weakest")
        assert chart.weakest[first] == rows[1]
        assert list(chart.bars.opts["width"]) == [4, 2, 2]
        brushes = chart.bars.opts["brushes"]
        assert brushes[1] != brushes[0] == brushes[2]
    finally:
        session.close()


def test_trend_and_kpis_across_rounds(qtbot: QtBot, session: Session) -> None:
    _score(session, CI, 2, 3)  # competence 2.5 in round 1
    session.push(KpiCommand(session.doc, session.round.id, "nps", None, 10.0))
    session.push(start_round_command(session.doc, "Round 2", dt.date(2026, 7, 1)))
    _score(session, CI, 4)
    session.push(KpiCommand(session.doc, session.round.id, "nps", None, 25.0))
    session.push(KpiCommand(session.doc, session.round.id, "retention", None, 70.0))
    window = _window(qtbot, session)
    trend = window.show_chart("trend")
    x, y = trend.curves["competence"].getData()
    assert list(x) == [0, 1] and list(y) == [2.5, 4]
    assert trend.curves["empathy"].getData()[1] is None  # no scores, no line
    assert list(trend.trust_curve.getData()[1]) == [2.5, 4]
    kpis = window.show_chart("kpis")
    assert set(kpis.kpi_curves) == {"nps", "retention"}  # only KPIs with values get a panel
    assert list(kpis.kpi_curves["nps"].getData()[1]) == [10, 25]
    retention = kpis.kpi_curves["retention"].getData()[1]
    assert math.isnan(retention[0]) and retention[1] == 70
    assert list(kpis.trust_curves["nps"].getData()[1]) == [2.5, 4]


def test_no_kpis_yet_says_where_to_enter_them(qtbot: QtBot, session: Session) -> None:
    chart = _window(qtbot, session).show_chart("kpis")
    assert chart.kpi_curves == {}
    assert "KPI panel" in chart.note_text


def test_charts_show_the_round_on_the_board(qtbot: QtBot, session: Session) -> None:
    _score(session, CI, 2)
    first = session.round.id
    session.push(start_round_command(session.doc, "Round 2", dt.date(2026, 7, 1)))
    _score(session, CI, 5)
    window = _window(qtbot, session)
    heatmap = window.chart("heatmap")
    assert heatmap.image.image[0, 0] == 5
    session.set_viewed_round(first)
    window.refresh()
    assert heatmap.image.image[0, 0] == 2
    assert "Round 1" in heatmap.title.text


def test_export_png(qtbot: QtBot, demo_session: Session, tmp_path: Path) -> None:
    window = _window(qtbot, demo_session)
    for key in window.keys:
        window.show_chart(key)
        path = window.export_current(tmp_path / key)  # .png is added
        image = QImage(str(path))
        assert path.suffix == ".png" and not image.isNull(), key
        assert image.width() > 600
    big = window.export_current(tmp_path / "big.png", width=1920)
    assert QImage(str(big)).width() == 1920
    # a chart that was never on screen is laid out at a projector's size first
    from trustboard.ui.charts.matrix import HeatmapChart

    chart = HeatmapChart()
    qtbot.addWidget(chart)
    chart.update_chart(demo_session.workshop, demo_session.round, SELF)
    image = QImage(str(export_png(chart, tmp_path / "alone.png")))
    assert (image.width(), image.height()) == (1280, 800)


def test_the_window_and_main_window_do_not_import_pyqtgraph() -> None:
    code = (
        "import sys, trustboard.ui.charts, trustboard.ui.main_window, trustboard.ui.docks.kpi_panel, "
        "trustboard.ui.rounds_dialog, trustboard.ui.imports.assistant; "
        "print('pyqtgraph' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60,
        check=False,
    )  # fmt: skip
    assert result.stdout.strip() == "False", result.stderr
