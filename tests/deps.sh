# Installs missing Debian packages when run as root; names them otherwise.
# Sourced by the Makefile: need_debs PACKAGE...
need_debs() {
	missing=""
	if command -v dpkg >/dev/null 2>&1; then
		for p in "$@"; do
			dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
		done
	else
		echo "sarraf: not a Debian system: install the equivalents of:$*" >&2
		return 1
	fi
	[ -z "$missing" ] && return 0
	if [ "$(id -u)" = 0 ]; then
		echo "installing Debian packages:$missing" >&2
		# another install (CI's, a second make) may hold the dpkg lock: wait for it
		apt-get -o DPkg::Lock::Timeout=300 update -qq &&
			DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq $missing >/dev/null
	else
		echo "sarraf: missing Debian packages:$missing" >&2
		echo "sarraf: run: sudo apt-get install$missing" >&2
		return 1
	fi
}
