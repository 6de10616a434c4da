"""What a cell shows: its tint, the rating badges, the disagreement mark, hidden cards."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QLocale
from PySide6.QtGui import QColor

from trustboard.domain.workshop import Card, Layer, Perspective
from trustboard.i18n import N_, _, ngettext
from trustboard.ui.board.cell_item import CellItem
from trustboard.ui.board.detail import summarise
from trustboard.ui.session import Session
from trustboard.ui.text import cell_label, literal_text
from trustboard.ui.theme import BoardTheme, rating_tint

# Translators: a cell's rating badge, "We 3": how we rate ourselves.
_NAME = {Perspective.SELF: N_("We {score}"), Perspective.CUSTOMER: N_("Customers {score}")}
# Translators: the same badge where a cell is narrow: keep it as short as you can.
_SHORT = {Perspective.SELF: N_("We {score}"), Perspective.CUSTOMER: N_("Cust. {score}")}


def _fmt(value: float | None) -> str:
    if value is None:
        return "–"
    if value == int(value):
        return str(int(value))
    return QLocale().toString(float(value), "f", 1)


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
            badges.append(_(_NAME[p]).format(score=values))
            short.append(_(_SHORT[p]).format(score=values))
    item.badges, item.short_badges = badges, short
    kinds = fw.card_kinds
    item.colours = {k.id: QColor(k.colour) for k in kinds}
    item.summary = summarise(cards, [k.id for k in kinds])
    item.disagreement = tint_rating.disagrees(scale)
    if not hidden:
        item.note = item.short_note = ""
    elif Layer.AS_IS in shown:
        item.note = ngettext("+{n} to-be card", "+{n} to-be cards", hidden).format(n=hidden)
        # Translators: the hidden cards' count where the cell has little room.
        item.short_note = _("+{n} to-be").format(n=hidden)
    else:
        item.note = ngettext("+{n} as-is card", "+{n} as-is cards", hidden).format(n=hidden)
        item.short_note = _("+{n} as-is").format(n=hidden)
    item.current = item.cell == session.current_cell
    item.setToolTip(literal_text(cell_label(fw, item.cell)))
