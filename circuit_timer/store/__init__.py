"""History in SQLite: connection and migrations, the recording API and the queries."""
