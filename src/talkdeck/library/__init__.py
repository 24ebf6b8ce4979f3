"""Library: the typed model, safe YAML with line marks, loading and cross-file references."""
