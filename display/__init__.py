"""The lobby TV front end: a blueprint with its JS, CSS and sounds."""
