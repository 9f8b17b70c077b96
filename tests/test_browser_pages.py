"""The built sample portal in headless Chromium: it plays videos and its pages satisfy their CSP."""

from __future__ import annotations

import pytest

import build as cli
from contest_portal.publish.headers import read_headers_file

from .conftest import FIXED_TODAY

pytestmark = pytest.mark.browser

PAGES = [
    "",
    "2024-vinh-linh/",
    "2024-vinh-linh/the-le/",
    "2024-vinh-linh/bai-du-thi/",
    "2024-vinh-linh/bai-du-thi/vl-01/",
    "2024-vinh-linh/ket-qua/",
    "luu-tru/",
    "ma-loi/",
]

WATCH = """() => {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation',
    e => window.__violations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));
}"""


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("browser") / "site"
    assert cli.main(["build", "--site-dir", str(site), "--today", FIXED_TODAY]) == 0
    return site


def test_pages_satisfy_the_content_security_policy(sample_site, browser, serve_folder):
    headers = read_headers_file(sample_site / "_headers")
    assert "'unsafe-inline'" not in headers["Content-Security-Policy"].split("script-src")[1].split(";")[0]
    base = serve_folder(sample_site, headers)
    context = browser.new_context()
    context.add_init_script(f"({WATCH})()")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    for path in PAGES:
        response = page.goto(base + path)
        assert response.status == 200
        assert response.headers["content-security-policy"] == headers["Content-Security-Policy"]
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__violations") == [], path
    context.close()
    assert [e for e in errors if "Content Security Policy" in e] == []


def test_the_site_search_runs_under_the_policy(sample_site, browser, serve_folder):
    """Pagefind's script, worker and WebAssembly are allowed by the site's own policy ('wasm-unsafe-eval')."""
    headers = read_headers_file(sample_site / "_headers")
    assert "'wasm-unsafe-eval'" in headers["Content-Security-Policy"].split("script-src")[1].split(";")[0]
    context = browser.new_context()
    context.add_init_script(f"({WATCH})()")
    page = context.new_page()
    page.goto(serve_folder(sample_site, headers) + "2024-vinh-linh/the-le/")
    page.click(".cp-search__open")
    page.fill(".cp-search__input", "dich vu cong truc tuyen")
    page.wait_for_function("() => document.querySelector('.cp-search__results').dataset.query")
    assert page.locator(".cp-search__result a").first.get_attribute("href") == "/2024-vinh-linh/bai-du-thi/vl-01/"
    assert page.evaluate("window.__violations") == []
    context.close()


@pytest.mark.parametrize("sub_path", ["", "cuoc-thi/"])
def test_the_not_found_page_has_the_search_box_and_it_finds_the_page(tree, tmp_path, browser, serve_folder, sub_path):
    """A host shows 404.html at any dead address: its header's search box loads Pagefind from the
    site's top (the path of site_url, "/" without one) and leads to the page that was looked for."""
    from .conftest import MINIMAL_ENTRY, write_mkdocs_yml

    tree.contest()
    tree.entry(slug="e-01")
    tree.entry(slug="e-02", text=MINIMAL_ENTRY.format(n="e-02").replace("Tác phẩm số e-02", "Đường làng ngõ xóm"))
    extra = f"site_url: https://cong.example.gov.vn/{sub_path}\n" if sub_path else ""
    host = tmp_path / "host"
    assert cli.main(["build", "-f", str(write_mkdocs_yml(tmp_path, extra=extra)), "-d", str(host / sub_path)]) == 0
    not_found = (host / sub_path / "404.html").read_text(encoding="utf-8")
    assert not_found.count('class="cp-search"') == 1 and f'data-root="/{sub_path}"' in not_found
    assert "data-pagefind-body" not in not_found  # the page itself is not found by the search
    base = serve_folder(host)
    context = browser.new_context()
    page = context.new_page()
    dead = f"{base}{sub_path}2025-thu-nghiem/bai-du-thi/khong-con/"  # a dead link, as a host serves it
    page.route(dead, lambda route: route.fulfill(status=404, body=not_found, content_type="text/html; charset=utf-8"))
    assert page.goto(dead).status == 404
    assert page.locator("h1").first.inner_text() == "Không tìm thấy trang"
    page.locator(".cp-search__open").focus()  # opened and used by keyboard, as on every page
    page.keyboard.press("Enter")
    page.keyboard.type("duong lang")
    page.wait_for_function("() => document.querySelector('.cp-search__results').dataset.query === 'duong lang'")
    found = page.locator(".cp-search__result a").first
    assert found.get_attribute("href") == f"/{sub_path}2025-thu-nghiem/bai-du-thi/e-02/"
    found.click()
    page.wait_for_url("**/e-02/")
    assert page.locator("h1").first.inner_text() == "Đường làng ngõ xóm"
    context.close()


def test_header_files_are_written(sample_site):
    assert "Content-Security-Policy" in (sample_site / ".htaccess").read_text()
    assert "add_header Content-Security-Policy" in (sample_site / "nginx-security-headers.conf").read_text()


def test_guide_screenshots_come_from_the_built_site(sample_site, browser, tmp_path):
    from PIL import Image

    from tools.screenshots import SHOTS, take_screenshots

    made = take_screenshots(sample_site, tmp_path / "anh", browser)
    assert [p.name for p in made] == [name for name, *_ in SHOTS]
    with Image.open(tmp_path / "anh" / "tac-pham-dien-thoai.png") as phone:
        assert phone.size == (390, 844)  # the phone-sized gallery, kept as a test artifact
    guide = (sample_site / "huong-dan" / "index.html").read_text(encoding="utf-8")
    for name, *_ in SHOTS:
        assert f"anh/{name}" in guide
        assert (sample_site / "huong-dan" / "anh" / name).is_file()
