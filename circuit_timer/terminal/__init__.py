"""The terminal face: the runner screen and keys, and the end-of-run questions."""
