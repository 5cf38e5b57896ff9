"""Boilerplate shared by the benchmark scripts of this folder: common command-line
options, loading (and creating) the scratch database, the environment, memory figures.

A script here imports it directly (``tests/bench`` is ``sys.path[0]`` when a script of
this folder runs)::

    from benchlib import add_common_arguments, check_installed, load_registry, open_env

    parser = argparse.ArgumentParser()
    add_common_arguments(parser, "property_billing")
    args = parser.parse_args()
    registry = load_registry(args)
    with registry.cursor() as cr:
        env = open_env(cr)
        check_installed(env, "property_billing")
"""

import os
import resource
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]

#: Context of every create: no chatter messages, followers or tracking values.
QUIET_CONTEXT = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
    "no_reset_password": True,
}

DEMO_DATABASE = "property_demo"


def add_common_arguments(parser, module, *, install_modules=False):
    """``--database``/``-d``, ``--config``/``-c``, ``--install``, ``--tracemalloc`` and
    ``--log-level``. ``--install`` stores ``module`` (a comma-separated list of modules);
    with ``install_modules`` it takes an optional list of modules of its own instead."""
    parser.add_argument("--database", "-d", required=True, help="scratch database")
    parser.add_argument(
        "--config", "-c", default=str(PROJECT_DIR / "odoo.conf"), help="Odoo configuration file"
    )
    if install_modules:
        parser.add_argument(
            "--install",
            nargs="?",
            const=module,
            metavar="MODULES",
            help=f"create the database if it does not exist and install MODULES ({module}) "
            "without demo data first",
        )
    else:
        parser.add_argument(
            "--install",
            action="store_const",
            const=module,
            help=f"create the database if missing and install {module} without demo data",
        )
    parser.add_argument(
        "--tracemalloc",
        action="store_true",
        help="also report the peak of Python allocations (slows the run down)",
    )
    parser.add_argument("--log-level", default="warn", help="Odoo log level (warn)")


def load_registry(args):
    """Registry of ``args.database``, after refusing the demo database and moving to the
    project folder (``odoo.conf`` has paths relative to it). With ``--install``, creates
    the database when it does not exist and installs ``args.install`` without demo data."""
    if args.database == DEMO_DATABASE:
        sys.exit(f"{DEMO_DATABASE} is the demo database of `make run`: use a scratch database.")
    os.chdir(PROJECT_DIR)
    import odoo  # noqa: F401  (sets Odoo up: the imports below need it)
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(["-c", args.config, "-d", args.database, f"--log-level={args.log_level}"])
    if args.install:
        from odoo.service import db
        from odoo.tools.sql import SQL

        with odoo.sql_db.db_connect("postgres").cursor() as cr:
            cr.execute(SQL("SELECT 1 FROM pg_database WHERE datname = %s", args.database))
            exists = bool(cr.fetchall())
        if not exists:
            db._create_empty_database(args.database)
        modules = [name.strip() for name in args.install.split(",") if name.strip()]
        return Registry.new(args.database, install_modules=modules, new_db_demo=False)
    return Registry(args.database)


def open_env(cr, context=QUIET_CONTEXT):
    """Superuser environment on ``cr`` (with the quiet context by default)."""
    from odoo import SUPERUSER_ID, api

    return api.Environment(cr, SUPERUSER_ID, dict(context))


def check_installed(env, module):
    """Exit when ``module`` is not installed in the environment's database."""
    if env["ir.module.module"].search([("name", "=", module)]).state != "installed":
        sys.exit(f"{module} is not installed in {env.cr.dbname}: add --install.")


def rss_mb():
    """Current resident memory of the process, in MB."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_rss_mb():
    """Peak resident memory of the process so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
