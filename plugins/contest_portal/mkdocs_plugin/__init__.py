"""The MkDocs adapter: typed plugin options (config), the plugin that wires MkDocs events to the
pipeline (plugin), generated pages (generated_page) and the theme partial cache (theme_cache).
The only place that imports MkDocs.
"""
