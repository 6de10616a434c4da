"""The document layer: one object changes a workshop; commands make every change undoable."""

from trustboard.document.document import Change, WorkshopDocument

__all__ = ["Change", "WorkshopDocument"]
