"""Map domain errors and HTTP errors to answers: JSON ({"error", "message"}) under /api,
an Indonesian page in the house style everywhere else."""

from __future__ import annotations

from urllib.parse import quote

from flask import (
    Flask,
    Response,
    abort,
    current_app,
    jsonify,
    render_template,
    request,
)
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response as WerkzeugResponse

from antrean.core.errors import DomainError, ErrorKind
from antrean.core.offices import split_office_path
from antrean.web.paths import redirect_to

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
    500: ("internal_error", "Terjadi kesalahan pada server."),
}

# What a person reading a page is told: a title and a sentence that says what to do next.
PAGE_MESSAGES = {
    400: ("Permintaan tidak dapat dibaca",
          "Data yang dikirim tidak lengkap atau rusak. Muat ulang halaman lalu coba lagi."),
    401: ("Silakan masuk", "Halaman ini hanya untuk petugas yang sudah masuk."),
    403: ("Akses ditolak", "Anda tidak berhak membuka halaman ini atau melakukan tindakan ini."),
    404: ("Halaman tidak ditemukan",
          "Alamat yang Anda buka tidak ada. Periksa kembali alamatnya atau mulai dari beranda."),
    405: ("Cara membuka halaman tidak sesuai",
          "Halaman ini tidak dapat dibuka dengan cara tersebut. Mulai lagi dari beranda."),
    413: ("Data terlalu besar", "Data yang dikirim melebihi batas. Kirim data yang lebih kecil."),
    415: ("Jenis data tidak didukung", "Data yang dikirim tidak dapat dibaca oleh server."),
    429: ("Terlalu banyak permintaan", "Silakan tunggu sebentar lalu coba lagi."),
    500: ("Terjadi kesalahan pada server",
          "Maaf, permintaan Anda belum dapat diproses. Silakan coba lagi; bila berulang, "
          "hubungi petugas."),
    503: ("Layanan sedang tidak tersedia", "Silakan coba lagi sebentar lagi."),
}

# A browser that is neither a paired device nor signed in is told how to pair these screens,
# not sent to the staff sign-in.
UNPAIRED_PAGES = {"/kiosk/": "kiosk", "/display/": "display"}


def error_response(status: int, code: str, message: str) -> tuple[Response, int]:
    return jsonify({"error": code, "message": message}), status


def error_page(status: int, message: str | None = None) -> tuple[str, int]:
    title, default = PAGE_MESSAGES.get(status, ("Terjadi kendala", "Silakan coba lagi."))
    return render_template("error.html", status=status, title=title,
                           message=message or default), status


def register_error_handlers(app: Flask) -> None:
    app.before_request(refuse_oversized_requests)
    app.register_error_handler(DomainError, domain_error)
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(Exception, unexpected)


def refuse_oversized_requests() -> None:
    # Said before anything reads the body: a form parser would drop it silently, and the
    # person would be told the form had expired instead.
    # The app's limit, or a file upload's own (web.upload_limits).
    limit = request.max_content_length
    if limit is not None and (request.content_length or 0) > limit:
        abort(413)


def domain_error(error: DomainError) -> WerkzeugResponse | tuple[Response | str, int]:
    status = STATUS_BY_KIND[error.kind]
    if _wants_json():
        return error_response(status, error.code, error.message)
    if error.kind is ErrorKind.UNAUTHORIZED and request.method == "GET":
        if request.path in UNPAIRED_PAGES:
            return render_template("devices/unpaired.html",
                                   kind=UNPAIRED_PAGES[request.path]), 401
        # A page asked by a browser without a session: send the person to the login form.
        return redirect_to(LOGIN_PATH + "?next=" + quote(request.full_path.rstrip("?")))
    return error_page(status, error.message)


def http_error(error: HTTPException) -> Response | tuple[Response, int]:
    status = error.code or 500
    if status < 400:  # a routing redirect (a missing trailing slash) is no error
        return error.get_response()
    if _wants_json():
        code, message = HTTP_MESSAGES.get(status, ("http_error", error.description or ""))
        response, _ = error_response(status, code, message)
    else:
        body, _ = error_page(status)
        response = Response(body, mimetype="text/html")
    # Keep what the error tells clients: Allow on a 405, Retry-After on a 429.
    for name, value in error.get_headers():
        if name.lower() != "content-type":
            response.headers[name] = value
    return response, status


def unexpected(error: Exception) -> tuple[Response | str, int]:
    current_app.logger.exception("unhandled error")
    if _wants_json():
        return error_response(500, *HTTP_MESSAGES[500])
    return error_page(500)


def _wants_json() -> bool:
    path = request.path
    office = split_office_path(path)  # an office that does not exist, answered by the root
    if office is not None:
        path = office[1]
    return path == "/api" or path.startswith("/api/") or request.is_json
