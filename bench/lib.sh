# SPDX-License-Identifier: Apache-2.0
# Shared by bench/run.sh and bench/compare-spectral.sh: installing the tools they time with.

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
