"""Socket.IO: the one server object, room names and the broadcaster (the only emitter)."""
