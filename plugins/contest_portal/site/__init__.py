"""Stage 8, plan pages: the model → page specs, media specs and output specs (pages, with urls and
listings), rendered by the plugin's Jinja templates (render); the pieces pages carry: sharing
tags, calendar (ics), feeds, exports, safe Markdown (markup), embeds, the language switch.
Imports nothing from MkDocs and opens no file (entry_texts reads articles when a page renders).
"""
