"""Stage 9, write the site: every path claimed once (site_paths, SIT001 for a path twice), the
in-memory outputs' bytes (outputs), the publishing process that writes the embeddable views and
puts the media in (background, through the cache's store: media_store), the security header
files written from the built pages (headers), the search bundle (site_search), the compressed
copies (precompress) and the staged swap of the built site (staging).
"""
