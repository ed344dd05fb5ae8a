# script/lib/pg.sh: the embedded PostgreSQL cluster of a run, in $VAR/pg.
# Sourced after common.sh.
#
# initdb and postgres refuse to run as root, so as root the cluster runs as
# Debian's unprivileged "postgres" user and its data directory belongs to it.
# The cluster listens on 127.0.0.1:$PG_PORT and on a socket in $RUN/pg
# (mode 0700: only postgres and root reach it, which is what makes "trust"
# for local connections safe).  pg_hba: local trust, host scram-sha-256;
# the roles have no passwords, so TCP logins are refused.
#
# Exports ECO_OWNER_DSN (role eco_owner, owns database eco and its schemas)
# and ECO_APP_DSN (role eco_app, what the handlers use).
# shellcheck shell=bash disable=SC2034

PG_BIN=${ECO_PG_BIN:-/usr/lib/postgresql/15/bin}
PG_PORT=${ECO_PG_PORT:-54329}
PG_SOCK=$RUN/pg
PG_LOG=$LOG/postgresql.log
PG_STARTED=0		# 1 once this script started the cluster: it stops it
PGDATA_DIR=

export ECO_OWNER_DSN="host=$PG_SOCK port=$PG_PORT dbname=eco user=eco_owner"
export ECO_APP_DSN="host=$PG_SOCK port=$PG_PORT dbname=eco user=eco_app"

# Runs a command as the cluster's owner, from / (root's working directory
# may be closed to postgres).
pg_as() {
	if is_root; then
		(cd / && runuser -u postgres -- "$@")
	else
		(cd / && "$@")
	fi
}

pg_owner() { if is_root; then echo postgres; else id -un; fi; }

# Finds the data directory: $VAR/pg, or /var/tmp/eco-<hash>/pg behind a
# symbolic link when postgres cannot reach $VAR (a clone under /root).
pg_locate() {
	if [ -L "$VAR/pg" ]; then
		PGDATA_DIR=$(readlink "$VAR/pg")
	elif [ -e "$VAR/pg" ] || ! is_root ||
	    runuser -u postgres -- test -x "$VAR" 2>/dev/null; then
		PGDATA_DIR=$VAR/pg
	else
		PGDATA_DIR=/var/tmp/eco-$VAR_HASH/pg
		note "postgres cannot reach $VAR; the cluster lives in $PGDATA_DIR"
		mkdir -p "$(dirname "$PGDATA_DIR")" || return 1
		ln -s "$PGDATA_DIR" "$VAR/pg" || return 1
	fi
}

pg_ctl_() { pg_as "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" "$@"; }

pg_init() {
	[ -f "$PGDATA_DIR/PG_VERSION" ] && return 0
	[ -x "$PG_BIN/initdb" ] || { error "no $PG_BIN/initdb (script/bootstrap installs postgresql)"; return 1; }
	note "creating the PostgreSQL cluster in $PGDATA_DIR"
	mkdir -p "$PGDATA_DIR" && chmod 0700 "$PGDATA_DIR" &&
	    chown "$(pg_owner):" "$PGDATA_DIR" || return 1
	if ! pg_as "$PG_BIN/initdb" -D "$PGDATA_DIR" -U postgres -E UTF8 \
	    --locale=C.UTF-8 --auth-local=trust --auth-host=scram-sha-256 \
	    ${ECO_PG_FAST:+--no-sync} >"$LOG/initdb.log" 2>&1; then
		show_log_tail "$LOG/initdb.log"
		return 1
	fi
	echo "include 'eco.conf'" >>"$PGDATA_DIR/postgresql.conf"
}

# Settings rewritten on every start, so that another port or a test run's
# speed settings take effect.  fsync=off loses data on a crash: test only.
pg_write_conf() {
	{
		echo "# Written by script/lib/pg.sh on every start."
		echo "listen_addresses = '127.0.0.1'"
		echo "port = $PG_PORT"
		echo "unix_socket_directories = '$PG_SOCK'"
		echo "timezone = 'Asia/Almaty'"
		echo "log_timezone = 'Asia/Almaty'"
		echo "log_line_prefix = '%m [%p] %q%u@%d '"
		# No DETAIL lines: a failed insert's "Failing row contains"
		# would put a requester's IIN and address in the log.
		echo "log_error_verbosity = terse"
		# The benchmark keeps its 200,000 requests in memory, as a
		# production server sized to its data would.
		if [ -n "${ECO_PG_SHARED_BUFFERS:-}" ]; then
			echo "shared_buffers = $ECO_PG_SHARED_BUFFERS"
		fi
		if [ -n "${ECO_PG_FAST:-}" ]; then
			echo "fsync = off"
			echo "synchronous_commit = off"
			echo "full_page_writes = off"
		fi
	} >"$PGDATA_DIR/eco.conf" || return 1
	chown "$(pg_owner):" "$PGDATA_DIR/eco.conf"
}

# pg_ctl status trusts the PID in postmaster.pid; after a crash or a
# reboot that PID may be dead, or reused by an unrelated process.
pg_clear_stale_pid() {
	local pidfile=$PGDATA_DIR/postmaster.pid pid
	[ -f "$pidfile" ] || return 0
	pid=$(head -n 1 "$pidfile")
	if [[ $pid =~ ^[0-9]+$ ]] && alive "$pid" &&
	    [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = postgres ]; then
		return 0
	fi
	note "removing a stale postmaster.pid (pid $pid is not a postgres)"
	rm -f "$pidfile"
}

pg_is_running() { pg_ctl_ status >/dev/null 2>&1; }

pg_start() {
	pg_clear_stale_pid
	if pg_is_running; then
		if [ -S "$PG_SOCK/.s.PGSQL.$PG_PORT" ]; then
			note "PostgreSQL is already running; reusing it (it stays running)"
			return 0
		fi
		note "PostgreSQL runs with other settings; restarting it"
		pg_ctl_ -m fast -w stop >/dev/null 2>&1 || return 1
	fi
	if ss -Hltn "sport = :$PG_PORT" 2>/dev/null | grep -q .; then
		error "port $PG_PORT is in use; choose another with ECO_PG_PORT"
		return 1
	fi
	mkdir -p "$PG_SOCK" && chown "$(pg_owner):" "$PG_SOCK" &&
	    chmod 0700 "$PG_SOCK" || return 1
	pg_write_conf || return 1
	# Without -l the server writes to pg_ctl's output, opened here by the
	# invoking user: postgres need not be able to write to $LOG.  fd 7 is
	# script/test's tee; the server must not hold it open.
	if ! pg_ctl_ -w -t 60 start </dev/null >>"$PG_LOG" 2>&1 7>&-; then
		error "PostgreSQL did not start"
		show_log_tail "$PG_LOG"
		return 1
	fi
	PG_STARTED=1
}

pg_stop() {
	[ -n "$PGDATA_DIR" ] || return 0
	pg_is_running || return 0
	pg_ctl_ -m fast -w -t 60 stop >/dev/null 2>&1 ||
	    pg_ctl_ -m immediate -w stop >/dev/null 2>&1
}

# psql as the superuser, through the socket.
pg_psql() {
	psql -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCK" -p "$PG_PORT" -U postgres \
	    "$@"
}

pg_roles_and_database() {
	pg_psql -d postgres <<'SQL'
SELECT 'CREATE ROLE eco_owner LOGIN'
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'eco_owner') \gexec
SELECT 'CREATE ROLE eco_app LOGIN'
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'eco_app') \gexec
SELECT 'CREATE DATABASE eco OWNER eco_owner'
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'eco') \gexec
ALTER DATABASE eco SET timezone TO 'Asia/Almaty';
REVOKE ALL ON DATABASE eco FROM PUBLIC;
GRANT CONNECT ON DATABASE eco TO eco_app;
SQL
}

# Everything: locate, create, start, roles and database.
pg_ensure() {
	pg_locate && pg_init && pg_start && pg_roles_and_database
}
