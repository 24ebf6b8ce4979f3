"""Coordinating many decks: batch builds, staleness checks and lint."""
