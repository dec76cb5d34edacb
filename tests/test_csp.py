"""Every page carries a Content-Security-Policy it satisfies: no inline script runs unless hashed."""

from __future__ import annotations

import base64
import hashlib
import re

from hub_plugin.render.csp import inline_script_hashes, policy

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


def test_inline_scripts_are_allowed_by_hash_and_data_blocks_and_files_are_not_hashed():
    html = ('<script>a()</script><script type="application/json">{"x":1}</script>'
            '<script src="x.js"></script><script>a()</script>')
    expected = "'sha256-" + base64.b64encode(hashlib.sha256(b"a()").digest()).decode() + "'"
    assert inline_script_hashes(html) == [expected]
    assert "'unsafe-inline'" not in policy(html).split("script-src")[1].split(";")[0]


def test_every_built_page_has_the_policy_first_in_its_head(seed_site):
    pages = sorted(seed_site.rglob("*.html"))
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        match = META.search(html)
        assert match, page
        assert html.index(match.group(0)) < html.index("<script"), f"{page}: the policy must come before scripts"
        for source in inline_script_hashes(html):
            assert source in match.group(1).replace("&#39;", "'"), (page, source)


def _violations(browser, url: str) -> list[str]:
    page = browser.new_page()
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto(url)
    page.wait_for_timeout(100)
    page.close()
    return [text for text in messages if "Content Security Policy" in text]


def test_no_page_of_the_built_site_violates_its_policy_in_chromium(seed_site, browser):
    pages = [seed_site / "index.html", seed_site / "explore" / "index.html", seed_site / "about" / "index.html",
             *sorted((seed_site / "case-studies").glob("*/index.html"))[:3],
             *sorted((seed_site / "partners").glob("*/index.html"))[:2],
             seed_site / "themes" / "index.html", seed_site / "coordination" / "index.html"]
    found = {str(page.relative_to(seed_site)): _violations(browser, page.as_uri()) for page in pages}
    assert not {page: v for page, v in found.items() if v}


def test_an_inline_script_that_is_not_hashed_is_blocked(seed_site, browser, tmp_path):
    html = (seed_site / "about" / "index.html").read_text(encoding="utf-8")
    injected = html.replace("</body>", "<script>document.title = 'pwned'</script></body>")
    copy = seed_site / "about" / "injected.html"
    copy.write_text(injected, encoding="utf-8")
    try:
        assert _violations(browser, copy.as_uri())
    finally:
        copy.unlink()


def test_a_preview_lets_the_servers_live_reload_script_run_and_a_build_does_not():
    page = "<html><head></head><body><script>var a = 1;</script></body></html>"
    assert "'unsafe-inline'" not in policy(page).split("script-src", 1)[1].split(";")[0]
    assert "script-src 'self' 'unsafe-inline';" in policy(page, preview=True)
