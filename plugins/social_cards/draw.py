"""Drawing one social card: 1200x630, the title large, the series and part (or the site's
subtitle) below it, the site's name and mark at the top. Pure: text in, PNG bytes out."""

import io

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
MARGIN = 80
BACKGROUND = (0x1F, 0x5F, 0x5B)
TEXT = (0xF4, 0xEF, 0xE6)
SOFT = (0xC9, 0xDD, 0xD9)
TITLE_SIZES = (72, 64, 56, 50, 44)
MAX_LINES = 4
# A card of few flat colours compresses to a palette PNG of 20-40 KB.
COLOURS = 64


def load_font(font_path, size):
    """The font file at `font_path` at `size` pixels, or Pillow's own scalable font (built
    into Pillow 10.1 and later) when `font_path` is None."""
    if font_path is None:
        return ImageFont.load_default(size)
    return ImageFont.truetype(font_path, size)


def wrap(draw, text, font, width):
    """Lines of `text` no wider than `width`; a word too long for a line gets one of its own."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and draw.textlength(candidate, font=font) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


def fit_title(draw, title, font_path):
    """(font, lines): the largest size at which the title fits MAX_LINES; at the smallest,
    the last line ends in an ellipsis."""
    width = WIDTH - 2 * MARGIN
    for size in TITLE_SIZES:
        font = load_font(font_path, size)
        lines = wrap(draw, title, font, width)
        if len(lines) <= MAX_LINES:
            return font, lines
    lines = lines[:MAX_LINES]
    while draw.textlength(lines[-1] + "…", font=font) > width and " " in lines[-1]:
        lines[-1] = lines[-1].rsplit(" ", 1)[0]
    lines[-1] += "…"
    return font, lines


def mark(draw, x, y, size):
    """The site's mark (the favicon's drop) in a `size` box at (x, y)."""
    unit = size / 32
    draw.rounded_rectangle((x, y, x + size, y + size), radius=6 * unit, fill=TEXT)
    draw.polygon(
        [
            (x + 16 * unit, y + 7 * unit),
            (x + 9 * unit, y + 19 * unit),
            (x + 23 * unit, y + 19 * unit),
        ],
        fill=BACKGROUND,
    )
    draw.ellipse((x + 9 * unit, y + 12 * unit, x + 23 * unit, y + 26 * unit), fill=BACKGROUND)


def card(title, subtitle, site_name, font_path):
    """The PNG bytes of one card."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    mark(draw, MARGIN, MARGIN - 10, 48)
    site_font = load_font(font_path, 34)
    draw.text((MARGIN + 68, MARGIN - 4), site_name, font=site_font, fill=TEXT)

    font, lines = fit_title(draw, title, font_path)
    line_height = round(font.size * 1.2)
    top = 200
    for number, line in enumerate(lines):
        draw.text((MARGIN, top + number * line_height), line, font=font, fill=TEXT)

    if subtitle:
        small = load_font(font_path, 30)
        sub_lines = wrap(draw, subtitle, small, WIDTH - 2 * MARGIN)[:2]
        y = HEIGHT - MARGIN - 40 * len(sub_lines) + 8
        for number, line in enumerate(sub_lines):
            draw.text((MARGIN, y + number * 40), line, font=small, fill=SOFT)
    draw.rectangle((0, HEIGHT - 12, WIDTH, HEIGHT), fill=TEXT)

    buffer = io.BytesIO()
    image.quantize(COLOURS).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
