"""Online booking: book a day and a session from home, check in at the kiosk, be told."""
