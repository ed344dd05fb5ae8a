# script/lib/common.sh: paths and messages shared by script/server,
# script/test and script/ecoctl.  Sourced, never run.
#
#   REPO   the repository root
#   VAR    the state of one run: PostgreSQL cluster, keys, logs, nginx
#          ($REPO/var; ECO_VAR overrides, script/test uses $REPO/var/test)
#   RUN    /tmp/eco-<8 hex of a hash of VAR>: the sockets.  A unix socket
#          path is at most 107 bytes and a clone may live deep down.
#   LOG    $VAR/log
#   KEYS   $VAR/keys/session.keys, the session keyring
#   BUILD  where the out-of-tree builds go ($REPO/build; ECO_BUILD overrides)
#
# Library functions report a problem and return 1; only the scripts die.
# shellcheck shell=bash disable=SC2034

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
VAR=${ECO_VAR:-$REPO/var}
case $VAR in /*) ;; *) VAR=$PWD/$VAR ;; esac
VAR_HASH=$(printf '%s' "$VAR" | sha256sum | cut -c1-8)
RUN=/tmp/eco-$VAR_HASH
LOG=$VAR/log
KEYS=$VAR/keys/session.keys
BUILD=${ECO_BUILD:-$REPO/build}
JOBS=${ECO_JOBS:-$(nproc 2>/dev/null || echo 2)}

note() { printf '==> %s\n' "$*" >&2; }
warn() { printf 'warning: %s\n' "$*" >&2; }
error() { printf 'error: %s\n' "$*" >&2; }
die() { error "$*"; exit 1; }
is_root() { [ "$(id -u)" -eq 0 ]; }

# The directories of a run.  The marker file lets script/test remove a
# whole VAR without ever removing a directory it did not create.
var_prepare() {
	mkdir -p "$VAR" "$LOG" "$VAR/keys" "$VAR/nginx/tmp" || return 1
	touch "$VAR/.eco-var"
	chmod 0700 "$VAR/keys"
	if [ ! -d "$RUN" ]; then
		mkdir -m 0755 "$RUN" || return 1
	fi
	# Someone else's /tmp/eco-* could catch our sockets.
	if [ ! -O "$RUN" ]; then
		error "$RUN belongs to another user; remove it"
		return 1
	fi
}

# Tells whether a process is alive (a zombie is not).
alive() {
	local state
	state=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
	[[ $state != Z* ]]
}

# Prints the last lines of a log, to explain a failure.
show_log_tail() {
	[ -f "$1" ] || return 0
	printf -- '--- last lines of %s\n' "$1" >&2
	tail -n "${2:-20}" "$1" >&2
	printf -- '---\n' >&2
}
