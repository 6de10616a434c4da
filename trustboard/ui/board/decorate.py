"""What a cell shows: its tint, the rating badges, the disagreement mark, hidden cards."""

from __future__ import annotations

from trustboard.domain.workshop import Layer, Perspective
from trustboard.ui.board.items import CellItem
from trustboard.ui.session import Session
from trustboard.ui.text import cell_label, literal_text
from trustboard.ui.theme import BoardTheme, rating_tint

_SHORT = {Perspective.SELF: "We", Perspective.CUSTOMER: "Customers"}


def _fmt(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:g}" if value == int(value) else f"{value:.1f}"


def decorate_cell(item: CellItem, session: Session, theme: BoardTheme, shown: set[Layer],
                  hidden: int) -> None:  # fmt: skip
    """Set what `item` paints from the round on the board; `hidden` cards of other layers."""
    rnd = session.round
    fw = session.framework
    scale = fw.scale
    persp = session.perspective
    tint_layer = Layer.TO_BE if shown == {Layer.TO_BE} else Layer.AS_IS
    tint_rating = rnd.rating(item.cell, tint_layer, persp)
    item.tint = rating_tint(tint_rating.median, scale.minimum, scale.maximum, theme.cell)
    badges = []
    for layer in sorted(shown, key=lambda lay: lay.value):
        for p in (Perspective.SELF, Perspective.CUSTOMER):
            r = rnd.rating(item.cell, layer, p)
            if r.scores or p == persp:
                prefix = f"{layer.value} " if len(shown) == 2 else ""
                badges.append(f"{prefix}{_SHORT[p]} {_fmt(r.median)}")
    item.badges = badges
    item.disagreement = tint_rating.disagrees(scale)
    other = "to-be" if Layer.AS_IS in shown else "as-is"
    item.note = f"+{hidden} {other} card{'s' * (hidden != 1)}" if hidden else ""
    item.current = item.cell == session.current_cell
    item.setToolTip(literal_text(cell_label(fw, item.cell)))
