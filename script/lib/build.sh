# script/lib/build.sh: autotools and the out-of-tree builds under $BUILD.
# Sourced after common.sh.  Never configures in the source directory.
# shellcheck shell=bash

# autoreconf only when configure is missing or older than its inputs.
build_autoreconf() {
	# One non-recursive Makefile.am (make also regenerates it by itself).
	if [ -x "$REPO/configure" ] && [ "$REPO/configure" -nt "$REPO/configure.ac" ] &&
	    [ "$REPO/Makefile.in" -nt "$REPO/Makefile.am" ]; then
		return 0
	fi
	if [ -f "$REPO/config.status" ]; then
		error "the source directory was configured in place; run 'make distclean' there (builds go to build/)"
		return 1
	fi
	note "autoreconf -fi"
	mkdir -p "$REPO/build-aux" "$REPO/m4"
	(cd "$REPO" && autoreconf -fi)
}

# build_configure NAME [VAR=value...] [configure options...]:
# configures $BUILD/NAME once; make reruns configure itself afterwards
# when configure changes.
build_configure() {
	local name=$1 dir=$BUILD/$1
	shift
	[ -f "$dir/Makefile" ] && return 0
	note "configuring $dir"
	mkdir -p "$dir" || return 1
	(cd "$dir" && "$REPO/configure" "$@") || {
		show_log_tail "$dir/config.log" 30
		return 1
	}
}

# build_make NAME [make arguments...]
build_make() {
	local name=$1
	shift
	make -C "$BUILD/$name" -j"$JOBS" "$@"
}

# The development build every run uses: handlers, ecoctl, unit tests.
build_default() {
	build_autoreconf &&
	    build_configure default --enable-werror &&
	    build_make default
}
