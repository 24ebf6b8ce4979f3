"""What text a deck can hold: shared by the YAML reader, the option checks and the writer.

In its own module so that reading a library (talkdeck.library) never imports the deck writer.
"""

from __future__ import annotations

import re

# What XML (and so a .pptx) cannot hold; YAML escapes such as "\a" or "\0" can still make them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def unshowable(text: str) -> str | None:
    """What in ``text`` a deck cannot hold ("control character U+0007"), or None."""
    found = _NOT_XML.search(text)
    if found is None:
        return None
    code = ord(found.group())
    if 0xD800 <= code <= 0xDFFF:  # how Python keeps bytes that are not UTF-8 (command line)
        return f"a byte that is not UTF-8 (U+{code:04X})"
    return f"control character U+{code:04X}"
