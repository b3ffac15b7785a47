#!/bin/sh
# The whole test suite: unit tests, the classifier and legal-clock evaluations, and the
# integration tests against private Dovecot + Postfix instances. Installs the Debian packages the
# tests need when they are missing (as root), then runs cargo test.
set -eu
cd "$(dirname "$0")/.."
scripts/install-test-deps.sh
exec cargo test --locked "$@"
