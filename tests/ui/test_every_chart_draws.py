"""Every chart tab draws on any workshop: a new one with no scores, a few scores, the demo.

pytest-qt fails a test on an exception raised inside a Qt virtual (a paint, a resize) and
on one that reaches sys.excepthook, so a tab that draws without raising here draws for people.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from trustboard.assets import templates_dir
from trustboard.domain.framework import Framework
from trustboard.domain.workshop import Layer, Perspective, Workshop, new_workshop
from trustboard.frameworks.templates import load_template
from trustboard.services.demo import demo_workshop
from trustboard.store import WorkshopFile
from trustboard.ui.charts import ChartsWindow
from trustboard.ui.charts.window import CHARTS
from trustboard.ui.session import Session

RTX, STOOL = "rtx-trust-framework", "trust-stool"  # the stool adds the weakest-leg tab


def _framework(name: str) -> Framework:
    return load_template(templates_dir() / f"{name}.toml").framework


def _empty(fw: Framework) -> Workshop:
    return new_workshop(fw, "New workshop")


def _few_scores(fw: Framework) -> Workshop:
    return new_workshop(fw, "A few scores")


def _demo(fw: Framework) -> Workshop:
    return demo_workshop(fw)


WORKSHOPS: dict[str, Callable[[Framework], Workshop]] = {
    "empty": _empty,
    "to-be only": _few_scores,
    "few scores": _few_scores,
    "demo": _demo,
}


OTHERS = sorted(p.stem for p in templates_dir().glob("*.toml") if p.stem not in (RTX, STOOL))
SELF, CUSTOMER = Perspective.SELF, Perspective.CUSTOMER
CASES = [
    (t, k, p)
    for t in (RTX, STOOL)
    for k in WORKSHOPS
    if k != "demo" or t == RTX
    for p in (SELF, CUSTOMER)
] + [(t, k, SELF) for t in OTHERS for k in ("empty", "few scores")]  # other scales and grids


@pytest.fixture(params=CASES, ids=[f"{k}-{t}-{p.value}" for t, k, p in CASES])
def session(request: pytest.FixtureRequest, qapp: object, tmp_path: Path) -> Iterator[Session]:
    template, kind, perspective = request.param
    framework = _framework(template)
    wf = WorkshopFile.create(tmp_path / "charts.trustboard", WORKSHOPS[kind](framework))
    s = Session(wf)
    first = (framework.elements[0].id, framework.active_domains[0].id)
    last = (framework.elements[-1].id, framework.active_domains[-1].id)
    lo, hi = framework.scale.minimum, framework.scale.maximum
    if kind == "to-be only":  # a round nobody has rated as it is yet
        assert s.add_score(first, hi, layer=Layer.TO_BE, perspective=SELF)
    elif kind == "few scores":
        for cell, score, who in ((first, lo, SELF), (first, hi, SELF), (last, lo + 1, CUSTOMER)):
            assert s.add_score(cell, score, layer=Layer.AS_IS, perspective=who)
        assert s.add_score(first, hi, layer=Layer.TO_BE, perspective=SELF)
    s.set_perspective(perspective)
    yield s
    s.close()


def test_every_chart_tab_paints_without_an_error(qtbot: QtBot, session: Session) -> None:
    window = ChartsWindow(session)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    expected = [s.key for s in CHARTS if s.key != "weakest" or session.framework.weakest_decides]
    assert window.keys == expected
    for key in window.keys:
        chart = window.show_chart(key)
        picture = chart.grab()  # paints the whole scene: pyqtgraph draws every item now
        assert not picture.isNull(), key
        assert picture.width() > 600, key
        assert chart.summary, key  # a title was set: the chart got to the end of drawing
