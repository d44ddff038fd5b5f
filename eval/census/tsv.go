package main

import (
	"cmp"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/asynclint/asynclint/internal/driver"
)

// row is one finding of the census.
type row struct {
	Rule, Posn, Message, Verdict, Reason string
}

const header = "rule\tposition\tmessage\tverdict\treason"

// Verdicts a row may carry.
var verdicts = []string{"real", "false-positive", "debatable"}

func readTSV(path string) ([]row, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var rows []row
	for i, line := range strings.Split(strings.TrimRight(string(b), "\n"), "\n") {
		if i == 0 || line == "" {
			continue
		}
		f := strings.Split(line, "\t")
		for len(f) < 5 {
			f = append(f, "")
		}
		r := row{f[0], f[1], f[2], f[3], f[4]}
		if r.Verdict != "" && !slices.Contains(verdicts, r.Verdict) {
			return nil, fmt.Errorf("%s:%d: verdict %q is not one of %v", path, i+1, r.Verdict, verdicts)
		}
		rows = append(rows, r)
	}
	return rows, nil
}

func writeTSV(path string, rows []row) error {
	var b strings.Builder
	b.WriteString(header + "\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%s\n", r.Rule, r.Posn, r.Message, r.Verdict, r.Reason)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

// identity is what stays when a finding moves: rule, file and message.
// The module's version is left out, so a verdict survives a patch release
// of Go or of a corpus module when the code is unchanged.
func identity(r row) string {
	file, _, _ := driver.SplitPosn(r.Posn)
	if mod, rest, ok := strings.Cut(file, "@"); ok {
		if _, path, ok := strings.Cut(rest, "/"); ok {
			file = mod + "/" + path
		}
	}
	return r.Rule + "\x00" + file + "\x00" + r.Message
}

// carryVerdicts gives each new finding the verdict of the old row with
// the same identity and the nearest line; each old row is used once.
func carryVerdicts(old, now []row) []row {
	pool := map[string][]row{}
	for _, r := range old {
		if r.Verdict != "" {
			pool[identity(r)] = append(pool[identity(r)], r)
		}
	}
	out := slices.Clone(now)
	for i, r := range out {
		cands := pool[identity(r)]
		if len(cands) == 0 {
			continue
		}
		_, line, _ := driver.SplitPosn(r.Posn)
		best := 0
		for j, c := range cands {
			_, l, _ := driver.SplitPosn(c.Posn)
			_, bl, _ := driver.SplitPosn(cands[best].Posn)
			if abs(l-line) < abs(bl-line) {
				best = j
			}
		}
		out[i].Verdict, out[i].Reason = cands[best].Verdict, cands[best].Reason
		pool[identity(r)] = slices.Delete(cands, best, best+1)
	}
	return out
}

// keepUnanalyzed adds back the old rows this run did not analyze: those
// of the other source when only one ran (only is "std" or "corpus"), and
// those of the rules not run when rules were named (the directive
// checker's rows included: a rule not run cannot make an ignore stale).
func keepUnanalyzed(old, now []row, only string, rules []string) []row {
	for _, r := range old {
		otherSource := only != "" && isStd(r.Posn) != (only == "std")
		otherRule := rules != nil && !slices.Contains(rules, r.Rule)
		if otherSource || otherRule {
			now = append(now, r)
		}
	}
	slices.SortFunc(now, func(a, b row) int {
		return cmp.Or(cmp.Compare(a.Rule, b.Rule), cmp.Compare(a.Posn, b.Posn))
	})
	return now
}

func isStd(posn string) bool { return strings.HasPrefix(posn, "std@") }

func abs(x int) int { return max(x, -x) }

// printSummary prints per rule the findings and their verdicts, and
// returns how many are unjudged.
func printSummary(w io.Writer, rows []row) int {
	type counts struct{ total, std, corpus, real, fp, debatable, unjudged int }
	by := map[string]*counts{}
	for _, r := range rows {
		c := by[r.Rule]
		if c == nil {
			c = &counts{}
			by[r.Rule] = c
		}
		c.total++
		if isStd(r.Posn) {
			c.std++
		} else {
			c.corpus++
		}
		switch r.Verdict {
		case "real":
			c.real++
		case "false-positive":
			c.fp++
		case "debatable":
			c.debatable++
		default:
			c.unjudged++
		}
	}
	unjudged := 0
	fmt.Fprintf(w, "%-16s %8s %5s %7s %5s %6s %9s %9s\n", "rule", "findings", "std", "corpus", "real", "false+", "debatable", "unjudged")
	for _, rule := range slices.Sorted(maps.Keys(by)) {
		c := by[rule]
		fmt.Fprintf(w, "%-16s %8d %5d %7d %5d %6d %9d %9d\n", rule, c.total, c.std, c.corpus, c.real, c.fp, c.debatable, c.unjudged)
		unjudged += c.unjudged
	}
	return unjudged
}
