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
org=$(grep -o 'age1[0-9a-z]*' "$work/org.key" | sed -n 1p)
# Consent recorded: an export leaves out cases without it.
printf '%s\n' '{"interviewee": {"pseudonym": "김 A"}, "narrative": "신의주에서 있었던 일", "consent": {"given": true, "method": "Oral"}}' \
    '{"interviewee": {"pseudonym": "B"}, "incidents": [{"violation": "Torture", "date": "~2019"}], "consent": {"given": true, "method": "Written"}}' > "$work/cases.jsonl"
"$tv" "${v[@]}" add "$work/cases.jsonl"
listed=$("$tv" "${v[@]}" list)
grep -q "김 A" <<<"$listed"
listed_json=$("$tv" "${v[@]}" list --json)
code=$(grep -o '"NK-[0-9]*-[0-9]*"' <<<"$listed_json" | sed -n 1p | tr -d '"')
shown=$("$tv" "${v[@]}" show "$code" --json)
grep -q '"pseudonym"' <<<"$shown"
found=$("$tv" "${v[@]}" search sinuiju)
grep -q "$code" <<<"$found"
"$tv" "${v[@]}" export --all --profile full --to "$org" --out "$work/all.tvb"
# Whole outputs into variables first: `grep -q` stops reading at the first
# match, and under pipefail the writer's SIGPIPE would fail the script.
listing=$(age -d -i "$work/org.key" "$work/all.tvb" | tar t)
grep -qx 'manifest.ron' <<<"$listing"
"$tv" "${v[@]}" export-table --all --format csv --to "$org" --out "$work/cases.csv.age"
table=$(age -d -i "$work/org.key" "$work/cases.csv.age")
grep -q "김 A" <<<"$table"
echo "package round trip: ok"
