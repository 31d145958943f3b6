"""The file system: where things live, and the user's own circuit files."""
