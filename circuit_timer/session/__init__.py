"""Running one workout for every face: the workout and its record, cues, sound set-up."""
