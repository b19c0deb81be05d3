#!/usr/bin/env bash
# Run the installed program (from the Debian package) through a command-line
# round trip: init, add a case from JSON, list, show, export a bundle and a
# table, check the bundle opens with the stock age tool. Usage:
#   scripts/package-round-trip.sh [/usr/bin/testimony-vault]
set -euo pipefail
tv=${1:-/usr/bin/testimony-vault}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export TESTIMONY_VAULT_PASSPHRASE="package round trip passphrase"
export TESTIMONY_VAULT_WORK_FACTOR=10 TESTIMONY_VAULT_LANG=en
v=(--vault "$work/vault")

"$tv" --version
"$tv" "${v[@]}" init >/dev/null
"$tv" "${v[@]}" keygen --out "$work/org.key" >/dev/null
org=$(grep -o 'age1[0-9a-z]*' "$work/org.key" | head -1)
printf '%s\n' '{"interviewee": {"pseudonym": "김 A"}, "narrative": "신의주에서 있었던 일"}' \
    '{"interviewee": {"pseudonym": "B"}, "incidents": [{"violation": "Torture", "date": "~2019"}]}' > "$work/cases.jsonl"
"$tv" "${v[@]}" add "$work/cases.jsonl"
"$tv" "${v[@]}" list | grep -q "김 A"
code=$("$tv" "${v[@]}" list --json | grep -o '"NK-[0-9]*-[0-9]*"' | head -1 | tr -d '"')
"$tv" "${v[@]}" show "$code" --json | grep -q '"pseudonym"'
"$tv" "${v[@]}" search sinuiju | grep -q "$code"
"$tv" "${v[@]}" export --all --profile full --to "$org" --out "$work/all.tvb"
age -d -i "$work/org.key" "$work/all.tvb" | tar t | grep -q '^manifest.ron$'
"$tv" "${v[@]}" export-table --all --format csv --to "$org" --out "$work/cases.csv.age"
age -d -i "$work/org.key" "$work/cases.csv.age" | grep -q "김 A"
echo "package round trip: ok"
