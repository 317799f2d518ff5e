# SPDX-License-Identifier: Apache-2.0
# shellcheck shell=bash
# Shared by the benchmarks: installing the tools they time with, and the arguments they share.

as_root() {
    if [[ $(id -u) -eq 0 ]]; then "$@"
    elif command -v sudo >/dev/null; then sudo "$@"
    else return 1
    fi
}

# Debian/Ubuntu only; retries after refreshing the package lists, which minimal images
# (containers, CI) often ship empty.
apt_install() {
    command -v apt-get >/dev/null || return 1
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" ||
        { as_root apt-get update -q && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@"; }
}

# The preamble of the benchmarks run as `bench/NAME.sh BUILD_DIR [PREVIOUS_BUILD_DIR]`
# (memory.sh, limits.sh). Each calls its own die() (exit 2: the benchmark cannot run).
# build_dirs NAME "$@": sets BUILD and PREV (empty when not given), absolute paths.
build_dirs() {
    local name=$1
    shift
    [[ $# -ge 1 && $# -le 2 ]] || die "usage: bench/$name.sh BUILD_DIR [PREVIOUS_BUILD_DIR]"
    # shellcheck disable=SC2034  # read by the script that sources this file
    BUILD=$(realpath -- "$1")
    PREV=${2:+$(realpath -- "$2")}
    [[ -z $PREV || -x $PREV/cli/cadre ]] || die "missing $PREV/cli/cadre"
}

# need_built PROGRAM...: the built programs a benchmark runs.
need_built() {
    local exe
    for exe in "$@"; do [[ -x $exe ]] || die "missing $exe: build first"; done
}

# need_gnu_time: GNU time gives the peak RSS; installed when missing (Debian/Ubuntu).
need_gnu_time() {
    [[ -x /usr/bin/time ]] || apt_install time >/dev/null || die "GNU time is needed (apt-get install time)"
}
