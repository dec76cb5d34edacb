"""The package imports cleanly under ``python -W error`` with freshly compiled bytecode.

Whoosh 2.7.4 fails exactly this way (invalid escape sequences), which is
why the hub depends on a maintained distribution.
"""

import os
import subprocess
import sys


def test_every_module_imports_without_warnings_from_fresh_bytecode(tmp_path):
    code = (
        "import pkgutil, importlib, hub_plugin\n"
        "for module in pkgutil.walk_packages(hub_plugin.__path__, 'hub_plugin.'):\n"
        "    importlib.import_module(module.name)\n"
        "import whoosh, whoosh.index, whoosh.fields, whoosh.qparser, whoosh.analysis, whoosh.highlight\n"
        "print('ok')\n"
    )
    env = dict(os.environ, PYTHONPYCACHEPREFIX=str(tmp_path / "pycache"), PYTHONDONTWRITEBYTECODE="")
    result = subprocess.run([sys.executable, "-W", "error", "-c", code], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
    assert list((tmp_path / "pycache").rglob("*.pyc")), "bytecode was not compiled fresh"


def test_only_one_whoosh_distribution_is_installed():
    from importlib.metadata import distributions

    names = sorted({(dist.metadata["Name"] or "").lower() for dist in distributions()})
    whooshes = [name for name in names if name.startswith("whoosh")]
    assert whooshes == ["whoosh3"]
