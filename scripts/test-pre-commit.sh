#!/usr/bin/env bash
# Installs the cdrisk-check hook with the real pre-commit tool, as its users
# do (`repo:` and `rev:` in .pre-commit-config.yaml), from a local clone of
# this repository at HEAD, and runs it on a scratch repository: it must fail
# on a critical partnership file, pass on a benign one and ignore other YAML.
# Commit first: the clone sees HEAD, not the working tree. Needs network or
# an npm cache, as pre-commit runs `npm install` in the clone.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

if ! command -v pre-commit >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test-pre-commit: installing Debian's pre-commit package"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q pre-commit >/dev/null 2>&1 ||
      { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q pre-commit >/dev/null 2>&1; } || true
  fi
fi
if ! command -v pre-commit >/dev/null 2>&1; then
  echo "test-pre-commit: SKIPPED: the pre-commit tool is not installed and could not be (not root, or no apt-get): install it (apt-get install pre-commit, or pip install pre-commit) to run this test"
  exit 0
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
git clone -q "$root" "$tmp/cdrisk"
rev="$(git -C "$root" rev-parse HEAD)"
git -C "$tmp/cdrisk" checkout -q "$rev"

repo="$tmp/repo"
mkdir -p "$repo/partnerships"
cp "$root/fixtures/port-stake-state-investor.yaml" "$repo/partnerships/critical.yaml"
cp "$root/test/rule-cases/_base.yaml" "$repo/benign.yaml"
printf 'site_name: City docs\n' > "$repo/mkdocs.yml"
cat > "$repo/.pre-commit-config.yaml" <<YAML
repos:
  - repo: file://$tmp/cdrisk
    rev: $rev
    hooks:
      - id: cdrisk-check
YAML
cd "$repo"
git init -q
git add -A
export PRE_COMMIT_HOME="$tmp/pre-commit-home" CDRISK_TODAY=2026-11-22

fail() { echo "test-pre-commit: FAILED: $1"; echo "$2"; exit 1; }
set +e
all="$(pre-commit run --all-files 2>&1)"; all_code=$?
benign="$(pre-commit run --files benign.yaml mkdocs.yml 2>&1)"; benign_code=$?
set -e
[ "$all_code" = 1 ] || fail "expected exit 1 on the critical file, got $all_code" "$all"
grep -q 'partnerships/critical.yaml:[0-9]*: critical: .*\[state-investor-strategic-infrastructure\]' <<<"$all" || fail "the critical finding is not reported" "$all"
grep -q 'cdrisk check: 2 files' <<<"$all" || fail "expected the two partnership files (mkdocs.yml ignored)" "$all"
[ "$benign_code" = 0 ] || fail "expected exit 0 on the benign file, got $benign_code" "$benign"
echo "test-pre-commit: ok (pre-commit $(pre-commit --version | cut -d' ' -f2) installed cdrisk-check from a clone at $rev; fails on the critical file, passes on the benign one)"
