"""`build.py new-contest`: a commented contest.yml, never over an existing edition."""

from __future__ import annotations

import pytest

import build as cli
from contest_portal.core.i18n import Translator
from contest_portal.pipeline import load_portal

from .conftest import tree_digest, write_mkdocs_yml


def _new(tmp_path, capsys, year="2026", slug="cchc", title="Cuộc thi CCHC", organizer="UBND huyện Mẫu"):
    config = write_mkdocs_yml(tmp_path)
    capsys.readouterr()
    status = cli.main(
        ["new-contest", "-f", str(config), "--year", year, "--slug", slug, "--title", title, "--organizer", organizer]
    )
    out = capsys.readouterr()
    return status, out.out, out.err


def test_an_existing_folder_without_contest_yml_is_not_written_into(tmp_path, capsys):
    entries = tmp_path / "entries"
    (entries / "2026-cchc" / "e-01").mkdir(parents=True)
    (entries / "2026-cchc" / "e-01" / "entry.yml").write_text("title: Đã có\n", encoding="utf-8")
    before = tree_digest(entries)
    status, out, err = _new(tmp_path, capsys)
    assert status == 2
    assert "không ghi đè" in err and "2026-cchc" in err
    assert tree_digest(entries) == before  # no contest.yml slipped in beside the entry
    assert not (entries / "2026-cchc" / "contest.yml").exists()


def test_a_slug_that_already_starts_with_the_year_is_kept(tmp_path, capsys):
    (tmp_path / "entries").mkdir()
    status, out, _ = _new(tmp_path, capsys, slug="2026-cchc")
    assert status == 0
    assert [p.name for p in (tmp_path / "entries").iterdir()] == ["2026-cchc"]
    assert "Đã tạo" in out and "2026-cchc" in out


@pytest.mark.parametrize("slug", ["Cải cách", "CCHC", "../ngoai"])
def test_a_folder_name_that_is_not_a_plain_slug_is_refused(tmp_path, capsys, slug):
    (tmp_path / "entries").mkdir()
    status, _, err = _new(tmp_path, capsys, slug=slug)
    assert status == 2 and "dùng chữ thường không dấu, chữ số và dấu gạch ngang" in err  # (Vietnamese by default)
    assert list((tmp_path / "entries").iterdir()) == []
    assert not (tmp_path / "ngoai").exists()


def test_titles_with_quotes_and_colons_are_written_as_valid_yaml(tmp_path, capsys):
    (tmp_path / "entries").mkdir()
    title = 'Cuộc thi "Cải cách hành chính": năm 2026 # lần 3'
    status, _, _ = _new(tmp_path, capsys, title=title, organizer="UBND huyện: Vĩnh Linh")
    assert status == 0
    path = tmp_path / "entries" / "2026-cchc" / "contest.yml"
    portal = load_portal(tmp_path / "entries", probe=False)
    # as written, only the sample words ask to be replaced (no SCH004: the signer's name may wait)
    codes = {p.code for p in portal.all_problems()}
    assert codes == {"CON016"}
    placeholder = Translator("vi")("scaffold.placeholder")
    filled = "\n".join(
        line.replace(placeholder, "Nội dung theo kế hoạch, ") for line in path.read_text(encoding="utf-8").splitlines()
    )
    path.write_text(filled, encoding="utf-8")
    portal = load_portal(tmp_path / "entries", probe=False)
    assert portal.all_problems() == []
    [contest] = portal.contests
    assert contest.spec.title == title
    assert contest.spec.organizer.name == "UBND huyện: Vĩnh Linh"
    assert contest.spec.year == 2026


def test_sample_words_left_in_contest_yml_are_named_with_their_line(tmp_path, capsys):
    (tmp_path / "entries").mkdir()
    assert _new(tmp_path, capsys)[0] == 0
    problems = [p for p in load_portal(tmp_path / "entries", probe=False).all_problems() if p.code == "CON016"]
    first = problems[0]
    assert first.is_error and first.where.field == "purpose[1]"
    assert first.message("vi") == "Mục này vẫn còn chữ mẫu của lệnh new-contest: 'Điền mục đích của cuộc thi.'"


def test_a_title_alone_gives_the_year_and_the_folder_name(tmp_path, capsys):
    config = write_mkdocs_yml(tmp_path)
    capsys.readouterr()
    status = cli.main(
        [
            "new-contest",
            "-f",
            str(config),
            "--title",
            "Cuộc thi tìm hiểu cải cách hành chính năm 2026",
            "--organizer",
            "UBND huyện Mẫu",
        ]
    )
    out = capsys.readouterr().out
    assert status == 0
    # the year from the title, the folder from its words without the year
    assert [p.name for p in (tmp_path / "entries").iterdir()] == ["2026-cuoc-thi-tim-hieu-cai-cach-hanh-chinh"]
    assert "Năm 2026, thư mục 2026-cuoc-thi-tim-hieu-cai-cach-hanh-chinh, cơ quan tổ chức: UBND huyện Mẫu." in out


def test_the_organizer_comes_from_the_portal_identity_and_a_missing_title_is_asked_for(tmp_path, capsys):
    config = write_mkdocs_yml(tmp_path)
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace(
            "cache_dir: .cache\n", "cache_dir: .cache\n      identity:\n        organizer: UBND huyện Hải Lăng\n"
        ),
        encoding="utf-8",
    )
    capsys.readouterr()
    assert cli.main(["new-contest", "-f", str(config)]) == 2
    assert "Cần thêm tên cuộc thi, ví dụ: contest-portal new-contest --title" in capsys.readouterr().err
    assert cli.main(["new-contest", "-f", str(config), "--title", "Hội thi tuyên truyền CCHC", "--year", "2027"]) == 0
    contest_yml = tmp_path / "entries" / "2027-hoi-thi-tuyen-truyen-cchc" / "contest.yml"
    assert "UBND huyện Hải Lăng" in contest_yml.read_text(encoding="utf-8")


def test_a_long_title_keeps_the_place_that_tells_contests_apart(tmp_path, capsys):
    config = write_mkdocs_yml(tmp_path)
    assert (
        cli.main(
            [
                "new-contest",
                "-f",
                str(config),
                "--title",
                "Cuộc thi video cải cách hành chính huyện Cam Lộ năm 2025",
                "--organizer",
                "UBND huyện Cam Lộ",
            ]
        )
        == 0
    )
    assert [p.name for p in (tmp_path / "entries").iterdir()] == [
        "2025-cuoc-thi-video-cai-cach-hanh-chinh-huyen-cam-lo"
    ]


#: The real title of a district's 2024 video contest (334 characters): it lists the procedures the
#: videos must explain, and it is published exactly as signed (issue 29).
LONG_TITLE = (
    "Xây dựng video clip hướng dẫn thực hiện các thủ tục hành chính trên môi trường điện tử: đăng ký "
    "khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi, đăng ký khai tử, xóa "
    "đăng ký thường trú, hưởng chế độ tử tuất, hỗ trợ chi phí mai táng, chứng thực bản sao điện tử từ "
    "bản chính trên địa bàn huyện Vĩnh Linh 2024"
)


def test_a_title_of_334_characters_validates_and_builds_with_no_rule_the_office_did_not_write(tmp_path, capsys):
    assert len(LONG_TITLE) == 334
    (tmp_path / "entries").mkdir()
    status, _, _ = _new(tmp_path, capsys, title=LONG_TITLE)
    assert status == 0
    path = tmp_path / "entries" / "2026-cchc" / "contest.yml"
    placeholder = Translator("vi")("scaffold.placeholder")
    path.write_text(path.read_text(encoding="utf-8").replace(placeholder, "Theo kế hoạch, "), encoding="utf-8")
    portal = load_portal(tmp_path / "entries", probe=False)
    assert portal.all_problems() == []  # no SCH004 "dài tối đa 300 ký tự"
    assert portal.contests[0].spec.title == LONG_TITLE
    site = tmp_path / "site"
    assert cli.main(["build", "-f", str(tmp_path / "mkdocs.yml"), "--site-dir", str(site)]) == 0
    page = (site / "2026-cchc" / "index.html").read_text(encoding="utf-8")
    assert LONG_TITLE in page
    # the scaffold states no rule of its own: the public rules page has no codec, per-author limit
    # or duration the office did not write (issue 29: "Chuẩn nén H264", "tối đa 02 tác phẩm")
    rules = (site / "2026-cchc" / "the-le" / "index.html").read_text(encoding="utf-8")
    for rule in (
        "Chuẩn nén",
        "H264",
        "H.264",
        "tối đa 02",
        "Thời lượng",
        "16:9",
        "Giải Nhất",
        "không được dự thi",
        "01/2026",
    ):  # nor sample prizes, exclusions or dates
        assert rule not in rules
