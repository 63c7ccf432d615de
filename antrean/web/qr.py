"""QR codes as SVG, drawn on the server: the booking page needs no script or network."""

from __future__ import annotations

import qrcode
from qrcode.image.svg import SvgPathFillImage


def qr_svg(text: str) -> str:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2,
                         image_factory=SvgPathFillImage)
    code.add_data(text)
    code.make(fit=True)
    svg: str = code.make_image().to_string(encoding="unicode")
    return svg
