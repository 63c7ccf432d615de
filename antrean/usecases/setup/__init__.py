"""Running the office from /admin: services, counters and office details edited live."""
