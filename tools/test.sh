#!/usr/bin/env bash
# make test: fresh throw-away database, every property module installed with
# its demo data, every test of the modules and of tests/ (HTTP tests and JS
# tours included) under pytest-odoo; the database is dropped at the end.
# Extra arguments go to pytest (e.g. make test ARGS="-k move_in").
# TEST_EXTRA_MODULES (default: payment_demo) are Odoo modules installed with
# the property modules for the tests only, never a dependency of a module:
# payment_demo's published test provider lets the owners' online payment be
# tested, and must not reach a production database.
# shellcheck source=tools/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

bash "$PROJECT_DIR/tools/setup.sh"

modules="$(property_modules)"
[ -n "$modules" ] || die "no property_* module found in $PROJECT_DIR"
extra_modules="${TEST_EXTRA_MODULES-payment_demo}"
db="property_test_$(date +%Y%m%d%H%M%S)_$$"

cleanup() {
    dropdb --if-exists "$db" >/dev/null 2>&1 || say "could not drop the test database $db"
    rm -rf "$PROJECT_DIR/.data/filestore/$db"
}
trap cleanup EXIT

say "installing $modules${extra_modules:+ (and, for the tests, $extra_modules)} into the throw-away database $db"
if ! odoo_bin -d "$db" -i "$modules${extra_modules:+,$extra_modules}" --with-demo --stop-after-init \
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
if [ ${#paths[@]} -eq 0 ]; then
    IFS=, read -r -a mods <<<"$modules"
    for mod in "${mods[@]}"; do
        [ -d "$PROJECT_DIR/$mod/tests" ] && paths+=("$mod")
    done
    [ -d "$PROJECT_DIR/tests" ] && paths+=("tests")
fi

say "running the tests of: ${paths[*]}"
cd "$PROJECT_DIR"
set +e
"$VENV/bin/python" -m pytest -c "$PROJECT_DIR/pytest.ini" \
    --odoo-config="$PROJECT_DIR/odoo.conf" --odoo-database="$db" --odoo-http \
    --odoo-extra="db-filter=^${db}\$" \
    --odoo-log-level=warn "${paths[@]}" "$@"
status=$?
set -e
exit $status
