# Throwaway PostgreSQL cluster for tests: a fresh data folder under /tmp, loopback only,
# trust auth, fsync off (its data is never kept), removed again on stop.
#
#   source scripts/pg-throwaway.sh
#   pg_throwaway_start        # exports DATABASE_URL (and PGHOST/PGPORT/PGUSER/PGDATABASE for psql)
#   ...                       # run whatever needs $DATABASE_URL
#   pg_throwaway_stop         # safe to call twice, or when start failed half-way
#
# Settings (env, all optional): PG_BIN (folder with initdb/pg_ctl), PG_PORT (first port to
# try, default 54329), PG_OS_USER (who runs the server when we are root, default postgres).
# Developers normally use scripts/with-postgres.sh instead; .ci/run sources this file.
#
# The server refuses to run as root, so as root every server binary runs via
# `runuser -u $PG_OS_USER` (the user is created if missing); as anyone else it runs as that
# user. This file is sourced: no `set -e` here, functions return non-zero on failure.

pg_throwaway_bin() {
  if [ -n "${PG_BIN:-}" ]; then
    printf '%s\n' "$PG_BIN"
  elif command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v pg_ctl)")"
  else
    # Debian keeps the server binaries off PATH: take the newest installed major version.
    local newest
    newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -n "$newest" ] || return 1
    printf '%s\n' "$newest"
  fi
}

# Runs a server binary as the cluster's owner.
pg_throwaway_as_owner() {
  if [ "$(id -u)" = 0 ]; then
    (cd / && runuser -u "${PG_OS_USER:-postgres}" -- "$@")
  else
    "$@"
  fi
}

pg_throwaway_port_busy() {
  # A successful connect means something listens there already.
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

pg_throwaway_start() {
  if [ -n "${PGTMP:-}" ]; then
    echo "pg-throwaway: a cluster is already running in $PGTMP" >&2
    return 1
  fi
  local bin os_user port attempt
  bin=$(pg_throwaway_bin) || {
    echo "pg-throwaway: no PostgreSQL server binaries (initdb, pg_ctl) found; install the 'postgresql' package or set PG_BIN" >&2
    return 1
  }
  os_user=${PG_OS_USER:-postgres}

  if [ "$(id -u)" = 0 ] && ! id -u "$os_user" >/dev/null 2>&1; then
    if getent group "$os_user" >/dev/null 2>&1; then
      useradd --system --no-create-home --shell /usr/sbin/nologin -g "$os_user" "$os_user" || return 1
    else
      useradd --system --no-create-home --shell /usr/sbin/nologin --user-group "$os_user" || return 1
    fi
  fi

  # The owner must be able to reach the folder: /tmp (1777) is fine, /root/... is not.
  PGTMP=$(mktemp -d /tmp/pg-throwaway.XXXXXX) || return 1
  export PGTMP
  [ "$(id -u)" = 0 ] && chown "$os_user": "$PGTMP"

  if ! pg_throwaway_as_owner "$bin/initdb" -D "$PGTMP/data" -U postgres --auth=trust \
    --encoding=UTF8 --no-locale --no-sync >"$PGTMP/initdb.log" 2>&1; then
    cat "$PGTMP/initdb.log" >&2
    pg_throwaway_stop
    return 1
  fi

  port=${PG_PORT:-54329}
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    while pg_throwaway_port_busy "$port"; do port=$((port + 1)); done
    # The unix socket goes into PGTMP too, so it never clashes with a system cluster.
    if pg_throwaway_as_owner "$bin/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/server.log" -w -t 60 \
      -o "-p $port -k $PGTMP -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null; then
      export PG_THROWAWAY_BIN="$bin"
      export DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
      export PGHOST="$PGTMP" PGPORT="$port" PGUSER=postgres PGDATABASE=postgres
      return 0
    fi
    # Lost a race for the port (or another failure): show why only if it was not the port.
    if ! grep -q 'could not bind\|Address already in use' "$PGTMP/server.log" 2>/dev/null; then
      cat "$PGTMP/server.log" >&2
      pg_throwaway_stop
      return 1
    fi
    port=$((port + 1))
  done
  echo "pg-throwaway: no free port found from ${PG_PORT:-54329} to $port" >&2
  pg_throwaway_stop
  return 1
}

pg_throwaway_stop() {
  [ -n "${PGTMP:-}" ] || return 0
  if [ -f "$PGTMP/data/postmaster.pid" ]; then
    pg_throwaway_as_owner "${PG_THROWAWAY_BIN:-$(pg_throwaway_bin)}/pg_ctl" -D "$PGTMP/data" \
      -m fast -w -t 60 stop >/dev/null 2>&1 || true
  fi
  rm -rf "$PGTMP"
  unset PGTMP PG_THROWAWAY_BIN DATABASE_URL PGHOST PGPORT PGUSER PGDATABASE
}
