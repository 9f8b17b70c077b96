"""Foundations every stage uses: problems and their codes (errors), the translator and
Vietnamese/English formatting (i18n), value parsers (values), safe file resolution (files),
the file-identity cache (cache) and the progress bar (progress). Imports no other stage.
"""
