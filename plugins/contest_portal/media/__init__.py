"""Stages 3, 4 and 6, media: the facts of every entry's video (facts: cached, probed in parallel
with pymediainfo by probe), checked against a contest's video_rules (rules), the same video sent
twice (duplicates); poster frames and thumbnails with PyAV and Pillow (posters).
"""
