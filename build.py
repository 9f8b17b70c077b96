#!/usr/bin/env python3
"""contest-portal command line: validate the contest data, build or preview the portal.

    python build.py               build the portal into site/ (same as `build`)
    python build.py validate      check every contest and entry, print a report
    python build.py serve         preview with live reload on http://127.0.0.1:8000
    python build.py schemas       write the JSON Schemas of the file formats to schemas/

Exit codes: 0 success, 1 data errors, 2 usage or configuration errors.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "plugins"))  # works before `pip install -e .` too

from contest_portal import schema  # noqa: E402
from contest_portal.errors import Problem, ProblemList  # noqa: E402
from contest_portal.loader import load_portal  # noqa: E402

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2

TEXT = {
    "vi": {
        "summary": "Tổng cộng: {contests} cuộc thi, {entries} tác phẩm; {errors} lỗi, {warnings} cảnh báo.",
        "clean": "Dữ liệu hợp lệ.",
        "failed": "Chưa thể xây dựng cổng: hãy sửa các lỗi trên rồi chạy lại.",
        "built": "Đã xây dựng cổng vào thư mục {site}.",
        "general": "Chung",
        "build_failed": "Xây dựng thất bại; thư mục {site} cũ được giữ nguyên.",
        "schemas": "Đã ghi {count} tệp schema vào {folder}.",
    },
    "en": {
        "summary": "Total: {contests} contests, {entries} entries; {errors} errors, {warnings} warnings.",
        "clean": "The data is valid.",
        "failed": "The portal cannot be built yet: fix the errors above and run again.",
        "built": "Built the portal into {site}.",
        "general": "General",
        "build_failed": "The build failed; the previous {site} was left as it was.",
        "schemas": "Wrote {count} schema files to {folder}.",
    },
}


def _load_mkdocs_config(config_file: Path, **overrides):
    from mkdocs.config import load_config

    return load_config(config_file=str(config_file), **overrides)


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
    }


def _grouped_report(problems: list[Problem], lang: str, root: Path) -> str:
    groups: dict[str, list[Problem]] = {}
    for problem in problems:
        key = problem.where.contest or TEXT[lang]["general"]
        if problem.where.entry:
            key += f" / {problem.where.entry}"
        groups.setdefault(key, []).append(problem)
    blocks = []
    for key in sorted(groups):
        lines = [f"== {key}"] + [p.format(lang, root) for p in groups[key]]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _problem_json(problem: Problem, lang: str, root: Path) -> dict:
    where = problem.where
    file = None
    if where.file is not None:
        try:
            file = str(where.file.resolve().relative_to(root))
        except ValueError:
            file = str(where.file)
    return {
        "code": problem.code, "severity": problem.severity.value, "file": file, "line": where.line,
        "column": where.column, "contest": where.contest, "entry": where.entry, "field": where.field,
        "message": problem.message(lang), "hint": problem.hint(lang),
    }


def validate(config_file: Path, lang: str | None, fmt: str = "text", out=None) -> int:
    out = out or sys.stdout
    options = _plugin_options(config_file)
    lang = lang or options["language"]
    root = config_file.resolve().parent
    portal = load_portal(options["entries_dir"], cache_dir=options["cache_dir"])
    problems = ProblemList(portal.all_problems())
    counts = {"contests": len(portal.contests), "entries": sum(len(c.entries) for c in portal.contests),
              "errors": len(problems.errors), "warnings": len(problems.warnings)}
    if fmt == "json":
        json.dump({"version": 1, "summary": counts,
                   "problems": [_problem_json(p, lang, root) for p in problems]},
                  out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        if problems:
            print(_grouped_report(problems, lang, root), file=out)
            print(file=out)
        print(TEXT[lang]["summary"].format(**counts), file=out)
        print(TEXT[lang]["clean"] if not problems.errors else TEXT[lang]["failed"], file=out)
    return EXIT_DATA if problems.errors else EXIT_OK


def build(config_file: Path, lang: str | None, site_dir: Path | None = None, strict: bool = False,
          today: str | None = None) -> int:
    """Validate, build into a fresh folder beside the target, then swap it in."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import Abort, MkDocsException

    options = _plugin_options(config_file)
    lang = lang or options["language"]
    status = validate(config_file, lang)
    if status != EXIT_OK:
        return status
    target = (site_dir or options["site_dir"]).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-new-", dir=target.parent))
    try:
        cfg = _load_mkdocs_config(config_file, site_dir=str(staging), strict=strict)
        plugin = cfg.plugins["contest"]
        plugin.config.language = lang
        if today:
            plugin.config.today = today
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(cfg)
        finally:
            cfg.plugins.on_shutdown()
        _swap_in(staging, target)
    except (Abort, MkDocsException, OSError) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"{exc}\n{TEXT[lang]['build_failed'].format(site=target)}", file=sys.stderr)
        return EXIT_DATA
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    print(TEXT[lang]["built"].format(site=target))
    return EXIT_OK


def _swap_in(staging: Path, target: Path) -> None:
    """Replace ``target`` with ``staging`` so that readers see one or the other."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
        old.rmdir()
        target.rename(old)
    staging.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def serve(config_file: Path, dev_addr: str | None, lang: str | None) -> int:
    from mkdocs.commands.serve import serve as mkdocs_serve

    options = _plugin_options(config_file)
    if validate(config_file, lang or options["language"]) != EXIT_OK:
        return EXIT_DATA
    kwargs = {"dev_addr": dev_addr} if dev_addr else {}
    mkdocs_serve(config_file=str(config_file), livereload=True, **kwargs)
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
    parser.add_argument("command", nargs="?", default="build", choices=["build", "validate", "serve", "schemas"])
    parser.add_argument("-f", "--config-file", default=str(ROOT / "mkdocs.yml"), help="mkdocs.yml to use")
    parser.add_argument("--lang", choices=["vi", "en"], default=os.environ.get("CONTEST_PORTAL_LANG"),
                        help="language of messages and pages (default: from mkdocs.yml, else vi)")
    parser.add_argument("--format", choices=["text", "json"], default="text", help="validate: report format")
    parser.add_argument("-d", "--site-dir", help="build: output folder (default: site_dir of mkdocs.yml)")
    parser.add_argument("--strict", action="store_true", help="build: treat MkDocs warnings as errors")
    parser.add_argument("--today", help="build: fix today's date (YYYY-MM-DD) for a reproducible build")
    parser.add_argument("-a", "--dev-addr", help="serve: address, e.g. 127.0.0.1:8000")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s - %(message)s")
    config_file = Path(args.config_file)
    if not config_file.is_file():
        print(f"{config_file}: not found", file=sys.stderr)
        return EXIT_USAGE
    if args.command == "validate":
        return validate(config_file, args.lang, args.format)
    if args.command == "serve":
        return serve(config_file, args.dev_addr, args.lang)
    if args.command == "schemas":
        return write_schemas(ROOT / "schemas", args.lang or "vi")
    site_dir = Path(args.site_dir) if args.site_dir else None
    return build(config_file, args.lang, site_dir, args.strict, args.today)


if __name__ == "__main__":
    sys.exit(main())
