"""Deck: tailoring to an audience, slide kinds, fitting, rendering, stamp and atomic write."""
