"""A damaged cache never gives a wrong site (issue 33, fault 1).

Each round damages one file drawn at random from a kind of artefact the build keeps in
``.cache/contest-portal`` and reuses (frame posters, re-encoded own posters, thumbnails, cover
pictures, published copies of documents, renditions, the published copies of videos, pictures,
subtitles and PDFs, the kept search bundle and the pages' search inputs), in one of three ways
(emptied, cut to half, overwritten with other bytes of the same size and its time set back); the
kinds and the ways come in a random order, each once before any comes again.  After each damage:

* the live site is byte for byte what it was (it shares no file with the cache);
* the next build succeeds, says CAC001 and builds a site equal to a clean build's.

CI runs ``CP_ROUNDS`` (3) rounds from seed ``CP_SEED`` (33); README's figures are from 20 rounds
run by hand (``CP_ROUNDS=20``).
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from contest_portal.core.seals import WHOLE_MAX, Seals, mismatch, seal_of

from .conftest import ROOT, tree_digest
from .test_concurrent_builds import site_contents

ROUNDS = int(os.environ.get("CP_ROUNDS", "3"))
SEED = int(os.environ.get("CP_SEED", "33"))
#: every kind of cached artefact a build reuses: its folder under .cache/contest-portal
KINDS = (
    "posters",
    "images",
    "thumbnails",
    "covers",
    "documents",
    "renditions",
    "published",
    "search/bundle",
    "search/pages",
)
DAMAGES = ("empty", "half", "overwrite")


def _build(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "build", "-f", str(project / "mkdocs.yml"), "--today", "2024-09-20"],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=project,
    )


def _sample_portal(folder: Path) -> Path:
    """The repository's sample portal (a cover, a signed PDF, subtitles, frame posters, a video
    whose rendition copies its streams), with an own poster for one entry (a re-encoded picture)."""
    from PIL import Image

    folder.mkdir()
    for name in ("entries", "site_src"):
        shutil.copytree(ROOT / name, folder / name)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    entry = folder / "entries" / "2024-vinh-linh" / "vl-02"
    Image.new("RGB", (640, 360), (200, 40, 40)).save(entry / "anh.jpg", quality=90)
    text = (entry / "entry.yml").read_text(encoding="utf-8")
    (entry / "entry.yml").write_text(text.rstrip("\n") + "\nposter: anh.jpg\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    """The sample portal built once from an empty cache: the site every later build must equal."""
    project = _sample_portal(tmp_path_factory.mktemp("faults") / "portal")
    run = _build(project)
    assert run.returncode == 0, run.stdout + run.stderr
    return project, site_contents(project / "site")


def _artefacts(cache: Path, kind: str) -> list[Path]:
    return sorted(p for p in (cache / kind).rglob("*") if p.is_file() and not p.name.endswith(".partial"))


def _damage(path: Path, how: str, rng: random.Random) -> None:
    size = path.stat().st_size
    stamp = path.stat()
    if how == "empty":
        path.write_bytes(b"")
    elif how == "half":
        os.truncate(path, size // 2)
    else:  # other bytes in place (the same inode, as `dd conv=notrunc` writes), its times set back
        with open(path, "r+b") as handle:
            handle.write(rng.randbytes(size))
        os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))


def test_every_kind_of_artefact_is_in_the_cache(clean):
    project, _ = clean
    cache = project / ".cache" / "contest-portal"
    assert {kind: bool(_artefacts(cache, kind)) for kind in KINDS} == dict.fromkeys(KINDS, True)


def test_a_damaged_cache_file_never_reaches_a_site(clean):
    project, expected = clean
    cache = project / ".cache" / "contest-portal"
    rng = random.Random(SEED)
    drawn: list[str] = []
    kinds: list[str] = []
    hows: list[str] = []
    for number in range(ROUNDS):
        if not kinds:  # every kind once in a random order, then again: 9 rounds cover them all
            kinds = rng.sample(KINDS, len(KINDS))
        if not hows:  # and every way of damaging, the same
            hows = rng.sample(DAMAGES, len(DAMAGES))
        kind, how = kinds.pop(), hows.pop()
        victim = rng.choice(_artefacts(cache, kind))
        drawn.append(f"{kind}/{victim.name}:{how}")
        live = tree_digest(project / "site")
        _damage(victim, how, rng)
        assert tree_digest(project / "site") == live, f"round {number}: damaging {victim} changed the live site"
        run = _build(project)
        said = run.stdout + run.stderr
        assert run.returncode == 0, f"round {number} ({drawn[-1]}):\n{said}"
        assert "CAC001" in said, f"round {number} ({drawn[-1]}): the repair was not said\n{said}"
        assert site_contents(project / "site") == expected, f"round {number} ({drawn[-1]}): a wrong site"
    print(f"{ROUNDS} rounds from seed {SEED}, all right: " + ", ".join(drawn))


def test_a_seal_finds_each_kind_of_damage(tmp_path):
    small, large = tmp_path / "poster.jpg", tmp_path / "video.mp4"
    small.write_bytes(bytes(range(256)) * 40)
    large.write_bytes(os.urandom(WHOLE_MAX + 123_457))
    for path in (small, large):
        seal = seal_of(path)
        assert mismatch(path, seal) is None
        stamp = path.stat()
        with open(path, "r+b") as handle:  # the first byte changed, the time set back: only the digest sees it
            first = handle.read(1)
            handle.seek(0)
            handle.write(bytes([first[0] ^ 0xFF]))
        os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
        assert mismatch(path, seal) == "content"
        os.truncate(path, 10)
        assert mismatch(path, seal) == "size"
        path.unlink()
        assert mismatch(path, seal) == "missing"
    assert mismatch(small, None) == "unsealed"


def test_seals_are_kept_between_builds_and_a_damaged_seals_file_means_none(tmp_path):
    made = tmp_path / "posters" / "a.jpg"
    made.parent.mkdir()
    made.write_bytes(b"jpeg" * 100)
    seals = Seals(tmp_path)
    assert not seals.check(made) and seals.damaged == []  # never sealed: made, nothing said
    seals.seal(made)
    seals.save()
    again = Seals(tmp_path)
    assert again.check(made)
    made.write_bytes(b"jpeg" * 99)
    assert not again.check(made) and again.damaged == [(made, "size")]
    (tmp_path / "seals.json").write_text("{not json")
    assert not Seals(tmp_path).check(made)  # (made again, once)
