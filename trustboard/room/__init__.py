"""The room: participants' phones join the workshop over the local network.

`model` and `logic` are plain Python (the rules, where the document lives); `server` is the
only module that imports aiohttp, and only when the facilitator opens the room.
"""
