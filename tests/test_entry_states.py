"""The clerk's path with no dead ends (issue 19): entry states, the ways forward, broken files, samples.

Each test runs the command line as a clerk would (``build.py``'s main) on a fixture portal.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import build as cli
from contest_portal.office.intake import intake
from contest_portal.office.reports import participation
from contest_portal.pipeline import load_portal

from .conftest import MINIMAL_CONTEST, MINIMAL_ENTRY, run_serve, serving, write_mkdocs_yml

BAD_VIDEO = MINIMAL_ENTRY.format(n=2).replace("xa-a", "xa-b").replace("video: video.mp4", "video: khong-co.mp4")


def _project(tree, tmp_path, *, state: str | None = None, note: str | None = None):
    tree.contest()
    tree.entry(slug="e-01")
    text = BAD_VIDEO + (f"state: {state}\n" if state else "") + (f"state_note: {note}\n" if note else "")
    tree.entry(slug="e-02", text=text)
    return write_mkdocs_yml(tmp_path, entries=str(tree.root))


def test_an_entry_with_errors_stops_the_build_and_the_message_shows_both_ways_forward(tree, tmp_path, capsys):
    config = _project(tree, tmp_path)
    assert cli.main(["build", "-f", str(config), "-d", str(tmp_path / "site")]) == cli.EXIT_DATA
    out = capsys.readouterr().out
    assert "Chưa thể xây dựng cổng: 1 tác phẩm có lỗi (2025-thu-nghiem/e-02)" in out
    assert "state: refused" in out and "--skip-invalid" in out
    assert not (tmp_path / "site").exists()
    # said once, and not after "fix the errors above" (the clerk cannot mend an author's file)
    assert out.count("Có hai cách") == 1 and "hãy sửa các lỗi trên" not in out


def test_validate_ends_with_the_ways_forward_when_only_entries_are_at_fault(tree, tmp_path, capsys):
    config = _project(tree, tmp_path)
    assert cli.main(["validate", "-f", str(config)]) == cli.EXIT_DATA
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last.startswith("Chưa thể xây dựng cổng: 1 tác phẩm có lỗi (2025-thu-nghiem/e-02). Có hai cách:")
    assert "'state: refused'" in last and "'contest-portal build --skip-invalid'" in last
    assert cli.main(["validate", "-f", str(config), "--lang", "en"]) == cli.EXIT_DATA
    out = capsys.readouterr().out
    assert "Total: contests 1, entries 2; errors 1, warnings" in out  # (no "1 contests")
    assert "The portal cannot be built yet: entries with errors (1): 2025-thu-nghiem/e-02. Two ways forward" in out


def test_a_refused_entry_never_blocks_is_never_published_and_is_counted_apart(tree, tmp_path, capsys):
    config = _project(tree, tmp_path, state="refused", note="Nộp sau hạn")
    assert cli.main(["build", "-f", str(config), "-d", str(tmp_path / "site")]) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert "ENT008" in out and "đã bị Ban Tổ chức từ chối (lý do: Nộp sau hạn)" in out
    assert "FIL001" not in out  # its missing file is no one's task now: said by validate only
    assert "0 lỗi, 1 cảnh báo" in out  # the totals count what is listed: ENT008
    capsys.readouterr()
    assert cli.main(["validate", "-f", str(config)]) == cli.EXIT_OK
    assert "FIL001" in capsys.readouterr().out
    assert cli.main(["build", "-f", str(config), "-d", str(tmp_path / "site")]) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert "Không chấm, không đăng 1 tác phẩm bị từ chối hoặc đã rút: 2025-thu-nghiem/e-02" in out
    assert "0 lỗi" in out and "Đã xây dựng cổng" in out
    gallery = (tmp_path / "site" / "2025-thu-nghiem" / "bai-du-thi" / "index.html").read_text(encoding="utf-8")
    assert "Tác phẩm số e-01" in gallery and "Tác phẩm số 2" not in gallery
    assert not (tmp_path / "site" / "2025-thu-nghiem" / "bai-du-thi" / "e-02").exists()
    assert "Nộp sau hạn" not in "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "site").rglob("*.html"))
    rows = {r.unit_id: r for r in participation(load_portal(tree.root, probe=False).contests[0])}
    # xa-b: one entry received, refused by the committee: 0 valid, 0 with errors, 1 set aside
    assert (rows["xa-b"].received, rows["xa-b"].valid, rows["xa-b"].refused, rows["xa-b"].set_aside) == (1, 0, 0, 1)


def test_a_withdrawn_entry_is_left_out_too(tree, tmp_path):
    _project(tree, tmp_path, state="withdrawn")
    portal = load_portal(tree.root, probe=False)
    entry = portal.contests[0].entries[1]
    assert entry.set_aside and not entry.valid and [p.code for p in entry.problems][0] == "ENT008"
    assert not any(p.is_error for p in portal.all_problems())
    assert [e.slug for e in portal.contests[0].published_entries] == ["e-01"]


def test_serve_previews_what_would_be_published_instead_of_stopping(tree, tmp_path):
    config = _project(tree, tmp_path)
    gallery = run_serve(config, tmp_path, "2025-thu-nghiem/bai-du-thi/")
    assert "Tác phẩm số e-01" in gallery and "Tác phẩm số 2" not in gallery


def test_serve_previews_the_english_sub_site_too(tree, tmp_path):
    """With two languages the English sub-site is built by the root build: it is handed the preview
    too, so an entry with errors is left out of the English gallery instead of stopping the preview."""
    config = _project(tree, tmp_path)
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("cache_dir: .cache\n", "cache_dir: .cache\n      languages: [vi, en]\n"), encoding="utf-8"
    )
    assert "languages: [vi, en]" in config.read_text(encoding="utf-8")
    gallery = run_serve(config, tmp_path, "en/2025-thu-nghiem/bai-du-thi/")
    assert "e-01" in gallery and "Tác phẩm số 2" not in gallery


def test_a_rebuild_while_serving_reads_the_changed_entries_and_still_previews(tree, tmp_path):
    """An entry added while `serve` runs appears after the rebuild, and the entry with errors is still
    left out rather than stopping it: every build of the preview is handed preview=True, the first
    one also the portal the command line loaded."""
    config = _project(tree, tmp_path)
    with serving(config, tmp_path) as run:
        assert "Tác phẩm số e-01" in run["fetch"]("2025-thu-nghiem/bai-du-thi/", lambda page: True)
        tree.entry(slug="e-03")
        gallery = run["fetch"]("2025-thu-nghiem/bai-du-thi/", lambda page: "Tác phẩm số e-03" in page)
    assert "Tác phẩm số e-01" in gallery and "Tác phẩm số 2" not in gallery
    assert "Traceback" not in run["output"]


def test_a_broken_entry_yml_is_counted_and_intake_names_it(tree, tmp_path, capsys):
    tree.contest()
    tree.entry(slug="e-01")
    broken = tree.entry(slug="e-02", text="title: [không đóng ngoặc\n")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "phong-su-xa-b.mp4").write_bytes((tree.root / "2025-thu-nghiem" / "e-01" / "video.mp4").read_bytes())
    portal = load_portal(tree.root, probe=False)
    report = intake(portal.contests[0], inbox)
    assert [p.code for p in report.problems] == ["INT003", "INT001"]
    assert report.problems[0].where.file == broken / "entry.yml"
    assert "'e-02'" in report.problems[0].message("vi")
    config = write_mkdocs_yml(tmp_path, entries=str(tree.root))
    assert cli.main(["status", "-f", str(config), "--today", "2025-05-10"]) == cli.EXIT_OK
    assert (
        "Tác phẩm đã nhận: 2; hợp lệ: 1; có lỗi: 0; từ chối hoặc đã rút: 0; tệp entry.yml hỏng: 1"
        in capsys.readouterr().out
    )


def test_samples_false_leaves_the_sample_contests_out_and_deletes_nothing(tree, tmp_path):
    tree.contest(text="sample: true\n" + MINIMAL_CONTEST)
    tree.entry(slug="e-01")
    tree.contest(slug="2026-that", text=MINIMAL_CONTEST.replace("year: 2025", "year: 2026"))
    config = write_mkdocs_yml(tmp_path, entries=str(tree.root))
    config.write_text(
        config.read_text(encoding="utf-8").replace("cache_dir: .cache", "cache_dir: .cache\n      samples: false"),
        encoding="utf-8",
    )
    assert cli.main(["build", "-f", str(config), "-d", str(tmp_path / "site")]) == cli.EXIT_OK
    assert (tmp_path / "site" / "2026-that").is_dir()
    assert not (tmp_path / "site" / "2025-thu-nghiem").exists()
    assert (tree.root / "2025-thu-nghiem" / "e-01" / "entry.yml").is_file()  # nothing deleted


@pytest.mark.parametrize(
    "line",
    [
        "entries/2024-x/e-01/private.yml",
        "entries/2024-x/_ket-qua/diem/gk.xlsx",
        "reports/bao-cao.html",
        "site-offline/index.html",
        ".site.lock",
    ],
)
def test_gitignore_keeps_private_and_generated_files_out(line):
    import subprocess

    from .conftest import ROOT

    result = subprocess.run(["git", "check-ignore", "--no-index", "-q", line], cwd=ROOT)
    assert result.returncode == 0, line


# --- small wrong things a clerk met ------------------------------------------------------------------


def test_the_gallery_first_lists_entries_in_the_order_they_were_received(tree, tmp_path):
    import re

    tree.contest()
    for slug, received in (("a-01", "2025-05-20 09:00"), ("b-02", "2025-05-02 16:30"), ("c-03", None)):
        text = MINIMAL_ENTRY.format(n=slug) + (f'received: "{received}"\n' if received else "")
        tree.entry(slug=slug, text=text.replace("xa-a", "xa-b") if slug == "b-02" else text)
    config = write_mkdocs_yml(tmp_path, entries=str(tree.root))
    assert cli.main(["build", "-f", str(config), "-d", str(tmp_path / "site"), "--skip-invalid"]) == cli.EXIT_OK
    gallery = (tmp_path / "site" / "2025-thu-nghiem" / "bai-du-thi" / "index.html").read_text(encoding="utf-8")
    # received 2 May, then 20 May, then the one with no time
    assert re.findall(r'class="cp-card__title">\s*Tác phẩm số ([a-c]-0\d)', gallery) == ["b-02", "a-01", "c-03"]


def test_ids_made_from_long_titles_are_cut_between_words():
    from contest_portal.core.text import slugify

    title = "Chuyển đổi số trong trợ giúp pháp lý cho người dân vùng sâu vùng xa huyện Ba Bể"
    assert slugify(title, max_length=48) == "chuyen-doi-so-trong-tro-giup-phap-ly-cho-nguoi"  # 46 characters
    assert slugify("Một", max_length=48) == "mot"
    assert slugify("Siêuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuu dài", max_length=10) == "sieuuuuuuu"


def test_build_says_one_line_per_contest_and_validate_gives_the_tables(tree, tmp_path, capsys):
    tree.contest()
    tree.entry(slug="e-01")
    config = write_mkdocs_yml(tmp_path, entries=str(tree.root))
    assert cli.main(["build", "-f", str(config), "-d", str(tmp_path / "site")]) == cli.EXIT_OK
    out = capsys.readouterr().out
    # one entry, valid; xa-b has none but its category asks for none
    assert "== 2025-thu-nghiem: 1 tác phẩm đã nhận, 1 hợp lệ; 0 đơn vị chưa đạt số tối thiểu" in out
    assert "Tham gia theo đơn vị" not in out
    cli.main(["validate", "-f", str(config)])
    assert "Tham gia theo đơn vị" in capsys.readouterr().out


def _clean_start(tree, tmp_path, organizer: str) -> Path:
    """A portal whose sample contest (organizer: UBND huyện Thử Nghiệm) is left out (samples: false)
    beside a contest of its own, the site's identity.organizer ``organizer``: its mkdocs.yml."""
    tree.contest(text="sample: true\n" + MINIMAL_CONTEST)
    tree.contest(slug="2026-that", text=MINIMAL_CONTEST.replace("year: 2025", "year: 2026"))
    config = write_mkdocs_yml(tmp_path, entries=str(tree.root))
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "cache_dir: .cache",
            f"cache_dir: .cache\n      samples: false\n      identity:\n        organizer: {organizer}",
        ),
        encoding="utf-8",
    )
    return config


def test_a_clean_start_that_keeps_the_samples_identity_is_warned(tree, tmp_path, capsys):
    """samples: false but identity still the sample organizer's ('UBND' written out): SIT005."""
    config = _clean_start(tree, tmp_path, "Ủy ban nhân dân huyện Thử Nghiệm")
    text = config.read_text(encoding="utf-8")
    assert cli.main(["validate", "-f", str(config)]) == cli.EXIT_OK  # a warning, not an error
    out = capsys.readouterr().out
    assert "SIT005" in out and "Ủy ban nhân dân huyện Thử Nghiệm" in out and "identity" in out
    config.write_text(text.replace("Ủy ban nhân dân huyện Thử Nghiệm", "UBND huyện Cam Lộ"), encoding="utf-8")
    cli.main(["validate", "-f", str(config)])
    assert "SIT005" not in capsys.readouterr().out


def test_a_plain_mkdocs_build_warns_of_the_samples_identity_too(tree, tmp_path):
    """SIT005 is found where the samples are left out (loading), so MkDocs' own command says it as well."""
    import subprocess
    import sys

    config = _clean_start(tree, tmp_path, "UBND huyện Thử Nghiệm")
    text = config.read_text(encoding="utf-8")

    def mkdocs_build() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(tmp_path / "site")],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            encoding="utf-8",
        )

    run = mkdocs_build()
    assert run.returncode == 0, run.stderr  # a warning: the site is built
    warned = [line for line in run.stderr.splitlines() if "SIT005" in line]
    assert len(warned) == 1 and "mkdocs.yml: cảnh báo SIT005" in warned[0], run.stderr  # said once, at its file
    assert "('UBND huyện Thử Nghiệm')" in warned[0] and "sửa mục identity" in run.stderr
    assert (tmp_path / "site" / "2026-that" / "index.html").is_file()
    assert not (tmp_path / "site" / "2025-thu-nghiem").exists()  # the sample contest left out
    config.write_text(text.replace("UBND huyện Thử Nghiệm", "UBND huyện Cam Lộ"), encoding="utf-8")
    run = mkdocs_build()
    assert run.returncode == 0 and "SIT005" not in run.stderr, run.stderr


def test_each_contest_lists_its_entries_in_the_menu(tree):
    """A visitor on a phone reaches the gallery from the contest's menu, not only from its overview."""
    from contest_portal.core.i18n import Translator
    from contest_portal.core.values import parse_moment
    from contest_portal.site.pages import plan_pages

    tree.contest()
    tree.entry(slug="e-01")
    plan = plan_pages(load_portal(tree.root, probe=False), Translator("vi"), parse_moment("2025-06-01").start)
    contests = next(item for item in plan.nav if "Cuộc thi" in item)["Cuộc thi"]
    (pages,) = contests[0].values()
    assert [next(iter(page)) for page in pages] == ["Tổng quan", "Thể lệ", "Tác phẩm dự thi", "Kết quả"]
