"""The project's code stays clean under ruff and pylint-odoo's mandatory checks, and the
generated demo data stays in step with its generator."""

import os
import subprocess
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
# The addons under test: PROPERTY_MODULES when make test was limited to some.
ADDONS = sorted(
    [name for name in os.environ.get("PROPERTY_MODULES", "").split(",") if name]
    or [
        p.parent.name
        for pattern in ("property_*/__manifest__.py", "payment_*/__manifest__.py")
        for p in PROJECT_DIR.glob(pattern)
    ]
)
BIN = Path(sys.executable).parent


def _run(*args):
    return subprocess.run(
        [str(a) for a in args], cwd=PROJECT_DIR, capture_output=True, text=True, check=False
    )


def test_ruff_check():
    result = _run(BIN / "ruff", "check", "--no-fix", *ADDONS, "tests", "tools")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format():
    result = _run(BIN / "ruff", "format", "--check", *ADDONS, "tests", "tools")
    assert result.returncode == 0, result.stdout + result.stderr


def test_addons_found():
    assert ADDONS and all((PROJECT_DIR / name / "__manifest__.py").exists() for name in ADDONS)


def test_pylint_odoo_mandatory():
    result = _run(BIN / "pylint", "--rcfile=.pylintrc-mandatory", "--output-format=text", *ADDONS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_demo_xml_up_to_date():
    """property_base's demo XML is what tools/gen_demo.py generates."""
    result = _run(sys.executable, "tools/gen_demo.py", "--check")
    assert result.returncode == 0, result.stdout + result.stderr
