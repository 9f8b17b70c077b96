"""Stage 3–4 and 6, media: probe videos with pymediainfo (probe, cached by file identity), check
them against a contest's video_rules (rules), find the same video sent twice (duplicates), and
make poster frames and thumbnails with PyAV (posters).
"""
