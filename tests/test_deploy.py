"""The GitHub Pages workflow tests with Debian's Chromium, builds with the Pages address, deploys."""

from __future__ import annotations

import re

import yaml

from .conftest import ROOT


def test_pages_workflow_tests_builds_and_deploys():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    build = workflow["jobs"]["build"]
    assert "bookworm" in build["container"] and build["env"]["CI"] == "true"  # browser tests cannot skip
    steps = build["steps"]
    runs = "\n".join(step.get("run", "") for step in steps)
    assert "apt-get install -y -qq chromium" in runs and "pytest" in runs and "build.py validate" in runs
    site = next(step for step in steps if step.get("run") == "python build.py build")
    assert site["env"]["SITE_URL"].startswith("${{ steps.pages.outputs.base_url }}")
    uses = [step.get("uses", "") for step in steps]
    assert any(u.startswith("actions/upload-pages-artifact") for u in uses)
    assert (
        next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact"))["with"]["path"]
        == "test-artifacts/"
    )
    assert workflow["jobs"]["deploy"]["steps"][0]["uses"].startswith("actions/deploy-pages")


def test_rsync_with_checksums_sends_nothing_after_a_rebuild_of_the_same_data(tree, tmp_path):
    """The README's rsync deploy: a rebuild writes new files, but only changed bytes travel."""
    import shutil
    import subprocess

    import pytest

    import build as cli

    from .conftest import PAGEFIND_UNSTABLE, write_mkdocs_yml

    if shutil.which("rsync") is None:
        pytest.skip("rsync is not installed (.ci/run installs it)")
    tree.contest()
    tree.entry()
    config = write_mkdocs_yml(tmp_path, extra="      precompress: true\n")  # (its .gz and .br copies too)
    server = tmp_path / "server"

    def deploy(every_file: bool = False) -> list[str]:
        run = subprocess.run(
            ["rsync", "-avc", "--delete", "--itemize-changes", f"{tmp_path / 'site'}/", f"{server}/"],
            capture_output=True,
            text=True,
            check=True,
        )
        # files whose bytes were sent (but Pagefind's few files it does not write the same twice, once it
        # indexes again)
        return [
            line
            for line in run.stdout.splitlines()
            if line.startswith(">f") and (every_file or not re.fullmatch(PAGEFIND_UNSTABLE, line.split(" ", 1)[1]))
        ]

    assert cli.main(["build", "-f", str(config), "-d", str(tmp_path / "site")]) == 0
    assert len(deploy()) > 20
    assert cli.main(["build", "-f", str(config), "-d", str(tmp_path / "site")]) == 0
    assert deploy(every_file=True) == []  # not a byte: unchanged pages, the kept search bundle again
    (tree.root / "2025-thu-nghiem" / "e-01" / "entry.yml").write_text(
        (tree.root / "2025-thu-nghiem" / "e-01" / "entry.yml")
        .read_text(encoding="utf-8")
        .replace("Tác phẩm số", "Tác phẩm mới số", 1),
        encoding="utf-8",
    )
    assert cli.main(["build", "-f", str(config), "-d", str(tmp_path / "site")]) == 0
    sent = deploy()
    paths = [line.split(" ", 1)[1] for line in sent]
    plain = [path for path in paths if not path.endswith((".gz", ".br"))]
    assert "2025-thu-nghiem/bai-du-thi/e-01/index.html" in plain and len(plain) < 15
    # a changed page's .gz and .br copies travel with it, and no other copy does
    copies = sorted(path for path in paths if path.endswith((".gz", ".br")))
    assert copies == sorted(
        f"{path}{suffix}"
        for path in plain
        for suffix in (".br", ".gz")
        if (tmp_path / "site" / f"{path}{suffix}").is_file()
    )
    assert "2025-thu-nghiem/bai-du-thi/e-01/index.html.br" in copies
