"""The sample portal as the public meets it, in Debian's Chromium: at the site root, under a
sub-path, and opened from a folder (file://, the offline build).

Each check runs in all three places: pages render, the gallery filters and search work with and
without diacritics, the video reports its duration, the phase banner and countdown match a fixed
"today", and no request leaves the machine.
"""

from __future__ import annotations

import shutil
from datetime import datetime
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

import build as cli

from .conftest import FIXED_TODAY, ROOT, VIDEO_DURATION_JS

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "test-artifacts"  # kept after the run (CI uploads it): the phone-sized gallery
VINH_LINH_ENTRIES = 8
VL01 = "Dịch vụ công trực tuyến – người dân không phải đi lại"


class Portal:
    """Where one built copy of the sample portal is reachable, and how its pages are named."""

    def __init__(self, base: str, directory_urls: bool):
        self.base = base
        self.directory_urls = directory_urls

    def url(self, path: str) -> str:
        """``path`` as written for directory URLs ("2024-vinh-linh/the-le/") → this portal's address."""
        return self.base + (path if self.directory_urls else _offline_path(path))

    def is_local(self, url: str) -> bool:
        if url.startswith(("data:", "blob:", "about:")):
            return True
        parts = urlsplit(url)
        return parts.scheme == "file" if self.base.startswith("file:") else parts.hostname == "127.0.0.1"


def _offline_path(path: str) -> str:
    """'2024-vinh-linh/the-le/' → '2024-vinh-linh/the-le.html'; '2024-vinh-linh/' → '2024-vinh-linh/index.html'."""
    if path == "":
        return "index.html"
    stem = path.rstrip("/")
    top_level_index = stem.count("/") == 0 and stem.startswith("20")  # a contest's overview
    return f"{stem}/index.html" if top_level_index else f"{stem}.html"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("portal")
    assert cli.main(["build", "--site-dir", str(root / "site"), "--today", FIXED_TODAY]) == 0
    assert cli.main(["build", "--offline", "--site-dir", str(root / "offline"), "--today", FIXED_TODAY]) == 0
    shutil.copytree(root / "site", root / "host" / "cuoc-thi")  # a district portal's sub-folder
    return root


@pytest.fixture(params=["root", "sub-path", "file"])
def portal(request, built, serve_folder):
    if request.param == "root":
        return Portal(serve_folder(built / "site"), True)
    if request.param == "sub-path":
        return Portal(serve_folder(built / "host") + "cuoc-thi/", True)
    return Portal((built / "offline").as_uri() + "/", False)


@pytest.fixture
def page(browser, portal):
    """A fresh page that records every request leaving the machine (there must be none)."""
    context = browser.new_context()
    context.outside = []
    context.route(
        "**/*",
        lambda route: (
            (context.outside.append(route.request.url), route.abort())
            if not portal.is_local(route.request.url)
            else route.continue_()
        ),
    )
    tab = context.new_page()
    tab.outside = context.outside
    tab.missing = []  # local files the pages ask for and the site does not have
    tab.on("response", lambda response: tab.missing.append(response.url) if response.status >= 400 else None)
    # from file:// a missing file gives no response, only a failed request (outside ones are aborted on purpose)
    # (a video whose loading is cancelled when the test moves on fails with ERR_ABORTED: not missing)
    tab.on(
        "requestfailed",
        lambda request: (
            tab.missing.append(f"{request.url} {request.failure}")
            if portal.is_local(request.url) and "ERR_ABORTED" not in (request.failure or "")
            else None
        ),
    )
    yield tab
    context.close()


def _visible_titles(page) -> list[str]:
    return page.eval_on_selector_all(".cp-card:not([hidden]) .cp-card__title", "els => els.map(e => e.textContent)")


MAIN_PAGES = [
    ("", "Trang chủ"),
    ("2024-vinh-linh/", "Cuộc thi"),
    ("2024-vinh-linh/the-le/", "Thể lệ"),
    ("2024-vinh-linh/ket-qua/", "Kết quả"),
    ("2024-vinh-linh/bai-du-thi/", "Tác phẩm dự thi"),
    ("2024-vinh-linh/bai-du-thi/vl-01/", VL01),
    ("luu-tru/", "Lưu trữ"),
    ("2024-bac-kan-tu-phap/tin-tuc/", "Tin tức"),
    ("2024-vinh-linh/tin-tuc/2024-09-10-cong-bo-ket-qua/", "Công bố kết quả"),
    ("en/2024-vinh-linh/ket-qua/", "Results"),
]


def test_main_pages_render_with_no_outside_request(page, portal):
    for path, expected in MAIN_PAGES:
        response = page.goto(portal.url(path))
        assert response is None or response.ok, path  # file:// gives no response object
        page.wait_for_load_state("load")
        assert page.locator("h1").first.is_visible(), path
        assert expected.lower() in (page.title() + page.inner_text("article")).lower(), path
        page.wait_for_timeout(200)  # the theme fetches its search index and sitemap after load
    assert page.outside == []
    assert page.missing == []


def test_links_written_in_a_news_post_lead_to_the_pages(page, portal):
    for path in (
        "2024-vinh-linh/tin-tuc/2024-09-10-cong-bo-ket-qua/",
        "en/2024-vinh-linh/tin-tuc/2024-09-10-cong-bo-ket-qua/",
    ):
        page.goto(portal.url(path))
        page.click("article .cp-news-post a[href*='ket-qua']")
        page.wait_for_load_state("load")
        assert page.url == portal.url(path.split("tin-tuc/")[0] + "ket-qua/")
        assert page.locator(".cp-prize-winners, table").count() > 0
    assert page.missing == []


def test_results_page_lists_the_prize_winners(page, portal):
    page.goto(portal.url("2024-vinh-linh/ket-qua/"))
    text = page.inner_text("article")
    assert "Giải Nhất" in text and VL01 in text


def test_gallery_filter_narrows_the_cards(page, portal):
    page.goto(portal.url("2024-vinh-linh/bai-du-thi/"))
    assert len(_visible_titles(page)) == VINH_LINH_ENTRIES
    page.select_option("#cp-unit", "tt-ho-xa")
    assert _visible_titles(page) == [VL01]
    assert page.inner_text(".cp-count") == f"Hiển thị 1/{VINH_LINH_ENTRIES} tác phẩm"
    page.select_option("#cp-unit", "")
    page.select_option("#cp-prize", "*")
    winners = _visible_titles(page)
    assert 0 < len(winners) < VINH_LINH_ENTRIES
    page.select_option("#cp-prize", "")
    page.select_option("#cp-sort", "votes")
    votes = page.eval_on_selector_all(".cp-card", "els => els.map(e => +e.dataset.votes)")
    assert votes == sorted(votes, reverse=True) and len(set(votes)) > 1
    assert page.outside == []


def test_gallery_search_with_and_without_diacritics(page, portal):
    page.goto(portal.url("2024-vinh-linh/bai-du-thi/"))
    for query in (
        "dich vu cong truc tuyen",
        "Dịch vụ công trực tuyến",
        "DICH VU CONG",
        "le thi hong nhung",
        "Hồ Xá",
    ):  # title, author, unit
        page.fill("#cp-q", query)
        assert _visible_titles(page) == [VL01], query
    page.fill("#cp-q", "khong co tac pham nay")
    assert _visible_titles(page) == []
    assert page.locator("[data-cp-no-match]").is_visible()


def _theme_search(page, portal, query: str) -> str:
    """The offline build's search (the theme's, lunr): the address of the first result for ``query``."""
    page.goto(portal.url(""))  # a fresh page for each query: no result left over from the last one
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.fill(".md-search__input", query)
    first = page.locator(".md-search-result__item a").first
    for _ in range(10):
        try:
            first.wait_for(timeout=1500)
            break
        except PlaywrightTimeout:
            # the theme builds its index in a worker after load and ignores what was typed before: type once more
            page.keyboard.press("End")
            page.keyboard.type(" ")
            page.keyboard.press("Backspace")
    return first.get_attribute("href")


def _header_search(page, query: str) -> list[str]:
    """Open the header's search on the current page, type ``query``; the addresses of the results."""
    if page.locator(".cp-search__panel").is_hidden():
        page.click(".cp-search__open")
    page.fill(".cp-search__input", query)
    page.wait_for_function(
        "q => document.querySelector('.cp-search__results').dataset.query === q", arg=query.strip(), timeout=15000
    )
    return page.eval_on_selector_all(".cp-search__result a", "els => els.map(e => e.getAttribute('href'))")


# (query, the entry found first): without diacritics, in upper case, "d" for "đ" (Đăng, đồng), the new
# tone placement ("hoà") for the old one of the title ("Hòa"), and exactly as written
VIETNAMESE_QUERIES = [
    ("dich vu cong truc tuyen", "2024-vinh-linh/bai-du-thi/vl-01/"),
    ("DỊCH VỤ CÔNG TRỰC TUYẾN", "2024-vinh-linh/bai-du-thi/vl-01/"),
    ("dang ky khai sinh truc tuyen", "2024-bac-kan-tu-phap/bai-du-thi/bk-02/"),
    ("DANG KY KHAI SINH", "2024-bac-kan-tu-phap/bai-du-thi/bk-02/"),
    ("Đăng ký khai sinh", "2024-bac-kan-tu-phap/bai-du-thi/bk-02/"),
    ("hoà giải ở cơ sở", "2024-bac-kan-tu-phap/bai-du-thi/bk-07/"),
    ("ba be dong hanh", "2024-bac-kan-tu-phap/bai-du-thi/bk-04/"),
]


def test_site_search_finds_entries_as_people_type_them(page, portal):
    if portal.base.startswith("file:"):
        # Pagefind cannot run from file://: the offline build keeps the theme's search (and the galleries')
        page.goto(portal.url(""))
        assert page.locator(".cp-search__open").count() == 0
        for query in ("dich vu cong truc tuyen", "dịch vụ công trực tuyến"):
            assert "vl-01" in _theme_search(page, portal, query), query
        assert page.outside == []
        return
    page.goto(portal.url("2024-vinh-linh/the-le/"))
    assert page.locator(".md-search__input").count() == 0  # one search box: the theme's is off
    for query, expected in VIETNAMESE_QUERIES:
        found = _header_search(page, query)
        assert found and found[0] == urlsplit(portal.url(expected)).path, (query, found)
    # what a result shows: title, contest and year, unit, the poster
    page.fill(".cp-search__input", "")
    _header_search(page, "Đăng ký khai sinh trực tuyến – dễ như bấm điện thoại")
    first = page.locator(".cp-search__result").first
    assert first.locator(".cp-search__title").inner_text() == "Đăng ký khai sinh trực tuyến – dễ như bấm điện thoại"
    assert first.locator(".cp-search__facts").inner_text() == (
        "Thiết kế Video tuyên truyền cải cách hành chính, chuyển đổi số Ngành Tư pháp năm 2024 · UBND xã Nông Thượng"
    )
    first.locator("img.cp-search__thumb").evaluate("img => img.decode()")  # fails if the poster is not found
    assert first.locator("img.cp-search__thumb").evaluate("img => img.naturalWidth") > 0
    first.locator("a").click()
    page.wait_for_url("**/bk-02/")
    assert page.outside == [] and page.missing == []


def test_an_entry_without_a_poster_shows_no_other_entrys_picture_in_the_search(page, portal):
    """bk-07 is on YouTube only: no poster. Its page lists the unit's other entries with their pictures
    (bk-02's among them); its search result shows no picture, not one of theirs, and a phrase of
    bk-02's title finds bk-02 but not the pages that merely list it."""
    if portal.base.startswith("file:"):
        pytest.skip("the offline build has the theme's search, without pictures")
    bk07, bk02 = (urlsplit(portal.url(f"2024-bac-kan-tu-phap/bai-du-thi/{slug}/")).path for slug in ("bk-07", "bk-02"))
    page.goto(portal.url("2024-bac-kan-tu-phap/bai-du-thi/bk-07/"))
    assert page.locator(".cp-same-unit img").count() > 0  # the pictures that were taken for its own
    page.goto(portal.url(""))
    assert _header_search(page, "hoà giải ở cơ sở")[0] == bk07
    result = page.locator(".cp-search__result").first
    assert result.locator(".cp-search__title").inner_text().startswith("Hòa giải")
    assert result.locator("img").count() == 0
    found = _header_search(page, "dễ như bấm điện thoại")
    assert found[0] == bk02 and not [other for other in found[1:] if "/bai-du-thi/" in other], found
    assert page.locator(".cp-search__result").first.locator("img.cp-search__thumb").count() == 1
    assert page.outside == [] and page.missing == []


def test_site_search_filters_by_contest_and_unit(page, portal):
    if portal.base.startswith("file:"):
        pytest.skip("the offline build has the theme's search, without filters")
    page.goto(portal.url(""))
    assert len(_header_search(page, "truc tuyen")) > 2
    unit = page.locator(".cp-search__filter").nth(1)
    unit.select_option("UBND thị trấn Hồ Xá")
    page.wait_for_timeout(600)
    found = page.eval_on_selector_all(".cp-search__result a", "els => els.map(e => e.getAttribute('href'))")
    assert found == [urlsplit(portal.url("2024-vinh-linh/bai-du-thi/vl-01/")).path]
    contest = page.locator(".cp-search__filter").nth(0)
    unit.select_option("")
    contest.select_option("Thiết kế Video tuyên truyền cải cách hành chính, chuyển đổi số Ngành Tư pháp năm 2024")
    page.wait_for_timeout(600)
    found = page.eval_on_selector_all(".cp-search__result a", "els => els.map(e => e.getAttribute('href'))")
    assert found and all("/2024-bac-kan-tu-phap/bai-du-thi/" in url for url in found), found


def test_english_pages_search_the_english_index(page, portal):
    if portal.base.startswith("file:"):
        pytest.skip("the offline build has the theme's search")
    page.goto(portal.url("en/2024-vinh-linh/the-le/"))
    assert page.locator(".cp-search__open").get_attribute("aria-label") == "Search the portal"
    found = _header_search(page, "results")
    assert found and all(urlsplit(portal.url("en/")).path in url for url in found), found
    assert page.inner_text(".cp-search__status").endswith("results")


def test_site_search_by_keyboard_loads_nothing_before_it_is_opened(page, portal):
    if portal.base.startswith("file:"):
        pytest.skip("the offline build has the theme's search")
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(portal.url("2024-vinh-linh/"))
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    assert not [url for url in fetched if "/pagefind/" in url]  # nothing of the index before the search opens
    for _ in range(40):  # Tab through the header until the search button has the focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('cp-search__open')"):
            break
    else:
        pytest.fail("the search button cannot be reached with the keyboard")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "cp-search-q"
    assert page.get_attribute(".cp-search__open", "aria-expanded") == "true"
    page.keyboard.type("dich vu cong")
    page.wait_for_selector(".cp-search__result a")
    page.keyboard.press("Tab")  # (the close button, then the filters, then the results)
    page.keyboard.press("Escape")
    assert page.locator(".cp-search__panel").is_hidden()
    assert page.evaluate("document.activeElement.classList.contains('cp-search__open')")
    assert [url for url in fetched if "/pagefind/" in url]


def test_entry_video_reports_the_file_duration(page, portal):
    page.goto(portal.url("2024-vinh-linh/bai-du-thi/vl-01/"))
    duration = page.evaluate(VIDEO_DURATION_JS, "video.cp-player")
    assert duration == pytest.approx(320, abs=0.5)
    assert page.eval_on_selector("video.cp-player", "v => v.poster") != ""


def test_an_entry_exported_with_the_index_at_the_end_plays_its_web_rendition(page, portal):
    """bk-02 was exported with ``moov`` at the end: the page plays its web copy (the streams copied
    with the index first), which the browser decodes with the original's duration and 1920x1080 frames."""
    page.goto(portal.url("2024-bac-kan-tu-phap/bai-du-thi/bk-02/"))
    facts = page.evaluate("""() => new Promise((resolve, reject) => {
        const video = document.querySelector('video.cp-player');
        const done = () => resolve([video.currentSrc, video.duration, video.videoWidth, video.videoHeight]);
        if (video.readyState >= 1) done();
        video.addEventListener('loadedmetadata', done);
        video.addEventListener('error', () => reject('video error'));
    })""")
    src, duration, width, height = facts
    assert src.endswith("/bk-02/video.web.mp4")
    assert duration == pytest.approx(120, abs=0.5) and (width, height) == (1920, 1080)


def test_entry_video_has_captions(page, portal):
    page.goto(portal.url("2024-vinh-linh/bai-du-thi/vl-06/"))
    cues = page.evaluate("""() => new Promise((resolve, reject) => {
        const track = document.querySelector('video.cp-player track');
        track.track.mode = 'showing';
        const done = () => resolve(Array.from(track.track.cues).map(c => c.text));
        if (track.readyState === 2) done();
        else if (track.readyState === 3) reject('track error');
        track.addEventListener('load', done);
        track.addEventListener('error', () => reject('track error'));
        setTimeout(() => reject('no subtitles after 10 s'), 10000);
    })""")
    assert cues[0] == "Tiểu phẩm: Bác Ba đi làm giấy khai sinh" and len(cues) == 2


def test_a_shared_filtered_gallery_opens_filtered(page, portal):
    page.goto(portal.url("2024-vinh-linh/bai-du-thi/"))
    page.fill("#cp-q", "ho xa")
    page.select_option("#cp-sort", "title")
    shared = page.url  # the address now holds the choices
    assert "tim=ho+xa" in shared and "sort=title" in shared
    page.goto("about:blank")
    page.goto(shared)
    assert _visible_titles(page) == [VL01] and page.input_value("#cp-q") == "ho xa"
    # the theme's own search (its "q" parameter; the offline build's search) is not opened over the gallery
    if portal.base.startswith("file:"):
        assert not page.locator(".md-search__input").evaluate("e => e === document.activeElement")
    assert page.locator("[data-md-toggle=search]").is_checked() is False
    assert page.locator(".cp-search__panel").count() == 0 or page.locator(".cp-search__panel").is_hidden()


def test_gallery_search_by_keyboard(page, portal):
    page.goto(portal.url("2024-vinh-linh/bai-du-thi/"))
    for _ in range(60):  # Tab through the page until the search box has the focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "cp-q":
            break
    else:
        pytest.fail("the gallery search box cannot be reached with the keyboard")
    page.keyboard.type("vneid")
    assert _visible_titles(page) == ["Tài khoản định danh điện tử VNeID – tiện ích cho mọi người"]
    page.keyboard.press("Tab")  # on to the filters
    assert page.evaluate("document.activeElement.tagName") == "SELECT"


def test_phase_banner_and_countdown_follow_a_fixed_today(page, portal):
    # the build fixed "today" at FIXED_TODAY; the browser's clock is set to the same moment
    page.clock.set_fixed_time(datetime.fromisoformat(f"{FIXED_TODAY}T00:00:00+07:00"))
    page.goto(portal.url("2024-bac-kan-tu-phap/"))
    banner = page.inner_text(".cp-phase-banner")
    assert "Đang nhận tác phẩm" in banner and "Hạn cuối nhận tác phẩm: 17:00 ngày 30/09/2024" in banner
    assert page.inner_text(".cp-countdown") == "Còn 10 ngày 17 giờ 0 phút"
    page.goto(portal.url("2024-vinh-linh/"))
    assert "Đã công bố kết quả" in page.inner_text(".cp-phase-banner")
    assert page.locator(".cp-countdown").count() == 0


def test_youtube_entry_loads_nothing_from_youtube_before_the_click(page, portal):
    page.goto(portal.url("2024-bac-kan-tu-phap/bai-du-thi/bk-07/"))
    page.wait_for_load_state("load")
    assert page.outside == []
    assert page.locator("iframe.cp-embed__frame").count() == 0  # (the offline search has a hidden iframe)
    page.click(".cp-embed__play")
    frame = page.locator("iframe.cp-embed__frame")
    frame.wait_for(state="attached")
    assert frame.get_attribute("src").startswith("https://www.youtube-nocookie.com/embed/M7lc1UVf-VE")
    page.wait_for_timeout(300)
    assert page.outside and all("youtube-nocookie.com" in url for url in page.outside)


def test_language_switch_leads_to_the_same_page(page, portal):
    page.goto(portal.url("2024-vinh-linh/the-le/"))
    page.click(".cp-lang-switch a")
    page.wait_for_load_state("load")
    assert page.url == portal.url("en/2024-vinh-linh/the-le/")
    assert page.get_attribute("html", "lang") == "en" and page.title().startswith("Rules")
    page.click(".cp-lang-switch a")
    page.wait_for_load_state("load")
    assert page.url == portal.url("2024-vinh-linh/the-le/") and page.get_attribute("html", "lang") == "vi"
    assert page.outside == []


def test_gallery_without_javascript_lists_every_entry(browser, portal):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(portal.url("2024-vinh-linh/bai-du-thi/"))
    assert len(_visible_titles(page)) == VINH_LINH_ENTRIES
    assert not page.locator(".cp-filters").is_visible()
    assert page.inner_text(".cp-count") == f"Có {VINH_LINH_ENTRIES} tác phẩm"
    context.close()


# --- once, at the site root ------------------------------------------------------------------


@pytest.fixture
def root_portal(built, serve_folder):
    return Portal(serve_folder(built / "site"), True)


AXE_PAGES = [
    "",
    "2024-vinh-linh/",
    "2024-vinh-linh/the-le/",
    "2024-vinh-linh/bai-du-thi/",
    "2024-vinh-linh/bai-du-thi/vl-01/",
    "2024-vinh-linh/ket-qua/",
    "2024-bac-kan-tu-phap/",
    "2024-bac-kan-tu-phap/bai-du-thi/bk-07/",
    "2024-bac-kan-tu-phap/tin-tuc/",
    "luu-tru/",
    "ma-loi/",
    "en/2024-vinh-linh/bai-du-thi/",
    "en/2024-vinh-linh/ket-qua/",
]


def test_axe_finds_no_serious_accessibility_violation(browser, root_portal):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page = browser.new_page()
    found = {}
    for path in AXE_PAGES:
        page.goto(root_portal.url(path))
        results = axe.run(page)
        serious = [
            f"{v['id']}: {v['help']} ({len(v['nodes'])}× e.g. {v['nodes'][0]['target']})"
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        if serious:
            found[path] = serious
    page.close()
    assert found == {}


def test_phone_sized_gallery_screenshot(browser, root_portal):
    from PIL import Image

    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=1, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.goto(root_portal.url("2024-vinh-linh/bai-du-thi/"))
    page.wait_for_load_state("networkidle")
    boxes = [page.locator(".cp-card").nth(i).bounding_box() for i in range(2)]
    assert boxes[0]["x"] == boxes[1]["x"] and boxes[1]["y"] > boxes[0]["y"]  # one column on a phone
    assert boxes[0]["width"] <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the screen
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "thu-vien-dien-thoai.png"
    page.screenshot(path=str(shot), full_page=True)
    context.close()
    with Image.open(shot) as image:
        assert image.width == 390 and image.height > 844


# every kind of page the portal makes (and the hand-written ones it styles), in both languages
PAGE_TYPES = [
    "",
    "2024-vinh-linh/",
    "2024-bac-kan-tu-phap/",
    "2024-vinh-linh/the-le/",
    "2024-bac-kan-tu-phap/the-le/",
    "2024-vinh-linh/bai-du-thi/",
    "2024-vinh-linh/bai-du-thi/vl-01/",
    "2024-bac-kan-tu-phap/bai-du-thi/bk-07/",
    "2024-vinh-linh/ket-qua/",
    "2024-bac-kan-tu-phap/ket-qua/",
    "2024-vinh-linh/tin-tuc/",
    "2024-vinh-linh/tin-tuc/2024-09-10-cong-bo-ket-qua/",
    "2024-vinh-linh/giay-chung-nhan/giai-nhat-1/",
    "luu-tru/",
    "ma-loi/",
    "huong-dan/",
    "gioi-thieu/",
    "en/",
    "en/2024-vinh-linh/the-le/",
    "en/2024-vinh-linh/ket-qua/",
    "en/2024-vinh-linh/bai-du-thi/vl-01/",
]


def test_no_page_is_wider_than_a_small_phone(browser, root_portal):
    """At 360 px no page scrolls sideways: wide tables scroll inside their own box instead."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    wide = {}
    for path in PAGE_TYPES:
        response = page.goto(root_portal.url(path))
        assert response.ok, path
        page.wait_for_load_state("load")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            wide[path] = width
    # the six-column prize table is its box's business: it scrolls there, its first column stays put,
    # and no cell is squeezed to one word per line (a prize name keeps at least 7 em)
    page.goto(root_portal.url("2024-vinh-linh/the-le/"))
    box = page.locator(".cp-table:has(.cp-prizes)")
    assert box.evaluate("e => e.scrollWidth > e.clientWidth")  # it scrolls inside
    assert box.evaluate("e => getComputedStyle(e).overflowX") == "auto"
    first = page.locator(".cp-prizes tbody td").first
    assert first.evaluate("e => getComputedStyle(e).position") == "sticky"
    assert first.evaluate("e => e.getBoundingClientRect().width") >= 7 * 14  # 7 em of the table's 14 px text
    page.goto(root_portal.url("2024-vinh-linh/ket-qua/"))
    score = page.locator(".cp-ranking tbody tr:first-child td.cp-num").nth(1)
    assert score.inner_text() == "90,00"  # the first-ranked entry's score, written the Vietnamese way
    assert score.evaluate("e => getComputedStyle(e).textAlign") == "right"
    context.close()
    assert wide == {}


def test_a_certificate_prints_on_one_a4_landscape_page(browser, root_portal):
    """The print preview as the office prints it: one certificate, one A4 sheet across (842 × 595 pt)."""
    import io

    from pypdf import PdfReader

    page = browser.new_page()
    try:
        page.goto(root_portal.url("2024-vinh-linh/giay-chung-nhan/giai-nhat-1/"))
        page.emulate_media(media="print")
        assert page.locator(".md-header").is_hidden()  # the site's chrome is not printed
        pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    finally:
        page.close()
    assert len(pdf.pages) == 1
    box = pdf.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)
    assert "GiảiNhất" in pdf.pages[0].extract_text().replace(" ", "")  # (the PDF spaces out combined letters)
