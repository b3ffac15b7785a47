#!/bin/sh
# The demo: gdpr-inbox against a throwaway local Dovecot + Postfix seeded with sample mail
# (examples/demo-mail/), ending with the drafted replies and one approved reply delivered.
# Installs the mail server packages when missing (needs root for that, and for Postfix).
set -eu
cd "$(dirname "$0")/.."
scripts/install-test-deps.sh
cargo build --quiet --locked --bin gdpr-inbox --example demo
exec target/debug/examples/demo
