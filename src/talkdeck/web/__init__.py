"""`talkdeck serve`: a web page (and JSON API) to build, preview and download decks.

catalog (what the library offers, request checks) -> files (the downloads, made in memory)
-> app (Starlette routes and templates) inside guard (limits, headers, a value-free log).
"""
