"""Turns the unpacked bench pages into N publishers on loopback addresses.

    python3 bench/load/publishers.py SITE PORT N

SITE/pages/*.html (from site.sh's unpack_pages) are dealt out to N
publishers, publisher k on 127.0.0.(k+2):PORT. Each publisher serves its
pages under /a/, with their canonical URL (and og:url) rewritten to the
served address, and lists them three ways: the first third in an RSS feed
(/feed.xml), the second in a Google News sitemap (/sitemap.xml, dated now),
the last on a section page (/section.html, links with class "story").

Writes SITE/pub<k>/..., SITE/servers.conf (one nginx server block per
publisher, included by site.sh's serve_static) and SITE/sources.toml (the
3·N [[sources]] of a ticker configuration). Loopback only: every address is
in 127.0.0.0/8.
"""

import html
import os
import re
import sys
from datetime import datetime, timezone

CANONICAL = re.compile(r"<link\b[^>]*\brel\s*=\s*[\"']?canonical[\"']?[^>]*>", re.I)
OG_URL = re.compile(r"<meta\b[^>]*\bproperty\s*=\s*[\"']og:url[\"'][^>]*>", re.I)
HEAD = re.compile(r"<head\b[^>]*>", re.I)


def rewrite(page: str, url: str) -> str:
    """The page with its canonical URL and og:url pointing at `url`."""
    page = CANONICAL.sub("", page)
    page = OG_URL.sub("", page)
    tags = (f'<link rel="canonical" href="{html.escape(url)}">'
            f'<meta property="og:url" content="{html.escape(url)}">')
    match = HEAD.search(page)
    if match:
        return page[: match.end()] + tags + page[match.end():]
    return tags + page


def main() -> None:
    site, port, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    if not 1 <= count <= 250:
        sys.exit("N must be between 1 and 250 (addresses 127.0.0.2 to 127.0.0.251)")
    names = sorted(os.listdir(os.path.join(site, "pages")))
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    servers, sources = [], []
    for k in range(count):
        host = f"127.0.0.{k + 2}"
        base = f"http://{host}:{port}"
        root = os.path.join(site, f"pub{k}")
        os.makedirs(os.path.join(root, "a"), exist_ok=True)
        mine = names[k::count]
        for name in mine:
            with open(os.path.join(site, "pages", name), encoding="utf-8", errors="surrogateescape") as source:
                page = source.read()
            with open(os.path.join(root, "a", name), "w", encoding="utf-8", errors="surrogateescape") as out:
                out.write(rewrite(page, f"{base}/a/{name}"))
        third = (len(mine) + 2) // 3
        feed, sitemap, section = mine[:third], mine[third:2 * third], mine[2 * third:]
        items = "".join(
            f"<item><title>{name}</title><link>{base}/a/{name}</link><guid>{base}/a/{name}</guid></item>"
            for name in feed)
        with open(os.path.join(root, "feed.xml"), "w", encoding="utf-8") as out:
            out.write('<?xml version="1.0"?><rss version="2.0"><channel>'
                      f"<title>Publisher {k}</title><link>{base}/</link>{items}</channel></rss>")
        urls = "".join(
            f"<url><loc>{base}/a/{name}</loc><news:news><news:publication>"
            f"<news:name>Publisher {k}</news:name><news:language>de</news:language>"
            f"</news:publication><news:publication_date>{now}</news:publication_date>"
            f"<news:title>{name}</news:title></news:news></url>"
            for name in sitemap)
        with open(os.path.join(root, "sitemap.xml"), "w", encoding="utf-8") as out:
            out.write('<?xml version="1.0" encoding="UTF-8"?>'
                      '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
                      'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
                      f"{urls}</urlset>")
        links = "".join(f'<li><a class="story" href="/a/{name}">{name}</a></li>' for name in section)
        with open(os.path.join(root, "section.html"), "w", encoding="utf-8") as out:
            out.write(f"<!doctype html><html><head><title>Publisher {k}</title></head>"
                      f"<body><nav><a href=\"/\">Start</a></nav><ul>{links}</ul></body></html>")
        servers.append(f"server {{ listen {host}:{port}; root {os.path.abspath(root)}; }}")
        for kind, path, extra in (("feed", "feed.xml", ""), ("sitemap", "sitemap.xml", ""),
                                  ("page", "section.html", 'link_selector = "a.story"\n')):
            sources.append(f'[[sources]]\nid = "pub{k}-{kind}"\nkind = "{kind}"\n'
                           f'url = "{base}/{path}"\nallow_private = true\n{extra}')
    with open(os.path.join(site, "servers.conf"), "w", encoding="utf-8") as out:
        out.write("\n".join(servers) + "\n")
    with open(os.path.join(site, "sources.toml"), "w", encoding="utf-8") as out:
        out.write("\n".join(sources))
    print(f"publishers {count} on 127.0.0.2-127.0.0.{count + 1}:{port}, {len(names)} pages")


if __name__ == "__main__":
    main()
