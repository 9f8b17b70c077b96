"""Loading a tree of contests and entries: cross-file checks and media probes."""

from __future__ import annotations

from contest_portal.pipeline import load_portal

from .conftest import MINIMAL_CONTEST, MINIMAL_ENTRY, file_name, tree_digest, video_of


def _codes(portal):
    return sorted(p.code for p in portal.all_problems())


def test_valid_tree_loads_with_probed_videos(tree, tmp_path):
    tree.contest()
    tree.entry(slug="e-01")
    tree.entry(slug="e-02", text=MINIMAL_ENTRY.format(n=2).replace("xa-a", "xa-b"))
    portal = load_portal(tree.root, cache_dir=tmp_path / "cache")
    assert _codes(portal) == []
    contest = portal.contests[0]
    assert [e.slug for e in contest.entries] == ["e-01", "e-02"]
    info = video_of(contest.entries[0])
    assert (info.width, info.height, info.video_codec) == (160, 90, "AVC")
    assert info.duration_s is not None and 1.9 < info.duration_s < 2.2


def test_loading_never_writes_into_entries(tree, tmp_path):
    tree.contest()
    tree.entry(private='contacts:\n  - name: A\n    phone: "0912345678"\n')
    before = tree_digest(tree.root)
    load_portal(tree.root, cache_dir=tmp_path / "cache")
    load_portal(tree.root, cache_dir=tmp_path / "cache")
    assert tree_digest(tree.root) == before


def test_second_load_uses_the_probe_cache(tree, tmp_path, monkeypatch):
    tree.contest()
    tree.entry()
    load_portal(tree.root, cache_dir=tmp_path / "cache")
    import contest_portal.media.probe as loader  # (the probe stage calls probe.probe_video)

    def fail(path):
        raise AssertionError(f"probed {path} again")

    monkeypatch.setattr(loader, "probe_video", fail)
    portal = load_portal(tree.root, cache_dir=tmp_path / "cache")
    assert video_of(portal.contests[0].entries[0]).width == 160


def test_unknown_unit_suggests_a_close_one(tree):
    tree.contest()
    tree.entry(text=MINIMAL_ENTRY.format(n=1).replace("unit: xa-a", "unit: xa-aa"))
    portal = load_portal(tree.root, probe=False)
    problem = portal.all_problems()[0]
    assert problem.code == "ENT004"
    assert problem.where.line == 4 and problem.where.entry == "e-01"
    assert "xa-a" in problem.message("en")


def test_kind_not_allowed_and_missing_video(tree):
    tree.contest()
    tree.entry(text="title: A\nkind: article\nauthors: [{name: B}]\nunit: xa-a\n", video=False)
    tree.entry(slug="e-02", text="title: A\nauthors: [{name: B}]\nunit: xa-a\n", video=False)
    assert _codes(load_portal(tree.root, probe=False)) == ["ENT005", "ENT006", "PRV001", "PRV001"]


def test_duplicate_ids_and_id_folder_mismatch(tree):
    tree.contest()
    tree.entry(slug="e-01")
    tree.entry(slug="e-02", text="id: e-01\n" + MINIMAL_ENTRY.format(n=2))
    assert _codes(load_portal(tree.root, probe=False)) == ["ENT002", "ENT003"]


def test_folder_without_contest_or_entry_file(tree):
    tree.contest()
    (tree.root / "2023-cu").mkdir()
    (tree.root / "2025-thu-nghiem" / "e-09").mkdir()
    (tree.root / "_nhap").mkdir()  # folders starting with _ or . are ignored
    assert _codes(load_portal(tree.root, probe=False)) == ["CON001", "ENT001"]


def test_bad_private_file_is_reported_but_not_loaded(tree):
    tree.contest()
    tree.entry(private="contacts:\n  - phone: 0123456701\n")
    portal = load_portal(tree.root, probe=False)
    problem = portal.all_problems()[0]
    assert problem.code == "SCH003" and file_name(problem) == "private.yml"
    assert not hasattr(portal.contests[0].entries[0], "private")


def test_unit_with_unknown_category(tree):
    tree.contest(text="year: 2025\ntitle: T\norganizer: {name: O}\nunits:\n  - {id: a, name: A, category: nope}\n")
    assert _codes(load_portal(tree.root, probe=False)) == ["CON005"]


def test_not_a_video_is_reported(tree):
    tree.contest()
    folder = tree.entry()
    (folder / "video.mp4").write_bytes(b"this is not a video at all" * 100)
    portal = load_portal(tree.root)
    entry = portal.contests[0].entries[0]
    assert entry.video_info is not None and not entry.video_info.has_video


def test_folder_names_must_be_addresses_and_not_reserved(tree):
    tree.contest()
    tree.entry(slug="index")
    tree.entry(slug="VL 07 Đặc biệt")
    tree.contest(slug="luu-tru")
    tree.contest(slug="Cuộc thi 2025")
    portal = load_portal(tree.root, probe=False)
    bad = sorted(file_name(p) for p in portal.all_problems() if p.code == "CON006")
    assert bad == ["Cuộc thi 2025", "VL 07 Đặc biệt", "index", "luu-tru"]
    assert [c.slug for c in portal.contests] == ["2025-thu-nghiem"]


def test_contradictory_contest_definitions(tree):
    text = MINIMAL_CONTEST.replace("max_entries: 2", "min_entries: 5, max_entries: 2").replace(
        "year: 2025", "year: 2031"
    )
    text = text.replace(
        "timeline:\n",
        "timeline:\n  - {kind: submission, start: 2025-06-01, end: 2025-06-02}\n"
        "  - {kind: launch, date: 2025-04-01, start: 2025-04-01}\n",
    )
    tree.contest(text=text + 'video_rules: {min_duration: "20 phút", max_duration: "10 phút"}\n')
    portal = load_portal(tree.root, probe=False)
    assert _codes(portal) == ["CON007", "CON007", "CON008", "CON009", "CON010", "QUO003", "QUO003"]


def test_unit_categories_must_be_unique(tree):
    tree.contest(text=MINIMAL_CONTEST.replace("unit_categories:\n", "unit_categories:\n  - {id: xa, name: Khác}\n"))
    assert _codes(load_portal(tree.root, probe=False)) == ["CON004"]


def test_unreadable_video_is_reported(tree, tmp_path):
    """Run the loader as an unprivileged user (root reads every file) on a video with mode 000."""
    import json
    import os
    import stat

    import pymediainfo

    pymediainfo.MediaInfo.can_parse()  # load libmediainfo before dropping privileges
    tree.contest()
    folder = tree.entry()
    for path in [tmp_path, *tmp_path.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    (folder / "video.mp4").chmod(0)
    out = tmp_path / "result.json"
    out.write_text("")
    out.chmod(0o666)
    os.chmod(tmp_path.parent, os.stat(tmp_path.parent).st_mode | stat.S_IXOTH)
    os.chmod(tmp_path.parent.parent, os.stat(tmp_path.parent.parent).st_mode | stat.S_IXOTH)

    def load_and_report():
        portal = load_portal(tree.root, probe=True)
        out.write_text(json.dumps([(p.code, p.message("en")) for p in portal.all_problems()]))

    if os.geteuid() != 0:  # an ordinary user cannot read a mode-000 file anyway
        load_and_report()
    elif (pid := os.fork()) == 0:  # child: drop to nobody, load, report the codes
        try:
            os.setgid(65534)
            os.setuid(65534)
            load_and_report()
        finally:
            os._exit(0)
    else:
        os.waitpid(pid, 0)
    found = json.loads(out.read_text() or "null")
    assert found is not None, "the child could not run"
    assert [code for code, _ in found] == ["VID001"] and "Permission denied" in found[0][1]


def test_parallel_probing_keeps_the_order_of_results_and_problems(tiny_video, tmp_path):
    from contest_portal.media.probe import VideoInfo, probe_files
    from tools.videogen import make_not_a_video, make_padded_copy

    paths = [
        make_padded_copy(tiny_video, tmp_path / f"v{i}.mp4", tiny_video.stat().st_size + 100 * (i + 1))
        for i in range(6)
    ]
    paths.insert(2, make_not_a_video(tmp_path / "not-a-video.mp4"))
    paths.insert(5, tmp_path / "missing.mp4")
    in_pool = probe_files(paths, workers=2, parallel_min=1)
    one_by_one = probe_files(paths, workers=1)
    assert in_pool == one_by_one
    videos = [o for o in in_pool if isinstance(o, VideoInfo) and o.has_video]
    assert [o.size for o in videos] == [p.stat().st_size for p in paths if p.name.startswith("v")]
    assert (
        isinstance(in_pool[2], VideoInfo) and not in_pool[2].has_video and isinstance(in_pool[5], str)
    )  # not a video; missing: the reason
