"""The GitHub Pages workflow tests with Debian's Chromium, builds with the Pages address, deploys."""

from __future__ import annotations

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
    assert next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact"))["with"]["path"] \
        == "test-artifacts/"
    assert workflow["jobs"]["deploy"]["steps"][0]["uses"].startswith("actions/deploy-pages")
