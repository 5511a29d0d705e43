"""Draw the site's bitmap icons from the same design as theme/static/favicon.svg (a pale drop
on a teal rounded square): theme/root/favicon.ico (16, 32 and 48 px) and
theme/root/apple-touch-icon.png (180 px, square and opaque: iOS rounds the corners itself).

Run it after changing the design: `.venv/bin/python tools/make_icons.py`. The files are
committed, so a build does not need to draw them.
"""

from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "theme" / "root"
TEAL = (0x1F, 0x5F, 0x5B, 255)
CREAM = (0xF4, 0xEF, 0xE6, 255)
SCALE = 16  # drawn large, then reduced: smooth edges without an anti-aliasing renderer


def bezier(p0, p1, p2, p3, steps=24):
    return [
        tuple(
            (1 - t) ** 3 * a + 3 * (1 - t) ** 2 * t * b + 3 * (1 - t) * t**2 * c + t**3 * d
            for a, b, c, d in zip(p0, p1, p2, p3, strict=True)
        )
        for t in (i / steps for i in range(steps + 1))
    ]


def drop(unit):
    """The SVG's path `M16 7c-4 5-7 8-7 12a7 7 0 0 0 14 0c0-4-3-7-7-12z` in a 32-unit box."""
    left = bezier((16, 7), (12, 12), (9, 15), (9, 19))
    right = bezier((23, 19), (23, 15), (20, 12), (16, 7))
    return [(x * unit, y * unit) for x, y in left + right]


def icon(size, rounded=True):
    big = size * SCALE
    unit = big / 32
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=6 * unit if rounded else 0, fill=TEAL)
    draw.polygon(drop(unit), fill=CREAM)
    draw.ellipse((9 * unit, 12 * unit, 23 * unit, 26 * unit), fill=CREAM)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main():
    OUT.mkdir(exist_ok=True)
    icon(48).save(OUT / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
    touch = icon(180, rounded=False).convert("RGB")
    touch.save(OUT / "apple-touch-icon.png", optimize=True)


if __name__ == "__main__":
    main()
