"""A tailored deck as .pptx bytes: rendered from the template, stamped with what it was built
from (talk, version, audience, fingerprint, the inputs' digests, the tool) and serialised
reproducibly, the stamp sealed with the content digest.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from talkdeck import __version__
from talkdeck.deck.resolved import Deck
from talkdeck.library.locate import template_digest

if TYPE_CHECKING:
    from talkdeck.deck.memo import Memo


def deck_bytes(template: Path, deck: Deck, memo: Memo, logo: bytes | None = None) -> bytes:
    """Render and serialise a deck from ``template``, stamped with what it was built from.

    ``memo`` keeps the text measurements, QR codes and template boxes for the next deck."""
    from talkdeck.deck.render import render
    from talkdeck.deck.write import add_stamp, to_bytes

    components = {**deck.components, "template": template_digest(template)}
    deck = replace(deck, components=components)
    prs = render(deck, template, memo, logo)
    aud = deck.audience
    stamp = {
        "talk": deck.talk_id,
        "version": deck.version,
        "status": deck.status,
        "age": str(aud.age),
        "region": aud.region,
        "language": aud.lang,
        "fingerprint": deck.fingerprint,
        "components": json.dumps(components, sort_keys=True),
        "tool": __version__,
        "slides": str(len(deck.slides)),
    }
    add_stamp(prs, stamp)
    return to_bytes(prs, deck.version_date, stamp)  # seals the stamp with the content digest
