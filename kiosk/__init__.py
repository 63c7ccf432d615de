"""The ticket kiosk front end: a blueprint with its JS and CSS."""
