"""Reads captured ESC/POS bytes back as printed lines, and draws them as a paper preview.

Only the commands Antrean's printers send are understood; anything else raises, so a change
in what goes to the printer shows up in the tests instead of being skipped silently.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import qrcode
from PIL import Image, ImageDraw, ImageFont

ESC, GS, DLE, LF = 0x1B, 0x1D, 0x10, 0x0A
_CODEPAGES = {0: "cp437", 2: "cp850", 16: "cp1252", 19: "cp858"}
_ALIGNS = {0: "left", 1: "center", 2: "right", 48: "left", 49: "center", 50: "right"}


@dataclass(frozen=True)
class Style:
    align: str = "left"
    bold: bool = False
    width: int = 1
    height: int = 1
    inverted: bool = False


@dataclass(frozen=True)
class PrintedLine:
    """kind is "text", "qr" (text = payload), "cut" or "status" (text = the query)."""

    kind: str
    text: str = ""
    style: Style = Style()
    qr_module_dots: int = 0


class _Decoder:
    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0
        self.style, self.codepage = Style(), "cp437"
        self.text, self.text_style = "", Style()
        self.qr_payload, self.qr_size = "", 3
        self.lines: list[PrintedLine] = []

    def run(self) -> list[PrintedLine]:
        while self.pos < len(self.data):
            byte = self._take(1)[0]
            if byte == LF:
                self._flush()
            elif byte == ESC:
                self._esc(self._take(1)[0])
            elif byte == GS:
                self._gs(self._take(1)[0])
            elif byte == DLE:
                self._dle()
            elif byte < 0x20:
                raise ValueError(f"unexpected control byte {byte:#04x} at {self.pos - 1}")
            else:
                self._char(byte)
        if self.text:
            raise ValueError(f"text without a line feed at the end: {self.text!r}")
        return self.lines

    def _take(self, count: int) -> bytes:
        if self.pos + count > len(self.data):
            raise ValueError(f"command cut short at byte {self.pos}")
        chunk = self.data[self.pos:self.pos + count]
        self.pos += count
        return chunk

    def _char(self, byte: int) -> None:
        if not self.text:
            self.text_style = self.style  # a line keeps the style it started with
        self.text += bytes([byte]).decode(self.codepage)

    def _flush(self) -> None:
        style = self.text_style if self.text else self.style
        self.lines.append(PrintedLine("text", self.text, style))
        self.text = ""

    def _esc(self, command: int) -> None:
        if command == ord("@"):
            self.style, self.codepage = Style(), "cp437"
        elif command == ord("!"):
            mode = self._take(1)[0]
            self.style = replace(self.style, bold=bool(mode & 0x08),
                                 height=2 if mode & 0x10 else 1, width=2 if mode & 0x20 else 1)
        elif command == ord("E"):
            self.style = replace(self.style, bold=bool(self._take(1)[0] & 1))
        elif command == ord("a"):
            self.style = replace(self.style, align=_ALIGNS[self._take(1)[0]])
        elif command == ord("t"):
            self.codepage = _CODEPAGES[self._take(1)[0]]
        elif command == ord("d"):
            if self.text:
                self._flush()
            for _ in range(self._take(1)[0]):
                self._flush()
        else:
            raise ValueError(f"unknown command ESC {chr(command)!r} at {self.pos - 2}")

    def _gs(self, command: int) -> None:
        if command == ord("!"):
            size = self._take(1)[0]
            self.style = replace(self.style, width=(size >> 4) + 1, height=(size & 0x0F) + 1)
        elif command == ord("B"):
            self.style = replace(self.style, inverted=bool(self._take(1)[0] & 1))
        elif command == ord("("):
            self._two_d_code()
        elif command == ord("V"):
            if self._take(1)[0] in (65, 66, 97, 98):
                self._take(1)  # feed amount before the cut
            self.lines.append(PrintedLine("cut"))
        elif command == ord("r"):
            self.lines.append(PrintedLine("status", f"GS r {self._take(1)[0]}"))
        else:
            raise ValueError(f"unknown command GS {chr(command)!r} at {self.pos - 2}")

    def _two_d_code(self) -> None:
        if self._take(1) != b"k":
            raise ValueError(f"only GS ( k is understood, at {self.pos - 3}")
        low, high = self._take(2)
        params = self._take(low + high * 256)
        function = chr(params[1])
        if function == "C":
            self.qr_size = params[2]
        elif function == "P":
            self.qr_payload = params[3:].decode("utf-8")
        elif function == "Q":
            self.lines.append(PrintedLine("qr", self.qr_payload, self.style, self.qr_size))

    def _dle(self) -> None:
        if self._take(1) != b"\x04":
            raise ValueError(f"only DLE EOT is understood, at {self.pos - 2}")
        self.lines.append(PrintedLine("status", f"DLE EOT {self._take(1)[0]}"))


def decode(data: bytes) -> list[PrintedLine]:
    """The printed lines, QR codes, cuts and status queries, in order."""
    return _Decoder(data).run()


# --- preview ----------------------------------------------------------------------------

_DOT_SCALE = 2  # preview pixels per printer dot
_CELL_W, _CELL_H = 12, 24  # font A is 12 x 24 dots: 32 columns = 384 dots, 48 = 576
_MARGIN = 16
_FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


def render_preview(lines: list[PrintedLine], columns: int, path: Path) -> Path:
    """Draws the ticket as the paper would look, roughly: monospace text, real QR, cut mark."""
    paper_w = columns * _CELL_W * _DOT_SCALE
    tiles = [_tile(line, paper_w) for line in lines]
    image = Image.new("RGB", (paper_w + 2 * _MARGIN, sum(t.height for t, _ in tiles)
                              + 2 * _MARGIN), "white")
    y = _MARGIN
    for tile, align in tiles:
        x = {"left": 0, "center": (paper_w - tile.width) // 2, "right": paper_w - tile.width}
        image.paste(tile, (_MARGIN + max(0, x[align]), y))
        y += tile.height
    ImageDraw.Draw(image).rectangle((0, 0, image.width - 1, image.height - 1), outline="gray")
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path)
    return path


def _tile(line: PrintedLine, paper_w: int) -> tuple[Image.Image, str]:
    if line.kind == "text":
        return _text_tile(line.text, line.style), line.style.align
    if line.kind == "qr":
        return _qr_tile(line.text, line.qr_module_dots), line.style.align
    if line.kind == "cut":
        return _cut_tile(paper_w), "center"
    return Image.new("RGB", (1, 0), "white"), "left"  # status queries print nothing


def _text_tile(text: str, style: Style) -> Image.Image:
    cell_w, cell_h = _CELL_W * _DOT_SCALE, _CELL_H * _DOT_SCALE
    size = (max(1, len(text)) * cell_w * style.width, cell_h * style.height)
    if not text:
        return Image.new("RGB", size, "white")
    font = _font(style.bold, cell_h)
    _, top, _, bottom = font.getbbox("Ag")  # one baseline for every line
    ink, paper = (255, 0) if style.inverted else (0, 255)
    glyphs = Image.new("L", (int(font.getlength(text)), cell_h), paper)
    ImageDraw.Draw(glyphs).text((0, (cell_h - (bottom + top)) // 2), text, font=font, fill=ink)
    # Stretch one cell-high line to the printer's magnified cell, as the printer does.
    return glyphs.resize(size, Image.Resampling.LANCZOS).convert("RGB")


def _font(bold: bool, cell_h: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    name = "DejaVuSansMono-Bold.ttf" if bold else "DejaVuSansMono.ttf"
    size = int(cell_h * 0.8)
    if (_FONT_DIR / name).exists():
        return ImageFont.truetype(str(_FONT_DIR / name), size)
    return ImageFont.load_default(size)


def _qr_tile(payload: str, module_dots: int) -> Image.Image:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M,
                         box_size=module_dots * _DOT_SCALE, border=1)
    code.add_data(payload)
    code.make(fit=True)
    image: Image.Image = code.make_image(fill_color="black", back_color="white").get_image()
    return image.convert("RGB")


def _cut_tile(paper_w: int) -> Image.Image:
    tile = Image.new("RGB", (paper_w, _CELL_H), "white")
    draw = ImageDraw.Draw(tile)
    for x in range(0, tile.width, 16):
        draw.line((x, _CELL_H // 2, x + 8, _CELL_H // 2), fill="red", width=2)
    return tile
