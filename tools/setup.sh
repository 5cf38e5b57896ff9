#!/usr/bin/env bash
# Prepares what the run and test commands need, idempotently:
# system packages, PostgreSQL and its role, the Odoo source, the virtualenv.
# shellcheck source=tools/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
        die "'$*' needs root rights; run it as root or install sudo."
    fi
}

apt_install() {
    command -v apt-get >/dev/null || die "missing system packages ($*) and no apt-get to install them; install them by hand."
    say "installing Debian packages: $*"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null 2>&1 || {
        as_root apt-get update -q >/dev/null 2>&1 || true
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null \
            || die "could not install Debian packages: $*"
    }
}

setup_system_packages() {
    local missing=()
    command -v "$PYTHON" >/dev/null || die "$PYTHON was not found; Odoo 19 needs Python 3.10-3.12 (set PYTHON=...)."
    # wkhtmltopdf and the CJK fonts render the Chinese PDFs (bills, receipts,
    # acceptance reports); the tests read them back with poppler's pdftotext.
    for pkg in libpq-dev libldap2-dev libsasl2-dev libjpeg-dev zlib1g-dev libxml2-dev libxslt1-dev \
        chromium postgresql-client wkhtmltopdf fonts-noto-cjk poppler-utils; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
    done
    command -v chromium >/dev/null || command -v chromium-browser >/dev/null || missing+=(chromium)
    if [ ${#missing[@]} -gt 0 ]; then
        apt_install "${missing[@]}"
    fi
}

pg_ready() { pg_isready -q -t 3 >/dev/null 2>&1; }

setup_postgres() {
    if ! pg_ready; then
        if [ -z "${PGHOST:-}" ] || [ "${PGHOST:-}" = localhost ] || [ "${PGHOST:-}" = 127.0.0.1 ]; then
            if ! command -v pg_ctlcluster >/dev/null; then
                apt_install postgresql
            fi
            local version
            version="$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n1)"
            [ -n "$version" ] || die "PostgreSQL is installed but has no cluster; create one with pg_createcluster."
            say "starting the local PostgreSQL $version cluster"
            as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
            for _ in $(seq 1 20); do pg_ready && break; sleep 0.5; done
        fi
        pg_ready || die "no PostgreSQL answers at ${PGHOST:-local socket}:${PGPORT:-5432}; start it or set PGHOST/PGPORT."
    fi
    # The Odoo role: can create databases, is not a superuser and is not 'postgres'.
    [ "$PGUSER" != postgres ] || die "PGUSER=postgres: Odoo refuses to connect as 'postgres'; use another role."
    if ! psql -X -At -U "$PGUSER" -d postgres -c 'select 1' >/dev/null 2>&1; then
        say "creating the database role '$PGUSER'"
        psql_admin -c "CREATE ROLE \"$PGUSER\" LOGIN CREATEDB" \
            || die "could not create the role '$PGUSER' as '$PG_ADMIN_USER'; create it by hand (CREATE ROLE $PGUSER LOGIN CREATEDB)."
    fi
}

setup_odoo_src() {
    if [ ! -f "$ODOO_SRC/odoo-bin" ]; then
        say "no Odoo source at $ODOO_SRC"
        if git ls-remote --heads https://github.com/odoo/odoo.git 19.0 >/dev/null 2>&1; then
            say "cloning Odoo 19.0 into $ODOO_SRC (shallow)"
            git clone --depth 1 --branch 19.0 https://github.com/odoo/odoo.git "$ODOO_SRC" \
                || die "cloning Odoo into $ODOO_SRC failed."
        else
            die "Odoo 19.0 source is missing at $ODOO_SRC and github.com cannot be reached.
       Put an Odoo 19.0 checkout there (git clone --branch 19.0 https://github.com/odoo/odoo $ODOO_SRC)
       or point ODOO_SRC at one."
        fi
    fi
    grep -q "version_info = (19, 0" "$ODOO_SRC/odoo/release.py" 2>/dev/null \
        || die "$ODOO_SRC is not an Odoo 19.0 source tree (odoo/release.py says otherwise)."
}

# pip, without the warnings of this machine's extra local indexes (paths that
# do not exist for most packages); real errors still show.
pip_quiet() {
    "$@" 2> >(grep -v "Location 'file:" >&2)
}

setup_venv() {
    local stamp="$VENV/.requirements.sha256" wanted
    wanted="$( (cat "$ODOO_SRC/requirements.txt" "$PROJECT_DIR/requirements.txt" \
        "$PROJECT_DIR/requirements-dev.txt" "$PROJECT_DIR/tools/constraints.txt"; echo "$ODOO_SRC") | sha256sum | cut -d' ' -f1)"
    if [ -x "$VENV/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
        return
    fi
    [ -x "$VENV/bin/python" ] || { say "creating the virtualenv $VENV"; "$PYTHON" -m venv "$VENV"; }
    say "installing Python requirements into $VENV (only when they change)"
    local pip=(pip_quiet "$VENV/bin/python" -m pip install -q --disable-pip-version-check)
    export PIP_CONSTRAINT="$PROJECT_DIR/tools/constraints.txt"
    "${pip[@]}" --upgrade "pip<26" wheel "setuptools<81"
    "${pip[@]}" -r "$ODOO_SRC/requirements.txt"
    "${pip[@]}" -r "$PROJECT_DIR/requirements-dev.txt"
    "${pip[@]}" --no-deps -r "$PROJECT_DIR/requirements.txt"
    # Odoo is not a PyPI package: put the source tree on the venv's path.
    local site
    site="$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
    echo "$ODOO_SRC" > "$site/odoo-src.pth"
    echo "$wanted" > "$stamp"
}

main() {
    setup_system_packages
    setup_postgres
    setup_odoo_src
    setup_venv
    mkdir -p "$PROJECT_DIR/.data"
}

main "$@"
