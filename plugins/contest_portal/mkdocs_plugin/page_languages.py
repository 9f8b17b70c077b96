"""Hand-written pages in the build's language: ``huong-dan/index.en.md`` is ``huong-dan/index.md``
in the English site (see ``site.languages``)."""

from __future__ import annotations

from mkdocs.structure.files import File, Files

from contest_portal.core.i18n import LANGUAGES
from contest_portal.site.languages import translation_of


def use_translated_pages(files: Files, lang: str) -> None:
    """Read each hand-written page that has a translation into ``lang`` from that translation
    (the page keeps its address, its place in the nav and its title in mkdocs.yml); take every
    translation file (``*.en.md``, ``*.vi.md``) out of the site's pages.  A translation with no
    page beside it is the page itself, in its language's site only."""
    for file in list(files):
        found = translation_of(file.src_uri, LANGUAGES) if file.is_documentation_page() else None
        if found is None:
            continue
        page, page_lang = found
        files.remove(file)
        if page_lang != lang:
            continue
        original = files.get_file_from_path(page)
        if original is None:  # (only in this language: published at the page's address)
            original = File(page, file.src_dir, file.dest_dir, file.use_directory_urls, inclusion=file.inclusion)
            files.append(original)
        # read from the translation (a cached_property of MkDocs' File, set as File.generated sets it)
        original.abs_src_path = file.abs_src_path
