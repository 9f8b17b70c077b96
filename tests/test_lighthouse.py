"""Lighthouse (npm 12.2.3, mobile) on the sample portal's home, gallery, an entry, rules and results,
served with gzip: every category at least 90 (targets 95) and layout shift at most 0.1 (target 0.05).

Needs bench/lighthouse/node_modules (``npm ci --prefix bench/lighthouse``, done by .ci/run)."""

from __future__ import annotations

import os

import pytest

from .conftest import bench_script

lighthouse = bench_script("lighthouse")

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    if not lighthouse.LIGHTHOUSE.is_file():
        if os.environ.get("CI"):  # (CI must run them: a missing Lighthouse is a failure there)
            pytest.fail("Lighthouse is not installed: .ci/run must run npm ci --prefix bench/lighthouse")
        pytest.skip("Lighthouse is not installed: npm ci --prefix bench/lighthouse")
    site = tmp_path_factory.mktemp("lighthouse") / "site"
    lighthouse.build_sample(site)
    server, base = lighthouse.serve(site, "/cuoc-thi/")  # as a district portal's folder
    yield base
    server.shutdown()
    server.server_close()


def test_the_local_server_compresses_text_as_hosts_do(served):
    import gzip
    import urllib.request

    request = urllib.request.Request(served, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request) as response:
        assert response.headers["Content-Encoding"] == "gzip"
        assert b"<!doctype html>" in gzip.decompress(response.read()).lower()


def test_lighthouse_scores_of_the_key_pages(served):
    results = lighthouse.run_pages(served, "vi", min_score=90, max_cls=0.1)
    print("\n" + "\n".join(lighthouse.report_lines(results)))
    assert [name for name, _ in results] == ["vi:home", "vi:gallery", "vi:entry", "vi:rules", "vi:results"]
    assert lighthouse.failures(results, 90, 0.1) == []
