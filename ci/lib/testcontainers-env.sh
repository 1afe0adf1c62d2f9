# shellcheck shell=bash
# Sourced by the ci/ scripts: Testcontainers settings for engines where Ryuk can't be pulled.
# Without Ryuk nothing reaps leftovers, so the harness and the tests remove every container they start.
export TESTCONTAINERS_RYUK_DISABLED="${TESTCONTAINERS_RYUK_DISABLED:-true}"
# Inside a container (/.dockerenv) Testcontainers otherwise pulls an image to find the gateway, and hangs.
if [ -f /.dockerenv ]; then
  export TESTCONTAINERS_HOST_OVERRIDE="${TESTCONTAINERS_HOST_OVERRIDE:-localhost}"
fi
