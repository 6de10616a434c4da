"""How the board is being looked at: which layer is shown."""


class LayerMode:
    AS_IS = "as-is"
    TO_BE = "to-be"
    BOTH = "both"
