# shellcheck shell=bash
# Sourced by .ci/run: when DATABASE_URL is unset, starts a throwaway PostgreSQL (installing it with
# apt-get when missing), exports DATABASE_URL for the PostgreSQL store tests, and stops it on exit.
# Standalone use: `source .ci/postgres.sh` in a shell (the server stops when that shell exits).

dsp_pg_bin_dir() {
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v initdb)")"
    return
  fi
  # Debian/Ubuntu keep the server binaries off PATH; take the newest installed major version.
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

dsp_pg_install() {
  echo "postgres.sh: PostgreSQL not found, installing it with apt-get" >&2
  local sudo=''
  [ "$(id -u)" -ne 0 ] && sudo='sudo'
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends postgresql
}

dsp_pg_free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

# initdb and postgres refuse to run as root: run them as the postgres user in that case.
dsp_pg_as_server_user() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

dsp_pg_stop() {
  if [ -n "${DSP_PG_DIR:-}" ] && [ -d "$DSP_PG_DIR" ]; then
    dsp_pg_as_server_user "$DSP_PG_BIN/pg_ctl" -D "$DSP_PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$DSP_PG_DIR"
  fi
}

dsp_pg_start() {
  DSP_PG_BIN=$(dsp_pg_bin_dir || true)
  if [ -z "$DSP_PG_BIN" ]; then
    dsp_pg_install
    DSP_PG_BIN=$(dsp_pg_bin_dir)
  fi
  DSP_PG_DIR=$(mktemp -d /tmp/dsp-pg.XXXXXX)
  trap dsp_pg_stop EXIT
  [ "$(id -u)" -eq 0 ] && chown postgres: "$DSP_PG_DIR"
  local port password
  port=$(dsp_pg_free_port)
  password="dsp-ci-$RANDOM$RANDOM"
  dsp_pg_as_server_user "$DSP_PG_BIN/initdb" -D "$DSP_PG_DIR/data" -U postgres \
    --auth-local=trust --auth-host=scram-sha-256 --no-sync >"$DSP_PG_DIR/initdb.log"
  dsp_pg_as_server_user "$DSP_PG_BIN/pg_ctl" -D "$DSP_PG_DIR/data" -l "$DSP_PG_DIR/server.log" -w \
    -o "-p $port -k $DSP_PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
  dsp_pg_as_server_user "$DSP_PG_BIN/psql" -h "$DSP_PG_DIR" -p "$port" -U postgres -d postgres \
    -v ON_ERROR_STOP=1 -q \
    -c "CREATE ROLE dsp LOGIN PASSWORD '$password'" -c "CREATE DATABASE dsp OWNER dsp"
  export DATABASE_URL="postgres://dsp:$password@127.0.0.1:$port/dsp"
  echo "postgres.sh: throwaway PostgreSQL $("$DSP_PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data in $DSP_PG_DIR)" >&2
}

if [ -z "${DATABASE_URL:-}" ]; then
  dsp_pg_start
else
  echo "postgres.sh: using the DATABASE_URL from the environment" >&2
fi
