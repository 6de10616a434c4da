"""Fixtures for the PDF tests: deterministic output, a demo workshop, text extraction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from trustboard.domain.framework import Framework
from trustboard.domain.workshop import Workshop
from trustboard.services.demo import demo_workshop
from trustboard.store import WorkshopFile

DAY = dt.date(2026, 3, 31)


@pytest.fixture(autouse=True)
def _invariant() -> Iterator[None]:
    """Same input, same bytes: reportlab leaves out dates and random ids."""
    from reportlab import rl_config

    before = rl_config.invariant
    rl_config.invariant = 1
    yield
    rl_config.invariant = before


@pytest.fixture
def demo(rtx: Framework) -> Workshop:
    return demo_workshop(rtx, DAY)


@pytest.fixture
def board(tmp_path: Path, demo: Workshop) -> Path:
    """The demo workshop in a file, for the command line."""
    path = tmp_path / "w.trustboard"
    WorkshopFile.create(path, demo).close()
    return path
