"""QR codes as SVG, drawn on the server so the kiosk needs no script or network for them."""

from __future__ import annotations


def qr_svg(text: str) -> str:
    # Loaded on the first QR code, not at start: it weighs ~7 MB on every server process.
    import qrcode
    from qrcode.image.svg import SvgPathFillImage

    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2,
                         image_factory=SvgPathFillImage)
    code.add_data(text)
    code.make(fit=True)
    svg: str = code.make_image().to_string(encoding="unicode")
    return svg
