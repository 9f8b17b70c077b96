"""Issue 33, faults 3 and 6: the deployed site served by a real nginx, under a sub-path.

The README's deploy: ``rsync -a site/ server:/var/www/html/cuoc-thi/`` and, for nginx,
``include …/cuoc-thi/nginx-security-headers.conf;`` in the server block.  Debian's nginx runs
here with its worker as ``nobody`` (when the tests run as root, as in CI), so every file and
folder of the site must be readable by another user (fault 3); the header file's rules must
match under the sub-path and keep the build's own files from being served (fault 6).
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import quote

import pytest

import build as cli
from contest_portal.publish.staging import staged_publish

from .conftest import ContestTree, write_mkdocs_yml
from .nginx_server import Nginx

SITE_URL = "https://portal.example.gov.vn/cuoc-thi/"
EMBED_ORIGIN = "https://vinhlinh.quangtri.gov.vn"
#: the build's own files at the site's top, answered 403 (denied) or 404, never 200
NOT_SERVED = ["_headers", ".htaccess", "nginx-security-headers.conf", ".contest-portal-site"]

pytestmark = pytest.mark.skipif(
    shutil.which("nginx") is None or shutil.which("rsync") is None,
    reason="nginx and rsync are Debian packages .ci/run installs",
)


@pytest.fixture(scope="module")
def built(tmp_path_factory, tiny_video) -> Path:
    """The site of a one-contest portal in two languages, built for SITE_URL with an embed origin."""
    project = tmp_path_factory.mktemp("deploy")
    tree = ContestTree(project / "entries", tiny_video)
    tree.contest()
    tree.entry()
    config = write_mkdocs_yml(
        project, extra=(f"      embed_origins: [{EMBED_ORIGIN}]\n      languages: [vi, en]\nsite_url: {SITE_URL}\n")
    )
    site = project / "site"
    assert cli.main(["build", "-f", str(config), "-d", str(site)]) == 0
    return site


@pytest.fixture(scope="module")
def server(built):
    """nginx serving the rsync'd copy at /cuoc-thi/ (the host's web root is readable by all, as
    /var/www is; the pytest folders are not), with the build's nginx file included."""
    www = Path(tempfile.mkdtemp(prefix="contest-portal-www-"))
    try:
        www.chmod(0o755)
        subprocess.run(["rsync", "-a", f"{built}/", f"{www / 'cuoc-thi'}/"], check=True)
        nginx = Nginx(
            www, www.with_name(www.name + "-nginx"), f"    include {www / 'cuoc-thi' / 'nginx-security-headers.conf'};"
        )
        try:
            yield nginx, www / "cuoc-thi"
        finally:
            nginx.stop()
    finally:
        shutil.rmtree(www, ignore_errors=True)
        shutil.rmtree(www.with_name(www.name + "-nginx"), ignore_errors=True)


def test_every_file_of_the_site_has_the_usual_readable_modes(built):
    umask = os.umask(0)
    os.umask(umask)
    # 0755 and 0644 under the usual umask 022 (the next test takes another one)
    folders, files_ = 0o777 & ~umask, 0o666 & ~umask
    for folder, _dirs, files in os.walk(built):
        assert stat.S_IMODE(os.stat(folder).st_mode) == folders, folder
        for name in files:
            assert stat.S_IMODE(os.stat(Path(folder, name)).st_mode) == files_, Path(folder, name)


def test_the_site_folder_follows_the_umask(tmp_path):
    saved = os.umask(0o027)  # a host that keeps others out on purpose
    try:
        with staged_publish(tmp_path / "site") as staging:
            (staging / "index.html").write_text("<!doctype html>", encoding="utf-8")
    finally:
        os.umask(saved)
    assert stat.S_IMODE(os.stat(tmp_path / "site").st_mode) == 0o750
    assert stat.S_IMODE(os.stat(tmp_path / "site" / "index.html").st_mode) == 0o640


def test_nginx_running_as_another_user_serves_every_file_of_the_deployed_copy(server):
    nginx, deployed = server
    if os.geteuid() == 0:
        assert nginx.worker_users() == {"nobody"}
    paths = []
    for folder, _dirs, files in os.walk(deployed):
        here = Path(folder).relative_to(deployed).as_posix()
        here = "" if here == "." else here + "/"
        paths += [here + name for name in files if here + name not in NOT_SERVED]
        if "index.html" in files:
            paths.append(here)  # the page's own address (directory URLs)
    assert len([p for p in paths if p.endswith("index.html")]) > 10 and any(p.endswith(".mp4") for p in paths)
    failed = {path: status for path in paths if (status := nginx.get("/cuoc-thi/" + quote(path))[0]) != 200}
    assert failed == {}, nginx.log()[-2000:]


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_under_a_sub_path_only_the_embeddable_views_may_be_framed_by_the_embed_origins(server, prefix):
    nginx, _ = server
    for view in (f"/cuoc-thi/{prefix}2025-thu-nghiem/nhung/", f"/cuoc-thi/{prefix}2025-thu-nghiem/nhung/e-01/"):
        status, headers, _ = nginx.get(view)
        assert status == 200
        assert headers["Content-Security-Policy"].endswith(f"frame-ancestors 'self' {EMBED_ORIGIN}"), view
        assert "X-Frame-Options" not in headers, view
    for page in (
        f"/cuoc-thi/{prefix}",
        f"/cuoc-thi/{prefix}2025-thu-nghiem/",
        f"/cuoc-thi/{prefix}2025-thu-nghiem/bai-du-thi/e-01/",
    ):
        status, headers, _ = nginx.get(page)
        assert status == 200
        assert headers["X-Frame-Options"] == "SAMEORIGIN", page
        assert headers["Content-Security-Policy"].endswith("frame-ancestors 'self'"), page


def test_the_build_files_are_not_served(server):
    nginx, deployed = server
    for name in NOT_SERVED:
        assert (deployed / name).is_file()
        assert nginx.get(f"/cuoc-thi/{name}")[0] in (403, 404), name


def test_the_apache_rules_match_the_views_under_the_sub_path(built):
    """No Apache here: its <If> pattern is checked as the regular expression it is (PCRE, the same
    syntax as Python's re for this pattern)."""
    htaccess = (built / ".htaccess").read_text(encoding="utf-8")
    [pattern] = re.findall(r'<If "%\{REQUEST_URI\} =~ m#(.+?)#">', htaccess)
    assert re.search(pattern, "/cuoc-thi/2025-thu-nghiem/nhung/")
    assert re.search(pattern, "/cuoc-thi/en/2025-thu-nghiem/nhung/e-01/")
    assert not re.search(pattern, "/2025-thu-nghiem/nhung/")  # the site is not at the root
    assert not re.search(pattern, "/cuoc-thi/2025-thu-nghiem/bai-du-thi/nhung/")  # an entry named Nhung
    [denied] = re.findall(r'<FilesMatch "(.+?)">\n  Require all denied', htaccess)
    assert all(re.fullmatch(denied, name) for name in NOT_SERVED)
    assert not re.fullmatch(denied, "index.html")
