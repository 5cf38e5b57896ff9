#!/usr/bin/env python3
"""Billing in queue_job jobs: invoices per second of one billing run cut into
jobs, run by Odoo servers of 1 and of 2 worker processes (queue_job's runner).

Run from the project folder (see README.md here):

    PGUSER=odoo .venv/bin/python tests/bench/bench_billing_jobs.py -d bench_jobs --install \
        --units 2000 --workers 1 2

It populates N units (``populate.py``) with owners, residents and the three
fee items of ``bench_billing.py``; then, for each worker count, it makes a
new month, enqueues the month's billing run of the same units as jobs
(``property.billing.run.action_run_in_jobs``, ``--chunk-size`` units per job
and a last job that ends the run), starts ``odoo-bin --workers=N
--load=base,web,queue_job`` (the server-wide modules) on free ports with queue_job's channel
``root:N`` (N jobs at once), waits until the run is done, stops the server
and prints the invoices created and posted per second, from the enqueueing
to the end of the run (the server's start-up is not counted: the jobs are
enqueued once it answers).
"""

import argparse
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_billing import make_period, setup_fees  # noqa: E402
from benchlib import (  # noqa: E402
    PROJECT_DIR,
    add_common_arguments,
    check_installed,
    load_registry,
    open_env,
)
from populate import populate  # noqa: E402


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    add_common_arguments(parser, "property_billing,queue_job")
    parser.add_argument("--units", type=int, default=2_000, help="units to bill (2000)")
    parser.add_argument("--chunk-size", type=int, default=100, help="units per job (100)")
    parser.add_argument(
        "--workers", type=int, nargs="+", default=[1, 2], help="worker counts to compare (1 2)"
    )
    parser.add_argument(
        "--timeout", type=float, default=3600, help="give up on a run after this (s, 3600)"
    )
    return parser.parse_args(argv)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(args, workers, log_path):
    """``odoo-bin`` with ``workers`` worker processes and queue_job's runner,
    on free ports, against the bench database; returns (process, port)."""
    import odoo

    port, gevent_port = free_port(), free_port()
    # The source tree of the Odoo this script runs (odoo is a namespace package).
    odoo_bin = next(
        path
        for path in [Path(folder).resolve().parent / "odoo-bin" for folder in odoo.__path__]
        if path.exists()
    )
    command = [
        sys.executable,
        str(odoo_bin),
        "-c",
        args.config,
        "-d",
        args.database,
        f"--db-filter=^{args.database}$",
        f"--workers={workers}",
        "--max-cron-threads=0",
        "--load=base,web,queue_job",  # the server-wide modules
        "--http-interface=127.0.0.1",
        f"--http-port={port}",
        f"--gevent-port={gevent_port}",
        f"--log-level={args.log_level}",
        "--limit-time-real=3600",
        "--limit-time-cpu=3600",
    ]
    env = dict(os.environ)
    env.update(
        # queue_job's runner: N jobs at once, sent to this server.
        ODOO_QUEUE_JOB_CHANNELS=f"root:{workers}",
        ODOO_QUEUE_JOB_HOST="127.0.0.1",
        ODOO_QUEUE_JOB_PORT=str(port),
    )
    log = open(log_path, "w")  # noqa: SIM115 - closed with the server
    process = subprocess.Popen(
        command, cwd=PROJECT_DIR, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    process.log = log
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"odoo-bin stopped at start-up; see {log_path}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/web/health", timeout=2):
                return process, port
        except OSError:
            time.sleep(0.5)
    stop_server(process)
    sys.exit(f"odoo-bin did not answer within 120 s; see {log_path}")


def stop_server(process):
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    process.log.close()


def bill_with_workers(env, args, estates, fees, workers, index):
    """Bill a new month of the units in jobs on a server of ``workers``
    workers; return (invoices, seconds, units skipped, failed jobs)."""
    taken = env["property.billing.period"].search_count([("name", "=like", "BJ-%")])
    month = 1 + (taken % 12)
    year = 2030 + taken // 12
    period = make_period(
        env,
        f"BJ-{taken}-{workers}w",
        f"{year}-{month:02d}-01",
        f"{year}-{month:02d}-28",
    )
    run = env["property.billing.run"].create(
        {
            "period_id": period.id,
            "estate_ids": [(6, 0, estates.ids)],
            "fee_ids": [(6, 0, fees.ids)],
            "post_invoices": True,
        }
    )
    env.cr.commit()
    log_path = PROJECT_DIR / ".data" / f"bench_billing_jobs-{workers}w-{index}.log"
    log_path.parent.mkdir(exist_ok=True)
    process, _port = start_server(args, workers, log_path)
    try:
        started = time.perf_counter()
        run.action_run_in_jobs(chunk_size=args.chunk_size)
        env.cr.commit()
        deadline = time.monotonic() + args.timeout
        failed = 0
        while True:
            env.cr.rollback()  # a new snapshot: see what the workers committed
            env.invalidate_all()
            if run.state != "running":
                break
            failed = env["queue.job"].search_count(
                [("state", "=", "failed"), ("model_name", "=", "property.billing.run")]
            )
            if failed or time.monotonic() > deadline or process.poll() is not None:
                break
            time.sleep(0.2)
        seconds = time.perf_counter() - started
    finally:
        stop_server(process)
    if run.state != "done":
        sys.exit(
            f"the run did not end ({run.state}, {failed} failed jobs); see {log_path} "
            "and the jobs (Settings > Technical > Queue Jobs)"
        )
    invoices = env["account.move"].search_count([("property_billing_run_id", "=", run.id)])
    return invoices, seconds, run.skipped_count


def main(argv=None):
    args = parse_args(argv)
    registry = load_registry(args)
    with registry.cursor() as cr:
        env = open_env(cr)
        check_installed(env, "property_billing")
        check_installed(env, "queue_job")
        print(f"populating {args.units} units ...", flush=True)
        result = populate(env, units=args.units, prefix="BJ")
        print(f"  {result.seconds:.0f} s", flush=True)
        fees = setup_fees(env, result.estates)
        env.cr.commit()
        figures = []
        for index, workers in enumerate(args.workers):
            print(f"billing in jobs with {workers} worker(s) ...", flush=True)
            invoices, seconds, skipped = bill_with_workers(
                env, args, result.estates, fees, workers, index
            )
            figures.append((workers, invoices, seconds, skipped))
            print(f"  {invoices} invoices in {seconds:.1f} s", flush=True)
        load = os.getloadavg()
        print(
            f"\n{args.units} units, {len(fees)} fee items, {args.chunk_size} units per job, "
            f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}"
        )
        base = None
        for workers, invoices, seconds, skipped in figures:
            rate = invoices / seconds
            base = base or rate
            print(
                f"{workers} worker(s): {invoices:>7} invoices  {seconds:7.1f} s  "
                f"{rate:7.1f} invoices/s  ({rate / base:.2f}x)  {skipped} units skipped"
            )


if __name__ == "__main__":
    main()
