"""Cards and headers paint directly while the user zooms, and from a cached picture otherwise.

A card (or header) keeps a picture of itself at the view's scale (Qt's device cache), so a pan or a
drag blits it rather than painting it again. A zoom step, though, makes every picture in
sight stale: redrawing each into a new picture costs more than painting it straight to the
screen. So while zoom steps come, the cards in sight paint directly, and they get their
picture back once the zooming has stopped for a moment.
"""

from __future__ import annotations

from collections.abc import Iterable

import shiboken6
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QGraphicsItem

SETTLE_MS = 300  # no zoom step for this long: the zoom has stopped

_CACHED = QGraphicsItem.CacheMode.DeviceCoordinateCache
_DIRECT = QGraphicsItem.CacheMode.NoCache


class ZoomCache(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.direct: list[QGraphicsItem] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SETTLE_MS)
        self._timer.timeout.connect(self.settle)

    def zooming(self, in_sight: Iterable[QGraphicsItem]) -> None:
        """A zoom step is about to be taken: what is `in_sight` paints directly until the
        zooming stops. (Before the step, so the switch costs no paint of its own.)"""
        for item in in_sight:
            if item.cacheMode() == _CACHED:
                item.setCacheMode(_DIRECT)
                self.direct.append(item)
        self._timer.start()

    def settle(self) -> None:
        """The zooming stopped: cards keep a picture again (one being typed into does not)."""
        for item in self.direct:
            if (shiboken6.isValid(item) and item.scene() is not None
                    and getattr(item, "editor", None) is None):  # fmt: skip
                item.setCacheMode(_CACHED)
        self.direct.clear()
