"""The MkDocs adapter: hands MkDocs' events to the hub's core and nothing more."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .catalogue import CASE_STUDIES_DIR, PARTNERS_DIR, Catalogue, HubPaths, load_catalogue
from .config import HubConfig
from .diagnostics import Report
from .render import Renderer
from .urls import Urls

log = logging.getLogger("mkdocs.plugins.hub")
ASSETS = Path(__file__).parent / "assets"
ASSET_URI = "assets/hub"


class HubPlugin(BasePlugin[HubConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.catalogue: Catalogue | None = None
        self.renderer: Renderer | None = None
        self.urls = Urls()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        self.paths = HubPaths(root.resolve(), Path(config.docs_dir).resolve(), (root / self.config.taxonomy).resolve())
        self.urls = Urls(directory_urls=config.use_directory_urls)
        for stylesheet in sorted(ASSETS.glob("*.css")):
            uri = f"{ASSET_URI}/{stylesheet.name}"
            if uri not in config.extra_css:
                config.extra_css.append(uri)
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        # Runs before MkDocs empties site_dir: bad content stops the build
        # while the previous site is still whole.
        self.catalogue = self.renderer = None
        report = Report()
        catalogue = load_catalogue(self.paths, report)
        if report.items:
            sys.stderr.write(report.format() + "\n")
            sys.stderr.flush()
        if report.has_errors:
            raise PluginError(f"The content has {report.summary()}; fix the lines above (run 'hub check' to see them again).")
        self.catalogue = catalogue
        self.renderer = Renderer(catalogue, self.urls)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        for asset in sorted(ASSETS.iterdir()):
            if asset.is_file():
                files.append(File.generated(config, f"{ASSET_URI}/{asset.name}", abs_src_path=str(asset)))
        return files

    @event_priority(50)
    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        # Replace MkDocs' own reading of the front matter with the validated
        # model, escaped: the theme's templates do not escape page.meta.
        case_study, partner = self._subject(page)
        if case_study:
            page.meta = {"title": escape(case_study.title), "description": escape(case_study.summary)}
        elif partner:
            page.meta = {"title": escape(partner.name), "description": escape(f"Case studies with {partner.name}")}
        return markdown

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        case_study, partner = self._subject(page)
        assert self.renderer is not None
        if case_study:
            return (self.renderer.case_study_facts(case_study, page.url) + html
                    + self.renderer.case_study_links(case_study, page.url))
        if partner:
            return html + self.renderer.partner_page(partner, page.url)
        if page.is_homepage:
            return html + self.renderer.home(page.url)
        return html

    def _subject(self, page: Page):
        """The case study or partner a page shows, if any."""
        if self.catalogue is None:
            return None, None
        folder, _, name = page.file.src_uri.rpartition("/")
        stem = name.removesuffix(".md")
        if folder == CASE_STUDIES_DIR:
            return self.catalogue.case_studies.get(stem), None
        if folder == PARTNERS_DIR:
            return None, self.catalogue.partners.get(stem)
        return None, None
