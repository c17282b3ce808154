"""Test scans, made by the tests: telegram texts written here, typed in FreeMono and
"scanned" with speckle noise, blur and a slight skew; PDFs with and without a text layer,
multi-page TIFFs, and the bad inputs (encrypted PDF, corrupt image, PDF bomb).

Also usable as a script: `python tests/scans/make_scans.py OUTDIR [N]`.
"""

from __future__ import annotations

import random
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT = Path("/usr/share/fonts/truetype/freefont/FreeMono.ttf")
FONT_PT = 11
MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
POSTS = ("NATOPARIS", "LDN", "EMBPARIS", "WASHDC", "CANDELNY", "BONN", "CAIRO", "HAVANA",
         "MOSCOW", "WARSAW", "ROME", "TOKYO")
CLASSES = ("CONFIDENTIAL", "SECRET", "RESTRICTED", "TOP SECRET", "UNCLASSIFIED")
PRECEDENCE = ("PRIORITY", "IMMEDIATE", "ROUTINE", "FLASH", "NIACT")
SENTENCES = (
    "At special meeting of Council today Kent gave briefing on Cuban situation.",
    "Finletter said that the President would hold a press conference at six this evening.",
    "Negotiations on removal of IL28 bombers from Cuba were still going on.",
    "Reconnaissance flights would continue despite Castro threats to shoot them down.",
    "Khrushchev message of yesterday was read to the Council in full.",
    "Soviet troops on the island number between four and five thousand.",
    "Ambassador asked whether the quarantine would be lifted before the weekend.",
    "Minister agreed that our reply should be delayed until we hear from Washington.",
    "Gromyko told the Ambassador that the missiles had been dismantled and shipped.",
    "The Secretary General will report to the Council on Monday morning.",
    "Please instruct us on the line we should take in the Council debate.",
    "Copies of the text are being sent by bag to London and Washington.",
)


@dataclass(slots=True)
class Telegram:
    """A telegram as written: its header values and the text typed on the page."""

    sender: str
    recipient: str
    date: str  # ISO
    number: str
    classification: str  # lower case
    text: str


def canadian(sender: str, number: str, iso: str, classification: str, precedence: str,
             body: list[str], subject: str = "CUBA", ref: str | None = None) -> Telegram:
    y, m, d = iso.split("-")
    dated = f"{MONTHS[int(m) - 1]}{int(d)}/{y[2:]}"
    lines = [classification, f"{sender} {number}", f"FM {sender} {dated}",
             f"TO EXTERNAL {precedence}"]
    if ref:
        lines.append(f"REF {ref}")
    lines += [f"SUBJ: {subject}", "", *body, "", classification]
    return Telegram(sender, "EXTERNAL", iso, number, classification.lower(), "\n".join(lines))


def the_seed_telegram() -> Telegram:
    """The telegram the seed catalog lists as CDNW12467 (NATOPARIS to EXTERNAL, 20-Nov-62,
    number 2711); its text follows the seed page's summary of it."""
    return canadian("NATOPARIS", "2711", "1962-11-20", "SECRET", "PRIORITY", [
        "CDNW12467",
        "1. At special meeting of Council today Kent of CIA gave",
        "briefing on Cuban situation with Finletter.",
        "2. Kent said that Khrushchev had not yet agreed to removal",
        "of IL28 bombers. Reconnaissance flights would continue.",
    ], subject="NATO COUNCIL BRIEFING ON CUBA", ref="OURTEL 2690 NOV19")


def random_telegram(rng: random.Random) -> Telegram:
    sender = rng.choice(POSTS)
    iso = f"1962-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    body = []
    for n in range(1, rng.randint(2, 4)):
        words = " ".join(rng.sample(SENTENCES, 2)).split()
        para, line = [], f"{n}."
        for w in words:
            if len(line) + len(w) > 58:
                para.append(line)
                line = w
            else:
                line += " " + w
        body += [*para, line]
    return canadian(sender, str(rng.randint(100, 3999)), iso, rng.choice(CLASSES),
                    rng.choice(PRECEDENCE), body)


def render(text: str, dpi: int = 300, *, seed: int = 0, skew: float = 0.8, blur: float = 0.5,
           noise: float = 0.002) -> Image.Image:
    """The text typed on a page and scanned: grey image, speckles, blur, skew (degrees).

    The page is cut to the text (a few inches) to keep the tests' OCR fast.
    """
    rng = random.Random(seed)
    font = ImageFont.truetype(str(FONT), round(FONT_PT * dpi / 72))
    lines = text.splitlines()
    line_h = round(FONT_PT * 1.5 * dpi / 72)
    margin = dpi // 2
    width = round(6.5 * dpi)
    height = 2 * margin + line_h * len(lines)
    img = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(img)
    for i, line in enumerate(lines):
        # Typewriter ink is uneven.
        draw.text((margin, margin + i * line_h), line, font=font, fill=rng.randint(0, 60))
    if blur:
        img = img.filter(ImageFilter.GaussianBlur(blur * dpi / 300))
    if skew:
        img = img.rotate(skew, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    px = img.load()
    assert px is not None
    for _ in range(int(noise * img.width * img.height)):
        x, y = rng.randrange(img.width), rng.randrange(img.height)
        px[x, y] = rng.choice((0, 255))
    img.info["dpi"] = (dpi, dpi)
    return img


def save_png(img: Image.Image, path: Path, dpi: int) -> Path:
    img.save(path, dpi=(dpi, dpi))
    return path


def save_tiff(pages: list[Image.Image], path: Path, dpi: int) -> Path:
    pages[0].save(path, save_all=True, append_images=pages[1:], dpi=(dpi, dpi),
                  compression="tiff_deflate")
    return path


def save_image_pdf(pages: list[Image.Image], path: Path, dpi: int) -> Path:
    """A PDF of page images only: no text layer."""
    pages[0].save(path, save_all=True, append_images=pages[1:], resolution=float(dpi))
    return path


def _pdf(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n"
            f"startxref\n{xref}\n%%EOF\n").encode()
    return bytes(out)


def text_pdf(pages: list[str], *, size: tuple[float, float] = (612, 792)) -> bytes:
    """A PDF whose pages carry `pages` as a text layer in Courier (no images)."""
    n = len(pages)
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(n))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode()]
    font_id = 3 + 2 * n
    for i, text in enumerate(pages):
        ops = ["BT", "/F1 11 Tf", "14 TL", f"72 {size[1] - 72:.0f} Td"]
        for line in text.splitlines():
            esc = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(f"({esc}) Tj T*")
        ops.append("ET")
        stream = zlib.compress("\n".join(ops).encode("latin-1"))
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {size[0]:.0f} {size[1]:.0f}] "
            f"/Resources << /Font << /F1 {font_id} 0 R >> >> /Contents {4 + 2 * i} 0 R >>"
            .encode())
        objects.append(f"<< /Length {len(stream)} /Filter /FlateDecode >>\nstream\n".encode()
                       + stream + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>")
    return _pdf(objects)


def pdf_bomb() -> bytes:
    """One page of 24,000 × 24,000 pt: 100,000 × 100,000 px at 300 dpi."""
    return text_pdf(["x"], size=(24000, 24000))


def encrypted_pdf(path: Path) -> Path:
    from pypdf import PdfReader, PdfWriter

    src = path.with_suffix(".plain.pdf")
    src.write_bytes(text_pdf(["SECRET\nFM LDN\nTO EXTERNAL\nThis text is locked away."]))
    writer = PdfWriter()
    writer.append(PdfReader(src))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128")
    with path.open("wb") as f:
        writer.write(f)
    src.unlink()
    return path


def corrupt_png() -> bytes:
    """A PNG signature and header, then garbage where the image data should be."""
    good = Image.new("L", (40, 40), 255)
    from io import BytesIO

    buf = BytesIO()
    good.save(buf, format="PNG")
    data = buf.getvalue()
    return data[:40] + b"\x00garbage" * 8


def png_bomb() -> bytes:
    """A PNG whose header says 100,000 × 100,000 px (the data never decodes)."""
    import struct

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))

    ihdr = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64))
            + chunk(b"IEND", b""))


def main(argv: list[str]) -> None:
    out = Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    n = int(argv[2]) if len(argv) > 2 else 4
    rng = random.Random(1962)
    for i in range(n):
        t = random_telegram(rng)
        for dpi in (300, 150):
            save_png(render(t.text, dpi, seed=i), out / f"tel{i:03d}-{dpi}.png", dpi)
        (out / f"tel{i:03d}.txt").write_text(t.text)


if __name__ == "__main__":
    main(sys.argv)
