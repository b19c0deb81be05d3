#!/usr/bin/env bash
# CPU of a real recording: a private PulseAudio with a sine source (ALSA's
# default routed to it, as in .ci/run), a fresh vault with one case, and
# `record CASE --seconds N` from the given binary. The CPU is the process's
# utime+stime from /proc/PID/stat between 5 s after the start (unlock and
# device set-up done) and 2 s before the end, over the wall time between the
# two readings; wakeups are the voluntary context switches of all its
# threads over the same window. Usage:
#   scripts/measure-recording-cpu.sh [BINARY] [SECONDS] [SOURCE_RATE]
# e.g. cargo build --release --bin testimony-vault &&
#      scripts/measure-recording-cpu.sh target/release/testimony-vault 60
set -euo pipefail
tv=$(realpath "${1:-target/release/testimony-vault}")
seconds=${2:-60}
rate=${3:-48000}
work=$(mktemp -d)
mkdir -m 700 "$work/run"
printf 'pcm.!default { type pulse }\nctl.!default { type pulse }\n' > "$work/.asoundrc"
export XDG_RUNTIME_DIR="$work/run" HOME="$work"
unset PULSE_SERVER
pulseaudio --daemonize=no --exit-idle-time=-1 -n --disable-shm=yes \
    --load="module-native-protocol-unix auth-anonymous=1" \
    --load="module-null-sink sink_name=null" \
    --load="module-sine-source frequency=440 rate=$rate source_name=sine" >/dev/null 2>&1 &
pulse=$!
trap 'kill "$pulse" 2>/dev/null || true; wait "$pulse" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 100); do pactl set-default-source sine 2>/dev/null && break; sleep 0.1; done

export TESTIMONY_VAULT_PASSPHRASE="cpu measurement passphrase"
export TESTIMONY_VAULT_WORK_FACTOR=10 TESTIMONY_VAULT_LANG=en
v=(--vault "$work/vault")
"$tv" "${v[@]}" init >/dev/null
echo '{"interviewee": {"pseudonym": "A"}}' > "$work/case.json"
"$tv" "${v[@]}" add "$work/case.json" >/dev/null
code=$("$tv" "${v[@]}" list --json | grep -o '"NK-[0-9]*-[0-9]*"' | sed -n 1p | tr -d '"')

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
switches() { cat /proc/"$1"/task/*/status 2>/dev/null | awk '/^voluntary_ctxt_switches/ {n += $2} END {print n}'; }
"$tv" "${v[@]}" record "$code" --seconds "$seconds" > "$work/out.txt" &
rec=$!
sleep 5
t0=$(date +%s.%N); c0=$(ticks "$rec"); s0=$(switches "$rec")
sleep $((seconds - 7))
t1=$(date +%s.%N); c1=$(ticks "$rec"); s1=$(switches "$rec")
# Per thread (name: CPU seconds over the whole run so far), to see where it goes.
for task in /proc/"$rec"/task/*; do
    printf '  %s: %s ticks\n' "$(cat "$task/comm")" "$(awk '{print $14 + $15}' "$task/stat")"
done | sort -t: -k2 -n -r | head -8
wait "$rec"
hz=$(getconf CLK_TCK)
awk -v c="$((c1 - c0))" -v hz="$hz" -v t0="$t0" -v t1="$t1" -v s="$((s1 - s0))" 'BEGIN {
    wall = t1 - t0
    printf "recording CPU: %.1f %% of one core (%.2f s CPU over %.1f s), %.0f wakeups a second\n", 100 * c / hz / wall, c / hz, wall, s / wall
}'
grep -o 'Saved a recording of [0-9:]*' "$work/out.txt"
