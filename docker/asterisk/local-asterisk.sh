#!/usr/bin/env bash
# A real Asterisk on a Debian machine without a Docker engine.
#
# Debian 12 has no asterisk package, so this builds a separate Debian sid root with debootstrap
# (once; later starts reuse it), copies the project's Asterisk configuration (docker/asterisk/etc,
# the same files the Docker image uses) into it, and runs Asterisk chrooted in it. The root
# shares the host's network: AMI on 127.0.0.1:5038, SIP on 5060.
#
#   local-asterisk.sh start    build the root if needed, (re)load the config, start; idempotent
#   local-asterisk.sh stop     stop Asterisk and unmount /proc and /dev from the root
#   local-asterisk.sh status   exit 0 and print the version when it runs, exit 3 when it does not
#   local-asterisk.sh cli CMD  run an Asterisk CLI command, e.g. cli 'core show channels'
#   local-asterisk.sh logs     print where the logs are
#
# Must run as root (debootstrap, chroot, mount). Settings, from the environment:
#   DIALER_ASTERISK_HOME  where the root and the logs live (default ~/.cache/collections-dialer/asterisk)
#   DIALER_DEBIAN_MIRROR  Debian mirror for debootstrap (default http://deb.debian.org/debian)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CONFIG_DIR="$HERE/etc"
HOME_DIR=${DIALER_ASTERISK_HOME:-${HOME:-/root}/.cache/collections-dialer/asterisk}
ROOT="$HOME_DIR/root"
LOG_DIR="$HOME_DIR/logs"
MIRROR=${DIALER_DEBIAN_MIRROR:-http://deb.debian.org/debian}
PACKAGES=asterisk,asterisk-modules,asterisk-core-sounds-en-gsm
AMI_PORT=5038

say() { echo "local-asterisk: $*" >&2; }
die() { say "ERROR: $*"; exit 1; }

require_root() {
    [ "$(id -u)" = 0 ] || die "must run as root (it uses debootstrap, chroot and mount)"
}

ast() { chroot "$ROOT" asterisk -rx "$1"; }

running() {
    # /var/run in the root is an absolute link to /run: look at paths from inside the root
    [ -x "$ROOT/usr/sbin/asterisk" ] && chroot "$ROOT" test -S /run/asterisk/asterisk.ctl \
        && ast 'core show version' >/dev/null 2>&1
}

build_root() {
    if [ -f "$ROOT/.built" ]; then
        return
    fi
    if ! command -v debootstrap >/dev/null; then
        say "installing debootstrap"
        apt-get install -y -q debootstrap >/dev/null 2>&1 \
            || { apt-get update -q >/dev/null && apt-get install -y -q debootstrap >/dev/null; } \
            || die "could not install debootstrap with apt-get"
    fi
    local tmp="$HOME_DIR/root.building"
    rm -rf "$tmp"
    mkdir -p "$HOME_DIR"
    say "building an Asterisk root with debootstrap (Debian sid; about a minute, 500 MB) in $ROOT"
    if ! debootstrap --variant=minbase --include="$PACKAGES" sid "$tmp" "$MIRROR" >"$HOME_DIR/debootstrap.log" 2>&1; then
        tail -20 "$HOME_DIR/debootstrap.log" >&2
        die "debootstrap failed; the whole log is in $HOME_DIR/debootstrap.log"
    fi
    touch "$tmp/.built"
    if [ -d "$ROOT" ]; then
        # an unfinished root from an earlier attempt: never delete through a bind-mounted /dev
        unmount_system all
        if mountpoint -q "$ROOT/dev" || mountpoint -q "$ROOT/proc"; then
            die "$ROOT still has /dev or /proc mounted; unmount them before rebuilding"
        fi
        rm -rf "$ROOT"
    fi
    mv "$tmp" "$ROOT"
}

install_config() {
    # The Debian defaults stay for files we don't ship; ours replace theirs.
    cp "$CONFIG_DIR"/*.conf "$ROOT/etc/asterisk/"
    mkdir -p "$LOG_DIR"
    chroot "$ROOT" chown -R asterisk:asterisk /etc/asterisk /var/lib/asterisk /var/log/asterisk \
        /var/spool/asterisk /var/cache/asterisk /run/asterisk 2>/dev/null || true
}

mount_system() {
    mountpoint -q "$ROOT/proc" || mount -t proc proc "$ROOT/proc"
    mountpoint -q "$ROOT/dev" || mount --bind /dev "$ROOT/dev"
    # AstDB on a memory file system (asterisk.conf says why); it stays mounted when Asterisk stops,
    # so a restarted Asterisk still has the facts its dialplan recorded before
    local astdb="$ROOT/var/lib/asterisk/astdb"
    if ! mountpoint -q "$astdb"; then
        mkdir -p "$astdb"
        mount -t tmpfs -o size=64m,mode=0750 astdb "$astdb"
    fi
    chroot "$ROOT" chown asterisk:asterisk /var/lib/asterisk/astdb
}

unmount_system() {
    # AstDB's memory file system only with "all" (before a rebuild): a stop keeps it
    local extra=()
    [ "${1:-}" = all ] && extra=("$ROOT/var/lib/asterisk/astdb")
    for m in "$ROOT/dev" "$ROOT/proc" "${extra[@]}"; do
        if mountpoint -q "$m"; then umount "$m" || umount -l "$m"; fi
    done
}

wait_for_ami() {
    local deadline=$((SECONDS + 60))
    until (exec 3<>"/dev/tcp/127.0.0.1/$AMI_PORT") 2>/dev/null; do
        [ $SECONDS -lt $deadline ] || die "AMI did not open on 127.0.0.1:$AMI_PORT within 60 s; see $LOG_DIR/console.log"
        sleep 0.2
    done
}

start() {
    require_root
    mkdir -p "$HOME_DIR"
    exec 9>"$HOME_DIR/.lock"
    flock 9   # tests and the demo may start it at the same time
    build_root
    install_config
    mount_system
    if running; then
        say "already running; reloading the configuration"
        ast 'core reload' >/dev/null
        ast 'dialplan reload' >/dev/null
    else
        rm -f "$ROOT/run/asterisk/asterisk.ctl" "$ROOT/run/asterisk/asterisk.pid"
        say "starting Asterisk (logs in $LOG_DIR)"
        # no descriptor of the caller's goes with it (a lock a test runner holds would be held for good)
        nohup chroot "$ROOT" asterisk -f -U asterisk -G asterisk -n >"$LOG_DIR/console.log" 2>&1 \
            3>&- 4>&- 5>&- 6>&- 7>&- 8>&- 9>&- &
        local deadline=$((SECONDS + 60))
        until running; do
            [ $SECONDS -lt $deadline ] || { tail -20 "$LOG_DIR/console.log" >&2; die "Asterisk did not start within 60 s"; }
            sleep 0.3
        done
        ast 'core waitfullybooted' >/dev/null
    fi
    ln -sfn "$ROOT/var/log/asterisk/messages.log" "$LOG_DIR/messages.log"
    wait_for_ami
    say "running: $(ast 'core show version' | head -1); AMI on 127.0.0.1:$AMI_PORT"
}

stop() {
    require_root
    if running; then
        ast 'core stop now' >/dev/null 2>&1 || true
        local deadline=$((SECONDS + 20))
        while running && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
    fi
    local pid
    pid=$(cat "$ROOT/run/asterisk/asterisk.pid" 2>/dev/null || true)
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" || true; fi
    [ -d "$ROOT" ] && unmount_system
    say "stopped"
}

status() {
    if running; then
        echo "running: $(ast 'core show version' | head -1)"
        echo "AMI: 127.0.0.1:$AMI_PORT  root: $ROOT  logs: $LOG_DIR"
        exit 0
    fi
    echo "not running (root: $ROOT$([ -f "$ROOT/.built" ] && echo ', built' || echo ', not built yet'))"
    exit 3
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    restart) stop; start ;;
    status) status ;;
    cli) shift; require_root; ast "$*" ;;
    logs) echo "$LOG_DIR/console.log"; echo "$LOG_DIR/messages.log" ;;
    *) echo "usage: $0 start|stop|restart|status|cli COMMAND|logs" >&2; exit 2 ;;
esac
