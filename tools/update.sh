#!/usr/bin/env bash
# make update: upgrade the property modules in the demo database.
# shellcheck source=tools/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bash "$PROJECT_DIR/tools/setup.sh"
odoo_bin -d "${DEMO_DB:-property_demo}" -u "$(property_modules)" --stop-after-init --no-http --log-level=warn
