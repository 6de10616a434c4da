"""The board: the framework grid with sticky-note cards, as a zoomable canvas."""
