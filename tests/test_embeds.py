"""YouTube and Facebook players: privacy-friendly addresses, and look-alike hosts refused."""

from __future__ import annotations

import pytest

from contest_portal.site.embeds import FRAME_SOURCES, embed_for

VIDEO_ID = "M7lc1UVf-VE"


@pytest.mark.parametrize(
    "url",
    [
        f"https://www.youtube.com/watch?v={VIDEO_ID}",
        f"https://www.youtube.com/watch?feature=share&v={VIDEO_ID}&t=42",
        f"https://youtu.be/{VIDEO_ID}?si=abc",
        f"https://m.youtube.com/watch?v={VIDEO_ID}",
        f"https://www.youtube.com/shorts/{VIDEO_ID}",
        f"https://www.youtube.com/embed/{VIDEO_ID}",
        f"  http://youtube.com/live/{VIDEO_ID}  ",
    ],
)
def test_a_youtube_address_becomes_a_nocookie_player(url):
    embed = embed_for(url, None)
    assert embed is not None and embed.site == "youtube"
    assert embed.player_url == f"https://www.youtube-nocookie.com/embed/{VIDEO_ID}?autoplay=1&rel=0"
    assert embed.page_url == f"https://www.youtube.com/watch?v={VIDEO_ID}"


@pytest.mark.parametrize(
    "url",
    [
        f"https://youtube.com.evil.example/watch?v={VIDEO_ID}",
        f"https://notyoutube.com/watch?v={VIDEO_ID}",
        f"https://www.youtube.co/watch?v={VIDEO_ID}",
        f"https://youtu.be.evil.example/{VIDEO_ID}",
        f"https://evil.example/youtube.com/watch?v={VIDEO_ID}",
        "https://www.youtube.com/watch?v=%22%3E%3Cscript%3E",  # not a video id
        "https://www.youtube.com/watch?v=",
        "https://www.youtube.com/channel/UCabcdefgh",
    ],
)
def test_look_alikes_and_non_videos_get_no_youtube_player(url):
    assert embed_for(url, None) is None


def test_a_facebook_video_gets_the_facebook_plugin_over_https():
    embed = embed_for(None, "http://www.facebook.com/UBNDHuyen/videos/123456789/#comments")
    assert embed is not None and embed.site == "facebook"
    assert embed.page_url == "https://www.facebook.com/UBNDHuyen/videos/123456789/"
    assert embed.player_url == (
        "https://www.facebook.com/plugins/video.php?autoplay=1&href="
        "https%3A%2F%2Fwww.facebook.com%2FUBNDHuyen%2Fvideos%2F123456789%2F"
    )


@pytest.mark.parametrize(
    "url",
    [
        "https://facebook.com.evil.example/videos/1",
        "https://www.faceb00k.com/UBND/videos/1",
        "https://evil.example\\@www.facebook.com/videos/1",  # a browser would go to evil.example
        "https://user@www.facebook.com/videos/1",
    ],
)
def test_look_alike_facebook_hosts_are_refused(url):
    assert embed_for(None, url) is None


def test_youtube_wins_when_both_are_given_and_the_player_host_is_allowed_by_the_csp():
    embed = embed_for(f"https://youtu.be/{VIDEO_ID}", "https://www.facebook.com/x/videos/1/")
    assert embed is not None and embed.site == "youtube"
    assert embed.player_url.startswith(tuple(source + "/" for source in FRAME_SOURCES))
    facebook = embed_for("https://evil.example/", "https://www.facebook.com/x/videos/1/")
    assert facebook is not None and facebook.site == "facebook"
    assert embed_for(None, None) is None
