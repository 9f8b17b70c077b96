"""The checking rules the tool applies by default are named in validate where they refused an
entry, and only while contest.yml does not state them (office/rule_defaults.py)."""

from __future__ import annotations

import build as cli

from .conftest import MINIMAL_CONTEST, write_mkdocs_yml

JURY = """\
organization:
  people:
    - {name: Trần Văn Giám, role: jury}
"""
ENTRY = """\
title: Tác phẩm của giám khảo
authors:
  - name: Trần Văn Giám
unit: xa-a
video: video.mp4
received: "2025-06-02 08:00"
consent: {publication: true}
"""


def test_default_rules_that_refused_an_entry_are_named_until_contest_yml_states_them(tree, tmp_path, capsys):
    folder = tree.contest(text=MINIMAL_CONTEST + JURY)
    tree.entry(text=ENTRY)
    config = write_mkdocs_yml(tmp_path)
    assert cli.main(["validate", "-f", str(config), "--html", str(tmp_path / "r.html")]) == 1
    out = capsys.readouterr().out
    assert "ELG001" in out and "TIM001" in out
    assert (
        "  - Thành viên Ban Tổ chức, Ban Giám khảo, Tổ Thư ký không được dự thi: mặc định vì contest.yml "
        "không ghi 'eligibility.excluded_roles'; 1 tác phẩm bị báo ELG001."
    ) in out
    assert (
        "  - Tác phẩm nộp sau hạn chót bị loại: mặc định vì contest.yml không ghi 'submission.late_policy'; "
        "1 tác phẩm bị báo TIM001."
    ) in out
    assert "video_rules" not in out  # the video is an H.264 mp4: those defaults refused nothing
    assert "'submission.late_policy'" in (tmp_path / "r.html").read_text(encoding="utf-8").replace("&#x27;", "'")
    # the plan states both rules: the same problems, no default to name
    (folder / "contest.yml").write_text(
        MINIMAL_CONTEST + JURY + "eligibility: {excluded_roles: [jury]}\nsubmission: {late_policy: reject}\n",
        encoding="utf-8",
    )
    assert cli.main(["validate", "-f", str(config), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "ELG001" in out and "TIM001" in out and "default rules applied" not in out
