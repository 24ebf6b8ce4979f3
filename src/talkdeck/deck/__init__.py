"""Deck: tailoring to an audience, slide kinds, fitting, rendering, the stamp and the atomic write."""
