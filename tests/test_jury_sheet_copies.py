"""Issue 33, fault 4: the judges' copies of the works never touch the entries' files.

``jury-sheets`` used to hard-link each entry's video into ``reports/``: the video's link count
and change time changed, so the next build took every video for a new file and copied it into
the cache again.  Now the copy is a link to the build's published copy (or a copy).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import build as cli

from .conftest import MINIMAL_CONTEST, write_mkdocs_yml

JUDGED = (
    MINIMAL_CONTEST
    + """\
organization:
  people:
    - {id: gk-1, name: Giám khảo Một, role: jury, unit: Sở Nội vụ}
judging:
  criteria:
    - {id: noi-dung, name: Nội dung, max_points: 100}
"""
)


def _stamp(path: Path) -> tuple[int, int, int]:
    """What a build's store looks at besides size and mtime: the link count and the change time."""
    info = os.stat(path)
    return info.st_ino, info.st_nlink, info.st_ctime_ns


def _build(config: Path, site: Path, stats: Path) -> dict:
    stats.unlink(missing_ok=True)
    assert cli.main(["build", "-f", str(config), "--site-dir", str(site), "--stats", str(stats)]) == 0
    return json.loads(stats.read_text())


def test_jury_sheets_leave_the_entry_videos_as_they_are_and_the_next_build_copies_nothing(tree, tmp_path):
    tree.contest(text=JUDGED)
    videos = [tree.entry(slug=slug) / "video.mp4" for slug in ("e-01", "e-02")]
    config = write_mkdocs_yml(tmp_path)
    site, stats_file, sheets = tmp_path / "site", tmp_path / "stats.json", tmp_path / "sheets"
    first = _build(config, site, stats_file)
    assert first["copied"] + first["cloned"] > 0  # the cold build puts each video into the cache
    before = [_stamp(video) for video in videos]
    assert [nlink for _, nlink, _ in before] == [1, 1]

    assert cli.main(["jury-sheets", "-f", str(config), "--out", str(sheets)]) == 0
    works = sheets / "2025-thu-nghiem" / "tac-pham"
    assert sorted(p.name for p in works.iterdir()) == ["e-01.mp4", "e-02.mp4"]
    assert [_stamp(video) for video in videos] == before  # same link count (1), same change time
    for slug, video in zip(("e-01", "e-02"), videos):
        copy = works / f"{slug}.mp4"
        assert copy.read_bytes() == video.read_bytes()
        # a link to the build's published copy in the cache (no byte written), never to the live
        # site's own file (a judge's edit must not reach the site: the site shares no file with the cache)
        assert os.stat(copy).st_nlink == 2
        assert not os.path.samestat(os.stat(copy), os.stat(site / "2025-thu-nghiem" / "media" / slug / "video.mp4"))

    again = _build(config, site, stats_file)
    assert (again["copied"], again["cloned"], again["copied_bytes"]) == (0, 0, 0)
    assert [_stamp(video) for video in videos] == before


def test_without_a_build_the_judges_get_copies_made_once_and_again_when_a_video_changes(tree, tmp_path):
    from tools.videogen import make_video

    tree.contest(text=JUDGED)
    video = tree.entry() / "video.mp4"
    config = write_mkdocs_yml(tmp_path)
    sheets = tmp_path / "sheets"
    before = _stamp(video)
    assert cli.main(["jury-sheets", "-f", str(config), "--out", str(sheets)]) == 0
    copy = sheets / "2025-thu-nghiem" / "tac-pham" / "e-01.mp4"
    assert copy.read_bytes() == video.read_bytes() and _stamp(video) == before
    assert os.stat(copy).st_nlink == 1  # a copy of its own (no store yet)
    made = os.stat(copy).st_ino

    def new_sheets() -> None:  # (a sheet already there is never overwritten: new sheets for a new round)
        for sheet in (sheets / "2025-thu-nghiem").glob("gk-1.*"):
            sheet.unlink()
        assert cli.main(["jury-sheets", "-f", str(config), "--out", str(sheets)]) == 0

    new_sheets()
    assert os.stat(copy).st_ino == made  # unchanged source: the copy is kept, not made again
    # a new cut of the video: the next run gives the judges the new one
    new = make_video(tmp_path / "new.mp4", duration_s=2, width=160, height=90, lines=["new cut"])
    os.replace(new, video)
    new_sheets()
    assert copy.read_bytes() == video.read_bytes()
