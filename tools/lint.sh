#!/usr/bin/env bash
# make lint: ruff and pylint-odoo's mandatory checks on the project's addons.
# shellcheck source=tools/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bash "$PROJECT_DIR/tools/setup.sh"
cd "$PROJECT_DIR"
IFS=, read -r -a mods <<<"$(property_modules)"
"$VENV/bin/ruff" check "${mods[@]}" tests
"$VENV/bin/ruff" format --check "${mods[@]}" tests
"$VENV/bin/pylint" --rcfile="$PROJECT_DIR/.pylintrc-mandatory" "${mods[@]}"
