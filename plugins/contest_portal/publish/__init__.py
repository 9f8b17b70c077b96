"""Stage 9, write outputs: the staged swap of the built site (staging), media linked into it
(media_links) and the security header files written from the built pages (headers).
"""
