"""talkdeck: tailored, cited, presenter-ready online-safety decks from YAML talk outlines."""

from __future__ import annotations

__version__ = "0.1.0"
ENV_LIBRARY = "TALKDECK_LIBRARY"
