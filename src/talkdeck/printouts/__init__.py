"""Printouts made from a tailored deck: PDF, previews, presenter guide and handout."""
