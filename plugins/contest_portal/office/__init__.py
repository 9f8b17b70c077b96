"""The organizing office's commands beside the build: the validation reports (reports), importing a
register (register), taking in received files (intake), scaffolding a contest (scaffold),
status, and the judges' blank score sheets (jury_sheets).
"""
