"""Stages 1–2, discover and read: find the contest and entry folders (discover), read YAML with
line numbers (yamlfile) and check it against the typed formats (schema, schema_check) into the
model (read), read news posts (news), the office's spreadsheets (tables, with workbook for an
XLSX's layout and legacy for TCVN3/VNI text) and the jury's score sheets, the vote snapshot and
quiz results (sheets). Nothing here probes media or judges.
"""
