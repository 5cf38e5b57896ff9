# Shared settings of the project's commands; sourced, not run.
# shellcheck shell=bash
set -euo pipefail

PROJECT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ODOO_SRC="${ODOO_SRC:-/opt/odoo}"
PYTHON="${PYTHON:-python3.11}"
VENV="${VENV:-$PROJECT_DIR/.venv}"
# Database role used by Odoo (Odoo refuses to run as "postgres").
export PGUSER="${PGUSER:-odoo}"
# Role used only to create PGUSER when it is missing.
PG_ADMIN_USER="${PG_ADMIN_USER:-postgres}"
PROPERTY_MODULES="${PROPERTY_MODULES:-}"

say() { printf '\033[1m[property]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[property] error:\033[0m %s\n' "$*" >&2; exit 1; }

# Every addon of the project that has a manifest (property_*, and the payment_*
# providers), comma-separated.
property_modules() {
    if [ -n "$PROPERTY_MODULES" ]; then
        echo "$PROPERTY_MODULES"
        return
    fi
    local mods=()
    for manifest in "$PROJECT_DIR"/property_*/__manifest__.py "$PROJECT_DIR"/payment_*/__manifest__.py; do
        [ -f "$manifest" ] || continue
        mods+=("$(basename "$(dirname "$manifest")")")
    done
    (IFS=,; echo "${mods[*]}")
}

odoo_bin() {
    (cd "$PROJECT_DIR" && "$VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$PROJECT_DIR/odoo.conf" "$@")
}

psql_admin() {
    psql -X -q -v ON_ERROR_STOP=1 -U "$PG_ADMIN_USER" -d postgres "$@"
}
