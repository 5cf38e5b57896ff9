"""Boilerplate shared by the benchmark scripts of this folder: common command-line
options, loading (and creating) the scratch database, the environment, the timing of a
step (:class:`Timer`) and memory figures.

A script here imports it directly (``tests/bench`` is ``sys.path[0]`` when a script of
this folder runs)::

    from benchlib import Timer, add_common_arguments, check_installed, load_registry, open_env

    parser = argparse.ArgumentParser()
    add_common_arguments(parser, "property_billing")
    args = parser.parse_args()
    registry = load_registry(args)
    with registry.cursor() as cr:
        env = open_env(cr)
        check_installed(env, "property_billing")
        with Timer(cr, "billing run", env=env) as step:
            ...
        print(step.name, step.seconds, step.queries, step.peak_rss_mb)
"""

import os
import resource
import sys
import time
import tracemalloc
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
    """Peak resident memory of the process so far (since :func:`reset_peak_rss`), in MB.

    Read from ``VmHWM`` where Linux has it: ``ru_maxrss`` of a child process starts at
    the peak of the parent that spawned it (the kernel carries it over the exec), so a
    step run in a child of a large parent would report the parent's peak."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def reset_peak_rss():
    """Start the process's peak resident memory afresh (Linux: ``clear_refs``), so
    that the peak read after a step is the step's, not the registry loading's.
    Returns False where the kernel does not allow it."""
    try:
        with open("/proc/self/clear_refs", "w") as clear_refs:
            clear_refs.write("5")
    except OSError:
        return False
    return True


def backend_cpu_seconds(cr):
    """CPU seconds used so far by the PostgreSQL process serving ``cr`` (user +
    system, from ``/proc/<pid>/stat``), or None where it cannot be read (a
    database on another host)."""
    try:
        pid = cr._cnx.get_backend_pid()
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except (AttributeError, OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Timer:
    """Wall time, CPU time, SQL queries (``cr.sql_log_count``) and memory of a step.

    After the ``with`` block: ``seconds``, ``cpu_seconds`` (of this process),
    ``db_cpu_seconds`` (of the PostgreSQL process serving the cursor, None where it cannot
    be read), ``queries``, ``peak_rss_mb`` (the process's
    peak resident memory so far), ``max_rss_mb`` (the largest resident memory sampled at
    entry, exit and each :meth:`sample` call: the step's own peak) and, when tracemalloc
    runs, ``traced_peak_mb`` (the peak of Python allocations during the step; else None).

    A timer entered again adds to its ``seconds`` and ``queries``: e.g. the posting part
    of several batches, timed inside the whole step by a second timer. Such an inner timer
    takes ``trace_memory=False`` so that it leaves the tracemalloc peak of the outer one
    alone.

    With ``env``, the ORM is flushed before and after, so that the writes the step leaves
    pending count in it; ``invalidate`` also empties the cache before the step.
    """

    def __init__(self, cr, name="", *, env=None, invalidate=False, trace_memory=True):
        self.cr, self.name, self.env = cr, name, env
        self.invalidate, self.trace_memory = invalidate, trace_memory
        self.seconds, self.queries = 0.0, 0
        self.cpu_seconds, self.db_cpu_seconds = 0.0, 0.0
        self.max_rss_mb = self.peak_rss_mb = 0.0
        self.traced_peak_mb = None
        #: The machine's load averages (1, 5, 15 min) when the step ended.
        self.load_average = ""
        self._started = self._queries = self._cpu = self._db_cpu = None

    def __enter__(self):
        if self.env is not None:
            self.env.flush_all()
            if self.invalidate:
                self.env.invalidate_all()
        self.sample()
        if self.trace_memory and tracemalloc.is_tracing():
            tracemalloc.reset_peak()
        self._queries = self.cr.sql_log_count
        self._db_cpu = backend_cpu_seconds(self.cr)
        self._cpu = time.process_time()
        self._started = time.perf_counter()
        return self

    def __exit__(self, *exc):
        if self.env is not None:
            self.env.flush_all()
        self.seconds += time.perf_counter() - self._started
        self.cpu_seconds += time.process_time() - self._cpu
        db_cpu = backend_cpu_seconds(self.cr)
        if db_cpu is None or self._db_cpu is None or self.db_cpu_seconds is None:
            self.db_cpu_seconds = None
        else:
            self.db_cpu_seconds += db_cpu - self._db_cpu
        self.queries += self.cr.sql_log_count - self._queries
        self._started = None
        self.sample()
        self.peak_rss_mb = peak_rss_mb()
        self.load_average = " ".join(f"{load:.2f}" for load in os.getloadavg())
        if self.trace_memory and tracemalloc.is_tracing():
            self.traced_peak_mb = tracemalloc.get_traced_memory()[1] / 2**20

    def elapsed(self):
        """Seconds so far: the ones of the running step included."""
        running = time.perf_counter() - self._started if self._started is not None else 0.0
        return self.seconds + running

    def sample(self):
        """Record the current resident memory in ``max_rss_mb``."""
        self.max_rss_mb = max(self.max_rss_mb, rss_mb())
