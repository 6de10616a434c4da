"""Everything with Qt: the window, the board, panels and dialogs."""
