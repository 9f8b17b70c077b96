"""A contest's news as an Atom (or RSS 2.0) feed, made with feedgen."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from contest_portal.formats.news import NewsPost


@dataclass(frozen=True)
class Feed:
    """What a news feed holds: the posts (newest first) and how to address and show each.

    ``post_link(post)`` is a post's address and ``content_html(post)`` its sanitized HTML (made
    when the feed is written).  ``feed_id`` is an absolute IRI; ``page_link`` the news page.
    """

    posts: list[NewsPost]
    title: str
    feed_id: str
    page_link: str
    post_link: Callable[[NewsPost], str]
    content_html: Callable[[NewsPost], str]
    lang: str
    author: str


def feed_bytes(feed: Feed, rss: bool = False) -> bytes:
    """The feed as Atom XML (or RSS 2.0 with ``rss``), UTF-8.

    A post's id is its absolute link, or ``feed_id:slug`` when the links are relative (no site
    address known).
    """
    from feedgen.feed import FeedGenerator

    out = FeedGenerator()
    out.id(feed.feed_id)
    out.title(feed.title)
    out.author({"name": feed.author})
    out.link(href=feed.page_link, rel="alternate")
    out.language(feed.lang)
    out.description(feed.title)
    if feed.posts:
        out.updated(max(post.date.start for post in feed.posts))
    for post in reversed(feed.posts):  # feedgen lists the last added first
        item = out.add_entry()
        link = feed.post_link(post)
        item.id(link if link.startswith(("https://", "http://")) else f"{feed.feed_id}:{post.slug}")
        item.title(post.title)
        item.link(href=link)
        item.published(post.date.start)
        item.updated(post.date.start)
        if post.summary:
            item.summary(post.summary)
        item.content(str(feed.content_html(post)), type="html")
        if rss:
            item.description(post.summary or post.title)
    data: bytes = out.rss_str(pretty=True) if rss else out.atom_str(pretty=True)
    return data
