"""circuit-timer: an exercise-circuit timer for runners."""

__version__ = "0.1.0"
