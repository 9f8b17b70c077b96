"""contest-portal's command line: ``contest-portal [command]`` once installed, or ``python build.py [command]``.

Commands: build (the default), validate, serve, schemas, jury-sheets, documents, new-contest,
import-register, intake, status; ``--help`` lists them with their options, in Vietnamese by
default (``--lang en`` or ``CONTEST_PORTAL_LANG=en``: English).  Every message comes from the
catalogue (``cli.*``).  ``mkdocs.yml`` is read from the current folder unless ``-f`` names one.

Exit codes: 0 success, 1 data errors, 2 usage errors, 3 another build running, 4 the machine failed
(a full disk, a file gone during the run, a folder that cannot be written: core/machine.py), 130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import traceback
from datetime import datetime
from pathlib import Path

from contest_portal.core.arguments import LocalisedParser
from contest_portal.core.console import readable_output, survive_closed_pipe, write_json
from contest_portal.core.i18n import Translator
from contest_portal.core.machine import FULL, machine_problem, space_needed, tree_size
from contest_portal.core.values import TIMEZONE, parse_moment
from contest_portal.formats import schema
from contest_portal.mkdocs_plugin import messages
from contest_portal.mkdocs_plugin.plugin import Handoff, code_page_address, identity_check, switch_offline
from contest_portal.office import reports
from contest_portal.pipeline import load_portal
from contest_portal.publish.media_store import STORE
from contest_portal.publish.staging import (
    OLD_SITES,
    SiteLocked,
    UnsafeTarget,
    cache_lock,
    check_target,
    site_lock,
    staged_publish,
)

EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_BUSY, EXIT_MACHINE, EXIT_INTERRUPTED = 0, 1, 2, 3, 4, 130


def say(lang: str, key: str, **values) -> str:
    """A message of the command line in ``lang`` (the "cli.*" strings of the locales)."""
    return Translator(lang)(f"cli.{key}", **values)


def _load_mkdocs_config(config_file: Path, **overrides):
    from mkdocs.config import load_config

    return load_config(config_file=str(config_file), **overrides)


def _load(options: dict, lang: str | None, *, probe: bool = True):
    """The portal as the plugin's options ask (``load_portal``, as the plugin loads it)."""
    return load_portal(
        options["entries_dir"],
        cache_dir=options["cache_dir"],
        lang=lang or "vi",
        probe=probe,
        web_renditions=options["web_renditions"],
        samples=options["samples"],
        **options["identity"],
    )


class NoPlugin(Exception):
    """mkdocs.yml does not enable the contest plugin (``plugins: - contest``); ``lang``: the site's
    language (its theme's), to say so in."""

    def __init__(self, lang: str):
        super().__init__(lang)
        self.lang = lang


def _plugin_options(config_file: Path) -> dict:
    """The contest plugin's options from mkdocs.yml (entries_dir, cache_dir, language); NoPlugin
    when the plugin is not enabled; MkDocs' Abort when mkdocs.yml is refused (its reasons logged)."""
    cfg = _load_mkdocs_config(config_file)
    plugin = cfg.plugins.get("contest")
    if plugin is None:
        language = cfg.theme.get("language")
        raise NoPlugin(language if language in ("vi", "en") else "vi")
    root = config_file.resolve().parent
    lang = plugin.config.language or cfg.theme.get("language")
    return {
        "entries_dir": root / plugin.config.entries_dir,
        "cache_dir": root / plugin.config.cache_dir,
        "language": lang if lang in ("vi", "en") else "vi",
        "site_dir": Path(cfg.site_dir),
        "reference": code_page_address(cfg),
        "docs_dir": Path(cfg.docs_dir),
        "web_renditions": bool(plugin.config.renditions.enabled),
        "samples": bool(plugin.config.samples),
        "identity_organizer": plugin.config.identity.organizer or "",
        "identity": identity_check(cfg, plugin.config.identity.organizer),  # (load_portal's, for SIT005)
        "config_file": config_file,
        "site_url": cfg.site_url or None,
        "languages": len(set(plugin.config.languages) | {lang}),  # the site's languages, each built whole
    }


def refused_site_url(config_file: Path, lang: str | None):
    """SIT004 (a Problem) when mkdocs.yml's ``site_url`` (after ``!ENV``) is not an http(s) address
    with a host, else None; read before MkDocs validates the file, so even an address MkDocs refuses
    itself gets the coded message. Returns (problem, language of the message)."""
    from mkdocs.utils.yaml import yaml_load

    from contest_portal.core.errors import Location
    from contest_portal.mkdocs_plugin.config import site_url_problem

    try:
        with open(config_file, "rb") as handle:
            raw = yaml_load(handle) or {}
    except Exception:  # unreadable or invalid: MkDocs reports it when it loads the file
        return None, lang or "vi"
    if not lang:  # the build's language as the plugin would choose it: its option, else the theme's
        plugins = raw.get("plugins") or []
        options = next((item["contest"] for item in plugins if isinstance(item, dict) and "contest" in item), None)
        theme = raw.get("theme")
        theme = theme if isinstance(theme, dict) else {}
        lang = (options or {}).get("language") or theme.get("language")
    lang = lang if lang in ("vi", "en") else "vi"
    url = raw.get("site_url")
    if not isinstance(url, str):
        return None, lang
    return site_url_problem(url, Location(file=config_file, field="site_url")), lang


def validate(config_file: Path, lang: str | None, fmt: str = "text", out=None, html: Path | None = None) -> int:
    """Check every contest and entry; print a report; exit status 1 when there is an error."""
    out = out or sys.stdout
    options = _plugin_options(config_file)
    lang = lang or options["language"]
    root = config_file.resolve().parent
    forbidden = [options["site_dir"], options["entries_dir"], options["docs_dir"]]
    if html is not None:
        html = html if html.is_absolute() else root / html
        if reports.inside_any(html, forbidden):
            print(say(lang, "unsafe_report", path=html), file=sys.stderr)
            return EXIT_USAGE
    portal = _load(options, lang)
    if fmt == "json":
        write_json(reports.json_report(portal, lang, root), out)
    else:
        print(reports.text_report(portal, lang, root, options["reference"]), file=out)
    if html is not None:
        target = reports.write_html_report(
            portal, html, lang, root, forbidden=forbidden, reference=options["reference"], site_url=options["site_url"]
        )
        print(say(lang, "html", path=target), file=sys.stderr if fmt == "json" else out)
    return EXIT_DATA if reports.summary(portal)["errors"] else EXIT_OK


def build(
    config_file: Path,
    lang: str | None,
    site_dir: Path | None = None,
    strict: bool = False,
    today: str | None = None,
    skip_invalid: bool = False,
    offline: bool = False,
    dask_scheduler: str | None = None,
    stats_file: Path | None = None,
) -> int:
    """Validate, build into a fresh folder beside the target, then swap it in.

    By default any error stops the build.  With ``skip_invalid`` entries with errors are left
    out (and listed) while errors in a contest itself still stop it.  ``offline`` builds a site
    that works opened from a folder (file://): the theme's offline plugin, no directory URLs.
    ``dask_scheduler`` (tcp://host:8786) makes the web renditions on a Dask cluster. ``stats_file``:
    where to write what the build cost (JSON: the plugin's ``build_stats``), for bench/.
    The values go to the plugin instance of the config loaded here (its options, ``plugin.Handoff``).
    """
    options = _plugin_options(config_file)
    lang = lang or options["language"]
    root = config_file.resolve().parent
    target = (site_dir or options["site_dir"]).resolve()
    try:
        check_target(target, root, [options["entries_dir"], options["docs_dir"]])
    except UnsafeTarget as exc:
        print(say(lang, "unsafe_target", target=exc.target, reason=exc.reason), file=sys.stderr)
        return EXIT_USAGE
    if offline and not switch_offline(_load_mkdocs_config(config_file)):
        print(say(lang, "no_offline"), file=sys.stderr)
        return EXIT_USAGE
    try:
        # the site's lock first: a second build of the same folder is refused before it reads anything
        with site_lock(target):
            return _build_locked(
                config_file,
                options,
                lang,
                target,
                strict=strict,
                today=today,
                skip_invalid=skip_invalid,
                offline=offline,
                dask_scheduler=dask_scheduler,
                stats_file=stats_file,
            )
    except SiteLocked as exc:
        print(say(lang, "locked", lock=exc.lock), file=sys.stderr)
        return EXIT_BUSY
    except OSError as exc:  # the lock cannot be taken: a read-only folder, a full disk
        print(machine_problem(exc, where=(target, options["cache_dir"])).format(lang, root), file=sys.stderr)
        return EXIT_MACHINE


def _build_locked(
    config_file: Path,
    options: dict,
    lang: str,
    target: Path,
    *,
    strict: bool,
    today: str | None,
    skip_invalid: bool,
    offline: bool,
    dask_scheduler: str | None,
    stats_file: Path | None,
) -> int:
    """``build`` once the site's lock is held: validate, then build and swap in while holding the
    cache's lock (another build sharing the cache is waited for, and said so)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import Abort, MkDocsException

    root = config_file.resolve().parent
    portal = _load(options, lang)
    print(reports.text_report(portal, lang, root, options["reference"], skip_invalid=skip_invalid, brief=True))
    if _report_blocking(portal, lang, skip_invalid=skip_invalid):
        return EXIT_DATA
    staged: tuple[Path, Path] | None = None  # (the build's staging folder, the site), for SYS problems
    written = 0  # bytes the build had written when the disk filled up
    stats: dict = {}  # what the build cost (the plugin's build_stats)

    def waiting(lock: Path) -> None:
        print(say(lang, "cache_busy", lock=lock), file=sys.stderr, flush=True)

    try:
        with (
            cache_lock(options["cache_dir"], waiting),
            staged_publish(target, trash=options["cache_dir"] / OLD_SITES, locked=True) as staging,
        ):
            staged = (staging, target)
            cfg = _load_mkdocs_config(config_file, site_dir=str(staging), strict=strict)
            if offline:  # (the language sub-sites take the root's switches)
                switch_offline(cfg)
            plugin = cfg.plugins["contest"]
            plugin.config.language = lang
            plugin.config.skip_invalid_entries = skip_invalid
            plugin.handoff = Handoff(portal=portal)
            stats = plugin.build_stats
            plugin.config.live_site = str(target)  # (its files of the same bytes are linked, not copied)
            if today:
                plugin.config.today = parse_moment(today).start
            if dask_scheduler:
                plugin.config.renditions["dask_scheduler"] = dask_scheduler
            cfg.plugins.on_startup(command="build", dirty=False)
            try:
                mkdocs_build(cfg)
            except OSError as exc:
                written = tree_size(staging) if exc.errno in FULL else 0  # (before the folder is removed)
                raise
            finally:
                plugin.stop_background_work()  # a Ctrl-C does not reach on_build_error
                cfg.plugins.on_shutdown()
    except OSError as exc:  # the machine, not the data: a full disk, an entry deleted meanwhile, a read-only folder
        needed = (
            space_needed(target, options["entries_dir"], written, languages=options["languages"])
            if exc.errno in FULL
            else None
        )
        problem = machine_problem(exc, where=(target, options["cache_dir"]), needed=needed, renamed=staged)
        failed = "build_failed" if target.is_dir() else "build_failed_first"  # no old site to speak of
        print(f"{problem.format(lang, root)}\n{say(lang, failed, site=target)}", file=sys.stderr)
        return EXIT_MACHINE
    except (Abort, MkDocsException) as exc:
        print(f"{exc}\n{say(lang, 'build_failed', site=target)}", file=sys.stderr)
        return EXIT_DATA
    except KeyboardInterrupt:
        print(say(lang, "interrupted", site=target), file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception:  # a bug or an unexpected failure: say so, keep the old site
        traceback.print_exc()
        print(say(lang, "build_failed", site=target), file=sys.stderr)
        return EXIT_DATA
    print(say(lang, "built", site=target))
    if stats_file is not None:
        stats_file.write_text(json.dumps(stats), encoding="utf-8")
    if stats.get("renditions_kept") and not stats.get("renditions"):  # (no sizes of renditions there are none of)
        print(say(lang, "renditions_none", kept=stats["renditions_kept"]))
    elif stats.get("renditions"):
        size = Translator(lang).size
        print(
            say(
                lang,
                "renditions",
                made=stats.get("renditions_made", 0),
                renditions=stats.get("renditions", 0),
                kept=stats.get("renditions_kept", 0),
                before=size(stats.get("original_bytes", 0)),
                after=size(stats.get("rendition_bytes", 0)),
            )
        )
        t = Translator(lang)
        for key, reasons in sorted(stats.get("renditions_made_why", {}).items()):
            print(f"  - {key}: " + ", ".join(t(f"rendition_reason.{reason}") for reason in reasons))
    return EXIT_OK


def serve(config_file: Path, dev_addr: str | None, lang: str | None) -> int:
    """Preview the portal as it would be published: the valid entries; those with errors are
    listed and left out (the authors' files never stop the preview).  Errors of a contest itself
    (contest.yml) stop it, as they would stop ``build``. Each build's plugin instance is handed
    ``Handoff(preview=True)``, the first one the portal loaded and reported here too."""
    from contest_portal.mkdocs_plugin.preview import address_problem, serve_site

    options = _plugin_options(config_file)
    lang = lang or options["language"]
    taken = address_problem(dev_addr)  # before the build: a busy port is said at once
    if taken is not None:
        print(taken.format(lang, config_file.resolve().parent), file=sys.stderr)
        return EXIT_USAGE
    portal = _load(options, lang)
    address = f"http://{dev_addr or '127.0.0.1:8000'}/"
    # each message's link to its code: on the preview itself (the site/ folder may be older, or not built yet)
    reference = options["reference"] if options["site_url"] else address + "ma-loi/"
    print(reports.text_report(portal, lang, config_file.resolve().parent, reference, skip_invalid=True, brief=True))
    if _report_blocking(portal, lang, skip_invalid=True):
        return EXIT_DATA
    print(say(lang, "serving", address=address))
    first = [portal]  # (the first build only: a rebuild loads the changed entries again)

    def preview_config(site: str):
        cfg = _load_mkdocs_config(config_file, site_dir=site, **({"dev_addr": dev_addr} if dev_addr else {}))
        cfg.plugins["contest"].handoff = Handoff(portal=first.pop() if first else None, preview=True)
        return cfg

    serve_site(preview_config)
    return EXIT_OK


def _report_blocking(portal, lang: str, *, skip_invalid: bool) -> bool:
    """True when the portal cannot be published (then errors of a contest itself are said to stop it).

    Errors in entries only: the report printed before (``reports.text_report``) ends with the
    entries at fault and the two ways forward (the committee refuses them: ``state: refused`` in
    entry.yml or the register's Status column; or ``--skip-invalid``), said once.  Errors of a
    contest itself must be fixed.  Otherwise prints the entries left out, if any.
    """
    errors = [p for p in portal.all_problems() if p.is_error]
    in_contests = [p for p in errors if not p.where.entry]
    entries = sorted({f"{p.where.contest}/{p.where.entry}" for p in errors if p.where.entry})
    if in_contests:
        print(say(lang, "failed"))
        return True
    if entries and not skip_invalid:  # (the report printed before ends with them and the two ways forward)
        return True
    set_aside = [f"{c.slug}/{e.slug}" for c in portal.contests for e in c.entries if e.set_aside]
    left_out = [f"{c.slug}/{e.slug}" for c in portal.contests for e in c.entries if not e.valid and not e.set_aside]
    if left_out:
        print(say(lang, "left_out", count=len(left_out), entries=", ".join(left_out)))
    if set_aside:
        print(say(lang, "set_aside", count=len(set_aside), entries=", ".join(set_aside)))
    return False


def documents_command(config_file: Path, lang: str | None, out_dir: Path | None, slug: str | None) -> int:
    """Write each contest's papers (``office.papers``: participation report; with winners the
    minutes, proposal, decision, payment list and awards) to reports/<contest>/.

    An unknown ``slug`` is a usage error naming the contests there are (as the other commands
    with --contest).  A contest whose contest.yml cannot be read gets no papers: its problems are
    said, with PAP003, and exit 1.  Papers of an earlier run that this run does not write again
    are moved aside (``retire_papers``) so that none looks current.  Exit 1 too when a paper could
    not be written (PAP001)."""
    from contest_portal.core.errors import Location, Problem, Text
    from contest_portal.office.papers import retire_papers, write_papers
    from contest_portal.office.status import unreadable_contests

    options = _plugin_options(config_file)
    lang = lang or options["language"]
    root = config_file.resolve().parent
    out_dir = out_dir if out_dir is None or out_dir.is_absolute() else root / out_dir
    out_dir = out_dir or root / "reports"
    if reports.inside_any(out_dir, [options["site_dir"], options["entries_dir"], options["docs_dir"]]):
        print(say(lang, "unsafe_report", path=out_dir), file=sys.stderr)
        return EXIT_USAGE
    portal = _load(options, lang)
    unread = unreadable_contests(portal)
    if slug and portal.contest(slug) is None and slug not in unread:
        print(say(lang, "no_such_contest", contest=slug, known=_known_contests(portal, slug)), file=sys.stderr)
        return EXIT_USAGE
    t = Translator(lang)
    problems = []
    for contest in portal.contests:
        if slug and contest.slug != slug:
            continue
        done = write_papers(contest, out_dir / contest.slug, t)
        if not done.winners and not contest.spec.prizes.tiers:  # the true reason: the plan states no prizes
            print(t("paper.no_prizes", contest=contest.slug, files="\n".join(f"  {path}" for path in done.files)))
        elif not done.winners:
            # no winners yet (no score sheets, or none valid): papers awarding nothing help no one
            print(t("draft.no_winners", contest=contest.slug, participation=", ".join(map(str, done.files))))
        else:
            print(t("paper.written", contest=contest.slug, files="\n".join(f"  {path}" for path in done.files)))
        retired = retire_papers(out_dir / contest.slug, done.files, t)
        if retired:
            print(t("paper.retired", files="\n".join(f"  {path}" for path in retired)))
        problems += done.problems
    for name in sorted(unread):
        if slug and name != slug:
            continue
        problems += [p for p in portal.problems if p.is_error and p.where.contest == name]
        retired = retire_papers(out_dir / name, [], t)
        problems.append(
            Problem(
                "PAP003",
                Location(contest=name),
                {"contest": name, "old": Text("paper.retired_note", count=len(retired)) if retired else ""},
            )
        )
    return _print_problems(problems, lang, config_file)


def _known_contests(portal, typed: str) -> str:
    """The contests there are, the closest to ``typed`` first ("–" when there is none)."""
    import difflib

    from contest_portal.office.status import unreadable_contests

    names = [c.slug for c in portal.contests] + sorted(unreadable_contests(portal))
    return ", ".join(sorted(names, key=lambda name: -difflib.SequenceMatcher(None, typed, name).ratio())) or "–"


def jury_sheets(config_file: Path, lang: str | None, out_dir: Path | None) -> int:
    """Write one score sheet (XLSX and CSV) per judge of every contest with scoring criteria."""
    from contest_portal.office.jury_sheets import write_jury_sheets
    from contest_portal.site.urls import entry_uri, page_url

    options = _plugin_options(config_file)
    lang = lang or options["language"]
    root = config_file.resolve().parent
    out_dir = out_dir if out_dir is None or out_dir.is_absolute() else root / out_dir
    out_dir = out_dir or root / "reports" / "phieu-cham"
    if reports.inside_any(out_dir, [options["site_dir"], options["entries_dir"], options["docs_dir"]]):
        print(say(lang, "unsafe_report", path=out_dir), file=sys.stderr)
        return EXIT_USAGE
    site_url = (_load_mkdocs_config(config_file).site_url or "").rstrip("/")
    portal = _load(options, lang)

    def entry_url(entry, anonymous: bool) -> str:
        """A link a judge can open: for anonymous sheets a copy of the work (video, else article)
        beside the sheets, named by the entry's id (its file name often names the unit, and so
        would the page); else the entry page on the published site, or in the built site here."""
        if anonymous:
            return _anonymous_copy(entry, out_dir / entry.contest_slug / "tac-pham", options["cache_dir"] / STORE)
        if not entry.publishable:
            return ""  # not on the portal: the office sends the file to the judges
        path = page_url(entry_uri(entry.contest_slug, entry.slug))
        if site_url:
            return f"{site_url}/{path}"
        built = options["site_dir"] / path / "index.html"
        return built.as_uri() if built.is_file() else path

    written = []
    for contest in portal.contests:
        if contest.spec.judging.criteria:
            written += write_jury_sheets(contest, out_dir, entry_url, lang=lang)
    for path in written:
        print(path)
    if not written:
        # nothing to send: say why, never "0 sheets written" as a success
        root = config_file.resolve().parent
        for problem in portal.problems + [p for c in portal.contests for p in c.problems]:
            if problem.is_error:
                print(problem.format(lang, root), file=sys.stderr)
        print(say(lang, "no_sheets"), file=sys.stderr)
        return EXIT_DATA
    print(say(lang, "sheets", count=len({(path.parent.name, path.stem) for path in written}), folder=out_dir))
    return EXIT_OK


def _anonymous_copy(entry, folder: Path, store: Path) -> str:
    """Put the entry's work, its video or else its article, at ``folder/<entry id><suffix>`` (a link to
    the build's published copy in ``store``, or a copy: never a link to the entry's own file); return
    the link relative to the sheets (``tac-pham/e-01.mp4``)."""
    from contest_portal.office.work_copies import work_copy

    source = entry.video_path or entry.article_path or entry.explanatory_text_path
    if source is None:
        return ""
    target = folder / f"{entry.slug}{source.suffix.lower()}"
    work_copy(source, target, store)
    return f"{folder.name}/{target.name}"


def new_contest_command(config_file: Path, lang: str, args) -> int:
    from contest_portal.office.scaffold import ScaffoldError, new_contest, title_slug, title_year

    options = _plugin_options(config_file)
    if args.from_plan:
        return _contest_from_plan(options, lang, args)
    if not args.title:
        print(say(lang, "need_title"), file=sys.stderr)
        return EXIT_USAGE
    organizer = args.organizer or options["identity_organizer"]
    if not organizer:
        print(say(lang, "need", flags="--organizer"), file=sys.stderr)
        return EXIT_USAGE
    try:
        year = int(args.year) if args.year else title_year(args.title, datetime.now(TIMEZONE).year)
    except ValueError:
        print(say(lang, "bad_year", year=args.year), file=sys.stderr)
        return EXIT_USAGE
    slug = args.slug or title_slug(args.title)
    try:  # the contest.yml template in the command's language
        path = new_contest(options["entries_dir"], year, slug, args.title, organizer, lang=lang)
    except ScaffoldError as exc:
        print(Translator(lang).render(exc.text), file=sys.stderr)
        return EXIT_USAGE
    if not (args.year and args.slug and args.organizer):  # what was chosen for the clerk, and how to change it
        print(say(lang, "chosen", year=year, slug=path.parent.name, organizer=organizer))
    print(say(lang, "scaffolded", path=path))
    return EXIT_OK


def _contest_from_plan(options: dict, lang: str, args) -> int:
    """``new-contest --from-plan FILE`` (``--contest SLUG``: refresh that contest): the drafted
    contest.yml and the report of what was drafted, what is left to fill and the plan's unused lines."""
    import shutil

    from contest_portal.office.scaffold import ScaffoldError, contest_from_plan
    from contest_portal.plan.read_document import PlanReadError

    try:
        year = int(args.year) if args.year else datetime.now(TIMEZONE).year
    except ValueError:
        print(say(lang, "bad_year", year=args.year), file=sys.stderr)
        return EXIT_USAGE
    plan = Path(args.from_plan)
    try:
        path, report = contest_from_plan(
            options["entries_dir"],
            plan,
            year=year,
            slug=args.slug,
            contest=args.contest,
            lang=lang,
            organizer=args.organizer or options["identity_organizer"],
            tesseract=shutil.which("tesseract"),
        )
    except PlanReadError as exc:
        print(exc.problem.format(lang), file=sys.stderr)
        return EXIT_DATA
    except ScaffoldError as exc:
        print(Translator(lang).render(exc.text), file=sys.stderr)
        return EXIT_USAGE
    print(
        say(
            lang,
            "plan_refreshed" if args.contest else "plan_drafted",
            path=path,
            plan=plan.name,
            drafted=len(report.drafted),
            to_fill=len(report.to_fill),
            questions=len(report.questions),
            updated=len(report.updated),
            kept=len(report.kept),
        )
    )
    for key, fields in (
        ("plan_updated", report.updated),
        ("plan_kept", report.kept),
        ("plan_dropped", report.dropped),
        ("plan_to_fill", report.to_fill),
        ("plan_questions", report.questions),
    ):
        if fields:
            print(say(lang, key, fields=", ".join(fields)))
    if report.unused:
        print(say(lang, "plan_unused", count=len(report.unused)))
        for line in report.unused:
            page = say(lang, "plan_page", page=line.page) if line.page else ""
            text = line.text if len(line.text) <= 100 else line.text[:100].rsplit(" ", 1)[0] + " …"
            print(say(lang, "plan_unused_line", number=line.number, page=page, text=text))
    print(say(lang, "plan_next"))
    return EXIT_OK


def _contest_for(config_file: Path, lang: str, slug: str | None):
    options = _plugin_options(config_file)
    portal = _load(options, None, probe=False)
    contest = portal.contest(slug) if slug else (portal.contests[0] if len(portal.contests) == 1 else None)
    if contest is None:
        # a contest.yml that cannot be read is no contest: say why, not only "choose one"
        root = config_file.resolve().parent
        for problem in portal.problems:
            if problem.is_error:
                print(problem.format(lang, root), file=sys.stderr)
        known = _known_contests(portal, slug or "")
        if slug:  # a name typed that is no contest's folder: said as such, with the names there are
            print(say(lang, "no_such_contest", contest=slug, known=known), file=sys.stderr)
        else:
            print(say(lang, "which_contest", known=known), file=sys.stderr)
    return contest


def _target_and_contest(config_file: Path, lang: str, target: str | None, slug: str | None, *, folder: bool):
    """The register file (or the folder of received files) and the contest a command works on,
    or the usage exit status after saying what is missing."""
    if not target:
        print(say(lang, "need_folder" if folder else "need_file"), file=sys.stderr)
        return EXIT_USAGE
    path = Path(target)
    if not (path.is_dir() if folder else path.is_file()):
        print(say(lang, "no_such_folder" if folder else "no_such_file", path=target), file=sys.stderr)
        return EXIT_USAGE
    contest = _contest_for(config_file, lang, slug)
    return EXIT_USAGE if contest is None else (path, contest)


def import_register_command(config_file: Path, lang: str, target: str | None, slug: str | None) -> int:
    from contest_portal.office.register import import_register

    found = _target_and_contest(config_file, lang, target, slug, folder=False)
    if isinstance(found, int):
        return found
    path, contest = found
    report = import_register(contest, path)
    status = _print_problems(report.problems, lang, config_file)
    print(
        say(
            lang,
            "imported",
            created=len(report.created),
            updated=len(report.updated),
            unchanged=len(report.unchanged),
            problems=sum(p.is_error for p in report.problems),
        )
    )
    # (warnings, printed above: rows skipped and said, an unknown column; no row to fix)
    return status


def intake_command(config_file: Path, lang: str, target: str | None, slug: str | None) -> int:
    from contest_portal.office.intake import intake

    found = _target_and_contest(config_file, lang, target, slug, folder=True)
    if isinstance(found, int):
        return found
    inbox, contest = found
    report = intake(contest, inbox)
    for source, entry in report.copied:
        print(f"{source} → {contest.slug}/{entry}")
    status = _print_problems(report.problems, lang, config_file)
    print(say(lang, "intake", copied=len(report.copied), already=len(report.already), unmatched=len(report.unmatched)))
    return status


def _print_problems(problems, lang: str, config_file: Path) -> int:
    """Print an office command's problems (paths from the folder of mkdocs.yml); its exit status:
    EXIT_DATA when one is an error, else EXIT_OK."""
    root = config_file.resolve().parent
    for problem in problems:
        print(problem.format(lang, root))
    return EXIT_DATA if any(p.is_error for p in problems) else EXIT_OK


def status_command(config_file: Path, lang: str, today: str | None) -> int:
    from contest_portal.office.status import status_text, unreadable_contests

    options = _plugin_options(config_file)
    portal = _load(options, lang)
    now = parse_moment(today).start if today else datetime.now(TIMEZONE)
    print(status_text(portal, now, Translator(lang)))
    unread = unreadable_contests(portal)  # said in the text above; here why, and exit 1
    return _print_problems([p for p in portal.problems if p.is_error and p.where.contest in unread], lang, config_file)


def write_schemas(folder: Path, lang: str) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    for name in schema.SCHEMAS:
        text = json.dumps(schema.json_schema(name), ensure_ascii=False, indent=2) + "\n"
        (folder / f"{name}.schema.json").write_text(text, encoding="utf-8")
    print(say(lang, "schemas", count=len(schema.SCHEMAS), folder=folder))
    return EXIT_OK


COMMANDS = [
    "build",
    "validate",
    "serve",
    "schemas",
    "jury-sheets",
    "documents",
    "new-contest",
    "import-register",
    "intake",
    "status",
]


def _language_of(argv: list[str]) -> str:
    """The run's language before the arguments are parsed: ``--lang``, else CONTEST_PORTAL_LANG, else vi."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in ("vi", "en"):
            return argv[i + 1]
        if arg.startswith("--lang=") and arg[7:] in ("vi", "en"):
            return arg[7:]
    from_environment = os.environ.get("CONTEST_PORTAL_LANG") or ""
    return from_environment if from_environment in ("vi", "en") else "vi"


def _parser(t: Translator, root: Path) -> argparse.ArgumentParser:
    def h(key: str) -> str:
        return t(f"cli.help.{key}")

    # (argparse's own words, "usage:", "options", its errors, from the catalogue's cli.argparse.*)
    parser = LocalisedParser(
        lambda key: t(f"cli.argparse.{key}"), prog="contest-portal", description=h("description"), epilog=h("epilog")
    )
    parser.add_argument("command", nargs="?", default="build", choices=COMMANDS, help=h("command"))
    parser.add_argument("target", nargs="?", help=h("target"))
    parser.add_argument("-f", "--config-file", default=str(root / "mkdocs.yml"), help=h("config_file"))
    parser.add_argument("--lang", choices=["vi", "en"], default=os.environ.get("CONTEST_PORTAL_LANG"), help=h("lang"))
    parser.add_argument("--format", choices=["text", "json"], default="text", help=h("format"))
    parser.add_argument("-d", "--site-dir", help=h("site_dir"))
    parser.add_argument("--strict", action="store_true", help=h("strict"))
    parser.add_argument("--offline", action="store_true", help=h("offline"))
    parser.add_argument("--today", help=h("today"))
    parser.add_argument("--skip-invalid", action="store_true", help=h("skip_invalid"))
    parser.add_argument("--dask-scheduler", metavar="tcp://HOST:8786", help=h("dask_scheduler"))
    parser.add_argument("--stats", metavar="FILE", help=h("stats"))
    parser.add_argument("--html", nargs="?", const="reports/bao-cao-kiem-tra.html", help=h("html"))
    parser.add_argument("-a", "--dev-addr", help=h("dev_addr"))
    parser.add_argument("--out", help=h("out"))
    parser.add_argument("--contest", help=h("contest"))
    for flag in ("year", "slug", "title", "organizer"):
        parser.add_argument(f"--{flag}", help=h(f"new_{flag}"))
    parser.add_argument("--from-plan", metavar="FILE", help=h("new_from_plan"))
    return parser


def main(argv: list[str] | None = None, *, root: Path | None = None) -> int:
    """Run one command; ``root``: where ``mkdocs.yml`` and ``schemas/`` are (default: this folder)."""
    argv = sys.argv[1:] if argv is None else list(argv)
    root = root or Path.cwd()
    readable_output()  # a pipe or a file on a Windows code page (cp1258...) gets every message, never a traceback
    survive_closed_pipe()  # `validate | head`: the rest is dropped, not a traceback
    args = _parser(Translator(_language_of(argv)), root).parse_args(argv)
    # the messages are in the run's language and say their severity themselves: no English "WARNING -" prefix
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    lang_now = args.lang or "vi"
    messages.install(lang_now)  # MkDocs' own lines (mkdocs.yml's values first) in the run's language
    if args.today:
        try:
            parse_moment(args.today)
        except ValueError as exc:
            print(say(lang_now, "bad_today", detail=exc), file=sys.stderr)
            return EXIT_USAGE
    config_file = Path(args.config_file)
    if not config_file.is_file():
        print(say(lang_now, "no_config", path=config_file), file=sys.stderr)
        return EXIT_USAGE
    if args.command in ("build", "validate", "serve", "jury-sheets"):
        problem, message_lang = refused_site_url(config_file, args.lang)
        if problem is not None:  # a usage error: the address would become a link on every page
            print(problem.format(message_lang, config_file.resolve().parent), file=sys.stderr)
            return EXIT_USAGE
    from mkdocs.exceptions import Abort, ConfigurationError

    try:
        return _run(args, config_file, root)
    except (Abort, ConfigurationError):  # mkdocs.yml refused by MkDocs: its reason is logged just above
        print(say(lang_now, "bad_config", path=config_file), file=sys.stderr)
        return EXIT_USAGE
    except NoPlugin as exc:
        print(say(args.lang or exc.lang, "no_plugin", path=config_file), file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:  # the machine failed (SYS codes): said as a problem, never as [Errno …] or a traceback
        project = config_file.resolve().parent  # (the folder named when the error names no file)
        print(machine_problem(exc, where=(project,)).format(lang_now, project), file=sys.stderr)
        return EXIT_MACHINE


def _run(args: argparse.Namespace, config_file: Path, root: Path) -> int:
    """The command ``args.command`` once the command line is read and mkdocs.yml found."""
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
    if args.command == "documents":
        return documents_command(config_file, args.lang, Path(args.out) if args.out else None, args.contest)
    if args.command == "jury-sheets":
        return jury_sheets(config_file, args.lang, Path(args.out) if args.out else None)
    if args.command == "schemas":
        return write_schemas(root / "schemas", args.lang or "vi")
    site_dir = Path(args.site_dir) if args.site_dir else None
    return build(
        config_file,
        args.lang,
        site_dir,
        args.strict,
        args.today,
        args.skip_invalid,
        args.offline,
        args.dask_scheduler,
        Path(args.stats) if args.stats else None,
    )
