"""Typed content: talks, slides, facts, tips, regions and the texts they hold.

One model module per kind of library file: :mod:`~talkdeck.library.model.talk` (talks/<id>.yaml),
:mod:`~talkdeck.library.model.region` (talks/regions/), :mod:`~talkdeck.library.model.common`
(talks/common/: facts, tips, vocabulary, guidance, web words, pictures), on the shared
:mod:`~talkdeck.library.model.base`. Import the models from here: this is the library's vocabulary.

Every field carries a docstring; pydantic turns them into the JSON Schema that ``talkdeck schema``
prints for editors. Models only check what one file can know; references between files (fact ids,
tip ids, translations for every age) are checked in :mod:`talkdeck.library.references`.
"""

from talkdeck.library.model.base import ID_RE, LANG_CODE, Reader, Strict, field_docs
from talkdeck.library.model.common import (
    AvoidedWords,
    Fact,
    FactsFile,
    GatedWords,
    Guidance,
    PictureEntry,
    PicturesFile,
    Source,
    Tip,
    TipsFile,
    Vocabulary,
    WebWords,
)
from talkdeck.library.model.region import (
    Channel,
    ChannelKind,
    Confirmation,
    Law,
    Organisation,
    PartialDate,
    Region,
)
from talkdeck.library.model.talk import (
    Approval,
    Bullet,
    Change,
    Image,
    Slide,
    SlideKind,
    Talk,
)
from talkdeck.library.texts import (
    AGES,
    ALL_AGES,
    MAX_AGE,
    MIN_AGE,
    AgeRange,
    Ages,
    LocalText,
    Text,
)

__all__ = [
    "AGES",
    "ALL_AGES",
    "ID_RE",
    "LANG_CODE",
    "MAX_AGE",
    "MIN_AGE",
    "AgeRange",
    "Ages",
    "Approval",
    "AvoidedWords",
    "Bullet",
    "Change",
    "Channel",
    "ChannelKind",
    "Confirmation",
    "Fact",
    "FactsFile",
    "GatedWords",
    "Guidance",
    "Image",
    "Law",
    "LocalText",
    "Organisation",
    "PartialDate",
    "PictureEntry",
    "PicturesFile",
    "Reader",
    "Region",
    "Slide",
    "SlideKind",
    "Source",
    "Strict",
    "Talk",
    "Text",
    "Tip",
    "TipsFile",
    "Vocabulary",
    "WebWords",
    "field_docs",
]
