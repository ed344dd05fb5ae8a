# script/lib/stack.sh: the running portal of a run: the data in the
# database, the FastCGI handlers, nginx in front of them, and the cleanup
# that stops all of it.  Sourced after common.sh, pg.sh and build.sh.
#
# Every daemon starts in its own session (setsid), so Ctrl-C reaches only
# the script, whose trap stops them in order: nginx (SIGQUIT, graceful),
# the handlers (SIGTERM: in-flight requests finish), then PostgreSQL if
# this script started it.  Their output goes to $LOG, never to the
# terminal, and they never inherit fd 7 (script/test's tee).
# shellcheck shell=bash

# The handler binaries, build/default/handlers/eco-<name>.  A new handler
# also needs an upstream and its locations in nginx/eco-dev.conf.in and
# nginx/ecogosfond.conf.example; nginx answers /healthz/<name> from it.
ECO_HANDLERS=${ECO_HANDLERS:-"portal account requests courts"}
ECO_PORT=${ECO_PORT:-8080}
ECO_WORKERS=${ECO_WORKERS:-4}
NGINX=${ECO_NGINX:-/usr/sbin/nginx}
STOP_TIMEOUT=${ECO_STOP_TIMEOUT:-30}	# seconds to stop before SIGKILL

DAEMON_PIDS=()
DAEMON_NAMES=()

ecoctl_bin() { echo "$BUILD/default/tools/ecoctl"; }

# ecoctl as the owner role, on this run's database and keyring.
run_ecoctl() {
	ECO_DSN=$ECO_OWNER_DSN ECO_SHARE_DIR=$REPO ECO_KEYS=$KEYS \
	    "$(ecoctl_bin)" "$@"
}

# The database schema, the statutory calendar, the keyring and the demo data.
stack_prepare() {
	[ -x "$(ecoctl_bin)" ] || { error "$(ecoctl_bin) was not built"; return 1; }
	var_prepare && pg_ensure || return 1
	note "ecoctl migrate"
	run_ecoctl migrate || return 1
	# Idempotent: days set by the Government or an administrator stay.
	note "ecoctl calendar generate"
	run_ecoctl calendar generate --from-year 2015 --to-year 2036 || return 1
	if [ ! -f "$KEYS" ]; then
		note "ecoctl key rotate (a new session keyring)"
		run_ecoctl key rotate || return 1
	fi
	note "ecoctl demo load"
	run_ecoctl demo load
}

# daemon_start NAME LOGFILE COMMAND...: runs COMMAND in its own session,
# in the background, and remembers it.
daemon_start() {
	local name=$1 log=$2
	shift 2
	setsid "$@" </dev/null >>"$log" 2>&1 7>&- &
	DAEMON_PIDS+=("$!")
	DAEMON_NAMES+=("$name")
}

# A daemon left behind by a run that was killed holds the same socket or
# port; its pid file finds it.
stop_leftover() {
	local pidfile=$1 comm=$2 pid
	[ -f "$pidfile" ] || return 0
	pid=$(head -n 1 "$pidfile" 2>/dev/null)
	if [[ $pid =~ ^[0-9]+$ ]] && alive "$pid" &&
	    [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$comm" ]; then
		note "stopping a leftover $comm (pid $pid)"
		kill -TERM "$pid" 2>/dev/null
		wait_gone "$pid" || kill -KILL "$pid" 2>/dev/null
	fi
	rm -f "$pidfile"
}

# Waits up to STOP_TIMEOUT seconds for a process to end.
wait_gone() {
	local i
	for ((i = 0; i < STOP_TIMEOUT * 10; i++)); do
		alive "$1" || return 0
		sleep 0.1
	done
	return 1
}

# glibc's malloc keeps 7 freed chunks of each size per thread for the next
# malloc by default.  A page builds a few hundred small JSON values and
# frees them all at its end, so most of those frees and of the next page's
# mallocs took the slow path; with 256 they do not (callgrind: a request
# page 401k -> 334k instructions).  dist/systemd/ecogosfond@.service sets
# the same.
ECO_MALLOC_TUNABLES=glibc.malloc.tcache_count=256

handler_start() {
	local name=eco-$1 bin=$BUILD/default/handlers/eco-$1
	local sock=$RUN/eco-$1.sock
	[ -x "$bin" ] || { error "$bin was not built"; return 1; }
	stop_leftover "$RUN/$name.pid" "$name"
	rm -f "$sock"
	# The application role only: the owner's DSN stays out of its reach.
	daemon_start "$name" "$LOG/$name.log" env -u ECO_OWNER_DSN \
	    ECO_DSN="$ECO_APP_DSN" ECO_SHARE_DIR="$REPO" ECO_KEYS="$KEYS" ECO_ENV=dev \
	    ECO_SITE_URL="http://127.0.0.1:$ECO_PORT" \
	    GLIBC_TUNABLES="$ECO_MALLOC_TUNABLES" \
	    "$bin" --listen "$sock" --workers "$ECO_WORKERS" --log "$LOG/$name.log" \
	    --pid-file "$RUN/$name.pid" --socket-mode 0660
	wait_for_socket "$name" "$sock" "${DAEMON_PIDS[-1]}"
}

# eco-mailer for script/server: the outbox becomes .eml files in
# $VAR/mail (no SMTP in the dev run).  script/test starts its own mailers
# in the tests that need one, so it does not call this.
mailer_start() {
	local bin=$BUILD/default/mailer/eco-mailer
	[ -x "$bin" ] || { error "$bin was not built"; return 1; }
	mkdir -p "$VAR/mail"
	note "starting eco-mailer (mail goes to $VAR/mail)"
	daemon_start eco-mailer "$LOG/eco-mailer.log" env -u ECO_OWNER_DSN \
	    ECO_DSN="$ECO_APP_DSN" ECO_SHARE_DIR="$REPO" ECO_ENV=dev \
	    ECO_SITE_URL="http://127.0.0.1:$ECO_PORT" ECO_MAIL_DIR="$VAR/mail" \
	    "$bin"
}

# wait_for_socket NAME SOCKET PID: until the handler PID has created its
# socket (20 s at most); its log tail when it does not.
wait_for_socket() {
	local name=$1 sock=$2 pid=$3 i
	for ((i = 0; i < 200; i++)); do
		[ -S "$sock" ] && return 0
		alive "$pid" || break
		sleep 0.1
	done
	error "$name did not create $sock"
	show_log_tail "$LOG/$name.log"
	return 1
}

# Renders nginx/eco-dev.conf.in into $VAR/nginx/nginx.conf.
nginx_render() {
	local user_line="user root;"
	is_root || user_line="# user: nginx runs as its invoking user, $(id -un)"
	sed -e "s|@USER_LINE@|$(sed_quote "$user_line")|g" \
	    -e "s|@REPO@|$(sed_quote "$REPO")|g" \
	    -e "s|@VAR@|$(sed_quote "$VAR")|g" \
	    -e "s|@LOG@|$(sed_quote "$LOG")|g" \
	    -e "s|@RUN@|$(sed_quote "$RUN")|g" \
	    -e "s|@PORT@|$ECO_PORT|g" \
	    -e "s|@LOGIN_RATE@|${ECO_LOGIN_RATE:-10r/m}|g" \
	    "$REPO/nginx/eco-dev.conf.in" >"$VAR/nginx/nginx.conf.new" &&
	    mv "$VAR/nginx/nginx.conf.new" "$VAR/nginx/nginx.conf"
}

# Quotes a replacement for sed's s|||.
sed_quote() { printf '%s' "$1" | sed -e 's/[\\|&]/\\&/g'; }

nginx_cmd() {
	"$NGINX" -p "$VAR/nginx/" -c "$VAR/nginx/nginx.conf" \
	    -e "$LOG/nginx-error.log" "$@"
}

nginx_start() {
	local i pid
	[ -x "$NGINX" ] || { error "no $NGINX (script/bootstrap installs nginx)"; return 1; }
	stop_leftover "$VAR/nginx/nginx.pid" nginx
	if ss -Hltn "sport = :$ECO_PORT" 2>/dev/null | grep -q .; then
		error "port $ECO_PORT is in use; choose another with ECO_PORT"
		return 1
	fi
	nginx_render || return 1
	nginx_cmd -t -q || return 1
	daemon_start nginx "$LOG/nginx-error.log" "$NGINX" -p "$VAR/nginx/" \
	    -c "$VAR/nginx/nginx.conf" -e "$LOG/nginx-error.log"
	pid=${DAEMON_PIDS[-1]}
	for ((i = 0; i < 100; i++)); do
		curl -s -o /dev/null "http://127.0.0.1:$ECO_PORT/static/" && return 0
		alive "$pid" || break
		sleep 0.1
	done
	error "nginx does not answer on 127.0.0.1:$ECO_PORT"
	show_log_tail "$LOG/nginx-error.log"
	return 1
}

# Ready means /healthz/<name> answers 200 through nginx: the handler
# serves requests and reaches the database.
wait_healthy() {
	local name url code i
	for name in $ECO_HANDLERS; do
		url=http://127.0.0.1:$ECO_PORT/healthz/$name
		for ((i = 0; i < 300; i++)); do
			code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$url")
			[ "$code" = 200 ] && break
			sleep 0.1
		done
		if [ "$code" != 200 ]; then
			error "$url answers $code, not 200"
			show_log_tail "$LOG/eco-$name.log"
			return 1
		fi
	done
}

# Handlers, nginx, and the wait until they answer.
stack_start() {
	local name
	for name in $ECO_HANDLERS; do
		note "starting eco-$name"
		handler_start "$name" || return 1
	done
	note "starting nginx on 127.0.0.1:$ECO_PORT"
	nginx_start && wait_healthy
}

# Waits until a daemon ends (it should not): says which, returns 1.
stack_wait() {
	local pid i
	wait -n -p pid "${DAEMON_PIDS[@]}"
	for i in "${!DAEMON_PIDS[@]}"; do
		if [ "${DAEMON_PIDS[$i]}" = "$pid" ]; then
			error "${DAEMON_NAMES[$i]} (pid $pid) exited; stopping the rest"
			show_log_tail "$LOG/${DAEMON_NAMES[$i]}.log" 10
		fi
	done
	return 1
}

# Signals a daemon to stop: nginx quits gracefully on SIGQUIT, a handler
# finishes its requests in flight on SIGTERM.
daemon_signal() {
	local pid=$1 name=$2 signal=TERM
	[ "$name" = nginx ] && signal=QUIT
	kill -s "$signal" "$pid" 2>/dev/null || true
}

# Waits for a signalled daemon, kills it if it takes too long, and kills
# whatever it left behind in its session (workers of a dead master).
daemon_reap() {
	local pid=$1 name=$2
	if ! wait_gone "$pid"; then
		warn "$name (pid $pid) did not stop within ${STOP_TIMEOUT}s; killing it"
		kill -KILL "$pid" 2>/dev/null
	fi
	wait "$pid" 2>/dev/null || true
	if pgrep -s "$pid" >/dev/null 2>&1; then
		warn "$name left processes behind: $(pgrep -s "$pid" | tr '\n' ' ')- killing them"
		pkill -KILL -s "$pid" 2>/dev/null || true
	fi
}

# Stops everything this script started: nginx first, so that no request
# reaches a stopping handler, then the handlers together, then PostgreSQL.
stack_stop() {
	local i
	for ((i = ${#DAEMON_PIDS[@]} - 1; i >= 0; i--)); do
		[ "${DAEMON_NAMES[$i]}" = nginx ] || continue
		daemon_signal "${DAEMON_PIDS[$i]}" nginx
		daemon_reap "${DAEMON_PIDS[$i]}" nginx
	done
	for i in "${!DAEMON_PIDS[@]}"; do
		[ "${DAEMON_NAMES[$i]}" = nginx ] && continue
		daemon_signal "${DAEMON_PIDS[$i]}" "${DAEMON_NAMES[$i]}"
	done
	for i in "${!DAEMON_PIDS[@]}"; do
		[ "${DAEMON_NAMES[$i]}" = nginx ] && continue
		daemon_reap "${DAEMON_PIDS[$i]}" "${DAEMON_NAMES[$i]}"
	done
	DAEMON_PIDS=()
	DAEMON_NAMES=()
	if [ "$PG_STARTED" = 1 ]; then
		note "stopping PostgreSQL"
		pg_stop
		PG_STARTED=0
	fi
}

# The trap of every script: on any exit stop what it started, then call
# the script's own on_exit hook if it has one.  Ctrl-C during the cleanup
# is ignored so that it finishes.
stack_cleanup() {
	local status=$?
	set +e
	trap '' INT TERM HUP
	trap - EXIT
	stack_stop
	if declare -F on_exit >/dev/null; then
		on_exit "$status"
		status=$?
	fi
	exit "$status"
}

stack_traps() {
	trap stack_cleanup EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
	trap 'exit 129' HUP
}
