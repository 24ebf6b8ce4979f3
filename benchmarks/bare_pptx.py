"""The baseline for bench_build.py: a bare python-pptx script, no talkdeck.

Reads a JSON spec (written by bench_build.py from a talkdeck deck) and makes the same slides with
the same text, notes and pictures from the same template, then saves. It does only what anyone
scripting python-pptx by hand would do: no YAML, no checks, no tailoring, no fitting, no stamp.

    python benchmarks/bare_pptx.py SPEC.json OUT.pptx
"""

from __future__ import annotations

import json
import sys

from pptx import Presentation
from pptx.util import Emu


def main(spec_path: str, out: str) -> None:
    with open(spec_path, encoding="utf-8") as handle:
        spec = json.load(handle)
    prs = Presentation(spec["template"])
    layouts = {layout.name: layout for layout in prs.slide_layouts}
    for item in spec["slides"]:
        slide = prs.slides.add_slide(layouts[item["layout"]])
        texts = dict(item["placeholders"])
        for placeholder in list(slide.placeholders):
            lines = texts.pop(str(placeholder.placeholder_format.idx), None)
            if lines is None:
                placeholder._element.getparent().remove(placeholder._element)
                continue
            frame = placeholder.text_frame
            frame.text = lines[0]
            for line in lines[1:]:
                frame.add_paragraph().text = line
        # What python-pptx does not copy from the layout (the slide number): a plain text box.
        boxes = item["boxes"] + [
            {"text": "\n".join(lines), "at": item["at"][idx]} for idx, lines in texts.items()
        ]
        for box in boxes:
            shape = slide.shapes.add_textbox(*(Emu(v) for v in box["at"]))
            shape.text_frame.text = box["text"]
        for pic in item["pictures"]:
            slide.shapes.add_picture(pic["file"], *(Emu(v) for v in pic["at"]))
        slide.notes_slide.notes_text_frame.text = item["notes"]
    prs.save(out)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
