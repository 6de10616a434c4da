"""What a cell shows: its tint, the rating badges, the disagreement mark, hidden cards."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QColor

from trustboard.domain.workshop import Card, Layer, Perspective
from trustboard.ui.board.cell_item import CellItem
from trustboard.ui.board.detail import summarise
from trustboard.ui.session import Session
from trustboard.ui.text import cell_label, literal_text
from trustboard.ui.theme import BoardTheme, rating_tint

_NAME = {Perspective.SELF: "We", Perspective.CUSTOMER: "Customers"}
_SHORT = {Perspective.SELF: "We", Perspective.CUSTOMER: "Cust."}


def _fmt(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:g}" if value == int(value) else f"{value:.1f}"


def decorate_cell(item: CellItem, session: Session, theme: BoardTheme, shown: set[Layer],
                  hidden: int, cards: Iterable[Card] = ()) -> None:  # fmt: skip
    """Set what `item` paints from the round on the board: its `cards` in the shown layers,
    and `hidden` cards of the others."""
    rnd = session.round
    fw = session.framework
    scale = fw.scale
    persp = session.perspective
    tint_layer = Layer.TO_BE if shown == {Layer.TO_BE} else Layer.AS_IS
    tint_rating = rnd.rating(item.cell, tint_layer, persp)
    item.tint = rating_tint(tint_rating.median, scale.minimum, scale.maximum, theme.cell)
    layers = sorted(shown, key=lambda lay: lay.value)  # as-is before to-be
    badges, short = [], []
    for p in (Perspective.SELF, Perspective.CUSTOMER):
        ratings = [rnd.rating(item.cell, layer, p) for layer in layers]
        if any(r.scores for r in ratings) or p == persp:
            values = " → ".join(_fmt(r.median) for r in ratings)  # both layers: as-is → to-be
            badges.append(f"{_NAME[p]} {values}")
            short.append(f"{_SHORT[p]} {values}")
    item.badges, item.short_badges = badges, short
    kinds = fw.card_kinds
    item.colours = {k.id: QColor(k.colour) for k in kinds}
    item.summary = summarise(cards, [k.id for k in kinds])
    item.disagreement = tint_rating.disagrees(scale)
    other = "to-be" if Layer.AS_IS in shown else "as-is"
    item.note = f"+{hidden} {other} card{'s' * (hidden != 1)}" if hidden else ""
    item.current = item.cell == session.current_cell
    item.setToolTip(literal_text(cell_label(fw, item.cell)))
