"""The pipeline: every stage of checking, building and writing a portal, named in order.

    load_portal:  discover files → read and check formats → probe media (cached) → check media rules
                  → check contest rules → detect duplicates → compute results
    plan_site:    posters, thumbnails, renditions (cached) → plan pages and outputs
    write_site:   every site path claimed once (SIT001) → outputs made → the publishing process
                  (embeddable views, media) while MkDocs renders and writes the pages → marker,
                  security headers, search bundle, compressed copies (SiteWriter.finish)
    swap:         the staged site replaces the live one atomically (publish/staging, by ``build``)

Each stage is a function that takes what it needs and returns what it produces, problems
included; only the functions here put those returns into the model. The command line
(``build.py``), the MkDocs plugin, ``status``, ``jury-sheets`` and the reports load through
``load_portal``; the plugin plans through ``plan_site`` and writes through ``write_site``, its
events driving the writer where MkDocs decides the moment (on_files, on_post_build).
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from contest_portal.core.errors import Location, Problem, Severity, Text
from contest_portal.core.i18n import DEFAULT_LANGUAGE, Translator
from contest_portal.core.seals import Seals, damaged_problems
from contest_portal.core.text import unit_key
from contest_portal.formats.discover import discover
from contest_portal.formats.documents import check_documents, published_documents
from contest_portal.formats.read import read_portal
from contest_portal.formats.yamlcache import CACHE_FILE as YAML_CACHE_FILE
from contest_portal.formats.yamlcache import ParsedYamlCache
from contest_portal.judging.results import ContestResults, compute_results
from contest_portal.media.covers import check_covers, contest_covers
from contest_portal.media.duplicates import find_duplicate_videos
from contest_portal.media.facts import probe_videos
from contest_portal.media.posters import ensure_posters, ensure_thumbnails
from contest_portal.media.renditions import RenditionSettings, ensure_renditions
from contest_portal.media.rules import check_media_rules
from contest_portal.model import ContestRecord, Portal
from contest_portal.publish.site_writer import SiteWriter
from contest_portal.rules.contest import check_rules, check_unit_quotas
from contest_portal.rules.privacy import check_personal_data
from contest_portal.site.pages import PreparedMedia, SitePlan, plan_pages


def load_portal(
    entries_dir: Path,
    *,
    cache_dir: Path | None = None,
    probe: bool = True,
    lang: str = DEFAULT_LANGUAGE,
    web_renditions: bool = False,
    samples: bool = True,
    identity: Location | None = None,
    organizer: str = "",
) -> Portal:
    """Every contest and entry under ``entries_dir``, checked, with results: the Portal model.

    ``probe=False`` skips the media stages (probing, video rules, duplicates), for commands that
    only need the data (import-register, intake). ``cache_dir`` keeps probes and fingerprints
    between runs (None: no cache). ``lang``: the language of progress bars. ``web_renditions``: the
    site publishes web renditions (media/renditions.py), so a video that plays on some devices
    only is no warning (VID020): what visitors get plays everywhere. ``samples=False`` leaves out
    the sample contests (``sample: true`` in contest.yml) before anything is checked; then ``organizer``
    (the site's identity.organizer, set at ``identity``: mkdocs.yml's place) still theirs is SIT005. Never raises for bad
    data: every problem is on the model (``Portal.all_problems()``).
    """
    parsed = ParsedYamlCache(cache_dir / YAML_CACHE_FILE if cache_dir else None)
    portal = read_portal(discover(entries_dir), parsed)  # discover, read formats
    parsed.save()
    portal.stats["yaml_parsed"] = parsed.misses
    if not samples:
        samples_left = [c for c in portal.contests if c.spec.sample]
        portal.contests = [c for c in portal.contests if not c.spec.sample]
        portal.problems += sample_identity(samples_left, organizer, identity or Location(field="identity.organizer"))
    portal.stats["probes"] = 0
    if probe:
        videos = probe_videos(portal.entries(), cache_dir, lang=lang)  # probe media (cached)
        for entry, info in videos.info.items():
            entry.video_info = info
        portal.record(videos.findings)
        portal.stats["probes"] = videos.probes
        portal.record(check_media_rules(portal, videos.info, web_renditions))  # check media rules
    portal.record(check_rules(portal))  # check contest rules
    portal.record(check_documents(portal))  # the signed documents' files
    portal.record(check_covers(portal))  # the contests' cover pictures
    portal.record(check_personal_data(portal))  # personal data in public text
    if probe:
        portal.record(find_duplicate_videos(portal, cache_dir))  # detect duplicates
    set_aside(portal)  # refused or withdrawn entries
    portal.record(check_unit_quotas(portal))  # units' quotas on valid entries
    for contest in portal.contests:  # compute results: only
        contest.results = compute_results(contest)  # valid entries are judged
        contest.problems += results_problems(contest, contest.results)
    portal.contests.sort(key=lambda c: (-c.spec.year, c.slug))
    return portal


def plan_site(
    portal: Portal,
    t: Translator,
    now: datetime,
    *,
    cache_dir: Path,
    media: PreparedMedia | None = None,
    poster_at: float = 0.1,
    poster_timeout: float = 30.0,
    renditions: RenditionSettings | None = None,
    scheduler: str | None = None,
    **options: Any,
) -> tuple[SitePlan, PreparedMedia, list[Problem]]:
    """Plan pages: posters, thumbnails and web renditions made (cached), then every page and output.

    Returns ``(plan, media, warnings)``; ``media`` (site.pages.PreparedMedia: posters, thumbnails,
    renditions, signed documents, the contests' covers) can be handed to a second language's plan
    so nothing is decoded twice (then ``warnings`` is empty).
    ``renditions``: how web renditions are made (None: originals are published as they are);
    ``scheduler``: a Dask scheduler's address to make them on.  ``options`` go to
    ``site.pages.plan_pages`` (home, video_base_url, site_url, use_directory_urls, publish_originals,
    site_prefix).
    """
    warnings: list[Problem] = []
    if media is None:
        seals = Seals(cache_dir)  # every cached picture, rendition and document: checked before use
        posters, warnings = ensure_posters(
            portal, cache_dir, at_fraction=poster_at, timeout=poster_timeout, lang=t.lang, seals=seals
        )
        web: dict[str, Path] = {}
        if renditions is not None:
            made = ensure_renditions(portal, cache_dir, renditions, scheduler=scheduler, lang=t.lang, seals=seals)
            web, warnings = made.paths, warnings + made.problems
            portal.stats.update(
                renditions_kept=len(made.kept),
                renditions=len(made.paths),
                original_bytes=made.original_bytes,
                rendition_bytes=made.rendition_bytes,
                renditions_made_why={key: made.reasons.get(key, []) for key in made.made},
            )
        covers, cover_problems = contest_covers(portal, cache_dir, seals)
        warnings += cover_problems
        media = PreparedMedia(
            posters=posters,
            thumbnails=ensure_thumbnails(portal, posters, cache_dir, lang=t.lang, seals=seals),
            renditions=web,
            documents=published_documents(portal, cache_dir, seals),
            covers=covers,
        )
        seals.save()
        warnings += damaged_problems(seals)
    return plan_pages(portal, t, now, media=media, **options), media, warnings


def write_site(plan: SitePlan, site_dir: Path, *, taken: Container[str] = (), publish_media: bool = True) -> SiteWriter:
    """Write the site into ``site_dir``: the writer of every file of it (publish/site_writer.py), with
    ``plan``'s pages, outputs and (``publish_media``: False for a language sub-site, which links to the
    root's) media claimed, each path once, and the outputs' bytes made. ``taken``: the paths of the
    files the site engine found itself (site_src/, the theme). Raises site_paths.DuplicateOutput
    (SIT001) for a path taken twice; the caller starts the writer (``start``) and finishes it."""
    writer = SiteWriter(site_dir, taken)
    writer.plan(plan, media=publish_media)
    return writer


def sample_identity(samples_left: list[ContestRecord], organizer: str, where: Location) -> list[Problem]:
    """SIT005 when the site's organizer (mkdocs.yml's identity.organizer, at ``where``) is one of the
    sample contests' left out (samples: false): a clean start that still carries the samples' name.
    Names compare as unit names do (core.text.unit_key: "UBND" and "Ủy ban nhân dân" alike)."""
    if not organizer or unit_key(organizer) not in {unit_key(c.spec.organizer.name) for c in samples_left}:
        return []
    return [Problem("SIT005", where, {"organizer": organizer})]


def set_aside(portal: Portal) -> None:
    """Entries the committee refused or the authors withdrew (``state`` in entry.yml): their errors
    become warnings (the authors' files never block the office's build) and ENT008 says why they
    are not judged nor published (the reason, ``state_note``, goes to the organizers' reports)."""
    for entry in portal.entries():
        if entry.set_aside:
            note = Text("problem.entry_state.note", note=entry.spec.state_note) if entry.spec.state_note else ""
            entry.problems[:] = [
                replace(p, severity_override=Severity.WARNING) if p.is_error else p for p in entry.problems
            ]
            entry.problems.insert(
                0,
                Problem(
                    "ENT008",
                    entry.location(("state",)),
                    {"state": Text(f"problem.entry_state.{entry.spec.state}"), "note": note},
                ),
            )


def results_problems(contest: ContestRecord, results: ContestResults) -> list[Problem]:
    """The results' problems as the contest shows them: before the results are published, the
    judging details are warnings for the organizers' private report only (never public logs)."""
    if contest.spec.results.published:
        return list(results.problems)
    return [replace(p, severity_override=Severity.WARNING, confidential=True) for p in results.problems]
