"""The only place talkdeck touches python-pptx's internals.

python-pptx's public API cannot remove a shape, give a picture alt text, add a slide or a notes
page in constant time, list the notes master, tag text with its language, edit the theme, add a
custom part or hand over the package's parts without zipping them. Those edits live here, as
small typed functions; every other module uses python-pptx's public API plus these.

* :mod:`.shapes`: edits inside one slide (shapes, paragraphs, runs) and read-only access to
  the XML of the template's master, layouts and placeholders.
* :mod:`.slides`: slides and notes pages added without python-pptx's per-slide scans.
* :mod:`.pictures`: pictures added without python-pptx's per-picture package walks.
* :mod:`.package`: the package as a whole (theme, language tags, the notes master's listing,
  extra parts, the parts as written).

python-pptx is pinned below 1.1 in pyproject.toml because of these modules;
tests/test_ooxml_boundary.py fails, naming file and line, if another module reaches into
python-pptx's internals. Imports python-pptx only inside functions (``talkdeck --help`` stays
fast).
"""
