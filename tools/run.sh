#!/usr/bin/env bash
# make run: the demo database (created once, with every property module and
# its demo data, in English and Chinese), served on http://localhost:8069.
# shellcheck source=tools/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

bash "$PROJECT_DIR/tools/setup.sh"

db="${DEMO_DB:-property_demo}"
port="${HTTP_PORT:-8069}"
modules="$(property_modules)"

installed_count() {
    psql -X -At -d "$db" -c "SELECT count(*) FROM ir_module_module
        WHERE state = 'installed' AND name = ANY(string_to_array('$modules', ','))" 2>/dev/null || echo 0
}

wanted=$(tr ',' '\n' <<<"$modules" | grep -c .)
if [ "$(installed_count)" != "$wanted" ]; then
    say "preparing the demo database $db (once; this takes a few minutes)"
    odoo_bin -d "$db" -i "$modules" --with-demo --load-language=zh_CN --stop-after-init \
        --no-http --log-level=warn || die "installing the demo database failed"
fi

cat >&2 <<MSG

  Property management demo: http://localhost:$port   (database $db)

  Logins (user / password):
    admin  / admin   administrator, English
    desk   / desk    customer-service desk (客服), Chinese
    manager / manager estate manager of 锦绣花园 (项目经理), Chinese
    manager2 / manager2 estate manager of 金融中心, Chinese
    owner1 / owner1  owner on the portal (业主门户), Chinese
    owner2 / owner2  another owner on the portal, Chinese

  Update the modules after changing their code: make update

MSG
odoo_bin -d "$db" --db-filter="^$db\$" --http-port="$port" "$@"
