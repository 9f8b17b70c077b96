"""Stage 9, write the site: one writer of every file of it (site_writer), which claims each path
once (site_paths, SIT001 for a path twice), makes the in-memory outputs' bytes (outputs), runs
the publishing process that writes the embeddable views and puts the media in (background,
through the cache's store: media_store) and writes what is made from the written pages: the
security header files (headers), the search bundle (site_search) and the compressed copies
(precompress); the staged swap of the built site (staging).
"""
