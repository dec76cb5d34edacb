"""What the site says about itself: its name, address, publisher, content licence and contact.

They come from ``mkdocs.yml`` in Material's conventions (``site_name``, ``site_url``,
``site_description``, ``copyright``) and from ``extra`` (``publisher``, ``licence``,
``contact``), so that a network publishing its hub sets them where its theme already
looks; the footer, the feed and the citations all read them from here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Link:
    text: str
    url: str | None = None


@dataclass(frozen=True)
class SiteInfo:
    name: str
    url: str | None = None          # the published address, ending in "/"; None for a site read from disk
    description: str = ""
    publisher: Link | None = None
    licence: Link | None = None     # of the content (case studies), not of the software
    contact: Link | None = None

    @classmethod
    def from_config(cls, site_name: str, site_url: str | None = None, site_description: str | None = None,
                    extra: Mapping[str, Any] | None = None) -> SiteInfo:
        extra = extra or {}
        url = (site_url or "").strip() or None
        if url and not url.endswith("/"):
            url += "/"
        return cls(name=site_name, url=url, description=site_description or "",
                   publisher=_link(extra.get("publisher")), licence=_link(extra.get("licence")),
                   contact=_contact(extra.get("contact")))

    def absolute(self, site_path: str) -> str | None:
        """The page's full address, when the site's address is known."""
        return self.url + site_path if self.url else None

    @property
    def author(self) -> str:
        """Who publishes the hub: the publisher when it is set, else the site's name."""
        return self.publisher.text if self.publisher else self.name


def _link(value: Any) -> Link | None:
    if isinstance(value, str) and value.strip():
        return Link(value.strip())
    if isinstance(value, Mapping) and str(value.get("name") or "").strip():
        url = str(value.get("url") or "").strip() or None
        return Link(str(value["name"]).strip(), url)
    return None


def _contact(value: Any) -> Link | None:
    """An e-mail address or a web address, or a mapping of name and url."""
    if isinstance(value, str) and value.strip():
        text = value.strip().removeprefix("mailto:")
        return Link(text, f"mailto:{text}" if "@" in text and "://" not in text else text)
    return _link(value)
