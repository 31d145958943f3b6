"""Pure-Python heart of circuit-timer: model, loading, timeline, engine, history maths.

Nothing here may import Qt, SQLite or audio; an import-linter contract enforces it.
"""
