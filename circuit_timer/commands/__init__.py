"""Command-line commands, one module per area; ``circuit_timer.cli`` wires them up."""
