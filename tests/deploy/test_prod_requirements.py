"""`make serve` and the image install requirements/prod.txt only: the production server must not
import anything that only requirements/dev.txt installs (tests, lint, delivery checks)."""

import importlib.metadata
import json
import re
import subprocess
import sys
from pathlib import Path

from tests.deploy.cluster import production_env

ROOT = Path(__file__).resolve().parent.parent.parent

# What the production server loads (gunicorn's config, the WSGI app, every URL and view), with the
# development-only modules hidden as if they were not installed. Optional imports (DRF tries
# markdown and pygments) then fail quietly, as they do in the image.
LOAD = """
import json, runpy, sys
HIDDEN = set(json.loads(sys.argv[1]))

class Hide:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in HIDDEN:
            raise ModuleNotFoundError(f"No module named {name!r} (development only)", name=name)

sys.meta_path.insert(0, Hide())
runpy.run_path("config/gunicorn.conf.py")
import config.wsgi
from django.urls import get_resolver
get_resolver().url_patterns
"""


def pinned(path):
    names = re.findall(r"^([A-Za-z0-9_.\[\]-]+)==", path.read_text(), re.M)
    return {re.sub(r"\[.*\]", "", name).lower().replace("_", "-") for name in names}


def development_only_modules():
    development_only = pinned(ROOT / "requirements" / "dev.txt") - pinned(ROOT / "requirements" / "base.txt")
    assert {"pytest", "ruff", "kubernetes-validate"} <= development_only
    return sorted(
        module
        for module, owners in importlib.metadata.packages_distributions().items()
        if {owner.lower().replace("_", "-") for owner in owners} <= development_only
    )


def test_the_production_server_loads_without_the_development_only_packages():
    hidden = development_only_modules()
    assert {"pytest", "factory", "kubernetes_validate"} <= set(hidden)

    run = subprocess.run(
        [sys.executable, "-c", LOAD, json.dumps(hidden)],
        cwd=ROOT,
        env=dict(production_env(), PATH="/usr/bin:/bin"),
        capture_output=True,
        text=True,
    )

    assert run.returncode == 0, run.stderr
