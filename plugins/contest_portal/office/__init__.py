"""The organizing office's commands beside the build: the validation reports, importing a
register, taking in received files, scaffolding a contest, status, jury sheets.
"""
