#!/bin/sh
# install-test-deps.sh — installs the mail servers the integration tests run privately
# (tests/support/mail_servers.rs): Dovecot (IMAP + LMTP) and Postfix, on Debian or Ubuntu.
#
# Idempotent: installs only the packages that are missing, asks no questions (Postfix is
# preseeded to "No configuration"), and leaves the system's own dovecot and postfix services
# stopped and disabled — the tests start their own instances from a temporary directory and
# never use /etc/dovecot or /etc/postfix. Needs root only when something is missing.
#
# Usage: sudo scripts/install-test-deps.sh
set -eu

PACKAGES="dovecot-imapd dovecot-lmtpd postfix openssl"
SERVICES="dovecot postfix"

say() { printf 'install-test-deps: %s\n' "$*"; }
die() { printf 'install-test-deps: error: %s\n' "$*" >&2; exit 1; }

command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 \
    || die "this script supports Debian/Ubuntu (dpkg and apt-get) only; install $PACKAGES by other means"

missing=""
for pkg in $PACKAGES; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
    [ "$status" = installed ] || missing="$missing $pkg"
done
missing=${missing# }

is_root() { [ "$(id -u)" -eq 0 ]; }

if [ -n "$missing" ] && ! is_root; then
    die "missing packages: $missing. Run this script as root (e.g. sudo $0)."
fi

# Keep the system services from starting while packages are installed. Debian's maintainer
# scripts start services through invoke-rc.d, which obeys /usr/sbin/policy-rc.d (exit 101 =
# "not allowed"). Use ours only if there is none already (Docker images ship one).
policy=/usr/sbin/policy-rc.d
our_policy=""
cleanup() {
    if [ -n "$our_policy" ]; then rm -f "$policy"; fi
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM

if [ -n "$missing" ]; then
    say "installing: $missing"
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\n# temporary, from install-test-deps.sh\nexit 101\n' > "$policy"
        chmod 0755 "$policy"
        our_policy=yes
    fi
    # No questions from Postfix: no configuration, the tests bring their own.
    printf '%s\n' \
        "postfix postfix/main_mailer_type select No configuration" \
        "postfix postfix/mailname string localhost" \
        | debconf-set-selections
    export DEBIAN_FRONTEND=noninteractive
    # Fresh machines (CI) may have no package lists yet.
    apt-get update -qq
    # shellcheck disable=SC2086 # word splitting of the package list is intended
    apt-get install -y -qq --no-install-recommends $missing
    cleanup
    our_policy=""
else
    say "already installed: $PACKAGES"
fi

# Make sure the system instances are stopped and stay off, whatever happened before.
if is_root; then
    if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
        for svc in $SERVICES; do
            if systemctl list-unit-files "$svc.service" >/dev/null 2>&1; then
                systemctl disable --now "$svc.service" >/dev/null 2>&1 || say "warning: could not disable $svc.service"
            fi
        done
    else
        # No systemd (containers): stop anything running, keep it from starting at boot.
        for svc in $SERVICES; do
            if [ -x "/etc/init.d/$svc" ]; then
                "/etc/init.d/$svc" stop >/dev/null 2>&1 || true
                if command -v update-rc.d >/dev/null 2>&1; then
                    update-rc.d "$svc" disable >/dev/null 2>&1 || true
                fi
            fi
        done
    fi
    say "system dovecot and postfix services are stopped and disabled"
else
    say "not root: leaving the system services as they are"
fi

for prog in /usr/sbin/dovecot /usr/sbin/postfix; do
    [ -x "$prog" ] || die "$prog is missing after installation"
done
say "ready: $(/usr/sbin/dovecot --version | cut -d' ' -f1) (dovecot), $(/usr/sbin/postconf -dh mail_version) (postfix)"
