"""contest-portal: validate contest data and publish it as a static portal.

The sub-packages, in the order data flows through them (``pipeline`` names every stage):

    formats/        discover folders, read YAML and spreadsheets, check their form
    media/          probe videos (cached), check video rules, find duplicates, posters
    rules/          the contest plan's rules over entries; the contest's phase
    judging/        scores, votes and quiz → rankings → prizes
    model           the loaded portal, built from what the stages return
    site/           plan pages and render their bodies (no MkDocs)
    publish/        write the site: staged swap, media links, security headers
    office/         the office's commands: reports, register, intake, status
    mkdocs_plugin/  the MkDocs adapter (the only place importing MkDocs)
    core/           problems and codes, translation, values, files, cache, progress
"""

__version__ = "0.1.0"
