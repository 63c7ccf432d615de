"""Flask: the app factory, blueprints for the API, console, admin; JSON errors."""
