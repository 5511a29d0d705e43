"""Images in content/images/ are published and linked with {static}."""

from tests.support import article

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def test_static_image_is_copied_and_linked(make_site):
    body = "![A consulting room]({static}/images/room.png)"
    result = make_site(
        {
            "articles/a.md": article(body=body, Slug="a"),
            "images/room.png": PNG,
            "images/.DS_Store": b"junk",
        }
    )
    assert result.errors == []
    src = result.soup("/a/").find("img", alt="A consulting room")["src"]
    assert src == "/images/room.png"
    assert result.path(src).read_bytes() == PNG
    assert not (result.output / "images" / ".DS_Store").exists()
