"""The stack's floor: a bare Flask-SocketIO app (eventlet) with the endpoints the bench hits.

    python -m bench.floor_servers --port P

POST /api/v1/tickets answers 201 with a small JSON body; GET /api/v1/services and
/api/v1/queue answer a fixed JSON list; /display is an echo/broadcast Socket.IO namespace
that sends a small snapshot on connect and puts each screen in a room named by its token, and
POST /broadcast emits "called" to every screen (or, with "room", to that room's screens).
The same client harness runs against this and against Antrean in one bench run, so a reader
can tell the server's cost from the clients'.
"""

from __future__ import annotations

import argparse
import sys


def build(async_mode: str):  # type: ignore[no-untyped-def]
    from flask import Flask, jsonify, request
    from flask_socketio import SocketIO, emit, join_room

    app = Flask(__name__)
    socketio = SocketIO(app, async_mode=async_mode)
    services = [{"code": "KTP", "name": "KTP-el", "waiting": 0, "open": True}]

    @app.post("/api/v1/tickets")
    def ticket():  # type: ignore[no-untyped-def]
        body = request.get_json(force=True)
        return jsonify({"number": "A-001", "service": body.get("service")}), 201

    @app.get("/api/v1/services")
    def services_view():  # type: ignore[no-untyped-def]
        return jsonify(services)

    @app.get("/api/v1/queue")
    def queue_view():  # type: ignore[no-untyped-def]
        return jsonify({"services": services, "counters": [], "recent_calls": []})

    @app.post("/broadcast")
    def broadcast():  # type: ignore[no-untyped-def]
        body = request.get_json(force=True)
        socketio.emit("called", body, namespace="/display", to=body.get("room"))
        return jsonify({"sent": True})

    @socketio.on("connect", namespace="/display")
    def connected(auth=None):  # type: ignore[no-untyped-def]
        if isinstance(auth, dict) and auth.get("token"):
            join_room(str(auth["token"]))  # as an office's TVs share their office's room
        emit("snapshot", {"services": services, "counters": [], "recent_calls": []})

    return app, socketio


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--async-mode", default="eventlet")
    args = parser.parse_args(argv)
    if args.async_mode == "eventlet":
        import eventlet

        eventlet.monkey_patch()
    app, socketio = build(args.async_mode)
    print(f"floor server on {args.port}", flush=True)
    socketio.run(app, host="127.0.0.1", port=args.port, log_output=False,
                 allow_unsafe_werkzeug=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
