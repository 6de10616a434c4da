"""Every panel docked around the board: cell, dot voting, KPIs, action plan."""

from trustboard.ui.text import (
    BODY_PX,
    CAPTION_PX,
    HEADING_PX,
    TITLE_PX,
    plain_label,
    set_pixel_size,
)

__all__ = ["BODY_PX", "CAPTION_PX", "HEADING_PX", "TITLE_PX", "plain_label", "set_pixel_size"]
