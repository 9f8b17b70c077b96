"""The sample portal on a 390 x 844 phone in headless Chromium, as a tester found it: each finding
checked the way a visitor would notice it."""

from __future__ import annotations

import pytest

import build as cli

from .conftest import FIXED_TODAY

pytestmark = pytest.mark.browser

RESULTS = "2024-vinh-linh/ket-qua/"
#: the winners of the sample's Vinh Linh contest, as its results.yml and judging give them (by hand)
WINNERS = {
    "giai-giai-nhat": ["Nông dân Kim Thạch bán hàng trên sàn thương mại điện tử"],
    "giai-giai-nhi": ["Bộ phận Một cửa hiện đại ở xã Vĩnh Giang"],
    "giai-giai-ba": [
        "Tiểu phẩm: Bác Ba đi làm giấy khai sinh",
        "Dịch vụ công trực tuyến – người dân không phải đi lại",
    ],
}


@pytest.fixture(scope="module")
def site_url(tmp_path_factory, browser):
    import functools
    import http.server
    import threading

    site = tmp_path_factory.mktemp("phone") / "site"
    assert cli.main(["build", "--site-dir", str(site), "--today", FIXED_TODAY]) == 0

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


def test_the_theme_script_is_not_loaded_and_back_to_top_says_so(site_url, phone):
    """The theme's 35 KB script bundle is left out (the page starts faster on a phone); the "back to
    top" button still appears when scrolling back up, says "Lên đầu trang" (the theme's Vietnamese said
    "Trở lại mục lục", back to the table of contents) and takes the visitor to the top."""
    scripts = []
    phone.on("request", lambda request: scripts.append(request.url) if request.resource_type == "script" else None)
    phone.goto(site_url + RESULTS)
    phone.wait_for_load_state("networkidle")
    assert not [url for url in scripts if "/javascripts/bundle." in url]
    top = phone.locator(".md-top")
    assert top.inner_text().strip() == "Lên đầu trang"
    assert top.evaluate("e => e.hidden")  # (the theme fades it out: still in the layout)
    phone.mouse.wheel(0, 2500)
    phone.wait_for_function("window.scrollY > 2000")
    phone.mouse.wheel(0, -300)
    phone.wait_for_function("!document.querySelector('.md-top').hidden")
    top.click()
    phone.wait_for_function("window.scrollY === 0")
    phone.goto(site_url + "en/" + RESULTS)
    assert phone.locator(".md-top").inner_text().strip() == "Back to top"


def test_each_winner_is_shown_once_on_the_results_page(site_url, phone):
    """A prize's winners are cards with their poster, authors and score; no table repeats them."""
    phone.goto(site_url + RESULTS)
    for tier, titles in WINNERS.items():
        section = phone.locator(f"#{tier}")
        assert section.locator(".cp-card__title").all_inner_texts() == titles
        assert section.locator("table").count() == 0
    first = phone.locator("#giai-giai-nhat .cp-card")
    assert "Phạm Văn Hùng" in first.locator(".cp-card__authors").inner_text()
    assert first.locator(".cp-card__score").inner_text().startswith("Điểm: 90,00")
    assert first.get_by_role("link", name="In giấy chứng nhận").count() == 1
    # the page the tester measured at 6,800 px (cards, and every prize again as a table)
    assert phone.evaluate("document.documentElement.scrollHeight") < 5600


def test_a_table_wider_than_the_phone_says_it_scrolls(site_url, phone):
    """The ranking (5 columns) is wider than a phone: a shadow and a "swipe" hint show it, its region's
    name says it, and the hint goes once the table is scrolled to its end."""
    phone.goto(site_url + RESULTS)
    box = phone.locator("#xep-hang .cp-table-box")
    hint = box.locator(".cp-scroll-hint")
    assert hint.is_visible() and hint.inner_text() == "Vuốt ngang để xem thêm cột"
    # above the table, not over its header cells (a tester saw it cover "Điểm" and "Lượt bình chọn"),
    # nor over the section's heading (a tester saw it cover "Bảng xếp hạng", "Tổng hợp theo đơn vị")
    header = box.locator("thead").bounding_box()
    assert hint.bounding_box()["y"] + hint.bounding_box()["height"] <= header["y"] + 1
    for section in ("#xep-hang", "#theo-don-vi"):
        heading = phone.locator(f"{section} h2").bounding_box()
        shown = phone.locator(f"{section} .cp-scroll-hint")
        assert shown.is_visible() and shown.bounding_box()["y"] >= heading["y"] + heading["height"] - 1, section
    assert "cp-table-box--more" in box.get_attribute("class")
    shadow = box.evaluate("b => getComputedStyle(b, '::after').backgroundImage")
    assert shadow.startswith("linear-gradient")
    scroller = box.locator(".cp-table")
    assert scroller.get_attribute("aria-label") == "Bảng xếp hạng – Vuốt ngang để xem thêm cột"
    scroller.evaluate("s => s.scrollTo(s.scrollWidth, 0)")
    phone.wait_for_function("document.querySelector('#xep-hang .cp-scroll-hint').hidden")
    assert "cp-table-box--more" not in box.get_attribute("class")
    # a table that fits says nothing
    phone.set_viewport_size({"width": 1280, "height": 900})
    phone.goto(site_url + RESULTS)
    assert phone.locator("#xep-hang .cp-scroll-hint").is_hidden()
    assert phone.locator("#xep-hang .cp-table").get_attribute("aria-label") == "Bảng xếp hạng"


def test_the_portal_name_is_not_cut_in_the_header(site_url, phone):
    for path in ("", "en/"):
        phone.goto(site_url + path + RESULTS)
        name = phone.locator(".md-header__topic").first.locator(".md-ellipsis")
        expected = "Cổng cuộc thi cải cách hành chính" if not path else "Administrative reform contests portal"
        assert name.inner_text().replace("\n", " ").strip() == expected
        cut = name.evaluate("e => e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1")
        assert not cut, path


def test_the_gallery_search_hint_is_not_cut(site_url, phone):
    """The search box's placeholder fits the box (the way to type, with or without diacritics, is in
    its label above)."""
    for path, label in (
        ("", "Tìm theo tên, đơn vị, tác giả (gõ có dấu hoặc không dấu)"),
        ("en/", "Search by title, unit or author (with or without diacritics)"),
    ):
        phone.goto(site_url + path + "2024-vinh-linh/bai-du-thi/")
        field = phone.locator("#cp-q")
        assert phone.locator("label[for=cp-q]").inner_text() == label
        fits = field.evaluate("""f => {
            const style = getComputedStyle(f);
            const context = document.createElement('canvas').getContext('2d');
            context.font = style.font;
            const room = f.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
            return context.measureText(f.placeholder).width <= room;
        }""")
        assert fits, path


def test_the_gallery_is_in_a_contests_phone_menu(site_url, phone):
    """From the menu (the drawer of a phone), Cuộc thi → the contest → Tác phẩm dự thi opens its gallery."""
    phone.goto(site_url)
    phone.locator("label.md-header__button[for=__drawer]").click()
    drawer = phone.locator("nav.md-nav--primary")
    drawer.get_by_text("Cuộc thi", exact=True).first.click()
    drawer.get_by_text("2024 – Video CCHC Vĩnh Linh 2024").first.click()
    drawer.locator("a[href='2024-vinh-linh/bai-du-thi/']").click()
    phone.wait_for_url("**/2024-vinh-linh/bai-du-thi/")
    assert phone.locator("h1").inner_text() == "Tác phẩm dự thi"


def test_the_entry_player_keeps_its_shape_before_the_poster_and_video_arrive(site_url, phone):
    """On a slow link the poster and the video come after the first paint: the player is drawn 16:9
    (its video's shape) from the start, so nothing below it moves when they arrive."""
    held = []
    phone.route("**/poster-*.jpg", lambda route: held.append(route))
    phone.route("**/*.mp4", lambda route: held.append(route))
    phone.add_init_script("""window.__shift = 0; new PerformanceObserver(list => {
        for (const e of list.getEntries()) window.__shift += e.value; }).observe({type: "layout-shift", buffered: true});""")
    phone.goto(site_url + "2024-vinh-linh/bai-du-thi/vl-01/", wait_until="domcontentloaded")
    box = phone.locator("video.cp-player").bounding_box()
    assert box["width"] == 390 and abs(box["height"] - 390 * 720 / 1280) < 1  # not 2:1 (195 px) until then
    for route in held:
        route.continue_()
    phone.wait_for_function("document.querySelector('video.cp-player').readyState >= 1")
    assert phone.locator("video.cp-player").bounding_box()["height"] == box["height"]
    assert phone.evaluate("window.__shift") < 0.01
