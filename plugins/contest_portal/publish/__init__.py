"""Stage 9, write outputs: the one writer of generated files, which refuses a path twice (writer);
the staged swap of the built site (staging), media linked into it (media_links) and the
security header files written from the built pages (headers).
"""
