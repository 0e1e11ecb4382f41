# Sourced by scripts/test.sh: a throwaway PostgreSQL cluster and database for the tests, removed afterwards.
pg_throwaway_start() {
  local bin; bin=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")
  PG_THROWAWAY_DIR=$(mktemp -d /tmp/arbor-pg.XXXXXX)
  PG_THROWAWAY_PORT=${ARBOR_TEST_PG_PORT:-$((55000 + RANDOM % 5000))}
  local as=()
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$PG_THROWAWAY_DIR"; as=(runuser -u postgres --); fi
  "${as[@]}" "$bin/initdb" -D "$PG_THROWAWAY_DIR/data" -A trust -U postgres >/dev/null
  "${as[@]}" "$bin/pg_ctl" -D "$PG_THROWAWAY_DIR/data" -l "$PG_THROWAWAY_DIR/log" -w \
    -o "-p $PG_THROWAWAY_PORT -k $PG_THROWAWAY_DIR -c listen_addresses=127.0.0.1" start >/dev/null
  PG_THROWAWAY_DB="arbor_test_$$"
  "${as[@]}" "$bin/createdb" -h 127.0.0.1 -p "$PG_THROWAWAY_PORT" -U postgres "$PG_THROWAWAY_DB"
  PG_THROWAWAY_URL="postgres://postgres@127.0.0.1:$PG_THROWAWAY_PORT/$PG_THROWAWAY_DB"
  PG_THROWAWAY_BIN=$bin
  PG_THROWAWAY_AS=("${as[@]}")
  echo "PostgreSQL test database: $PG_THROWAWAY_URL"
}

pg_throwaway_stop() {
  [ -n "${PG_THROWAWAY_DIR:-}" ] || return 0
  "${PG_THROWAWAY_AS[@]}" "$PG_THROWAWAY_BIN/dropdb" -h 127.0.0.1 -p "$PG_THROWAWAY_PORT" -U postgres --if-exists "$PG_THROWAWAY_DB" || true
  "${PG_THROWAWAY_AS[@]}" "$PG_THROWAWAY_BIN/pg_ctl" -D "$PG_THROWAWAY_DIR/data" -m fast stop >/dev/null || true
  rm -rf "$PG_THROWAWAY_DIR"
  PG_THROWAWAY_DIR=""
}
