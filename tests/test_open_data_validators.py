"""The open data as other tools read it: ajv (npm, under Node), check-jsonschema and frictionless.

- The three published JSON Schemas compile in ajv with its default options and pass
  ``check-jsonschema --check-metaschema``.
- Every record of case-studies.json, partners.json and programmes.json validates against its record schema,
  in ajv and in check-jsonschema; every seed file's front matter against the front-matter schema;
  front matter that ``hub check`` refuses, the schema refuses too.
- Patterns mean the same in JavaScript's Unicode mode as in ``hub check`` (case included).
- ``api/datapackage.json`` is valid under ``frictionless validate``, CSV included.
"""

from __future__ import annotations

import copy
import datetime
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO

from hub_plugin.check.schema import EMAIL_PATTERN, URL_PATTERN

AJV = REPO / "tests" / "tools" / "ajv-validate.cjs"
SCHEMAS = ("case-study.schema.json", "case-study-record.schema.json", "partner-record.schema.json",
           "programme-record.schema.json")


def ajv(schema: dict, instances: list) -> list:
    node = shutil.which("node")
    if node is None or not (REPO / "node_modules" / "ajv").is_dir():
        pytest.skip("needs Node.js and `npm ci` (ajv)")
    done = subprocess.run([node, str(AJV)], input=json.dumps({"schema": schema, "instances": instances}),
                          capture_output=True, text=True, check=True, cwd=REPO, timeout=120)
    answer = json.loads(done.stdout)
    assert "compileError" not in answer, answer.get("compileError")
    return answer["errors"]


def api(site: Path, name: str):
    return json.loads((site / "api" / name).read_text(encoding="utf-8"))


def _plain(value):
    """YAML's dates as the text they were written as."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def seed_front_matter() -> dict[str, dict]:
    found = {}
    for path in sorted((REPO / "content" / "case-studies").glob("*.md")):
        if "." in path.stem:  # a translation (<slug>.<lang>.md) is not a record
            continue
        text = path.read_text(encoding="utf-8")
        found[path.stem] = _plain(yaml.safe_load(text.split("\n---", 1)[0].removeprefix("---\n")))
    return found


@pytest.mark.parametrize("name", SCHEMAS)
def test_each_schema_passes_check_jsonschema_metaschema(seed_site, name):
    done = subprocess.run([sys.executable, "-m", "check_jsonschema", "--check-metaschema",
                           str(seed_site / "api" / name)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_published_record_validates_in_ajv(seed_site):
    for schema, data in (("case-study-record.schema.json", "case-studies.json"),
                         ("partner-record.schema.json", "partners.json"),
                         ("programme-record.schema.json", "programmes.json")):
        records = api(seed_site, data)
        errors = ajv(api(seed_site, schema), records)
        assert errors == [None] * len(records), [(r.get("slug") or r["id"], e) for r, e in zip(records, errors) if e]


def test_every_published_record_validates_in_check_jsonschema(seed_site, tmp_path):
    for schema, data in (("case-study-record.schema.json", "case-studies.json"),
                         ("partner-record.schema.json", "partners.json"),
                         ("programme-record.schema.json", "programmes.json")):
        instances = []
        for index, record in enumerate(api(seed_site, data)):
            instance = tmp_path / f"{data}-{index}.json"
            instance.write_text(json.dumps(record), encoding="utf-8")
            instances.append(str(instance))
        done = subprocess.run([sys.executable, "-m", "check_jsonschema", "--schemafile",
                               str(seed_site / "api" / schema), *instances], capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr


def test_every_seed_files_front_matter_validates_against_the_front_matter_schema(seed_site):
    front = seed_front_matter()
    errors = ajv(api(seed_site, "case-study.schema.json"), list(front.values()))
    assert errors == [None] * len(front), dict(zip(front, errors))


def _broken(front: dict) -> dict[str, dict]:
    cases = {}
    missing_title = copy.deepcopy(front)
    del missing_title["title"]
    cases["no title"] = missing_title
    unknown_theme = copy.deepcopy(front)
    unknown_theme["themes"] = ["no-such-theme"]
    cases["unknown theme"] = unknown_theme
    bad_role = copy.deepcopy(front)
    bad_role["partners"][0]["role"] = "boss"
    cases["unknown role"] = bad_role
    bad_email = copy.deepcopy(front)
    bad_email["contacts"] = [{"partner": front["partners"][0]["id"], "email": "office@example"}]
    cases["e-mail without a domain"] = bad_email
    bad_source = copy.deepcopy(front)
    bad_source["sources"] = [{"title": "A report", "url": "javascript:alert(1)"}]
    cases["source address that is not a web address"] = bad_source
    extra = copy.deepcopy(front)
    extra["colour"] = "blue"
    cases["a field the hub does not know"] = extra
    return cases


def test_front_matter_that_hub_check_refuses_the_schema_refuses(seed_site):
    front = seed_front_matter()["durban-mzuzu"]
    cases = _broken(front)
    errors = ajv(api(seed_site, "case-study.schema.json"), list(cases.values()))
    accepted = [name for name, error in zip(cases, errors) if error is None]
    assert not accepted, accepted


ADDRESSES = ["office@example.org", "Office@Example.ORG", "o'neil@example.org", "a@b", "a@b.c", "a b@example.org",
             "x@例え.jp", "<x>@example.org", "x@example.org.", 'x"y@example.org']
URLS = ["https://example.org", "HTTPS://EXAMPLE.ORG/x", "Http://example.org", "ftp://example.org",
        "https://", "https:// example.org", "https://example.org/a b", "javascript:alert(1)"]


@pytest.mark.parametrize(("pattern", "samples"), [(EMAIL_PATTERN, ADDRESSES), (URL_PATTERN, URLS)],
                         ids=["e-mail", "web address"])
def test_a_pattern_accepts_in_javascript_what_hub_check_accepts(pattern, samples):
    errors = ajv({"type": "string", "pattern": pattern.pattern}, samples)
    in_javascript = [error is None for error in errors]
    in_python = [pattern.search(sample) is not None for sample in samples]
    assert in_javascript == in_python, list(zip(samples, in_javascript, in_python))
    assert any(in_python) and not all(in_python)


def test_the_data_package_is_valid_under_frictionless(seed_site):
    frictionless = shutil.which("frictionless") or str(Path(sys.executable).parent / "frictionless")
    done = subprocess.run([frictionless, "validate", "--json", str(seed_site / "api" / "datapackage.json")],
                          capture_output=True, text=True, cwd=seed_site / "api", timeout=300)
    report = json.loads(done.stdout)
    assert report["valid"], json.dumps(report, indent=1)[:3000]
    package = api(seed_site, "datapackage.json")
    for resource in package["resources"]:
        assert (seed_site / "api" / resource["path"]).is_file(), resource["path"]
    table = next(r for r in package["resources"] if r["path"] == "case-studies.csv")
    assert [field["name"] for field in table["schema"]["fields"]] == (
        (seed_site / "api" / "case-studies.csv").read_text(encoding="utf-8").splitlines()[0].split(","))
