"""The organizing office's commands beside the build: the validation reports (reports), importing a
register (register), taking in received files (intake), scaffolding a contest (scaffold),
status, and the judges' blank score sheets (jury_sheets); register and intake edit entry files
round trip (roundtrip), keeping the office's comments and hand edits.
"""
