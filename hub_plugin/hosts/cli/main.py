"""The ``hub`` command: check content, scaffold files, build and serve the site."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ...model.vocabularies import FACETS, KIND_FACET, VOCABULARIES
from ...read.diagnostics import Report
from ...read.pathnames import HubPaths
from .project import ProjectError, check_hub_options, find_config, project_options, project_paths

if TYPE_CHECKING:
    from ...derive.urls import Urls

EXIT_OK, EXIT_CONTENT_ERROR, EXIT_USAGE = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return args.run(args)
    except ProjectError as exc:
        print(f"hub: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="hub", description="Build and check a hub of city-to-city cooperation case studies.")
    parser.add_argument("-f", "--config-file", type=Path, default=None, help="mkdocs.yml of the hub (default: found from here)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser("check", help="validate taxonomy.yml, partners and case studies")
    check.add_argument("paths", nargs="*", type=Path, help="only report on these files or folders")
    check.add_argument("--format", choices=("text", "github", "json"), default="text")
    check.set_defaults(run=run_check)

    new = commands.add_parser("new", help="start a new case study or partner from a template")
    new.add_argument("kind", nargs="?", choices=("case-study", "partner"), default="case-study")
    new.add_argument("--title", help="case study title")
    new.add_argument("--slug", help="file name without .md (default: from the title)")
    new.add_argument("--partner", action="append", default=[], metavar="ID:ROLE",
                     help="a partner of the case study, like johannesburg:mentor (repeatable)")
    new.add_argument("--id", help="partner id (file name without .md)")
    new.add_argument("--name", help="partner name")
    new.add_argument("--kind", dest="partner_kind", default="city", help="partner kind (default: city)")
    new.add_argument("--country", help="partner country, ISO 3166-1 alpha-2 code")
    new.add_argument("--lang", metavar="CODE",
                     help="the language the case study is written in, one of the hub's languages (default: en)")
    new.set_defaults(run=run_new)

    translate = commands.add_parser("translate", help="start a case study's translation: its text for a translator "
                                                      "to write, the original's beside each TODO")
    translate.add_argument("slug", help="the case study: its file name in content/case-studies/ without .md")
    translate.add_argument("--lang", metavar="CODE", help="the language to translate into, one of the hub's languages")
    translate.set_defaults(run=run_translate)

    build = commands.add_parser("build", help="build the site; the previous site is replaced only if the build succeeds")
    build.add_argument("-d", "--site-dir", type=Path, help="where to put the site (default: site_dir of mkdocs.yml)")
    build.add_argument("-s", "--strict", action="store_true", help="fail on MkDocs warnings too")
    build.add_argument("--from-git", metavar="URL_OR_PATH",
                       help="clone or update this content repository into a cache and build it")
    build.add_argument("--ref", help="with --from-git: the branch, tag or commit to build (default: its default branch)")
    build.add_argument("--offline", action="store_true",
                       help="build the edition to open from disk: links end in index.html, plus a zip "
                            "(default folder: SITE_DIR-offline)")
    build.add_argument("--packs", action="store_true",
                       help="also write a PDF briefing pack per theme, programme and country (packs: true in "
                            "mkdocs.yml does the same; needs pip install -e '.[pdf]')")
    build.set_defaults(run=run_build)

    search = commands.add_parser("search", help="search the hub from the terminal (builds the index when needed)")
    search.add_argument("query", nargs="?", default="", help="words to look for")
    for facet, flag in [(facet, VOCABULARIES[facet].singular) for facet in FACETS if facet != KIND_FACET] \
            + [(KIND_FACET, KIND_FACET)]:
        search.add_argument(f"--{flag}", dest=f"facet_{facet}", action="append", default=[], metavar="ID",
                            help=f"only results with this {flag} (repeat for any of several)")
    search.add_argument("--from", dest="since", type=int, help="only case studies still running in or after this year")
    search.add_argument("--to", dest="until", type=int, help="only case studies started in or before this year")
    search.add_argument("--lang", metavar="LANGUAGE",
                        help="search this edition (a code of the hub's 'languages'; default: the first, its default)")
    search.add_argument("-n", "--limit", type=int, default=10)
    search.add_argument("--json", action="store_true", help="print the results as JSON")
    search.set_defaults(run=run_search)

    form = commands.add_parser("issue-form", help="write .github/ISSUE_TEMPLATE/case-study.yml from taxonomy.yml")
    form.add_argument("--check", action="store_true", help="only check that the file agrees with taxonomy.yml")
    form.set_defaults(run=run_issue_form)

    from_issue = commands.add_parser("from-issue", help="turn a case-study issue's answers into files and check them")
    source = from_issue.add_mutually_exclusive_group(required=True)
    source.add_argument("--event", type=Path, help="the event file GitHub Actions writes ($GITHUB_EVENT_PATH)")
    source.add_argument("--body-file", type=Path, help="the issue's body, as GitHub writes it")
    from_issue.add_argument("--number", type=int, default=0, help="with --body-file: the issue's number")
    from_issue.add_argument("--work", type=Path, default=Path(".hub-issue"),
                            help="where to write the comment, the pull request's title and body and the commit message")
    from_issue.add_argument("--output", type=Path, help="append ready=, slug= and branch= to this file ($GITHUB_OUTPUT)")
    from_issue.set_defaults(run=run_from_issue)

    serve = commands.add_parser("serve", help="serve the site with live reload")
    serve.add_argument("-a", "--dev-addr", default="127.0.0.1:8000")
    serve.set_defaults(run=run_serve)
    return parser


def _paths(args: argparse.Namespace) -> tuple[Path, HubPaths]:
    config_file = args.config_file.resolve() if args.config_file else find_config(Path.cwd())
    if not config_file.is_file():
        raise ProjectError(f"{config_file} does not exist")
    return config_file, project_paths(config_file)


def run_check(args: argparse.Namespace) -> int:
    from ...check.loading import load_catalogue
    from ...check.translations import warn_translations_behind
    from ...git.history import collect as collect_git_facts

    config_file, paths = _paths(args)
    report = Report()
    check_hub_options(config_file, paths.display(config_file), report)
    languages = project_options(config_file)["languages"]
    catalogue = load_catalogue(paths, report, languages=languages, editions=languages)
    if catalogue.translations:  # Git's history is read only when there is a translation to compare
        warn_translations_behind(catalogue, collect_git_facts(paths.root), paths.root, report)
    if args.paths:
        wanted = [path.resolve() for path in args.paths]
        missing = [str(path) for path in args.paths if not path.exists()]
        if missing:
            print(f"hub: error: no such file or folder: {', '.join(missing)}", file=sys.stderr)
            return EXIT_USAGE
        report = Report([d for d in report.items
                         if any(_within(paths.root / d.path, target) for target in wanted)])
    output = report.format(args.format)
    if output:
        print(output)
    if args.format == "text":
        checked = len(catalogue.case_studies)
        print(f"{report.summary()} ({checked} case studies, {len(catalogue.partners)} partners and "
              f"{len(catalogue.programmes)} programmes valid)", file=sys.stderr)
    return EXIT_CONTENT_ERROR if report.has_errors else EXIT_OK


def _within(path: Path, target: Path) -> bool:
    path = path.resolve()
    return path == target or target in path.parents


def run_new(args: argparse.Namespace) -> int:
    from ...check.loading import load_vocabularies
    from ...contribute.scaffold import ScaffoldError, new_case_study, new_partner
    from ...read.text import slugify

    config_file, paths = _paths(args)
    taxonomy = load_vocabularies(paths, Report())
    interactive = sys.stdin.isatty()
    try:
        if args.kind == "partner":
            if args.lang is not None:
                print("hub: error: --lang is for a case study; a partner file has no language", file=sys.stderr)
                return EXIT_USAGE
            name = args.name or (_ask("Partner name: ") if interactive else None)
            country = args.country or (_ask("Country code (two letters, like MW): ") if interactive else None)
            partner_id = args.id or (name and slugify(name))
            if not name or not country or not partner_id:
                print("hub: error: give --name and --country (and optionally --id)", file=sys.stderr)
                return EXIT_USAGE
            target = new_partner(paths.content_dir, taxonomy, partner_id, name, args.partner_kind, country)
        else:
            title = args.title or (_ask("Title of the case study: ") if interactive else None)
            if not title:
                print("hub: error: give the title with --title \"...\"", file=sys.stderr)
                return EXIT_USAGE
            partners = [_partner_option(option) for option in args.partner]
            if not partners and interactive:
                answer = _ask("Partners as id:role, separated by spaces (like johannesburg:mentor lilongwe:mentee): ")
                partners = [_partner_option(option) for option in answer.split()]
            target = new_case_study(paths.content_dir, taxonomy, title, partners, args.slug, args.lang,
                                    project_options(config_file)["languages"])
    except (ScaffoldError, ValueError) as exc:
        print(f"hub: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"Created {paths.display(target)}: fill it in, then run 'hub check {paths.display(target)}'.")
    return EXIT_OK


def run_translate(args: argparse.Namespace) -> int:
    from ...contribute.scaffold import ScaffoldError
    from ...contribute.translate import new_translation

    config_file, paths = _paths(args)
    languages = project_options(config_file)["languages"]
    if not args.lang:
        print(f"hub: error: give the language to translate into with --lang, one of: {', '.join(languages)}",
              file=sys.stderr)
        return EXIT_USAGE
    try:
        target = new_translation(paths, args.slug, args.lang, languages)
    except ScaffoldError as exc:
        print(f"hub: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"Created {paths.display(target)}: replace each TODO with the translation of the text above it, "
          f"then run 'hub check {paths.display(target)}'.")
    return EXIT_OK


def _ask(prompt: str) -> str:
    return input(prompt).strip()


def _partner_option(option: str) -> tuple[str, str]:
    partner_id, _, role = option.partition(":")
    if not partner_id or not role:
        raise ValueError(f"'{option}' must be ID:ROLE, like johannesburg:mentor")
    return partner_id.strip(), role.strip()


def run_build(args: argparse.Namespace) -> int:
    from ...build.publish import staged_site, write_zip
    from ...git.checkout import SourceError, checkout, commit_time
    from ..mkdocs.commands import BuildFailed, build_site, show_mkdocs_log, site_dir_of

    show_mkdocs_log()
    if args.from_git:
        try:
            worktree, commit = checkout(args.from_git, args.ref)
        except SourceError as exc:
            print(f"hub: {exc}", file=sys.stderr)
            return EXIT_CONTENT_ERROR
        print(f"Building {args.from_git} at {commit[:12]}", file=sys.stderr)
        config_file = worktree / "mkdocs.yml"
        if not config_file.is_file():
            print(f"hub: {args.from_git} has no mkdocs.yml at its top", file=sys.stderr)
            return EXIT_CONTENT_ERROR
    elif args.ref:
        print("hub: error: --ref goes with --from-git", file=sys.stderr)
        return EXIT_USAGE
    else:
        config_file, _ = _paths(args)
    # Dates in the output (sitemap) come from the commit, not the clock: same commit, same bytes.
    epoch = commit_time(config_file.parent)
    restore_epoch = "SOURCE_DATE_EPOCH" not in os.environ
    if epoch is not None and restore_epoch:
        os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        default_root = Path.cwd() if args.from_git else config_file.parent
        default = default_root / (Path(site_dir_of(config_file)).name + ("-offline" if args.offline else ""))
        site_dir = (args.site_dir or default).resolve()
        with staged_site(site_dir) as staging:
            build_site(config_file, staging, strict=args.strict, offline=args.offline, packs=args.packs)
    except BuildFailed as exc:
        print(f"hub: build failed: {exc}; the previous site is unchanged", file=sys.stderr)
        return EXIT_CONTENT_ERROR
    finally:
        if restore_epoch:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
    print(f"Built the site in {site_dir}", file=sys.stderr)
    if args.offline:
        archive = write_zip(site_dir, site_dir.with_suffix(".zip"))
        print(f"Offline edition: open {site_dir / 'index.html'} in a browser, or hand out {archive}", file=sys.stderr)
    return EXIT_OK


def run_search(args: argparse.Namespace) -> int:
    import json
    from dataclasses import asdict

    from ...build.editions import editions
    from ...build.options import with_defaults
    from ...derive.urls import Urls
    from ...read.cachefiles import read_text
    from ...search import query
    from ...search.documents import kind_labels
    from ...search.index import open_index
    from ...search.job import content_fingerprint, index_dir
    from ...search.stemmers import analysed_as
    from .project import hub_options, read_settings

    config_file, paths = _paths(args)
    settings = read_settings(config_file)
    options = with_defaults(hub_options(settings))
    languages = list(options["languages"])
    chosen = [edition for edition in editions(languages) if edition.language == (args.lang or languages[0])]
    if not chosen:
        print(f"hub: error: the hub has no edition in '{args.lang}'; its languages: {', '.join(languages)}",
              file=sys.stderr)
        return EXIT_USAGE
    edition = chosen[0]
    urls = Urls(directory_urls=settings.get("use_directory_urls", True) is not False, prefix=edition.prefix)
    cache = paths.root / options["cache_dir"]
    directory = index_dir(cache, urls, edition.language)

    def refresh() -> int:
        return _refresh_search_index(paths, urls, cache, edition.language, languages)

    if (read_text(directory / "fingerprint") != content_fingerprint(paths)
            or open_index(directory, analysed_as(edition.language)) is None):  # none yet, or of another language
        if refresh() != EXIT_OK:
            return EXIT_CONTENT_ERROR
    filters = {facet: [VOCABULARIES[facet].normalised(value) for value in values] if facet in VOCABULARIES else values
               for facet, values in ((name.removeprefix("facet_"), values) for name, values in vars(args).items()
                                     if name.startswith("facet_") and values)}
    if not args.query and not filters and args.since is None and args.until is None:
        print("hub: error: give words to search for, or a filter such as --theme", file=sys.stderr)
        return EXIT_USAGE
    def run() -> tuple[list[query.SearchResult], str | None]:
        return query.search(open_index(directory), args.query, filters, args.limit, (args.since, args.until))

    try:
        results, suggestion = run()
    except Exception:  # noqa: BLE001 - an index that cannot be read (damaged, or from an older hub): build it again
        if refresh() != EXIT_OK:
            return EXIT_CONTENT_ERROR
        results, suggestion = run()
    if args.json:
        print(json.dumps({"query": args.query, "filters": filters, "suggestion": suggestion,
                          "results": [asdict(result) for result in results]}, ensure_ascii=False, indent=2))
        return EXIT_OK
    kinds = kind_labels(edition.language)
    if suggestion:
        print(f"Did you mean: {suggestion}?")
    if not results:
        print("No results.")
    for number, result in enumerate(results, 1):
        print(f"{number}. {result.title}  ({kinds.get(result.kind, result.kind)})")
        print(f"   {result.url}")
        if result.snippet:
            print(f"   {result.snippet}")
    return EXIT_OK


def _refresh_search_index(paths: HubPaths, urls: Urls, cache: Path, language: str, languages: list[str]) -> int:
    """The edition's index (``urls`` at its folder, in ``language``) updated from the content, read as a
    build reads it (the translations into the hub's ``languages`` included), so that both keep one index."""
    from ...check.loading import load_catalogue
    from ...derive.browse import browse_pages
    from ...search.job import update_search_index

    print("Updating the search index…", file=sys.stderr)
    report = Report()
    catalogue = load_catalogue(paths, report, editions=languages)
    if report.has_errors:
        print(report.format(), file=sys.stderr)
        print(f"hub: the content has {report.summary()}; fix them first (hub check)", file=sys.stderr)
        return EXIT_CONTENT_ERROR
    update_search_index(catalogue, urls, browse_pages(catalogue), cache, paths, language)
    return EXIT_OK


def run_issue_form(args: argparse.Namespace) -> int:
    from ...check.loading import load_vocabularies
    from ...contribute.issueform import issue_form, issue_form_path

    _, paths = _paths(args)
    report = Report()
    taxonomy = load_vocabularies(paths, report)
    if report.has_errors:
        print(report.format(), file=sys.stderr)
        return EXIT_CONTENT_ERROR
    target = issue_form_path(paths.root)
    text = issue_form(taxonomy)
    current = target.read_text(encoding="utf-8") if target.exists() else None
    if args.check:
        if current != text:
            print(f"{paths.display(target)}: out of date with taxonomy.yml; run 'hub issue-form'", file=sys.stderr)
            return EXIT_CONTENT_ERROR
        return EXIT_OK
    if current != text:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        print(f"Wrote {paths.display(target)}", file=sys.stderr)
    return EXIT_OK


def run_from_issue(args: argparse.Namespace) -> int:
    import json

    from ...contribute.fromissue import propose

    _, paths = _paths(args)
    login, user_id = "", 0
    try:
        if args.event:
            event = json.loads(args.event.read_text(encoding="utf-8"))
            issue = event["issue"]
            body, number = str(issue.get("body") or ""), int(issue["number"])
            login, user_id = str(issue.get("user", {}).get("login") or ""), int(issue.get("user", {}).get("id") or 0)
        else:
            body, number = args.body_file.read_text(encoding="utf-8"), args.number
    except (OSError, ValueError, KeyError, TypeError) as exc:
        print(f"hub: error: cannot read the issue ({exc.__class__.__name__}: {exc})", file=sys.stderr)
        return EXIT_USAGE
    outcome = propose(body, number, paths)
    title = " ".join(outcome.draft.title.split())[:200] or f"issue #{number}"
    args.work.mkdir(parents=True, exist_ok=True)
    (args.work / "comment.md").write_text(outcome.comment, encoding="utf-8")
    (args.work / "pr-title.txt").write_text(f"Case study: {title}", encoding="utf-8")
    (args.work / "pr-body.md").write_text(f"From the answers of #{number}.\n\n{outcome.comment}", encoding="utf-8")
    trailer = ""
    if login and user_id and all(char.isalnum() or char == "-" for char in login):
        trailer = f"\n\nCo-authored-by: {login} <{user_id}+{login}@users.noreply.github.com>"
    (args.work / "commit-message.txt").write_text(f"Case study from issue #{number}: {title}{trailer}\n",
                                                  encoding="utf-8")
    if args.output:
        with args.output.open("a", encoding="utf-8") as output:
            output.write(f"ready={'true' if outcome.ready else 'false'}\nslug={outcome.draft.slug}\n"
                         f"branch=case-study/issue-{number}\n")
    print(outcome.comment)
    return EXIT_OK if outcome.ready else EXIT_CONTENT_ERROR


def run_serve(args: argparse.Namespace) -> int:
    from ..mkdocs.commands import serve_site

    config_file, _ = _paths(args)
    serve_site(config_file, args.dev_addr)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
