"""A contest's cover picture (``cover:`` in contest.yml): the home page's banner and the picture of
its shared links.

Like an entry's own poster (media/images.py), the picture the office gives is never published as
it is: it is decoded with a pixel limit and written again, upright and without metadata, as a JPEG
at most 1280 px wide (``og:image``: Facebook and Zalo read JPEG) and a WebP banner at most 960 px
wide (what a phone shows, a fifth of the JPEG's bytes), both cached by the source's identity.

A cover named in contest.yml that is missing, leads out of the contest's folder or is not a
picture that can be decoded stops the build with IMG002 (checked when the data is validated, from
the picture's header: nothing is decoded then). Without ``cover:`` the home page shows a collage of
the entries' posters, as before.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from contest_portal.core.cache import FileCache, file_identity
from contest_portal.core.errors import Problem
from contest_portal.core.i18n import Text
from contest_portal.core.seals import Seals, owned
from contest_portal.formats.documents import resolve
from contest_portal.media.images import ImageError, check_pixels, reencode
from contest_portal.media.probe import MediaError, make_thumbnail
from contest_portal.model import ContestRecord, Findings, Portal

#: the banner's width in pixels: a 390 px phone at a device pixel ratio of 2.5, a desktop banner column
BANNER_WIDTH = 960


@dataclass(frozen=True)
class Cover:
    """A contest's cover as published: the JPEG (shared links) and the WebP banner, with its size."""

    picture: Path
    banner: Path
    width: int  # the banner's, in pixels
    height: int


def cover_source(contest: ContestRecord) -> Path | None:
    """The cover picture file in the contest's folder, or None (no ``cover:``, or not a file there)."""
    name = contest.spec.cover
    return resolve(contest, name) if name else None


def check_covers(portal: Portal) -> Findings:
    """Stage: every contest's ``cover:`` is a picture in its folder that can be decoded (IMG002)."""
    found = Findings()
    for contest in portal.contests:
        name = contest.spec.cover
        if not name:
            continue
        where = contest.location(("cover",))
        path = cover_source(contest)
        if path is None:
            found.add(contest, [Problem("IMG002", where, {"path": name, "detail": Text("problem.cover.missing")})])
            continue
        try:
            check_pixels(path)
            _decode(path)
        except ImageError as exc:
            found.add(contest, [Problem("IMG002", where, {"path": name, "detail": str(exc)})])
    return found


def _decode(path: Path) -> None:
    """Decode the whole picture (one per contest, its pixels bounded by ``check_pixels``): a file
    cut off in transfer has a good header and fails only here, at validate, not in the build."""
    from PIL import Image

    try:
        with Image.open(path) as opened:
            opened.load()
    except (OSError, ValueError, SyntaxError, EOFError, MemoryError) as exc:
        raise ImageError(str(exc) or type(exc).__name__) from exc


def _identities(*paths: Path) -> list | None:
    try:
        return [file_identity(path) for path in paths]
    except OSError:  # not made yet, or deleted
        return None


def contest_covers(
    portal: Portal, cache_dir: Path, seals: Seals | None = None
) -> tuple[dict[str, Cover], list[Problem]]:
    """``({contest slug: Cover}, warnings)`` for every contest with a cover, re-encoded under
    ``cache_dir/covers/`` and reused while the source is unchanged. A picture whose header passed
    the check but fails to decode (a damaged file) gets no cover and IMG002 among the warnings: the
    home page then shows the collage. One picture per contest: decoded here, not in a worker.
    ``seals``: the cache's seals (core/seals.py: a cover that no longer matches its seal is made again)."""
    with owned(seals, cache_dir) as seals:
        return _contest_covers(portal, cache_dir, seals)


def _contest_covers(portal: Portal, cache_dir: Path, seals: Seals) -> tuple[dict[str, Cover], list[Problem]]:
    from PIL import Image

    cache = FileCache(cache_dir / "covers.json", f"cover-{BANNER_WIDTH}")
    covers: dict[str, Cover] = {}
    problems: list[Problem] = []
    for contest in portal.contests:
        source = cover_source(contest)
        if source is None:
            continue
        picture = cache_dir / "covers" / f"{contest.slug}.jpg"
        banner = cache_dir / "covers" / f"{contest.slug}.webp"
        record = cache.get(source)
        try:
            intact = seals.check(picture) & seals.check(banner)  # (both checked: each damage is said)
            if not (intact and isinstance(record, dict) and record.get("id") == _identities(picture, banner)):
                reencode(source, picture)
                make_thumbnail(picture, banner, max_width=BANNER_WIDTH)
                cache.put(source, {"id": _identities(picture, banner)})
                seals.seal(picture)
                seals.seal(banner)
            with Image.open(banner) as opened:
                width, height = opened.size
        except (MediaError, OSError, ValueError, MemoryError) as exc:  # (its header was fine: a damaged file)
            problems.append(
                Problem(
                    "IMG002",
                    contest.location(("cover",)),
                    {"path": contest.spec.cover, "detail": str(exc) or type(exc).__name__},
                )
            )
            continue
        covers[contest.slug] = Cover(picture, banner, width, height)
    cache.save()
    return covers, problems
