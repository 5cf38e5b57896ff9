#!/usr/bin/env bash
# make test: fresh throw-away database, every property module installed with
# its demo data, every test of the modules and of tests/ (HTTP tests and JS
# tours included) under pytest-odoo; the database is dropped at the end.
# Extra arguments go to pytest (e.g. make test ARGS="-k move_in").
# The own tests of the modules we extend run too, with ours installed (see
# extended_tests below), unless the arguments name test files or folders.
# TEST_EXTRA_MODULES (default: payment_demo,queue_job) are Odoo modules
# installed with the property modules for the tests only, never a dependency of
# a module: payment_demo's published test provider lets the owners' online
# payment be tested, and must not reach a production database; OCA's queue_job
# (optional for billing runs) lets the runs cut into jobs be tested.
# shellcheck source=tools/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

bash "$PROJECT_DIR/tools/setup.sh"

modules="$(property_modules)"
[ -n "$modules" ] || die "no property_* module found in $PROJECT_DIR"
extra_modules="${TEST_EXTRA_MODULES-payment_demo,queue_job}"
db="property_test_$(date +%Y%m%d%H%M%S)_$$"

db_nodemo="${db}_nodemo"

cleanup() {
    for name in "$db" "$db_nodemo"; do
        dropdb --if-exists "$name" >/dev/null 2>&1 || say "could not drop the test database $name"
        rm -rf "$PROJECT_DIR/.data/filestore/$name"
    done
}
trap cleanup EXIT

# English and Simplified Chinese, English the default (as a new database made
# through the database manager): the owners' portal pages are tested in zh_CN.
say "installing $modules${extra_modules:+ (and, for the tests, $extra_modules)} into the throw-away database $db"
if ! odoo_bin -d "$db" -i "$modules${extra_modules:+,$extra_modules}" --with-demo --load-language=en_US,zh_CN --stop-after-init \
    --log-level=warn --no-http >"$PROJECT_DIR/.data/install-$db.log" 2>&1; then
    tail -n 60 "$PROJECT_DIR/.data/install-$db.log" >&2
    die "installing the modules failed (full log: .data/install-$db.log)"
fi
if grep -E " (ERROR|CRITICAL) " "$PROJECT_DIR/.data/install-$db.log" >&2; then
    die "the installation logged errors (full log: .data/install-$db.log)"
fi
rm -f "$PROJECT_DIR/.data/install-$db.log"

# Test paths: each module's tests/ and the project's cross-module tests/,
# unless the arguments name test files or folders themselves.
paths=()
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
    paths=("$@")
    set --
fi
full_run=0
if [ ${#paths[@]} -eq 0 ]; then
    full_run=1
    IFS=, read -r -a mods <<<"$modules"
    for mod in "${mods[@]}"; do
        [ -d "$PROJECT_DIR/$mod/tests" ] && paths+=("$mod")
    done
    [ -d "$PROJECT_DIR/tests" ] && paths+=("tests")
    # A module we extend keeps passing its own tests with ours installed: Odoo's
    # maintenance and OCA's helpdesk_mgmt (all their tests), and account's
    # invoice, sequence and payment tests. pytest-odoo runs them as plain
    # unittest classes, post_install and at_install ones alike.
    helpdesk_mgmt_dir="$("$VENV/bin/python" -c 'import importlib.util as u
print(u.find_spec("odoo.addons.helpdesk_mgmt").submodule_search_locations[0])')"
    paths+=(
        "$ODOO_SRC/addons/maintenance/tests"
        "$helpdesk_mgmt_dir/tests"
        "$ODOO_SRC/addons/account/tests/test_account_move_out_invoice.py"
        "$ODOO_SRC/addons/account/tests/test_sequence_mixin.py"
        "$ODOO_SRC/addons/account/tests/test_account_payment_register.py"
    )
fi

# Tests of the modules we extend that are left out (module.Class.test, read by
# tools/pytest_property.py), each for the reason above it. Imported test
# classes are never run (helpdesk_mgmt's test_js.py imports web's WebSuite), as
# with Odoo's own test loader.
left_out=(
    # Needs French: the Odoo source here ships only the zh_CN translations.
    odoo.addons.account.tests.test_account_move_out_invoice.TestAccountMoveOutInvoiceOnchanges.test_narration_translation_on_partner_language_change
    # Fails the same on a database with only Odoo's and OCA's modules (no
    # property module): web's calendar renderer reads its element after the
    # double click has left the calendar ("Cannot read properties of null
    # (reading 'querySelectorAll')" in unhighlightEvent) with this Chromium.
    odoo.addons.maintenance.tests.test_calendar_with_recurrence.TestCalendarWithRecurrence.test_dblclick_event_from_calendar
    # Inherited from web's WebSuite, fail the same without the property
    # modules: helpdesk_mgmt has no legacy QUnit test ("No tests matched the
    # filter"), and its fixed HOOT filter breaks web's check of that filter.
    odoo.addons.helpdesk_mgmt.tests.test_js.TestHelpdesMgmtJs.test_qunit_desktop
    odoo.addons.helpdesk_mgmt.tests.test_js.TestHelpdesMgmtJs.test_get_hoot_filter
)
export PROPERTY_TESTS_LEFT_OUT="${left_out[*]}"

# run_pytest DATABASE ARGS...: pytest-odoo on DATABASE (HTTP server included).
run_pytest() {
    local database=$1
    shift
    PYTHONPATH="$PROJECT_DIR/tools${PYTHONPATH:+:$PYTHONPATH}" \
        "$VENV/bin/python" -m pytest -c "$PROJECT_DIR/pytest.ini" -p pytest_property \
        --odoo-config="$PROJECT_DIR/odoo.conf" --odoo-database="$database" --odoo-http \
        --odoo-extra="db-filter=^${database}\$" \
        --odoo-log-level=warn "$@"
}

say "running the tests of: ${paths[*]}"
cd "$PROJECT_DIR"
set +e
run_pytest "$db" "${paths[@]}" "$@"
status=$?
set -e

# A production start (README): a database created for a company in China (its
# country and language set before the apps are installed, as the database
# manager does), every property module installed without demo data; the tests
# of tests/nodemo/ check what the company finds and its first move-in, bill and
# ticket. Only in a full run.
if [ "$full_run" = 1 ]; then
    say "production start: the property modules without demo into $db_nodemo"
    log="$PROJECT_DIR/.data/install-$db_nodemo.log"
    if ! { odoo_bin -d "$db_nodemo" -i base --without-demo --load-language=zh_CN \
            --stop-after-init --log-level=warn --no-http \
        && (cd "$PROJECT_DIR" && "$VENV/bin/python" "$ODOO_SRC/odoo-bin" shell \
            -c "$PROJECT_DIR/odoo.conf" -d "$db_nodemo" --log-level=warn --no-http) <<'PY'
env.company.country_id = env.ref("base.cn")
env.company.partner_id.lang = "zh_CN"
env.ref("base.user_admin").lang = "zh_CN"
env.cr.commit()
PY
        } >"$log" 2>&1 \
        || ! odoo_bin -d "$db_nodemo" -i "$modules" --without-demo --stop-after-init \
            --log-level=warn --no-http >>"$log" 2>&1; then
        tail -n 60 "$log" >&2
        die "installing the modules without demo failed (full log: .data/install-$db_nodemo.log)"
    fi
    if grep -E " (ERROR|CRITICAL) " "$log" >&2; then
        die "the installation without demo logged errors (full log: .data/install-$db_nodemo.log)"
    fi
    rm -f "$log"
    say "running the tests of: tests/nodemo"
    set +e
    run_pytest "$db_nodemo" "$PROJECT_DIR/tests/nodemo"
    nodemo_status=$?
    set -e
    [ "$nodemo_status" = 0 ] || status=$nodemo_status
fi
exit $status
