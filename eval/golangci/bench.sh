#!/usr/bin/env bash
# Measures the golangci-lint plugin on the corpus (every package of the
# modules eval/corpus pins, tests included) against golangci-lint's
# default linters, and what the rules' facts cost inside golangci-lint.
#
#	eval/golangci/bench.sh /path/to/custom-gcl   # the binary plugin/e2e_test.go builds
#
# Environment (all optional):
#	BENCH_GOCACHE=dir    a Go build cache to use and keep (filled further)
#	BENCH_SKIP=regexp    leave out the modules whose path matches
#	BENCH_COLD="..."     configurations to run cold (default: defaults plugin nofacts both)
#	BENCH_WARM="..."     and then warm (default: defaults plugin)
#
# Every run shares one Go build cache, filled first with the export data
# golangci-lint loads (go list -export), so the runs differ only in what
# golangci-lint itself does. "cold" runs start from an empty golangci-lint
# cache (no cached facts or issues); "warm" runs repeat with the cache the
# cold run left. Wall time and peak resident memory (of golangci-lint's
# own process) come from GNU time. Each row is one run: the machine is
# shared, so treat differences under ~20% as noise.
set -euo pipefail
custom=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$root/eval/corpus"
export GOFLAGS=-mod=readonly # never let a run edit the corpus go.mod

mods=$(go list -m -f '{{if not .Indirect}}{{if not .Main}}{{.Path}}{{end}}{{end}}' all)
if [ -n "${BENCH_SKIP:-}" ]; then
	mods=$(echo "$mods" | grep -Ev "$BENCH_SKIP")
fi
pkgs=$(go list -e -f '{{if .Module}}{{.Module.Path}} {{.ImportPath}}{{end}}' $(printf '%s/... ' $mods) |
	awk -v mods="$mods" 'BEGIN { n = split(mods, m, "\n"); for (i = 1; i <= n; i++) want[m[i]] = 1 } want[$1] { print $2 }')
echo "corpus: $(echo "$pkgs" | wc -l) packages of $(echo "$mods" | wc -l) modules" >&2
# golangci-lint takes directories, not import paths.
dirs=$(go list -e -f '{{.Dir}}' $pkgs)

export GOCACHE=${BENCH_GOCACHE:-$work/gocache}
echo "filling the build cache with export data (not timed)..." >&2
nice -n 10 go list -e -test -export -deps $pkgs >/dev/null 2>&1 || true

config() { # name default settings
	cat >"$work/$1.yml" <<CONF
version: "2"
linters:
  default: $2
  $( [ "$3" = "-" ] || echo "enable: [asynclint]" )
  settings:
    custom:
      asynclint:
        type: module
        settings: {$( [ "$3" = "-" ] || echo "$3" )}
issues:
  max-issues-per-linter: 0
  max-same-issues: 0
run:
  timeout: 0s
  allow-parallel-runners: true
CONF
}
config defaults standard -
config plugin none ""
config nofacts none "enable: [unwaited]"
config both standard ""

measure() { # name state
	local name=$1 state=$2
	[ "$state" = cold ] && rm -rf "$work/lintcache-$name"
	GOLANGCI_LINT_CACHE=$work/lintcache-$name GL_DEBUG=goanalysis \
		/usr/bin/time -f "%e %M" -o "$work/time" \
		nice -n 10 "$custom" run --config "$work/$name.yml" -v --show-stats=false \
		--output.json.path="$work/$name-$state.json" $dirs >"$work/$name-$state.log" 2>&1 || true
	read -r wall rss < <(tail -n 1 "$work/time") # GNU time first notes a non-zero exit
	issues=$(grep -o '"FromLinter":"[a-z]*"' "$work/$name-$state.json" | wc -l || true)
	total=$(grep -o 'There are [0-9]* initial and [0-9]* total packages' "$work/$name-$state.log" | head -1 || true)
	printf '| %s | %s | %.0f s | %d MiB | %s | %s |\n' "$name" "$state" "$wall" $((rss / 1024)) "$issues" "${total#There are }"
	grep -E 'took|Memory:' "$work/$name-$state.log" | sed 's/^/    /' >&2 || true
}

echo "| config | golangci-lint cache | wall | peak RSS | issues | packages analyzed |"
echo "|---|---|---|---|---|---|"
for name in ${BENCH_COLD:-defaults plugin nofacts both}; do
	measure "$name" cold
done
for name in ${BENCH_WARM:-defaults plugin}; do
	measure "$name" warm
done
