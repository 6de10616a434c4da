"""The facilitator's side of the room: phones join the workshop over the local network.

Nothing here loads with the window: the room's server (aiohttp) is imported only when the
facilitator opens the room.
"""
