#!/usr/bin/env python3
"""contest-portal command line: validate the contest data, build or preview the portal.

    python build.py               build the portal into site/ (same as `build`)
    python build.py validate      check every contest and entry, print a report
    python build.py serve         preview with live reload on http://127.0.0.1:8000
    python build.py schemas       write the JSON Schemas of the file formats to schemas/
    python build.py jury-sheets   write one score sheet (XLSX, CSV) per judge to reports/phieu-cham/
    python build.py new-contest --year 2025 --slug ten --title "..." --organizer "..."
    python build.py import-register so-dang-ky.xlsx --contest 2025-ten
    python build.py intake THƯ-MỤC-TỆP-NHẬN --contest 2025-ten
    python build.py status        phase, entries, units below their minimum, time left

Exit codes: 0 success, 1 data errors, 2 usage errors, 3 another build running, 130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import traceback
from unittest.mock import patch  # patch.dict: environment variables set for a block, then restored
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "plugins"))  # works before `pip install -e .` too

from contest_portal import schema  # noqa: E402
from contest_portal import progress, reports  # noqa: E402
from contest_portal.publish import SiteLocked, UnsafeTarget, check_target, staged_publish  # noqa: E402
from contest_portal.loader import load_portal  # noqa: E402
from contest_portal.plugin import offline_build  # noqa: E402
from contest_portal.values import parse_moment  # noqa: E402

EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_BUSY, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
OFFLINE_ENV = "CONTEST_PORTAL_OFFLINE"  # mkdocs.yml: offline: enabled: !ENV [CONTEST_PORTAL_OFFLINE, false]

TEXT = {
    "vi": {
        "failed": "Chưa thể xây dựng cổng: hãy sửa các lỗi trên rồi chạy lại.",
        "built": "Đã xây dựng cổng vào thư mục {site}.",
        "build_failed": "Xây dựng thất bại; thư mục {site} cũ được giữ nguyên.",
        "schemas": "Đã ghi {count} tệp schema vào {folder}.",
        "html": "Báo cáo nội bộ (có thông tin cá nhân, không đăng công khai): {path}",
        "left_out": "Không đăng {count} tác phẩm có lỗi: {entries}",
        "locked": "Đang có một lần xây dựng khác chạy cho thư mục này (khóa {lock}). Hãy đợi lần đó xong rồi chạy lại.",
        "interrupted": "Đã dừng theo yêu cầu; thư mục {site} cũ được giữ nguyên.",
        "unsafe_target": "Không thể xuất cổng vào {target} ({reason}). Hãy chọn một thư mục riêng, ví dụ site/.",
        "unsafe_report": "Không thể ghi báo cáo nội bộ vào {path}: báo cáo có thông tin cá nhân, không được nằm trong thư mục dữ liệu, trang nguồn hoặc cổng. Hãy dùng thư mục reports/.",
        "bad_today": "--today: {detail}",
        "no_offline": "--offline cần plugin 'offline' của giao diện trong mkdocs.yml, ví dụ:\n  plugins:\n    - offline:\n        enabled: !ENV [CONTEST_PORTAL_OFFLINE, false]",
        "need": "Cần thêm: {flags}",
        "need_file": "Chỉ ra tệp sổ đăng ký (.xlsx hoặc .csv), ví dụ: python build.py import-register so-dang-ky.xlsx --contest 2024-vinh-linh",
        "need_folder": "Chỉ ra thư mục chứa các tệp đã nhận, ví dụ: python build.py intake ~/Tai-ve --contest 2024-vinh-linh",
        "which_contest": "Chọn cuộc thi bằng --contest (có: {known})",
        "scaffolded": "Đã tạo {path}. Điền các mục theo kế hoạch rồi chạy: python build.py validate",
        "imported": "Tạo mới {created}, cập nhật {updated}, giữ nguyên {unchanged} tác phẩm; {problems} dòng có vấn đề.",
        "intake": "Đã chép {copied} tệp; {already} tệp đã có sẵn; {unmatched} tệp chưa khớp.",
        "sheets": "Đã ghi {count} phiếu chấm vào {folder}. Gửi mỗi giám khảo phiếu của mình; phiếu đã chấm đặt vào entries/<cuộc thi>/_ket-qua/diem/.",
    },
    "en": {
        "failed": "The portal cannot be built yet: fix the errors above and run again.",
        "built": "Built the portal into {site}.",
        "build_failed": "The build failed; the previous {site} was left as it was.",
        "schemas": "Wrote {count} schema files to {folder}.",
        "html": "Internal report (holds personal data, do not publish): {path}",
        "left_out": "Left out {count} entries with errors: {entries}",
        "locked": "Another build is running for this folder (lock {lock}). Wait for it to finish and run again.",
        "interrupted": "Stopped on request; the previous {site} was left as it was.",
        "unsafe_target": "Cannot write the portal to {target} ({reason}). Choose a folder of its own, e.g. site/.",
        "unsafe_report": "Cannot write the internal report to {path}: it holds personal data and must not be inside the data, source or site folders. Use reports/.",
        "bad_today": "--today: {detail}",
        "no_offline": "--offline needs the theme's 'offline' plugin in mkdocs.yml, e.g.:\n  plugins:\n    - offline:\n        enabled: !ENV [CONTEST_PORTAL_OFFLINE, false]",
        "need": "Missing: {flags}",
        "need_file": "Give the register file (.xlsx or .csv), e.g.: python build.py import-register register.xlsx --contest 2024-vinh-linh",
        "need_folder": "Give the folder of received files, e.g.: python build.py intake ~/Downloads --contest 2024-vinh-linh",
        "which_contest": "Choose the contest with --contest (known: {known})",
        "scaffolded": "Created {path}. Fill in the sections from the plan, then run: python build.py validate",
        "imported": "Created {created}, updated {updated}, unchanged {unchanged} entries; {problems} rows with problems.",
        "intake": "Copied {copied} files; {already} were already in place; {unmatched} did not match.",
        "sheets": "Wrote {count} score sheets to {folder}. Send each judge their sheet; put filled sheets in entries/<contest>/_ket-qua/diem/.",
    },
}


def _load_mkdocs_config(config_file: Path, **overrides):
    from mkdocs.config import load_config

    return load_config(config_file=str(config_file), **overrides)


def code_reference(cfg) -> str:
    """Where the error-code page is: on the published portal if site_url is set, else in site/."""
    from contest_portal.plugin import ContestPlugin

    return ContestPlugin._reference(cfg)


def _plugin_options(config_file: Path) -> dict:
    """The contest plugin's options from mkdocs.yml (entries_dir, cache_dir, language)."""
    cfg = _load_mkdocs_config(config_file)
    plugin = cfg.plugins.get("contest")
    if plugin is None:
        raise SystemExit(f"{config_file}: the 'contest' plugin is not enabled under plugins:")
    root = config_file.resolve().parent
    lang = plugin.config.language or cfg.theme.get("language")
    return {
        "entries_dir": root / plugin.config.entries_dir,
        "cache_dir": root / plugin.config.cache_dir,
        "language": lang if lang in ("vi", "en") else "vi",
        "site_dir": Path(cfg.site_dir),
        "reference": code_reference(cfg),
        "docs_dir": Path(cfg.docs_dir),
    }


def validate(config_file: Path, lang: str | None, fmt: str = "text", out=None, html: Path | None = None) -> int:
    """Check every contest and entry; print a report; exit status 1 when there is an error."""
    out = out or sys.stdout
    options = _plugin_options(config_file)
    lang = lang or options["language"]
    progress.set_language(lang)
    root = config_file.resolve().parent
    forbidden = [options["site_dir"], options["entries_dir"], options["docs_dir"]]
    if html is not None:
        html = html if html.is_absolute() else root / html
        if reports.inside_any(html, forbidden):
            print(TEXT[lang]["unsafe_report"].format(path=html), file=sys.stderr)
            return EXIT_USAGE
    portal = load_portal(options["entries_dir"], cache_dir=options["cache_dir"])
    if fmt == "json":
        json.dump(reports.json_report(portal, lang, root), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        print(reports.text_report(portal, lang, root, options["reference"]), file=out)
    if html is not None:
        target = reports.write_html_report(portal, html, lang, root, forbidden=forbidden,
                                           reference=options["reference"])
        print(TEXT[lang]["html"].format(path=target), file=sys.stderr if fmt == "json" else out)
    return EXIT_DATA if reports.summary(portal)["errors"] else EXIT_OK


def build(config_file: Path, lang: str | None, site_dir: Path | None = None, strict: bool = False,
          today: str | None = None, skip_invalid: bool = False, offline: bool = False) -> int:
    """Validate, build into a fresh folder beside the target, then swap it in.

    By default any error stops the build.  With ``skip_invalid`` entries with errors are left
    out (and listed) while errors in a contest itself still stop it.  ``offline`` builds a site
    that works opened from a folder (file://): the theme's offline plugin, no directory URLs.
    """
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import Abort, MkDocsException

    options = _plugin_options(config_file)
    lang = lang or options["language"]
    progress.set_language(lang)
    root = config_file.resolve().parent
    target = (site_dir or options["site_dir"]).resolve()
    try:
        check_target(target, root, [options["entries_dir"], options["docs_dir"]])
    except UnsafeTarget as exc:
        print(TEXT[lang]["unsafe_target"].format(target=exc.target, reason=exc.reason), file=sys.stderr)
        return EXIT_USAGE
    if offline:
        with patch.dict(os.environ, {OFFLINE_ENV: "true"}):
            if not offline_build(_load_mkdocs_config(config_file)):
                print(TEXT[lang]["no_offline"], file=sys.stderr)
                return EXIT_USAGE
    portal = load_portal(options["entries_dir"], cache_dir=options["cache_dir"])
    print(reports.text_report(portal, lang, root, options["reference"]))
    blocking = [p for p in portal.all_problems() if p.is_error and not (skip_invalid and p.where.entry)]
    if blocking:
        print(TEXT[lang]["failed"])
        return EXIT_DATA
    left_out = [f"{c.slug}/{e.slug}" for c in portal.contests for e in c.entries if not e.valid]
    if left_out:
        print(TEXT[lang]["left_out"].format(count=len(left_out), entries=", ".join(left_out)))
    try:
        # set for the whole build: the language sub-sites read mkdocs.yml again
        with staged_publish(target) as staging, patch.dict(os.environ, {OFFLINE_ENV: "true"} if offline else {}):
            cfg = _load_mkdocs_config(config_file, site_dir=str(staging), strict=strict)
            plugin = cfg.plugins["contest"]
            plugin.config.language = lang
            plugin.config.skip_invalid_entries = skip_invalid
            plugin.preloaded = portal
            if today:
                plugin.config.today = today
            cfg.plugins.on_startup(command="build", dirty=False)
            try:
                mkdocs_build(cfg)
            finally:
                plugin.stop_background_work()  # a Ctrl-C does not reach on_build_error
                cfg.plugins.on_shutdown()
    except SiteLocked as exc:
        print(TEXT[lang]["locked"].format(lock=exc.lock), file=sys.stderr)
        return EXIT_BUSY
    except (Abort, MkDocsException, OSError) as exc:
        print(f"{exc}\n{TEXT[lang]['build_failed'].format(site=target)}", file=sys.stderr)
        return EXIT_DATA
    except KeyboardInterrupt:
        print(TEXT[lang]["interrupted"].format(site=target), file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception:  # a bug or an unexpected failure: say so, keep the old site
        traceback.print_exc()
        print(TEXT[lang]["build_failed"].format(site=target), file=sys.stderr)
        return EXIT_DATA
    print(TEXT[lang]["built"].format(site=target))
    return EXIT_OK


def serve(config_file: Path, dev_addr: str | None, lang: str | None) -> int:
    from mkdocs.commands.serve import serve as mkdocs_serve

    options = _plugin_options(config_file)
    if validate(config_file, lang or options["language"]) != EXIT_OK:
        return EXIT_DATA
    kwargs = {"dev_addr": dev_addr} if dev_addr else {}
    mkdocs_serve(config_file=str(config_file), livereload=True, **kwargs)
    return EXIT_OK


def jury_sheets(config_file: Path, lang: str | None, out_dir: Path | None) -> int:
    """Write one score sheet (XLSX and CSV) per judge of every contest with scoring criteria."""
    from contest_portal.judging import write_jury_sheets
    from contest_portal.pages import entry_uri, media_uri, page_url

    options = _plugin_options(config_file)
    lang = lang or options["language"]
    progress.set_language(lang)
    root = config_file.resolve().parent
    out_dir = out_dir if out_dir is None or out_dir.is_absolute() else root / out_dir
    out_dir = out_dir or root / "reports" / "phieu-cham"
    if reports.inside_any(out_dir, [options["site_dir"], options["entries_dir"], options["docs_dir"]]):
        print(TEXT[lang]["unsafe_report"].format(path=out_dir), file=sys.stderr)
        return EXIT_USAGE
    site_url = (_load_mkdocs_config(config_file).site_url or "").rstrip("/")
    portal = load_portal(options["entries_dir"], cache_dir=options["cache_dir"])

    def entry_url(entry, anonymous: bool) -> str:
        """The entry page, or for anonymous sheets the video file alone (the page names the authors)."""
        if not entry.publishable:
            return ""  # not on the portal: the office sends the file to the judges
        if anonymous and entry.video_path is not None:
            path = media_uri(entry, entry.video_path)
        else:
            path = page_url(entry_uri(entry.contest_slug, entry.slug))
        return f"{site_url}/{path}" if site_url else path

    written = []
    for contest in portal.contests:
        if contest.spec.judging.criteria:
            written += write_jury_sheets(contest, out_dir, entry_url)
    for path in written:
        print(path)
    print(TEXT[lang]["sheets"].format(count=len(written), folder=out_dir))
    return EXIT_OK


def new_contest_command(config_file: Path, lang: str, args) -> int:
    from contest_portal.scaffold import ScaffoldError, new_contest

    options = _plugin_options(config_file)
    missing = [flag for flag in ("year", "slug", "title", "organizer") if not getattr(args, flag)]
    if missing:
        print(TEXT[lang]["need"].format(flags=", ".join("--" + m for m in missing)), file=sys.stderr)
        return EXIT_USAGE
    try:
        path = new_contest(options["entries_dir"], int(args.year), args.slug, args.title, args.organizer)
    except (ScaffoldError, ValueError) as exc:
        print(exc, file=sys.stderr)
        return EXIT_USAGE
    print(TEXT[lang]["scaffolded"].format(path=path))
    return EXIT_OK


def _contest_for(config_file: Path, lang: str, slug: str | None):
    options = _plugin_options(config_file)
    portal = load_portal(options["entries_dir"], cache_dir=options["cache_dir"], probe=False)
    contest = portal.contest(slug) if slug else (portal.contests[0] if len(portal.contests) == 1 else None)
    if contest is None:
        print(TEXT[lang]["which_contest"].format(known=", ".join(c.slug for c in portal.contests)), file=sys.stderr)
    return contest


def import_register_command(config_file: Path, lang: str, target: str | None, slug: str | None) -> int:
    from contest_portal.register import import_register

    if not target or not Path(target).is_file():
        print(TEXT[lang]["need_file"], file=sys.stderr)
        return EXIT_USAGE
    contest = _contest_for(config_file, lang, slug)
    if contest is None:
        return EXIT_USAGE
    report = import_register(contest, Path(target))
    root = config_file.resolve().parent
    for problem in report.problems:
        print(problem.format(lang, root))
    print(TEXT[lang]["imported"].format(created=len(report.created), updated=len(report.updated),
                                        unchanged=len(report.unchanged), problems=len(report.problems)))
    return EXIT_DATA if report.problems else EXIT_OK


def intake_command(config_file: Path, lang: str, target: str | None, slug: str | None) -> int:
    from contest_portal.intake import intake

    if not target or not Path(target).is_dir():
        print(TEXT[lang]["need_folder"], file=sys.stderr)
        return EXIT_USAGE
    contest = _contest_for(config_file, lang, slug)
    if contest is None:
        return EXIT_USAGE
    report = intake(contest, Path(target))
    root = config_file.resolve().parent
    for source, entry in report.copied:
        print(f"{source} → {contest.slug}/{entry}")
    for problem in report.problems:
        print(problem.format(lang, root))
    print(TEXT[lang]["intake"].format(copied=len(report.copied), already=len(report.already),
                                      unmatched=len(report.unmatched)))
    return EXIT_DATA if any(p.is_error for p in report.problems) else EXIT_OK


def status_command(config_file: Path, lang: str, today: str | None) -> int:
    from datetime import datetime

    from contest_portal.i18n import Translator
    from contest_portal.status import status_text
    from contest_portal.values import TIMEZONE

    options = _plugin_options(config_file)
    portal = load_portal(options["entries_dir"], cache_dir=options["cache_dir"])
    now = parse_moment(today).start if today else datetime.now(TIMEZONE)
    print(status_text(portal, now, Translator(lang)))
    return EXIT_OK


def write_schemas(folder: Path, lang: str) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    for name in schema.SCHEMAS:
        text = json.dumps(schema.json_schema(name), ensure_ascii=False, indent=2) + "\n"
        (folder / f"{name}.schema.json").write_text(text, encoding="utf-8")
    print(TEXT[lang]["schemas"].format(count=len(schema.SCHEMAS), folder=folder))
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="build.py", description=__doc__.splitlines()[0])
    parser.add_argument("command", nargs="?", default="build", choices=["build", "validate", "serve", "schemas", "jury-sheets", "new-contest",
                                 "import-register", "intake", "status"])
    parser.add_argument("target", nargs="?", help="import-register: the register file; intake: the folder of received files")
    parser.add_argument("-f", "--config-file", default=str(ROOT / "mkdocs.yml"), help="mkdocs.yml to use")
    parser.add_argument("--lang", choices=["vi", "en"], default=os.environ.get("CONTEST_PORTAL_LANG"),
                        help="language of messages and pages (default: from mkdocs.yml, else vi)")
    parser.add_argument("--format", choices=["text", "json"], default="text", help="validate: report format")
    parser.add_argument("-d", "--site-dir", help="build: output folder (default: site_dir of mkdocs.yml)")
    parser.add_argument("--strict", action="store_true", help="build: treat MkDocs warnings as errors")
    parser.add_argument("--offline", action="store_true",
                        help="build: a site that opens from a folder or USB stick (file://), e.g. with -d site-offline")
    parser.add_argument("--today", help="build: fix today's date (YYYY-MM-DD) for a reproducible build")
    parser.add_argument("--skip-invalid", action="store_true",
                        help="build: publish only the valid entries and list the ones left out")
    parser.add_argument("--html", nargs="?", const="reports/bao-cao-kiem-tra.html",
                        help="validate: also write the organizers' private HTML report (default path: %(const)s)")
    parser.add_argument("-a", "--dev-addr", help="serve: address, e.g. 127.0.0.1:8000")
    parser.add_argument("--out", help="jury-sheets: output folder (default: reports/phieu-cham)")
    parser.add_argument("--contest", help="import-register, intake: the contest folder name, e.g. 2024-vinh-linh")
    for flag in ("year", "slug", "title", "organizer"):
        parser.add_argument(f"--{flag}", help=f"new-contest: the edition's {flag}")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s - %(message)s")
    lang_now = args.lang or "vi"
    if args.today:
        try:
            parse_moment(args.today)
        except ValueError as exc:
            print(TEXT[lang_now]["bad_today"].format(detail=exc), file=sys.stderr)
            return EXIT_USAGE
    config_file = Path(args.config_file)
    if not config_file.is_file():
        print(f"{config_file}: not found", file=sys.stderr)
        return EXIT_USAGE
    if args.command == "validate":
        html = Path(args.html) if args.html else None
        return validate(config_file, args.lang, args.format, html=html)
    if args.command == "serve":
        return serve(config_file, args.dev_addr, args.lang)
    lang = args.lang or "vi"
    if args.command == "new-contest":
        return new_contest_command(config_file, lang, args)
    if args.command == "import-register":
        return import_register_command(config_file, lang, args.target, args.contest)
    if args.command == "intake":
        return intake_command(config_file, lang, args.target, args.contest)
    if args.command == "status":
        return status_command(config_file, lang, args.today)
    if args.command == "jury-sheets":
        return jury_sheets(config_file, args.lang, Path(args.out) if args.out else None)
    if args.command == "schemas":
        return write_schemas(ROOT / "schemas", args.lang or "vi")
    site_dir = Path(args.site_dir) if args.site_dir else None
    return build(config_file, args.lang, site_dir, args.strict, args.today, args.skip_invalid, args.offline)


if __name__ == "__main__":
    sys.exit(main())
