#!/usr/bin/env bash
# make i18n: export each property module's template (i18n/<module>.pot) from a
# scratch database and merge it into i18n/zh_CN.po (new terms untranslated).
# shellcheck source=tools/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bash "$PROJECT_DIR/tools/setup.sh"
command -v msgmerge >/dev/null || {
    command -v apt-get >/dev/null && apt-get install -y -q gettext >/dev/null
} || die "msgmerge (gettext) is missing"

modules="$(property_modules)"
db="property_i18n_$$"
trap 'dropdb --if-exists "$db" >/dev/null 2>&1; rm -rf "$PROJECT_DIR/.data/filestore/$db"' EXIT
odoo_bin -d "$db" -i "$modules" --stop-after-init --no-http --log-level=warn
IFS=, read -r -a mods <<<"$modules"
for mod in "${mods[@]}"; do
    mkdir -p "$PROJECT_DIR/$mod/i18n"
    pot="$PROJECT_DIR/$mod/i18n/$mod.pot"
    po="$PROJECT_DIR/$mod/i18n/zh_CN.po"
    (cd "$PROJECT_DIR" && "$VENV/bin/python" "$ODOO_SRC/odoo-bin" i18n export -c odoo.conf -d "$db" \
        -o "$pot" "$mod")
    if [ -f "$po" ]; then
        msgmerge --quiet --no-fuzzy-matching --no-wrap --update --backup=none "$po" "$pot"
    else
        msginit --no-translator --no-wrap --locale=zh_CN.UTF-8 --input="$pot" --output-file="$po"
    fi
    say "$mod: $(msgfmt --statistics -o /dev/null "$po" 2>&1)"
done
