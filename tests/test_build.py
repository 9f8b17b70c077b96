"""End to end: real `mkdocs build` runs of the sample portal and of fixture portals."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import build as cli
from contest_portal.core.errors import CODES
from contest_portal.media.probe import probe_video

from .conftest import FIXED_TODAY, PAGEFIND_UNSTABLE, ROOT, tree_digest, write_mkdocs_yml

GOLDEN = Path(__file__).resolve().parent / "golden"
SAMPLE_CONTESTS = ["2024-vinh-linh", "2024-bac-kan-tu-phap"]


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("sample") / "site"
    before = tree_digest(ROOT / "entries")
    status = cli.main(["build", "--site-dir", str(site), "--today", FIXED_TODAY])
    assert status == 0
    assert tree_digest(ROOT / "entries") == before, "the build changed files under entries/"
    return site


def _page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def _text(html: str) -> str:
    """Visible text of a page, whitespace folded, for content assertions."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("&nbsp;", " ").split())


def _sample_entries(contest: str) -> list[Path]:
    return sorted(p for p in (ROOT / "entries" / contest).iterdir() if (p / "entry.yml").is_file())


# --- the sample portal ---------------------------------------------------------------

RULES_SECTIONS = [
    "van-ban",
    "muc-dich-yeu-cau",
    "doi-tuong",
    "noi-dung",
    "hinh-thuc",
    "so-luong",
    "thoi-gian",
    "nop-bai",
    "giai-thuong",
    "kinh-phi",
    "to-chuc",
    "lien-he",
]


@pytest.mark.parametrize("contest", SAMPLE_CONTESTS)
def test_rules_page_has_every_section(sample_site, contest):
    html = _page(sample_site, f"{contest}/the-le")
    for section in RULES_SECTIONS:
        assert f'<section id="{section}"' in html, section


def test_vinh_linh_rules_show_the_plan(sample_site):
    text = _text(_page(sample_site, "2024-vinh-linh/the-le"))
    for expected in [
        "Kế hoạch số 11/KH-UBND ngày 15/01/2024 của UBND huyện Vĩnh Linh",
        "Kế hoạch số 29/KH-UBND ngày 31/01/2024",
        "từ 20/06/2024 đến hết ngày 25/06/2024",  # submission window
        "đến hết ngày 20/06/2024",  # production
        "Dự kiến tháng 9/2024",  # judging, approximate month
        "Dự kiến Quý IV/2024",  # results, approximate quarter
        "tối thiểu 5 phút; tối đa 10 phút",
        "1280 × 720, 1920 × 1080",
        "16:9",
        "MP4",  # (no codec: the plan names none)
        "Mỗi tác giả được dự thi tối đa 02 tác phẩm.",
        "UBND các xã, thị trấn 1 2",  # per-unit minimum and maximum
        "Giải Nhất 01",
        "Giải Nhì 01",
        "Giải Ba 02",
        "Giải Khuyến khích 03",
        "Giải được bình chọn nhiều nhất Bình chọn trên trang Fanpage “Đài Truyền thanh Vĩnh Linh”. 01",
        "Bình chọn trực tuyến",
        "Tổng cộng (8 giải) Chưa xác định",
        "phongnv.vinhlinh@quangtri.gov.vn",
        "Ban Tổ chức, Ban Giám khảo, Tổ Thư ký",
        "TM. Ủy ban nhân dân Chủ tịch Thái Văn Thành",
    ]:
        assert expected in text, expected
    # only what contest.yml states: no recipient, no amount, no "individual or group" the plan did not say
    for unstated in ("Cá nhân hoặc tập thể", "Theo quy định của Ban Tổ chức", "Mỗi cá nhân, nhóm tác giả"):
        assert unstated not in text, unstated


def test_bac_kan_rules_show_the_plan_and_pending_prizes(sample_site):
    text = _text(_page(sample_site, "2024-bac-kan-tu-phap/the-le"))
    for expected in [
        "Quyết định số 2448/QĐ-UBND ngày 25/12/2023 của UBND tỉnh Bắc Kạn",
        "Kế hoạch số 45/KH-STP ngày 29/03/2024",
        "từ 15/09/2024 đến 17:00 ngày 30/09/2024",
        "từ 10/10/2024 đến 17:00 ngày 31/10/2024",
        "Dự kiến 24/08/2024",  # what the document means...
        "Dự kiến ngày 24/8/20224",  # ...and what it says
        "Dự kiến 09/11/2024",
        "Giải thưởng sẽ được quy định sau",
        "Giải thưởng sẽ được quy định tại Thể lệ cuộc thi (ban hành sau).",
        "Mỗi tác giả được dự thi tối đa 01 tác phẩm.",
        "Ban Tổ chức, Tổ Thư ký",
        "Giám đốc Hà Thị Đào",
    ]:
        assert expected in text, expected
    assert '<table class="cp-prizes">' not in _page(sample_site, "2024-bac-kan-tu-phap/the-le")


@pytest.mark.parametrize("contest", SAMPLE_CONTESTS)
def test_every_sample_entry_has_a_page_with_its_video(sample_site, contest):
    entries = _sample_entries(contest)
    assert len(entries) >= 6
    for folder in entries:
        html = _page(sample_site, f"{contest}/bai-du-thi/{folder.name}")
        spec = yaml.safe_load((folder / "entry.yml").read_text(encoding="utf-8"))
        if "video" not in spec:  # hosted on YouTube: a click-to-load player, nothing fetched from YouTube before
            assert 'class="cp-embed" data-cp-embed="https://www.youtube-nocookie.com/embed/' in html, folder
            assert "<iframe" not in html
            assert not re.search(r'src="https?://', html)
            continue
        assert re.search(r'<video class="cp-player" controls preload="metadata"', html), folder
        source = re.search(r'<source src="([^"]+)" type="video/mp4">', html)
        assert source, folder
        src = source.group(1)
        published = (sample_site / contest / "bai-du-thi" / folder.name / src).resolve()
        assert published.is_file(), src
        if folder.name == "bk-02":  # exported with the index at the end: the site plays its web rendition
            assert src.endswith("/video.web.mp4")
            original, rendition = probe_video(folder / "video.mp4"), probe_video(published)
            assert (original.streamable, rendition.streamable) == (False, True)
            # only the index was misplaced: the streams are copied with it first, nothing re-encoded
            assert (rendition.video_codec, rendition.width, rendition.height) == ("AVC", 1920, 1080)
            assert rendition.size < original.size * 1.25  # the same streams (a re-encoding made 2.2 MB of it)
            assert rendition.duration_s == pytest.approx(120, abs=0.2)
            assert not (published.parent / "video.mp4").exists()  # the original is not published by default
            continue
        assert (
            hashlib.sha256(published.read_bytes()).digest()
            == hashlib.sha256((folder / "video.mp4").read_bytes()).digest()
        )
        title = yaml.safe_load((folder / "entry.yml").read_text(encoding="utf-8"))["title"]
        assert title in html


@pytest.mark.parametrize("contest", SAMPLE_CONTESTS)
def test_gallery_lists_every_entry_with_poster_and_duration(sample_site, contest):
    html = _page(sample_site, f"{contest}/bai-du-thi")
    cards = re.findall(r'<article class="cp-card".*?</article>', html, flags=re.S)
    assert len(cards) == len(_sample_entries(contest))
    for card in cards:
        if "Đăng trên YouTube" in card:  # no video file, so no poster frame or duration of ours
            assert "cp-card__poster--none" in card
            continue
        image = re.search(r'<img class="cp-card__poster" src="([^"]+)"', card)
        assert image, card
        poster = image.group(1)
        assert (sample_site / contest / "bai-du-thi" / poster).resolve().is_file()
        assert re.search(r"cp-card__duration.*?\d+:\d\d</p>", card, flags=re.S)


def test_sample_durations_follow_the_rules(sample_site):
    """Vĩnh Linh requires 5–10 minutes: the cards show durations in that range."""
    html = _page(sample_site, "2024-vinh-linh/bai-du-thi")
    minutes = [int(m) for m in re.findall(r"</span>(\d+):\d\d</p>", html)]
    assert minutes and all(5 <= m < 10 for m in minutes)


def test_entry_and_gallery_pages_stay_out_of_the_nav(sample_site):
    rules = _page(sample_site, "2024-vinh-linh/the-le")
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>\s*</div>\s*</div>', rules, re.S)
    nav_html = nav.group(0) if nav else rules
    assert "the-le/" in nav_html
    assert "bai-du-thi/vl-01" not in nav_html


def test_site_search_finds_entries_on_their_own_pages_not_in_the_gallery(sample_site):
    # Pagefind indexes the articles marked data-pagefind-body: each entry page, not the gallery that
    # lists them all (it would match every query); the theme's lunr index is not made for the web
    def searched(path: str) -> bool:
        return "data-pagefind-body" in _page(sample_site, path)

    for contest in SAMPLE_CONTESTS:
        entries = _sample_entries(contest)
        assert entries
        for entry in entries:
            assert searched(f"{contest}/bai-du-thi/{entry.name}")
            assert searched(f"en/{contest}/bai-du-thi/{entry.name}")
        assert not searched(f"{contest}/bai-du-thi")
        assert searched(contest) and searched(f"{contest}/the-le")
    assert not (sample_site / "search" / "search_index.json").exists()
    bundle = sample_site / "pagefind"
    assert (bundle / "pagefind.js").is_file()
    # one index per language: the root site's Vietnamese pages, en/'s English ones
    assert len(list(bundle.glob("pagefind.vi_*.pf_meta"))) == 1 and len(list(bundle.glob("pagefind.en_*.pf_meta"))) == 1
    assert not (bundle / "pagefind-ui.js").exists()  # Pagefind's own interface: not used, not published
    entry_page = _page(sample_site, "2024-vinh-linh/bai-du-thi/vl-01")
    assert '<dd data-pagefind-filter="unit" data-pagefind-meta="unit">UBND thị trấn Hồ Xá</dd>' in entry_page
    assert 'data-pagefind-meta="image[poster]"' in entry_page
    assert (
        '<span data-pagefind-filter="contest" data-pagefind-meta="contest">Xây dựng video clip, phóng sự tuyên '
        "truyền cải cách hành chính trên địa bàn huyện Vĩnh Linh năm 2024</span>"
    ) in entry_page
    # one search box, in the header, with the way up to the whole site's top (where the bundle is)
    assert entry_page.count('class="cp-search"') == 1 and 'data-root="../../../"' in entry_page
    assert entry_page.index('class="cp-search"') < entry_page.index("</header>")
    assert 'class="md-search"' not in entry_page
    assert 'data-root="../../../../"' in _page(sample_site, "en/2024-vinh-linh/bai-du-thi/vl-01")


def test_archive_lists_both_editions(sample_site):
    html = _page(sample_site, "luu-tru")
    assert "Năm 2024" in html
    for contest in SAMPLE_CONTESTS:
        assert f'data-contest="{contest}"' in html


def test_overview_shows_phase_for_fixed_today(sample_site):
    # 2024-09-20: Bắc Kạn accepts entries until 30/9 17:00; Vĩnh Linh has published (sample) results.
    html = _page(sample_site, "2024-bac-kan-tu-phap")
    assert 'data-phase="open"' in html and "Hạn cuối nhận tác phẩm" in html
    assert 'data-phase="results"' in _page(sample_site, "2024-vinh-linh")


def test_results_pages(sample_site):
    assert "Chưa công bố kết quả" in _page(sample_site, "2024-bac-kan-tu-phap/ket-qua")
    text = _text(_page(sample_site, "2024-vinh-linh/ket-qua"))
    assert "Chưa công bố kết quả" not in text
    # each prize: the winners' cards with their posters, authors, score (in Vietnamese: 90,00) and
    # certificate; no table repeats them
    assert (
        "Giải Nhất Nông dân Kim Thạch bán hàng trên sàn thương mại điện tử Giải Nhất UBND xã Kim Thạch "
        "Thời lượng: 5:10 731 lượt bình chọn Tác giả: Tập thể UBND xã Kim Thạch (Phạm Văn Hùng, Võ Thị Lan) "
        "Điểm: 90,00 In giấy chứng nhận Giải Nhì"
    ) in text
    first = _page(sample_site, "2024-vinh-linh/ket-qua").split('id="giai-giai-nhat"')[1].split('id="giai-giai-nhi"')[0]
    assert first.count('class="cp-card__poster"') == 1
    assert "Số lượt bình chọn tính đến lúc 17:00 ngày 10/07/2024" in text
    assert "Bảng xếp hạng" in text and "Tổng hợp theo đơn vị" in text
    toc = _page(sample_site, "2024-vinh-linh/ket-qua").split('class="md-nav md-nav--secondary"')[1]
    assert 'href="#giai-giai-nhat"' in toc and 'href="#xep-hang"' in toc  # every prize in the page's contents
    gallery = _page(sample_site, "2024-vinh-linh/bai-du-thi")
    assert gallery.count('class="cp-badge"') == 8  # 7 jury prizes + the most-voted
    assert (sample_site / "2024-vinh-linh" / "ket-qua-2024-vinh-linh.xlsx").is_file()


def test_home_leads_to_the_current_contest(sample_site):
    html = _page(sample_site, "").replace("\n", " ")
    assert 'class="cp-hero cp-hero--pictures" data-contest="2024-bac-kan-tu-phap"' in html
    assert 'href="2024-bac-kan-tu-phap/the-le/"' in html
    hero = html.split('class="cp-hero cp-hero--pictures"')[1].split("</section>")[0]
    # the contest's cover picture (cover: in its contest.yml), not a collage of the entries' posters
    assert hero.count("<img ") == 1 and 'src="2024-bac-kan-tu-phap/media/anh-bia.webp"' in hero
    assert (
        "Cuộc thi đang diễn ra · Đang nhận tác phẩm Thiết kế Video tuyên truyền cải cách hành chính, chuyển đổi số "
        "Ngành Tư pháp năm 2024 Sở Tư pháp tỉnh Bắc Kạn Hạn cuối nhận tác phẩm: 17:00 ngày 30/09/2024 "
        "Thể lệ Tác phẩm dự thi (7) Kết quả"
    ) in _text(hero)
    # results not out yet: the latest entries (the last received first), six of the seven; then the other edition
    entries = html.split('class="cp-home-entries"')[1].split("</section>")[0]
    assert entries.count('class="cp-card"') == 6 and "Các tác phẩm mới gửi" in entries
    others = html.split('class="cp-home-others"')[1].split("</section>")[0]
    assert 'data-contest="2024-vinh-linh"' in others and "Đã công bố kết quả" in _text(others)


def _private_values() -> set[str]:
    found = set()
    for path in (ROOT / "entries").rglob("private.yml"):
        for contact in yaml.safe_load(path.read_text(encoding="utf-8"))["contacts"]:
            found |= {str(contact[k]) for k in ("phone", "email", "address", "id_number") if contact.get(k)}
    return found


def test_no_personal_contact_data_anywhere_in_the_site(sample_site):
    secrets = _private_values()
    assert len(secrets) >= 4 * 12
    for path in sample_site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for secret in secrets:
                assert secret.encode("utf-8") not in data, f"{secret} found in {path}"
    assert not list(sample_site.rglob("private.yml"))


# --- fixture portals -----------------------------------------------------------------------


def test_prize_amounts_and_total_vietnamese_way(tree, tmp_path):
    tree.contest()
    tree.entry()
    config = write_mkdocs_yml(tmp_path)
    assert cli.main(["build", "-f", str(config), "--site-dir", str(tmp_path / "site")]) == 0
    text = _text(_page(tmp_path / "site", "2025-thu-nghiem/the-le"))
    assert "Giải Nhất 01 10.000.000 đ" in text
    assert "Giải Nhì 02 7.000.000 đ" in text and "14.000.000 đ" in text
    assert "Tổng cộng (3 giải) 24.000.000 đ" in text


def test_english_build(tree, tmp_path):
    tree.contest()
    tree.entry()
    config = write_mkdocs_yml(tmp_path)
    assert cli.main(["build", "-f", str(config), "--site-dir", str(tmp_path / "site"), "--lang", "en"]) == 0
    text = _text(_page(tmp_path / "site", "2025-thu-nghiem/the-le"))
    assert "Total (3 prizes) 24,000,000 VND" in text
    assert "Who may enter" in text


def test_bad_data_fails_clearly_and_keeps_the_previous_site(tree, tmp_path, capsys):
    tree.contest()
    tree.entry()
    config = write_mkdocs_yml(tmp_path)
    site = tmp_path / "site"
    assert cli.main(["build", "-f", str(config), "--site-dir", str(site)]) == 0
    before = tree_digest(site)
    capsys.readouterr()
    (tree.root / "2025-thu-nghiem" / "e-01" / "entry.yml").write_text(
        "title: A\nauthors: [{name: B}]\nunit: xa-a\nvideo: video.mp4\nvidoe_note: x\n", encoding="utf-8"
    )
    assert cli.main(["build", "-f", str(config), "--site-dir", str(site)]) == 1
    out = capsys.readouterr().out
    assert "entries/2025-thu-nghiem/e-01/entry.yml:5:1" in out
    assert "SCH002" in out and "vidoe_note" in out
    assert tree_digest(site) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site-")], "staging folder left behind"


def test_plain_mkdocs_build_gives_the_same_pages(tree, tmp_path):
    tree.contest()
    tree.entry()
    config = write_mkdocs_yml(tmp_path)
    assert cli.main(["build", "-f", str(config), "--site-dir", str(tmp_path / "a")]) == 0
    env = dict(os.environ)
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(tmp_path / "b")],
        check=True,
        env=env,
        cwd=tmp_path,
    )
    # (the search index's chunk names are hashes that Pagefind 1.5 does not make the same from one run to the
    # next: the bundle is compared by its fixed files)
    files_a = sorted(
        str(p.relative_to(tmp_path / "a"))
        for p in (tmp_path / "a").rglob("*")
        if p.is_file()
        and (p.parent.name != "pagefind" or not p.name.endswith(".pf_meta"))
        and p.parent.parent.name != "pagefind"
    )
    files_b = sorted(
        str(p.relative_to(tmp_path / "b"))
        for p in (tmp_path / "b").rglob("*")
        if p.is_file()
        and (p.parent.name != "pagefind" or not p.name.endswith(".pf_meta"))
        and p.parent.parent.name != "pagefind"
    )
    assert files_a == files_b and "pagefind/pagefind.js" in files_a
    rules = "2025-thu-nghiem/the-le/index.html"
    assert (tmp_path / "a" / rules).read_text() == (tmp_path / "b" / rules).read_text()


def test_plain_mkdocs_build_fails_on_bad_data(tree, tmp_path):
    tree.contest()
    tree.entry(text="title: A\nauthors: [{name: B}]\nunit: xa-zz\nvideo: video.mp4\n")
    config = write_mkdocs_yml(tmp_path)
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(tmp_path / "b")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert run.returncode != 0
    assert "ENT004" in run.stderr and "xa-zz" in run.stderr
    assert "ma-loi" not in run.stderr  # no site built yet: no link to an error-code page that does not exist


def _body(html: str) -> str:
    start = html.index('<div class="cp-', html.index("<article"))  # (the header's search box is a cp- div too)
    return html[start : html.index("</article>", start)].strip() + "\n"


@pytest.mark.parametrize("page", ["the-le", "bai-du-thi", "bai-du-thi/e-01", ""])
def test_golden_pages(tree, tmp_path, page):
    """Key pages of a fixture portal match tests/golden/ (UPDATE_GOLDEN=1 rewrites them)."""
    tree.contest()
    tree.entry()
    config = write_mkdocs_yml(tmp_path)
    assert cli.main(["build", "-f", str(config), "--site-dir", str(tmp_path / "site")]) == 0
    body = _body(_page(tmp_path / "site", f"2025-thu-nghiem/{page}".rstrip("/")))
    golden = GOLDEN / f"{(page or 'overview').replace('/', '_')}.html"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(body, encoding="utf-8")
    assert body == golden.read_text(encoding="utf-8")


def test_error_code_reference_page_lists_every_code(sample_site):
    html = _page(sample_site, "ma-loi")
    for code in CODES:
        assert f'<tr id="{code}"' in html, code
    assert "‹path›" in html


def test_skip_invalid_publishes_only_valid_entries(tree, tmp_path, capsys, caplog):
    tree.contest()
    tree.entry(slug="e-01")
    tree.entry(slug="e-02", text="title: B\nauthors: [{name: B}]\nunit: xa-zz\nvideo: video.mp4\n")
    config = write_mkdocs_yml(tmp_path)
    site = tmp_path / "site"
    assert cli.main(["build", "-f", str(config), "--site-dir", str(site)]) == 1
    assert not site.exists()
    capsys.readouterr()
    assert cli.main(["build", "-f", str(config), "--site-dir", str(site), "--skip-invalid"]) == 0
    out = capsys.readouterr().out
    assert "2025-thu-nghiem/e-02" in out and "ENT004" in out
    # the report says what happens to the faulty entry, not "fix the errors and run again"
    assert "Các tác phẩm có lỗi ở trên không được đăng; các tác phẩm hợp lệ vẫn được đăng." in out
    assert "hãy sửa các lỗi trên rồi chạy lại" not in out
    assert out.count("Không đăng 1 tác phẩm có lỗi: 2025-thu-nghiem/e-02") == 1  # said once, in Vietnamese
    assert not [r for r in caplog.records if "e-02" in r.getMessage()]  # not logged again by the plugin
    assert (site / "2025-thu-nghiem" / "bai-du-thi" / "e-01" / "index.html").is_file()
    assert not (site / "2025-thu-nghiem" / "bai-du-thi" / "e-02").exists()
    assert not (site / "2025-thu-nghiem" / "media" / "e-02").exists()


def _reproducible(digest: dict) -> dict:
    """A site's digest less the search index's files that Pagefind 1.5 does not write the same twice
    (conftest.PAGEFIND_UNSTABLE); its word index and page fragments stay in the comparison."""
    return {name: value for name, value in digest.items() if not re.fullmatch(PAGEFIND_UNSTABLE, name)}


def test_the_same_data_builds_the_same_bytes(sample_site, tmp_path):
    """A rebuild of unchanged data changes no file, so a deploy comparing contents (rsync -c) re-uploads nothing."""
    again = tmp_path / "site"
    assert cli.main(["build", "--site-dir", str(again), "--today", FIXED_TODAY]) == 0  # seconds later
    first, second = _reproducible(tree_digest(sample_site)), _reproducible(tree_digest(again))
    assert any(name.endswith(".xlsx") for name in first)  # the results workbooks too
    assert "pagefind/pagefind.js" in first and any(name.startswith("pagefind/index/") for name in first)
    changed = sorted(name for name in first if first[name] != second.get(name))
    assert first.keys() == second.keys() and not changed, changed


def test_the_same_data_and_today_build_the_same_bytes_on_any_day(sample_site, tmp_path, monkeypatch):
    """The machine's date does not reach the site: sitemap.xml (and its .gz) are dated by --today."""
    # MkDocs takes the build's date from SOURCE_DATE_EPOCH when it is set: a machine clock two years on
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")  # 2026-09-21
    later = tmp_path / "later"
    assert cli.main(["build", "--site-dir", str(later), "--today", FIXED_TODAY]) == 0
    assert os.environ["SOURCE_DATE_EPOCH"] == "1790000000"  # the build's own date does not outlive it
    first, second = _reproducible(tree_digest(sample_site)), _reproducible(tree_digest(later))
    changed = sorted(name for name in first if first[name] != second.get(name))
    assert first.keys() == second.keys() and not changed, changed
    # sitemap.xml.gz's gzip header carries the build's date: 2024-09-20 00:00 UTC (19,986 days × 86,400 s)
    assert int.from_bytes((later / "sitemap.xml.gz").read_bytes()[4:8], "little") == 1_726_790_400


def test_the_samples_rules_pages_state_no_rule_their_plans_do_not(sample_site):
    """Issue 29: neither seed plan names a codec, and Bắc Kạn's names no container: the public
    rules pages say neither (Vĩnh Linh's "định dạng .mp4" is its own words)."""
    vinh_linh = _text(_page(sample_site, "2024-vinh-linh/the-le"))
    bac_kan = _text(_page(sample_site, "2024-bac-kan-tu-phap/the-le"))
    assert "Chuẩn nén" not in vinh_linh and "H264" not in vinh_linh
    assert "Định dạng tệp MP4" in vinh_linh
    assert "Chuẩn nén" not in bac_kan and "Định dạng tệp" not in bac_kan
    assert "tối đa 02" not in bac_kan  # its plan: "được dự thi 01 Video"
