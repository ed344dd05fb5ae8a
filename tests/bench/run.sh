#!/usr/bin/env bash
# tests/bench/run.sh: the benchmark.  In one run it starts its own stack
# (PostgreSQL, eco-portal, eco-account, the minimal handler eco-bench-hello
# and nginx in front of them), loads four request paths with wrk and
# compares them with one another:
#
#   (a) a static file, nginx alone          GET /static/css/site.css
#   (h) the minimal FastCGI handler         GET /bench/hello
#   (b) the home page, eco-portal           GET /kk/
#   (c) who am I, eco-account (one query)   GET /api/v1/me with a Bearer token
#
# Targets: (b) >= 70% of (h), (c) >= 50% of (h), and every worker of
# eco-portal and eco-account under 10 MiB resident (VmRSS) after the load.
# It prints a table and PASS/FAIL per target, and exits 1 when a target
# fails, 2 when the run itself failed (setup, errors under load).
#
#   tests/bench/run.sh                  the measurements and the targets
#   tests/bench/run.sh --experiments    then also: fastcgi_keep_conn on for
#                                       (h), and 2, 4, 8 workers per handler
#   tests/bench/run.sh --hold           only starts the stack and waits
#                                       (Ctrl-C): to profile by hand
#   tests/bench/run.sh --requests       instead: the information requests
#                                       (issue 4) on ECO_BENCH_REQUESTS
#                                       (200000) generated requests, beside (h)
#
# The --requests paths, each with its p95 (from wrk's Lua summary):
#   (rl) the tracker's filtered list   GET /ru/requests?region=..&status=answered
#   (rp) a request page, random ids    GET /ru/requests/{id}
#   (rs) the statistics page           GET /ru/requests/statistics
# Targets: (rl) and (rp) >= 30% of (h) with p95 < 20 ms, (rs) p95 < 100 ms.
#
#   tests/bench/run.sh --courts         instead: the court registry (issue 5)
#                                       on ECO_BENCH_COURTS (200000)
#                                       generated cases, beside (h):
#   (cs) a search, a word and two filters  GET /ru/courts?q=полигон&category=..&region=..
#   (cp) a case page, random ids           GET /ru/courts/{id}
# Targets: (cs) and (cp) >= 25% of (h) with p95 < 30 ms.
#
# It uses its own state directory and ports, so it runs beside
# script/server and script/test:
#   ECO_BENCH_VAR      state directory (var/bench, removed at the start)
#   ECO_BENCH_PORT     nginx (19080)      ECO_BENCH_PG_PORT  PostgreSQL (54369)
#   ECO_BENCH_WORKERS  workers of every handler, hello included (4)
# and wrk's load, the same for every path:
#   ECO_BENCH_THREADS (2), ECO_BENCH_CONNECTIONS (16), ECO_BENCH_SECONDS (10),
#   ECO_BENCH_WARMUP (2 seconds before every measurement), ECO_BENCH_RUNS (3)
# Before every measurement it waits (up to ECO_BENCH_QUIET_WAIT, 60 s) until
# at most ECO_BENCH_QUIET_PERCENT (10) % of the CPUs are busy over a second:
# the stack is idle then, so that is other people's work.
# ECO_BENCH_NO_BUILD=1 skips make (build/default must then be built).
#
# The nginx configuration is the development one (nginx/eco-dev.conf.in,
# access log and all) plus two files this script writes and includes: the
# upstreams and locations of eco-bench-hello.  Nothing else changes.
#
# Every figure also goes to $ECO_BENCH_VAR/log/bench-report.txt.
set -uo pipefail

REPO=$(cd "$(dirname "$0")/../.." && pwd -P)
export ECO_VAR=${ECO_BENCH_VAR:-$REPO/var/bench}
export ECO_PORT=${ECO_BENCH_PORT:-19080}
export ECO_PG_PORT=${ECO_BENCH_PG_PORT:-54369}
export ECO_WORKERS=${ECO_BENCH_WORKERS:-4}
# fsync=off speeds up the setup; the measured paths only read.
export ECO_PG_FAST=1
# Room for the --requests data (some 400 MB) in PostgreSQL's own cache,
# as a production server would have (PostgreSQL's default is 128 MB).
export ECO_PG_SHARED_BUFFERS=${ECO_BENCH_SHARED_BUFFERS:-1GB}
# shellcheck source-path=SCRIPTDIR
. "$REPO/script/lib/common.sh"
. "$REPO/script/lib/pg.sh"
. "$REPO/script/lib/build.sh"
. "$REPO/script/lib/stack.sh"

THREADS=${ECO_BENCH_THREADS:-2}
CONNECTIONS=${ECO_BENCH_CONNECTIONS:-16}
DURATION=${ECO_BENCH_SECONDS:-10}
WARMUP=${ECO_BENCH_WARMUP:-2}
RUNS=${ECO_BENCH_RUNS:-3}
QUIET_PERCENT=${ECO_BENCH_QUIET_PERCENT:-10}
QUIET_WAIT=${ECO_BENCH_QUIET_WAIT:-60}
NOISY=0				# measurements that did not get a quiet machine
NG=() HD=() PG=()		# the processes measure_once watches
EXPERIMENTS=0
HOLD=0
REQUESTS=0
NREQUESTS=${ECO_BENCH_REQUESTS:-200000}
COURTS=0
NCOURTS=${ECO_BENCH_COURTS:-200000}

BASE=http://127.0.0.1:$ECO_PORT
HELLO_BIN=$BUILD/default/tests/bench/eco-bench-hello
DEMO_EMAIL=citizen@demo.ecogosfond.kz
DEMO_PASSWORD=demo-password
RSS_LIMIT_KB=10240		# 10 MiB
TICK_US=$((1000000 / $(getconf CLK_TCK)))

# The keep_conn experiment's small pool: per nginx worker (2 of them),
# so that the pool is no larger than the workers.
SMALL_POOL=$((ECO_WORKERS / 2 > 0 ? ECO_WORKERS / 2 : 1))

# The four paths: their order in the table, names and URLs.
TESTS=(a h b c)
declare -A TITLE=(
	[a]="(a) static /static/css/site.css"
	[h]="(h) eco-bench-hello /bench/hello"
	[b]="(b) eco-portal /kk/"
	[c]="(c) eco-account /api/v1/me"
	[hk]="(h) keep_conn, keepalive 16"
	[hk1]="(h) keep_conn, keepalive $SMALL_POOL"
	[rl]="(rl) tracker, filtered list"
	[rp]="(rp) request page, random id"
	[rs]="(rs) statistics page"
	[cs]="(cs) court search, word + 2 filters"
	[cp]="(cp) court case page, random id"
)
declare -A URL=(
	[a]=$BASE/static/css/site.css
	[h]=$BASE/bench/hello
	[b]=$BASE/kk/
	[c]=$BASE/api/v1/me
	[hk]=$BASE/bench/hello-keepconn
	[hk1]=$BASE/bench/hello-keepconn-small
	[rl]="$BASE/ru/requests?region=almaty_city&status=answered"
	[rp]=$BASE/ru/requests/1
	[rs]=$BASE/ru/requests/statistics
	# q=полигон
	[cs]="$BASE/ru/courts?q=%D0%BF%D0%BE%D0%BB%D0%B8%D0%B3%D0%BE%D0%BD&category=waste&region=pavlodar"
	[cp]=$BASE/ru/courts/1
)
# The paths whose id the Lua script picks at random from ECO_BENCH_IDS.
declare -A RANDOM_PATH=(
	[rp]=/ru/requests/%s
	[cp]=/ru/courts/%s
)
# The processes that serve each path, besides nginx (for the CPU columns).
declare -A SERVER=(
	[a]=""
	[h]=eco-bench-hello
	[b]=eco-portal
	[c]=eco-account
	[hk]=eco-bench-hello-kc
	[hk1]=eco-bench-hello-kc1
	[rl]=eco-requests
	[rp]=eco-requests
	[rs]=eco-requests
	[cs]=eco-courts
	[cp]=eco-courts
)
TOKEN=
REPORT=
WRK_ARGS=()
STATUS=0			# 1: a target failed; 2: the run failed

# Medians and every run of the last measure_set, by test.
declare -A RPS_MED P99_MED RPS_ALL P99_ALL ERRORS CPU P95_MED P95_ALL

report() { printf '%s\n' "$*" | tee -a "$REPORT"; }

# --- the stack ---------------------------------------------------------------

# A fresh state directory: stop what a killed run left, then remove it.
var_reset() {
	local name target
	if [ -e "$VAR" ] && [ ! -f "$VAR/.eco-var" ]; then
		error "$VAR was not made by these scripts; not removing it"
		return 1
	fi
	for name in eco-portal eco-account eco-requests eco-courts eco-bench-hello \
	    eco-bench-hello-kc eco-bench-hello-kc1; do
		stop_leftover "$RUN/$name.pid" "$(printf '%.15s' "$name")"
	done
	stop_leftover "$VAR/nginx/nginx.pid" nginx
	if [ -e "$VAR/pg" ]; then
		pg_locate && pg_clear_stale_pid
		pg_is_running && pg_ctl_ -m immediate -w stop >/dev/null 2>&1
	fi
	if [ -L "$VAR/pg" ]; then
		target=$(readlink "$VAR/pg")
		[[ $target == /var/tmp/eco-*/pg ]] && rm -rf "$(dirname "$target")"
	fi
	rm -rf "$VAR" "$RUN"
	PGDATA_DIR=
}

# The bench's part of nginx's configuration: the upstreams of the
# minimal handler, and its locations.  The keep_conn instances are
# separate processes, so that the connections nginx keeps open to them
# never hold a worker of the plain one.
bench_nginx_files() {
	cat >"$VAR/nginx/bench-http.conf" <<EOF
# Written by tests/bench/run.sh.
upstream eco_bench_hello {
	server unix:$RUN/eco-bench-hello.sock;
}
# fastcgi_keep_conn with a pool of idle connections larger than the
# workers (keepalive is per nginx worker: 2 x 16 = 32 > $ECO_WORKERS).
upstream eco_bench_hello_kc {
	server unix:$RUN/eco-bench-hello-kc.sock;
	keepalive 16;
}
# The same with a pool no larger than the workers (2 x $SMALL_POOL <= $ECO_WORKERS).
upstream eco_bench_hello_kc1 {
	server unix:$RUN/eco-bench-hello-kc1.sock;
	keepalive $SMALL_POOL;
}
EOF
	cat >"$VAR/nginx/bench-server.conf" <<EOF
# Written by tests/bench/run.sh.
location = /bench/hello {
	fastcgi_pass eco_bench_hello;
}
location = /bench/hello-keepconn {
	fastcgi_keep_conn on;
	fastcgi_pass eco_bench_hello_kc;
}
location = /bench/hello-keepconn-small {
	fastcgi_keep_conn on;
	fastcgi_pass eco_bench_hello_kc1;
}
EOF
}

# stack.sh's nginx_render, then the two includes of the bench: in the
# http block and in the server block.  Both anchors must be found once.
eval "stack_$(declare -f nginx_render)"
nginx_render() {
	local conf=$VAR/nginx/nginx.conf
	stack_nginx_render && bench_nginx_files || return 1
	awk -v http="include \"$VAR/nginx/bench-http.conf\";" \
	    -v server="include \"$VAR/nginx/bench-server.conf\";" '
		{ print }
		/^http \{$/ { print "\t" http; nh++ }
		/^\t\tserver_name localhost;$/ { print "\t\t" server; ns++ }
		END { exit !(nh == 1 && ns == 1) }' "$conf" >"$conf.bench" || {
		error "nginx/eco-dev.conf.in changed: no 'http {' or 'server_name localhost;' line to hook the bench into"
		return 1
	}
	mv "$conf.bench" "$conf"
}

# hello_start NAME: an instance of eco-bench-hello on $RUN/NAME.sock.
hello_start() {
	local name=$1 sock=$RUN/$1.sock
	[ -x "$HELLO_BIN" ] || { error "$HELLO_BIN was not built"; return 1; }
	rm -f "$sock"
	# The handlers' malloc tuning (stack.sh), so that the ceiling is
	# measured as they run.
	daemon_start "$name" "$LOG/$name.log" \
	    env GLIBC_TUNABLES="$ECO_MALLOC_TUNABLES" "$HELLO_BIN" --listen "$sock" \
	    --workers "$ECO_WORKERS" --log "$LOG/$name.log" \
	    --pid-file "$RUN/$name.pid" --socket-mode 0660
	wait_for_socket "$name" "$sock" "${DAEMON_PIDS[-1]}"
}

HELLOS="eco-bench-hello eco-bench-hello-kc eco-bench-hello-kc1"

# The pid of a daemon this script started, by name.
daemon_pid() {
	local i
	for i in "${!DAEMON_NAMES[@]}"; do
		[ "${DAEMON_NAMES[$i]}" = "$1" ] && { echo "${DAEMON_PIDS[$i]}"; return 0; }
	done
	return 1
}

# Stops one daemon (SIGTERM, as stack_stop does) and forgets it.
daemon_stop() {
	local i
	for i in "${!DAEMON_NAMES[@]}"; do
		[ "${DAEMON_NAMES[$i]}" = "$1" ] || continue
		daemon_signal "${DAEMON_PIDS[$i]}" "$1"
		daemon_reap "${DAEMON_PIDS[$i]}" "$1"
		unset 'DAEMON_PIDS[i]' 'DAEMON_NAMES[i]'
	done
	DAEMON_PIDS=("${DAEMON_PIDS[@]}")
	DAEMON_NAMES=("${DAEMON_NAMES[@]}")
}

# Restarts every handler with $ECO_WORKERS workers; nginx stays.
handlers_restart() {
	local name
	for name in $ECO_HANDLERS; do
		daemon_stop "eco-$name"
		handler_start "$name" || return 1
	done
	for name in $HELLOS; do
		daemon_stop "$name"
		hello_start "$name" || return 1
	done
	wait_healthy
}

# Signs in once as a demo account; the token serves (c).
login() {
	local body
	body=$(curl -s --max-time 30 -X POST -H 'Content-Type: application/json' \
	    -d "{\"email\":\"$DEMO_EMAIL\",\"password\":\"$DEMO_PASSWORD\"}" \
	    "$BASE/api/v1/session") || return 1
	TOKEN=$(sed -n 's/.*"token":"\([^"]*\)".*/\1/p' <<<"$body")
	[ -n "$TOKEN" ] || { error "no token from POST /api/v1/session: $body"; return 1; }
}

# The headers of a test's requests.
test_headers() {
	if [ "$1" = c ]; then
		printf '%s\n' "Authorization: Bearer $TOKEN"
	fi
}

# check TEST: one request answers 200 with the expected body, so that
# wrk measures the page and not an error page.
check() {
	local t=$1 body code expect header
	local -a h=()
	while IFS= read -r header; do h+=(-H "$header"); done < <(test_headers "$t")
	body=$VAR/tmp/check-$t
	code=$(curl -s --max-time 10 -o "$body" -w '%{http_code}' "${h[@]}" "${URL[$t]}")
	case $t in
	a) expect='{' ;;
	h|hk|hk1) expect='<p>hello</p>' ;;
	b|rl|rp|cp) expect='</html>' ;;
	cs) expect='<mark>' ;;
	rs) expect='<svg' ;;
	c) expect=$DEMO_EMAIL ;;
	esac
	if [ "$code" != 200 ] || ! grep -qF -- "$expect" "$body"; then
		error "${URL[$t]} answers $code without '$expect'"
		head -c 400 "$body" >&2
		return 1
	fi
}

# --- measuring -----------------------------------------------------------------

# The CPU ticks of processes, summed: "user system".
ticks() {
	[ $# -gt 0 ] || { echo 0 0; return; }
	(cd /proc && awk '{ sub(/^.*\) /, ""); u += $12; s += $13 }
	    END { print u + 0, s + 0 }' "${@/%//stat}" 2>/dev/null)
}

# The processes of a group: nginx's workers, a handler's workers,
# PostgreSQL's backends.
group_pids() {
	local pid
	case $1 in
	'') return 0 ;;
	postgres)
		pid=$(head -n 1 "$PGDATA_DIR/postmaster.pid" 2>/dev/null) || return 0
		pgrep -P "$pid" ;;
	*)
		pid=$(daemon_pid "$1") || return 0
		pgrep -P "$pid" ;;
	esac
}

# The tick counters a measurement compares, on one line: nginx's workers,
# the handler's workers, PostgreSQL's processes (each "user system"),
# and the ticks in which any CPU was busy.  A tick counts once, for the
# process that ran: busy minus the groups (and wrk) is everybody else.
counters() {
	echo "$(ticks "${NG[@]}") $(ticks "${HD[@]}") $(ticks "${PG[@]}")" \
	    "$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8; exit }' /proc/stat)"
}

# cpu_per_request "COUNTERS BEFORE" "COUNTERS AFTER" WRK_SECONDS REQUESTS:
# microseconds of CPU per request, "nginx/handler user/handler system/
# postgres/wrk/other".
cpu_per_request() {
	awk -v a="$1" -v b="$2" -v w="$3" -v n="$4" -v tick="$TICK_US" 'BEGIN {
		split(a, x); split(b, y)
		for (i = 1; i <= 7; i++) d[i] = (y[i] - x[i]) * tick
		if (n < 1) n = 1
		w *= 1000000
		other = d[7] - d[1] - d[2] - d[3] - d[4] - d[5] - d[6] - w
		printf "%.1f/%.1f/%.1f/%.1f/%.1f/%.1f ", (d[1] + d[2]) / n,
		    d[3] / n, d[4] / n, (d[5] + d[6]) / n, w / n, other / n
	}'
}

# The share of the CPUs busy over one second.
busy_percent() {
	local a b
	a=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $2 + $3 + $4 + $5 + $6 + $7 + $8; exit }' /proc/stat)
	sleep 1
	b=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $2 + $3 + $4 + $5 + $6 + $7 + $8; exit }' /proc/stat)
	awk -v a="$a" -v b="$b" 'BEGIN { split(a, x); split(b, y)
	    printf "%d", (y[2] > x[2] ? 100 * (y[1] - x[1]) / (y[2] - x[2]) : 0) }'
}

# Waits until the machine is quiet: between two measurements the stack
# is idle, so a busy CPU is somebody else's work, which would take CPU
# from the measurement.  Waits at most QUIET_WAIT seconds, then goes on
# and says so.
wait_quiet() {
	local busy i
	for ((i = 0; i < QUIET_WAIT; i++)); do
		busy=$(busy_percent)
		[ "$busy" -le "$QUIET_PERCENT" ] && return 0
	done
	warn "the machine stayed ${busy:-?}% busy for ${QUIET_WAIT}s; measuring anyway"
	NOISY=$((NOISY + 1))
}

# wrk_parse FILE: "req/s p99-ms requests errors" from wrk's output.
# Errors are non-2xx/3xx answers and socket errors (timeouts included).
wrk_parse() {
	awk '
	function ms(v) {
		if (v ~ /us$/) return v / 1000
		if (v ~ /ms$/) return v + 0
		if (v ~ /s$/) return v * 1000
		if (v ~ /m$/) return v * 60000
		return -1
	}
	/^ *Requests\/sec:/ { rps = $2 }
	/^ *99%/ { p99 = ms($2) }
	/^p95_us / { p95 = $2 / 1000 }
	/ requests in / { n = $1 }
	/Non-2xx or 3xx responses:/ { bad += $NF }
	/Socket errors:/ {
		for (i = 3; i <= NF; i++) { v = $i; gsub(/,/, "", v); if (v ~ /^[0-9]+$/) bad += v }
	}
	END { printf "%s %.3f %d %d %.3f\n", rps == "" ? 0 : rps, p99, n, bad, p95 }' "$1"
}

# The Lua script of every wrk run: prints the p95 (wrk's --latency stops
# at 90% and 99%), and for (rp) and (cp) asks for a random one of the
# public requests or cases (ECO_BENCH_IDS, a file of ids) each time, so
# that the pages come from all over the table.  Every request is built
# once, in init, as wrk's own SCRIPTING advises ("Building a new HTTP
# request each time is expensive ... pre-generate all requests in
# init()"): wrk then spends on a random page about what it spends on
# (h)'s one fixed request, and the 2 CPUs go to the server.
wrk_script() {
	cat >"$VAR/tmp/wrk.lua" <<'EOF'
local path = os.getenv("ECO_BENCH_RANDOM_PATH")
local file = os.getenv("ECO_BENCH_IDS")
if path and path ~= "" and file then
	local ids, requests = {}, {}
	for line in io.lines(file) do ids[#ids + 1] = line end
	init = function(args)
		for i, id in ipairs(ids) do
			requests[i] = wrk.format("GET", string.format(path, id))
		end
		math.randomseed(os.time())
	end
	request = function()
		return requests[math.random(1, #requests)]
	end
end
done = function(summary, latency, requests)
	io.write(string.format("p95_us %d\n", latency:percentile(95)))
end
EOF
}

# wrk_args TEST SECONDS: wrk's command line, in WRK_ARGS.
wrk_args() {
	local t=$1 seconds=$2 header
	WRK_ARGS=(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --latency -s "$VAR/tmp/wrk.lua")
	while IFS= read -r header; do
		WRK_ARGS+=(-H "$header")
	done < <(test_headers "$t")
	WRK_ARGS+=("${URL[$t]}")
}

# measure_once TEST RUN: waits for a quiet machine, warms up, then one
# measured wrk run; appends to RPS_ALL, P99_ALL, ERRORS and CPU.
measure_once() {
	local t=$1 run=$2 out=$VAR/tmp/wrk-$1-$2.txt
	local c0 c1 rps p99 n bad p95 wrk_cpu
	# (rp), (cp): the Lua script picks the id of every request.
	export ECO_BENCH_RANDOM_PATH=${RANDOM_PATH[$t]:-}
	wait_quiet
	wrk_args "$t" "$WARMUP"
	"${WRK_ARGS[@]}" >/dev/null 2>&1
	wrk_args "$t" "$DURATION"
	mapfile -t NG < <(group_pids nginx)
	mapfile -t HD < <(group_pids "${SERVER[$t]}")
	mapfile -t PG < <(group_pids postgres)
	c0=$(counters)
	/usr/bin/time -f '%U %S' -o "$out.time" "${WRK_ARGS[@]}" >"$out" 2>&1
	c1=$(counters)
	read -r rps p99 n bad p95 < <(wrk_parse "$out")
	wrk_cpu=$(awk '{ print $1 + $2 }' "$out.time" 2>/dev/null)
	RPS_ALL[$t]+="$rps "
	P99_ALL[$t]+="$p99 "
	P95_ALL[$t]+="$p95 "
	ERRORS[$t]=$((${ERRORS[$t]:-0} + bad))
	CPU[$t]+=$(cpu_per_request "$c0" "$c1" "${wrk_cpu:-0}" "$n")
	printf '  %-36s run %d: %10.0f req/s  p95 %8.2f ms  p99 %8.2f ms  %s\n' \
	    "${TITLE[$t]}" "$run" "$rps" "$p95" "$p99" \
	    "$([ "$bad" -gt 0 ] && echo "$bad ERRORS")" >&2
}

median() {
	printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 }
	    END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# measure_set TEST...: RUNS rounds over the tests, interleaved (a h b c,
# a h b c, ...) so that a change in the machine's background load touches
# every test alike; then the medians.
measure_set() {
	local t r
	for t in "$@"; do
		RPS_ALL[$t]='' P99_ALL[$t]='' P95_ALL[$t]='' ERRORS[$t]=0 CPU[$t]=
		check "$t" || return 1
	done
	for ((r = 1; r <= RUNS; r++)); do
		for t in "$@"; do
			measure_once "$t" "$r"
		done
	done
	for t in "$@"; do
		# shellcheck disable=SC2086
		RPS_MED[$t]=$(median ${RPS_ALL[$t]})
		# shellcheck disable=SC2086
		P99_MED[$t]=$(median ${P99_ALL[$t]})
		# shellcheck disable=SC2086
		P95_MED[$t]=$(median ${P95_ALL[$t]})
	done
}

# The median, per group, of the CPU microseconds per request.
cpu_median() {
	local t=$1 col
	local -a out=()
	for col in 1 2 3 4 5 6; do
		# shellcheck disable=SC2046,SC2086
		out+=("$(median $(printf '%s\n' ${CPU[$t]} | cut -d/ -f$col))")
	done
	printf '%6.1f %6.1f/%-6.1f %8.1f %5.1f %6.1f' "${out[@]}"
}

table() {
	local t
	report "$(printf '%-36s %10s %9s %9s  %-26s %6s   %s' test 'req/s' 'p95 ms' 'p99 ms' \
	    "req/s of the $RUNS runs" errors \
	    'CPU us/request: nginx handler(usr/sys) postgres wrk other')"
	for t in "$@"; do
		# shellcheck disable=SC2086
		report "$(printf '%-36s %10.0f %9.2f %9.2f  %-26s %6d   %s' "${TITLE[$t]}" \
		    "${RPS_MED[$t]}" "${P95_MED[$t]}" "${P99_MED[$t]}" \
		    "$(printf '%.0f ' ${RPS_ALL[$t]})" "${ERRORS[$t]}" "$(cpu_median "$t")")"
	done
}

ratio() { awk -v x="$1" -v y="$2" 'BEGIN { printf "%.3f", (y > 0 ? x / y : 0) }'; }

# target NAME VALUE MIN: prints PASS/FAIL; a FAIL sets STATUS.
target() {
	local verdict=PASS
	if ! awk -v v="$2" -v min="$3" 'BEGIN { exit !(v >= min) }'; then
		verdict=FAIL
		[ "$STATUS" -eq 0 ] && STATUS=1
	fi
	report "$(printf '%-28s %6.1f%%   target >= %3.0f%%   %s' "$1" \
	    "$(awk -v v="$2" 'BEGIN { print v * 100 }')" \
	    "$(awk -v v="$3" 'BEGIN { print v * 100 }')" "$verdict")"
}

# target_ms NAME VALUE MAX: a latency under a bound; a FAIL sets STATUS.
target_ms() {
	local verdict=PASS
	if ! awk -v v="$2" -v max="$3" 'BEGIN { exit !(v < max) }'; then
		verdict=FAIL
		[ "$STATUS" -eq 0 ] && STATUS=1
	fi
	report "$(printf '%-28s %6.2f ms   target <  %3.0f ms   %s' "$1" "$2" "$3" "$verdict")"
}

# generate WHAT N NAME IDS_SQL TEST: N rows by `ecoctl WHAT generate N`
# (NAME says what they are), then VACUUM ANALYZE so that the planner knows
# the tables' sizes; ECO_BENCH_IDS, the ids IDS_SQL lists, for the Lua
# script, and the first of them in TEST's URL for the check.
generate() {
	local what=$1 n=$2 name=$3 ids_sql=$4 t=$5 start=$SECONDS
	note "generating $n $name"
	run_ecoctl "$what" generate "$n" >"$LOG/generate.log" 2>&1 || {
		show_log_tail "$LOG/generate.log"
		return 1
	}
	pg_psql -d eco -c 'VACUUM ANALYZE' || return 1
	report "generated: $n $name in $((SECONDS - start)) s (ecoctl $what generate, then VACUUM ANALYZE)"
	export ECO_BENCH_IDS=$VAR/tmp/$what-ids
	pg_psql -d eco -Atc "$ids_sql" >"$ECO_BENCH_IDS" || return 1
	URL[$t]=$BASE$(printf "${RANDOM_PATH[$t]}" "$(head -n 1 "$ECO_BENCH_IDS")")
}

# errors_under_load TEST...: a test that had errors makes the run invalid.
errors_under_load() {
	local t
	for t in "$@"; do
		if [ "${ERRORS[$t]}" -gt 0 ]; then
			report "${TITLE[$t]}: ${ERRORS[$t]} errors under load: the run is not valid"
			STATUS=2
		fi
	done
}

# The court registry's paths beside (h), and their targets.
courts_bench() {
	generate courts "$NCOURTS" "court cases" \
	    'SELECT id FROM courts.cases WHERE generated ORDER BY id' cp || return 1
	measure_set h cs cp || return 1
	report "## Court cases ($NCOURTS generated), beside (h)"
	table h cs cp
	report ""
	target "(cs)/(h) court search" "$(ratio "${RPS_MED[cs]}" "${RPS_MED[h]}")" 0.25
	target_ms "(cs) p95" "${P95_MED[cs]}" 30
	target "(cp)/(h) court case page" "$(ratio "${RPS_MED[cp]}" "${RPS_MED[h]}")" 0.25
	target_ms "(cp) p95" "${P95_MED[cp]}" 30
	errors_under_load h cs cp
}

# The information requests' paths beside (h), and their targets.
requests_bench() {
	# The public ones: the pages (rp) asks for.
	generate requests "$NREQUESTS" requests \
	    'SELECT id FROM requests.requests WHERE public ORDER BY id' rp || return 1
	measure_set h rl rp rs || return 1
	report "## Information requests ($NREQUESTS generated), beside (h)"
	table h rl rp rs
	report ""
	target "(rl)/(h) tracker list" "$(ratio "${RPS_MED[rl]}" "${RPS_MED[h]}")" 0.30
	target_ms "(rl) p95" "${P95_MED[rl]}" 20
	target "(rp)/(h) request page" "$(ratio "${RPS_MED[rp]}" "${RPS_MED[h]}")" 0.30
	target_ms "(rp) p95" "${P95_MED[rp]}" 20
	target_ms "(rs) statistics p95" "${P95_MED[rs]}" 100
	errors_under_load h rl rp rs
}

ratios() {
	target "(b)/(h) eco-portal" "$(ratio "${RPS_MED[b]}" "${RPS_MED[h]}")" 0.70
	target "(c)/(h) eco-account" "$(ratio "${RPS_MED[c]}" "${RPS_MED[h]}")" 0.50
	report "$(printf '%-28s %6.1f%%   (information)' "(h)/(a) FastCGI/static" \
	    "$(awk -v v="$(ratio "${RPS_MED[h]}" "${RPS_MED[a]}")" 'BEGIN { print v * 100 }')")"
}

# The resident memory of every worker of eco-portal and eco-account.
# VmRSS is the target; Pss shares the pages a worker shares with its
# master and siblings among them, so it is what a worker really costs.
worker_rss() {
	local name master pid rss anon file pss fail=0 verdict
	report "$(printf '%-12s %7s %8s %10s %10s %8s %8s  %s' handler pid role \
	    'VmRSS kB' 'RssAnon' 'RssFile' 'Pss kB' verdict)"
	for name in eco-portal eco-account; do
		master=$(daemon_pid "$name") || continue
		for pid in "$master" $(pgrep -P "$master"); do
			read -r rss anon file < <(awk '/^VmRSS:/ { r = $2 }
			    /^RssAnon:/ { a = $2 } /^RssFile:/ { f = $2 }
			    END { print r, a, f }' "/proc/$pid/status")
			pss=$(awk '/^Pss:/ { print $2 }' "/proc/$pid/smaps_rollup" 2>/dev/null)
			if [ "$pid" = "$master" ]; then
				verdict="(master)"
			elif [ "$rss" -lt "$RSS_LIMIT_KB" ]; then
				verdict=PASS
			else
				verdict=FAIL
				fail=1
			fi
			report "$(printf '%-12s %7d %8s %10d %10d %8d %8s  %s' "$name" "$pid" \
			    "$([ "$pid" = "$master" ] && echo master || echo worker)" \
			    "$rss" "$anon" "$file" "${pss:-0}" "$verdict")"
		done
	done
	if [ "$fail" = 1 ]; then
		report "worker RSS < $RSS_LIMIT_KB kB: FAIL"
		[ "$STATUS" -eq 0 ] && STATUS=1
	else
		report "worker RSS < $RSS_LIMIT_KB kB: PASS"
	fi
}

# --- the experiments -------------------------------------------------------

# (h) with fastcgi_keep_conn and an upstream pool of kept connections,
# against (h) without, on the same number of workers.
experiment_keep_conn() {
	report ""
	report "## Experiment: fastcgi_keep_conn on, (h), $ECO_WORKERS workers, nginx worker_processes 2"
	measure_set h hk hk1 || return 1
	table h hk hk1
}

# (h), (b), (c) with 2, 4 and 8 workers per handler.
experiment_workers() {
	local w saved=$ECO_WORKERS
	report ""
	report "## Experiment: workers per handler"
	for w in 2 4 8; do
		ECO_WORKERS=$w
		note "restarting the handlers with $w workers"
		handlers_restart || return 1
		measure_set h b c || return 1
		report ""
		report "### $w workers per handler"
		table h b c
		report "$(printf '(b)/(h) %.1f%%   (c)/(h) %.1f%%' \
		    "$(awk -v v="$(ratio "${RPS_MED[b]}" "${RPS_MED[h]}")" 'BEGIN { print v * 100 }')" \
		    "$(awk -v v="$(ratio "${RPS_MED[c]}" "${RPS_MED[h]}")" 'BEGIN { print v * 100 }')")"
	done
	ECO_WORKERS=$saved
}

# --- main ----------------------------------------------------------------------

# shellcheck disable=SC2317 # called by stack_cleanup
on_exit() {
	local status=$1
	[ "$status" -eq 0 ] || [ "$status" -eq 1 ] || [ "$HOLD" = 1 ] ||
	    error "the benchmark did not finish (status $status)"
	return "$status"
}

machine() {
	report "machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | sort -u | tr '\n' ' ')"
	report "kernel:  $(uname -sr)"
	report "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
	report "wrk:     -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency, ${WARMUP} s warm-up before each run, $RUNS runs, median"
	report "workers: $ECO_WORKERS per handler (eco-portal, eco-account, eco-bench-hello); nginx worker_processes 2"
	report "source:  $(source_state)"
}

# The commit measured, and the files that differ from it (read only).
source_state() {
	local head dirty
	head=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null) || { echo "not a git checkout"; return; }
	dirty=$(git -C "$REPO" status --porcelain -- lib handlers tools templates po 2>/dev/null |
	    awk '{ print $2 }' | tr '\n' ' ')
	echo "commit $head${dirty:+, with uncommitted changes in $dirty}"
}

main() {
	local load0 cmdline cmd name t
	cmdline="$(env | grep '^ECO_BENCH_' | sort | tr '\n' ' ')tests/bench/run.sh $*"
	while [ $# -gt 0 ]; do
		case $1 in
		--experiments) EXPERIMENTS=1 ;;
		--hold) HOLD=1 ;;
		--requests) REQUESTS=1 ;;
		--courts) COURTS=1 ;;
		-h|--help) sed -n '2,/^set -uo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; exit 0 ;;
		*) die "unknown argument $1 (see --help)" ;;
		esac
		shift
	done
	for cmd in wrk curl /usr/bin/time "$NGINX"; do
		command -v "$cmd" >/dev/null ||
		    die "$cmd is missing (apt-get install wrk curl time nginx)"
	done
	load0=$(cut -d' ' -f1-3 /proc/loadavg)
	stack_traps
	if [ -z "${ECO_BENCH_NO_BUILD:-}" ]; then
		build_default >/dev/null || die "the build failed"
	fi
	var_reset || exit 2
	var_prepare || exit 2
	mkdir -p "$VAR/tmp"
	wrk_script
	REPORT=$LOG/bench-report.txt
	: >"$REPORT"
	report "command: $cmdline"
	report "load average before the run (1, 5, 15 min): $load0"
	stack_prepare >"$LOG/prepare.log" 2>&1 || { show_log_tail "$LOG/prepare.log"; exit 2; }
	for name in $HELLOS; do
		hello_start "$name" || exit 2
	done
	stack_start || exit 2
	login || exit 2
	if [ "$HOLD" = 1 ]; then
		for t in a h b c hk hk1; do echo "${TITLE[$t]}: ${URL[$t]}"; done
		echo "(c) needs -H 'Authorization: Bearer $TOKEN'"
		echo "the stack runs until Ctrl-C; logs in $LOG"
		stack_wait	# returns only when a daemon died
		exit 2
	fi

	machine
	report "load average before measuring: $(cut -d' ' -f1-3 /proc/loadavg)"
	report ""
	if [ "$COURTS" = 1 ]; then
		courts_bench || exit 2
		report ""
		report "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
		report "report: $REPORT"
		exit "$STATUS"
	fi
	if [ "$REQUESTS" = 1 ]; then
		requests_bench || exit 2
		report ""
		report "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
		report "report: $REPORT"
		exit "$STATUS"
	fi
	measure_set "${TESTS[@]}" || exit 2
	report "## Throughput and latency"
	table "${TESTS[@]}"
	report ""
	report "## Ratios of the medians"
	ratios
	report ""
	report "## Worker memory after the load"
	worker_rss
	for t in "${TESTS[@]}"; do
		if [ "${ERRORS[$t]}" -gt 0 ]; then
			report "${TITLE[$t]}: ${ERRORS[$t]} errors under load: the run is not valid"
			STATUS=2
		fi
	done
	if [ "$EXPERIMENTS" = 1 ]; then
		experiment_keep_conn || exit 2
		experiment_workers || exit 2
	fi
	report ""
	report "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
	[ "$NOISY" -eq 0 ] ||
	    report "$NOISY measurement(s) started on a busy machine (see the 'other' column)"
	report "report: $REPORT"
	exit "$STATUS"
}

main "$@"
