#!/usr/bin/env bash
# Runs one command against a throwaway PostgreSQL cluster, then removes the cluster:
#   bash scripts/with-postgres.sh npx vitest run test/storage
#   bash scripts/with-postgres.sh npm test
# The command sees DATABASE_URL (and PGHOST etc. for psql); its exit code is ours.
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: scripts/with-postgres.sh COMMAND [ARGS...]" >&2
  exit 2
fi

# shellcheck source=scripts/pg-throwaway.sh
source "$(dirname "${BASH_SOURCE[0]}")/pg-throwaway.sh"

trap pg_throwaway_stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

pg_throwaway_start
echo "with-postgres: PostgreSQL at $DATABASE_URL" >&2
"$@"
