"""Map domain errors and HTTP errors to JSON ({"error", "message"}) for the API."""

from __future__ import annotations

from urllib.parse import quote

from flask import Flask, Response, jsonify, redirect, render_template, request
from werkzeug.exceptions import HTTPException

from antrean.core.errors import DomainError, ErrorKind

STATUS_BY_KIND = {
    ErrorKind.INVALID: 422,
    ErrorKind.NOT_FOUND: 404,
    ErrorKind.CONFLICT: 409,
    ErrorKind.REFUSED: 409,
    ErrorKind.UNAUTHORIZED: 401,
    ErrorKind.FORBIDDEN: 403,
    ErrorKind.UNAVAILABLE: 503,
}

LOGIN_PATH = "/console/login"

HTTP_MESSAGES = {
    400: ("bad_request", "Permintaan tidak dapat dibaca. Kirim JSON yang valid."),
    401: ("unauthorized", "Silakan masuk terlebih dahulu."),
    403: ("forbidden", "Anda tidak berhak melakukan tindakan ini."),
    404: ("not_found", "Alamat tidak ditemukan."),
    405: ("method_not_allowed", "Metode tidak diizinkan untuk alamat ini."),
    413: ("too_large", "Permintaan terlalu besar."),
    415: ("unsupported_media_type", "Kirim data sebagai application/json."),
    429: ("too_many_requests", "Terlalu banyak permintaan. Silakan tunggu sebentar."),
}

# What a person sees on a page (not the API's "send JSON" advice).
PAGE_MESSAGES = {
    400: "Permintaan tidak dapat dibaca. Periksa kembali isian Anda.",
    403: "Anda tidak berhak membuka halaman ini.",
    404: "Halaman tidak ditemukan. Periksa kembali alamatnya.",
    405: "Metode tidak diizinkan untuk alamat ini.",
    413: "Permintaan terlalu besar.",
}


def error_response(status: int, code: str, message: str) -> tuple[Response, int]:
    return jsonify({"error": code, "message": message}), status


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(DomainError)
    def domain_error(error: DomainError) -> Response | tuple[Response | str, int]:
        status = STATUS_BY_KIND[error.kind]
        if _wants_json():
            return error_response(status, error.code, error.message)
        if error.kind is ErrorKind.UNAUTHORIZED and request.method == "GET":
            # A page asked by a browser without a session: send the person to the login form.
            return redirect(LOGIN_PATH + "?next=" + quote(request.full_path.rstrip("?")))
        return render_template("error.html", status=status, message=error.message), status

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Response | tuple[Response, int]:
        status = error.code or 500
        code, message = HTTP_MESSAGES.get(status, ("http_error", error.description or ""))
        if not _wants_json():
            if status in PAGE_MESSAGES:
                return render_template("error.html", status=status,
                                       message=PAGE_MESSAGES[status]), status
            return error.get_response()
        return error_response(status, code, message)

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> tuple[Response, int]:
        app.logger.exception("unhandled error")
        return error_response(500, "internal_error", "Terjadi kesalahan pada server.")


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.is_json
