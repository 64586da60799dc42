#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server on loopback for the SQL ledger tests
# and prints the environment they need, for eval:
#
#	eval "$(.ci/postgres.sh)"        # start; exports HEFT_TEST_POSTGRES_DSN
#	.ci/postgres.sh stop             # stop the server started above
#
# It installs PostgreSQL with apt-get when no initdb is found, runs the
# server as a non-root user (postgres, or a system user it creates) from a
# fresh directory under ${TMPDIR:-/tmp}, on 127.0.0.1 only, with trust
# authentication for that address, and creates the database heft_test.
# Port: $HEFT_PG_PORT, default the first free port from 54329.
# Everything but the final export lines goes to stderr.
set -euo pipefail

log() { echo "postgres.sh: $*" >&2; }

if [[ ${1:-} == stop ]]; then
	dir=${HEFT_TEST_POSTGRES_DIR:?HEFT_TEST_POSTGRES_DIR is not set}
	bin=$(cat "$dir/bindir")
	user=$(stat -c %U "$dir/data")
	if [[ $(id -u) == 0 ]]; then
		runuser -u "$user" -- "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2
	else
		"$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2
	fi
	rm -rf "$dir"
	exit 0
fi

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
bin=$(find_bin)
if [[ -z $bin || ! -x $bin/initdb ]]; then
	log "installing postgresql"
	if ! DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2; then
		apt-get update >&2
		DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2
	fi
	bin=$(find_bin)
fi
[[ -x $bin/initdb ]] || { log "no initdb found"; exit 1; }

# PostgreSQL refuses to run as root.
run=()
user=$(id -un)
if [[ $(id -u) == 0 ]]; then
	user=postgres
	if ! id "$user" >/dev/null 2>&1; then
		user=heftpg
		id "$user" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$user"
	fi
	run=(runuser -u "$user" --)
fi

port=${HEFT_PG_PORT:-54329}
if [[ -z ${HEFT_PG_PORT:-} ]]; then
	while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/heft-pg.XXXXXX")
chmod 755 "$dir"
echo "$bin" >"$dir/bindir"
chown "$user" "$dir"

"${run[@]}" "$bin/initdb" -D "$dir/data" -U heft --auth=trust -E UTF8 --locale=C.UTF-8 >&2 2>&1 ||
	"${run[@]}" "$bin/initdb" -D "$dir/data" -U heft --auth=trust -E UTF8 >&2
"${run[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 \
	-o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200" start >&2 ||
	{ cat "$dir/log" >&2; exit 1; }
"${run[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U heft heft_test >&2

dsn="postgres://heft@127.0.0.1:$port/heft_test?sslmode=disable"
log "PostgreSQL listening on 127.0.0.1:$port, data in $dir"
echo "export HEFT_TEST_POSTGRES_DSN='$dsn'"
echo "export HEFT_TEST_POSTGRES_DIR='$dir'"
