package main

import (
	"cmp"
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/asynclint/asynclint/analyzers"
	"github.com/asynclint/asynclint/eval/internal/corpus"
	"github.com/asynclint/asynclint/internal/driver"
	"github.com/asynclint/asynclint/internal/suppress"
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

// keepUnanalyzed adds back the old rows of the modules this run did not
// analyze, and sorts the rows.
func keepUnanalyzed(old, now []row, analyzed func(mod string) bool) []row {
	for _, r := range old {
		if !analyzed(moduleOf(r.Posn)) {
			now = append(now, r)
		}
	}
	slices.SortFunc(now, func(a, b row) int {
		return cmp.Or(cmp.Compare(a.Rule, b.Rule), cmp.Compare(a.Posn, b.Posn))
	})
	return now
}

// replaced returns the rules whose rows a run replaces: those named with
// -rules, or for a run of the default suite the rules on by default and
// the directive checker. The rows of rules off by default stay, as the
// record of why they are off.
func replaced(rules []string) []string {
	if rules != nil {
		return rules
	}
	out := []string{suppress.CheckerName}
	for _, r := range analyzers.Suite {
		if r.DefaultOn {
			out = append(out, r.Name())
		}
	}
	return out
}

// splitByRule splits rows into those of the rules a run ran (all of them
// when rules is nil) and those of the other rules, which it must keep.
func splitByRule(rows []row, rules []string) (ran, other []row) {
	for _, r := range rows {
		if rules == nil || slices.Contains(rules, r.Rule) {
			ran = append(ran, r)
		} else {
			other = append(other, r)
		}
	}
	return ran, other
}

// moduleOf returns the module a position is in: its path before the
// version, "std" for the standard library.
func moduleOf(posn string) string {
	mod, _, _ := strings.Cut(posn, "@")
	return mod
}

func abs(x int) int { return max(x, -x) }

// The groups the summary keeps apart: code the rules were tuned on (std
// and the twelve first corpus modules) and code nobody tuned them to.
const (
	groupTuned = "std and the twelve tuned modules"
	groupNew   = "the new modules"
)

func groupOf(posn string) string {
	mod := moduleOf(posn)
	if mod == "std" || slices.Contains(corpus.Tuned, mod) {
		return groupTuned
	}
	return groupNew
}

type counts struct{ total, real, fp, debatable, unjudged int }

func (c *counts) add(r row) {
	c.total++
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

// precision is real findings over judged ones, with its 90 % Wilson score
// interval; debatable findings count as not real.
func (c *counts) precision() string {
	n := c.real + c.fp + c.debatable
	if n == 0 {
		return "–"
	}
	lo, hi := wilson(c.real, n, z90)
	return fmt.Sprintf("%.0f%% [%.0f–%.0f]", 100*float64(c.real)/float64(n), 100*lo, 100*hi)
}

// z90 is the standard normal quantile for a two-sided 90 % interval.
const z90 = 1.6448536269514722

// wilson returns the Wilson score interval for k successes in n trials.
// Unlike the plain p ± z·se, it stays inside [0, 1] and is not empty at
// k = 0 or k = n, which matters with the few findings a rule has.
func wilson(k, n int, z float64) (lo, hi float64) {
	p := float64(k) / float64(n)
	nf := float64(n)
	denom := 1 + z*z/nf
	center := (p + z*z/(2*nf)) / denom
	half := z * math.Sqrt(p*(1-p)/nf+z*z/(4*nf*nf)) / denom
	return max(0, center-half), min(1, center+half)
}

// printSummary prints per rule the findings, their verdicts and the
// precision, for each group and for all, and returns how many findings
// are unjudged.
// merge adds o's counts to c.
func (c *counts) merge(o *counts) {
	c.total += o.total
	c.real += o.real
	c.debatable += o.debatable
	c.fp += o.fp
	c.unjudged += o.unjudged
}

func printSummary(w io.Writer, rows []row) int {
	by := map[string]map[string]*counts{} // group -> rule -> counts
	rules := map[string]bool{}
	for _, r := range rows {
		rules[r.Rule] = true
		for _, g := range []string{groupOf(r.Posn), "all"} {
			if by[g] == nil {
				by[g] = map[string]*counts{}
			}
			if by[g][r.Rule] == nil {
				by[g][r.Rule] = &counts{}
			}
			by[g][r.Rule].add(r)
		}
	}
	unjudged := 0
	for _, g := range []string{groupTuned, groupNew, "all"} {
		fmt.Fprintf(w, "\n%s (precision = real / judged, 90 %% Wilson interval)\n", g)
		fmt.Fprintf(w, "%-16s %8s %5s %9s %6s %9s  %s\n", "rule", "findings", "real", "debatable", "false+", "unjudged", "precision")
		var sum, defaults counts // every rule; the rules on by default
		for _, rule := range slices.Sorted(maps.Keys(rules)) {
			c := by[g][rule]
			if c == nil {
				c = &counts{}
			}
			fmt.Fprintf(w, "%-16s %8d %5d %9d %6d %9d  %s\n", rule, c.total, c.real, c.debatable, c.fp, c.unjudged, c.precision())
			sum.merge(c)
			if r, ok := analyzers.Lookup(rule); ok && r.DefaultOn {
				defaults.merge(c)
			}
		}
		fmt.Fprintf(w, "%-16s %8d %5d %9d %6d %9d  %s\n", "all", sum.total, sum.real, sum.debatable, sum.fp, sum.unjudged, sum.precision())
		// The SPEC's bar is on default-on findings: this is the line to read.
		fmt.Fprintf(w, "%-16s %8d %5d %9d %6d %9d  %s\n", "default suite", defaults.total, defaults.real, defaults.debatable, defaults.fp, defaults.unjudged, defaults.precision())
		if g == "all" {
			unjudged = sum.unjudged
		}
	}
	return unjudged
}
