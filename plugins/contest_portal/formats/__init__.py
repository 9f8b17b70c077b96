"""Stage 1–2, discover and read: find contest and entry folders, read YAML with line numbers
(yamlfile), check it against the typed formats (schema, schema_check), read news posts (news)
and the office's spreadsheets (tables). Nothing here probes media or judges.
"""
