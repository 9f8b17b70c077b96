"""Stage 8, plan pages: the model → page specs and media specs (pages), their rendering with the
plugin's Jinja templates (render), and the pieces pages carry: sharing tags, calendar, exports,
safe Markdown, embeds, the language switch. Imports nothing from MkDocs.
"""
