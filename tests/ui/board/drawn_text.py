"""Every piece of text a widget draws, with its height on screen, read from the paint calls.

A paint device whose engine records `drawTextItem` instead of drawing: the widget (and its
children) render into it as they would on screen, so what is measured is what is painted,
by Qt's own items and widgets and by ours alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPoint, QPointF, QRectF
from PySide6.QtGui import QPaintDevice, QPaintEngine, QPainter, QRegion, QTextItem
from PySide6.QtWidgets import QGraphicsItem, QGraphicsView, QWidget


@dataclass(frozen=True)
class Drawn:
    text: str
    px: float  # the font's height on screen, in pixels
    at: QPointF  # where it starts on screen

    def __str__(self) -> str:
        return f"{self.text!r} at {self.px:.1f} px ({self.at.x():.0f}, {self.at.y():.0f})"


class _Recorder(QPaintEngine):
    def __init__(self, size: tuple[int, int]) -> None:
        super().__init__(QPaintEngine.PaintEngineFeature.AllFeatures)
        self.size = size
        self.drawn: list[Drawn] = []

    def begin(self, device: QPaintDevice) -> bool:
        return True

    def end(self) -> bool:
        return True

    def updateState(self, state: object) -> None:  # noqa: N802 - Qt override
        pass

    def drawPixmap(self, *args: object) -> None:  # noqa: N802 - Qt override
        pass

    def drawPolygon(self, *args: object) -> None:  # noqa: N802 - Qt override
        pass

    def drawPath(self, *args: object) -> None:  # noqa: N802 - Qt override
        pass

    def drawRects(self, *args: object) -> None:  # noqa: N802 - Qt override
        pass

    def drawEllipse(self, *args: object) -> None:  # noqa: N802 - Qt override
        pass

    def drawLines(self, *args: object) -> None:  # noqa: N802 - Qt override
        pass

    def drawImage(self, *args: object) -> None:  # noqa: N802 - Qt override
        pass

    def drawTextItem(self, p: QPointF, item: QTextItem) -> None:  # noqa: N802 - Qt override
        text = item.text().strip()
        if not text:
            return
        transform = self.painter().worldTransform()
        font = item.font()
        size = font.pixelSize() if font.pixelSize() > 0 else font.pointSizeF() * 96 / 72
        scale = (abs(transform.determinant())) ** 0.5
        at = transform.map(QPointF(p))
        width, height = self.size
        if -50 <= at.x() <= width and 0 <= at.y() <= height + size * scale:
            self.drawn.append(Drawn(text, size * scale, at))

    def type(self) -> QPaintEngine.Type:
        return QPaintEngine.Type.User


class _Device(QPaintDevice):
    def __init__(self, width: int, height: int) -> None:
        super().__init__()
        self.engine = _Recorder((width, height))
        self._metrics = {
            QPaintDevice.PaintDeviceMetric.PdmWidth: width,
            QPaintDevice.PaintDeviceMetric.PdmHeight: height,
            QPaintDevice.PaintDeviceMetric.PdmWidthMM: width * 254 // 960,
            QPaintDevice.PaintDeviceMetric.PdmHeightMM: height * 254 // 960,
            QPaintDevice.PaintDeviceMetric.PdmDpiX: 96,
            QPaintDevice.PaintDeviceMetric.PdmDpiY: 96,
            QPaintDevice.PaintDeviceMetric.PdmPhysicalDpiX: 96,
            QPaintDevice.PaintDeviceMetric.PdmPhysicalDpiY: 96,
            QPaintDevice.PaintDeviceMetric.PdmDepth: 32,
            QPaintDevice.PaintDeviceMetric.PdmNumColors: 1 << 24,
            QPaintDevice.PaintDeviceMetric.PdmDevicePixelRatio: 1,
            QPaintDevice.PaintDeviceMetric.PdmDevicePixelRatioScaled: 1,
        }

    def paintEngine(self) -> QPaintEngine:  # noqa: N802 - Qt override
        return self.engine

    def metric(self, metric: QPaintDevice.PaintDeviceMetric) -> int:
        return self._metrics.get(metric, 1)


def drawn_text(widget: QWidget) -> list[Drawn]:
    """What `widget` and its visible children draw as text, measured on screen.

    Items that cache their look as a pixmap would hand the recorder a picture, not text:
    they paint uncached for the measure, and get their cache back after."""
    scene = widget.scene() if isinstance(widget, QGraphicsView) else None
    cached = [i for i in scene.items() if i.cacheMode() != QGraphicsItem.CacheMode.NoCache
              ] if scene is not None else []  # fmt: skip
    modes = [i.cacheMode() for i in cached]
    for item in cached:
        item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
    device = _Device(widget.width(), widget.height())
    painter = QPainter(device)
    QWidget.render(widget, painter, QPoint(0, 0), QRegion(widget.rect()),
                   QWidget.RenderFlag.DrawChildren)  # fmt: skip
    painter.end()
    for item, mode in zip(cached, modes, strict=True):
        item.setCacheMode(mode)
    return device.engine.drawn


def smallest(drawn: list[Drawn]) -> float:
    return min((d.px for d in drawn), default=0.0)


def rect_of(widget: QWidget) -> QRectF:
    return QRectF(widget.rect())


def recording_device(width: int, height: int) -> QPaintDevice:
    """A device `width` × `height` pixels that records the text painted on it (`drawn_on`)."""
    return _Device(width, height)


def drawn_on(device: QPaintDevice) -> list[Drawn]:
    assert isinstance(device, _Device)
    return device.engine.drawn
