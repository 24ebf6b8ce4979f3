"""The annotated example in docs/writing-talks.md stays a valid talk."""

from __future__ import annotations

from pathlib import Path

from talkdeck.library.load import load_library, load_talk

from .conftest import REPO


def test_the_documented_talk_validates_against_the_shipped_library(tmp_path: Path) -> None:
    text = (REPO / "docs" / "writing-talks.md").read_text(encoding="utf-8")
    block = text.split("```yaml\n", 1)[1].split("```", 1)[0]
    # The one elided slide ("...") is there to show `ages`; drop it.
    start = block.index("  - id: sextortion")
    block = block[:start] + block[block.index("  - id: how-many") :]
    path = tmp_path / "my-talk.yaml"
    path.write_text(block, encoding="utf-8")
    talk, _ = load_talk(load_library(None), str(path))
    assert [s.kind for s in talk.slides] == ["title", "bullets", "statistic", "helpline"]
