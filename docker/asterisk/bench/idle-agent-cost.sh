#!/bin/bash
# What an idle agent costs Asterisk: N agent-like phone legs (a Local channel to the simulated agent
# phone, as the dialer rings them) held in the way given, and Asterisk's CPU over 20 s, beside the
# same Asterisk with no leg (the baseline), in one run. Needs the local Asterisk running
# (docker/asterisk/local-asterisk.sh start) and nothing else using it; run as root.
#   docker/asterisk/bench/idle-agent-cost.sh [N]
set -euo pipefail
HERE="$(cd "$(dirname "$0")/.." && pwd)"
N=${1:-40}
CLI="bash $HERE/local-asterisk.sh cli"
ROOT=${ASTERISK_ROOT:-/root/.cache/collections-dialer/asterisk/root}
pid=$(cat "$ROOT/run/asterisk/asterisk.pid")
clk=$(getconf CLK_TCK)

measure() { # label count dialplan-application...
    local label=$1 count=$2; shift 2
    local prio=1
    for app in "$@"; do
        $CLI "dialplan add extension _X.,$prio,$app into bench-idle replace" >/dev/null
        prio=$((prio + 1))
    done
    for i in $(seq 1 "$count"); do
        $CLI "channel originate Local/$((70000 + i))@sim-agent-phone extension $((70000 + i))@bench-idle" >/dev/null
    done
    sleep 6
    local channels t0 t1 s0 s1
    channels=$($CLI "core show channels count" | head -1)
    t0=$(awk '{print $14+$15}' "/proc/$pid/stat"); s0=$(date +%s.%N)
    sleep 20
    t1=$(awk '{print $14+$15}' "/proc/$pid/stat"); s1=$(date +%s.%N)
    printf '%-44s %3d legs  Asterisk CPU %6.2f%% of one core  (%s)\n' "$label" "$count" \
        "$(echo "($t1 - $t0) / $clk / ($s1 - $s0) * 100" | bc -l)" "$channels"
    $CLI "channel request hangup all" >/dev/null
    $CLI "dialplan remove context bench-idle" >/dev/null 2>&1 || true
    sleep 3
}

measure "baseline: no leg" 0 "NoOp()"
measure "in their own ConfBridge (before)" "$N" "ConfBridge(bench-\${UNIQUEID},dialer_bridge,dialer_agent)"
measure "ConfBridge, mixing_interval 40 ms" "$N" "Set(CONFBRIDGE(bridge,mixing_interval)=40)" \
    "ConfBridge(bench-\${UNIQUEID},dialer_bridge,dialer_agent)"
measure "held in Wait() outside any bridge" "$N" "Wait(3600)"
measure "as the dialer holds them now ([dialer-agent-idle])" "$N" "Goto(dialer-agent-idle,\${EXTEN},1)"
# what a conversation costs now that idle agents cost nothing: legs two by two in a conference
measure "in pairs, one ConfBridge per pair (N/2 calls)" "$N" \
    "ConfBridge(bench-\${MATH(\${EXTEN}/2,int)},dialer_bridge,dialer_agent)"
