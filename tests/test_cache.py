"""The file cache trusts an entry only while the file is unchanged, and survives damage."""

from __future__ import annotations

import os

from contest_portal.cache import FileCache


def test_round_trip_and_invalidation(tmp_path):
    data = tmp_path / "v.mp4"
    data.write_bytes(b"abc")
    cache = FileCache(tmp_path / "c.json", "probe")
    assert cache.get(data) is None
    cache.put(data, {"duration": 1})
    cache.save()
    again = FileCache(tmp_path / "c.json", "probe")
    assert again.get(data) == {"duration": 1}
    data.write_bytes(b"abcd")  # size changes
    assert again.get(data) is None


def test_same_size_new_mtime_is_a_miss(tmp_path):
    data = tmp_path / "v.mp4"
    data.write_bytes(b"abc")
    cache = FileCache(tmp_path / "c.json", "probe")
    cache.put(data, 1)
    st = data.stat()
    os.utime(data, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    assert cache.get(data) is None


def test_damaged_or_foreign_cache_starts_empty(tmp_path):
    data = tmp_path / "v.mp4"
    data.write_bytes(b"abc")
    for content in ("{not json", '{"version": 0, "kind": "probe", "entries": {}}', '[1, 2]',
                    '{"version": 1, "kind": "poster", "entries": {}}', ""):
        (tmp_path / "c.json").write_text(content)
        cache = FileCache(tmp_path / "c.json", "probe")
        assert cache.damaged
        assert cache.get(data) is None
        cache.put(data, 2)
        cache.save()
        assert FileCache(tmp_path / "c.json", "probe").get(data) == 2
