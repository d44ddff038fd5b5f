package main

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/asynclint/asynclint/analyzers"
)

func TestWilson(t *testing.T) {
	// Values computed independently from the closed form.
	for _, tc := range []struct {
		k, n   int
		lo, hi float64
	}{
		{8, 11, 0.47951001643257635, 0.885305871149461},
		{0, 3, 0, 0.4741955741575128},
		{10, 10, 0.787058029916593, 1},
		{9, 10, 0.6522813326641417, 0.977365091269133},
	} {
		lo, hi := wilson(tc.k, tc.n, z90)
		if math.Abs(lo-tc.lo) > 1e-9 || math.Abs(hi-tc.hi) > 1e-9 {
			t.Errorf("wilson(%d, %d) = [%v, %v], want [%v, %v]", tc.k, tc.n, lo, hi, tc.lo, tc.hi)
		}
	}
}

func TestPrecision(t *testing.T) {
	c := counts{total: 13, real: 8, debatable: 2, fp: 1, unjudged: 2}
	if got, want := c.precision(), "73% [48–89]"; got != want {
		t.Errorf("precision = %q, want %q", got, want)
	}
	if got := (&counts{total: 1, unjudged: 1}).precision(); got != "–" {
		t.Errorf("precision with nothing judged = %q, want –", got)
	}
}

func TestKeepUnanalyzed(t *testing.T) {
	old := []row{
		{Rule: "a", Posn: "std@go1.26.8/os/x.go:1:1", Verdict: "real"},
		{Rule: "a", Posn: "github.com/x/y@v1.0.0/y.go:2:1", Verdict: "real"},
		{Rule: "a", Posn: "github.com/x/z@v1.0.0/z.go:3:1", Verdict: "false-positive"},
	}
	now := []row{{Rule: "a", Posn: "github.com/x/y@v1.0.0/y.go:5:1"}}
	analyzed := func(mod string) bool { return mod == "github.com/x/y" || mod == "std" }
	got := keepUnanalyzed(old, now, analyzed)
	var posns []string
	for _, r := range got {
		posns = append(posns, r.Posn)
	}
	// std's and y's old rows are gone (they were analyzed and y's moved);
	// z was not analyzed, so its row stays.
	want := []string{"github.com/x/y@v1.0.0/y.go:5:1", "github.com/x/z@v1.0.0/z.go:3:1"}
	if !slices.Equal(posns, want) {
		t.Errorf("kept %v, want %v", posns, want)
	}
}

func TestGroupOf(t *testing.T) {
	for posn, want := range map[string]string{
		"std@go1.26.8/os/x.go:1:1":                    groupTuned,
		"github.com/hashicorp/raft@v1.8.0/api.go:1:1": groupTuned,
		"k8s.io/client-go@v0.37.2/tools/x.go:1:1":     groupNew,
	} {
		if got := groupOf(posn); got != want {
			t.Errorf("groupOf(%q) = %q, want %q", posn, got, want)
		}
	}
}

func TestSplitByRule(t *testing.T) {
	rows := []row{{Rule: "a"}, {Rule: "b"}, {Rule: "c"}}
	ran, other := splitByRule(rows, []string{"a", "c"})
	if len(ran) != 2 || ran[0].Rule != "a" || ran[1].Rule != "c" || len(other) != 1 || other[0].Rule != "b" {
		t.Errorf("splitByRule(a,c) = %v, %v", ran, other)
	}
	if ran, other := splitByRule(rows, nil); len(ran) != 3 || len(other) != 0 {
		t.Errorf("splitByRule(nil) = %v, %v; every rule ran", ran, other)
	}
}

// TestDefaultRunKeepsOffRules: a run of the default suite replaces the
// rows of the rules on by default and of the directive checker, and keeps
// those of a rule off by default (lostresult), which it did not run.
func TestDefaultRunKeepsOffRules(t *testing.T) {
	var on string
	for _, r := range analyzers.Suite {
		if r.DefaultOn {
			on = r.Name()
			break
		}
	}
	rows := []row{{Rule: on}, {Rule: "lostresult"}, {Rule: "ignore"}}
	ran, other := splitByRule(rows, replaced(nil))
	if len(ran) != 2 || ran[0].Rule != on || ran[1].Rule != "ignore" || len(other) != 1 || other[0].Rule != "lostresult" {
		t.Errorf("default run: replaced %v, kept %v", ran, other)
	}
	if got := replaced([]string{"lostresult"}); !slices.Equal(got, []string{"lostresult"}) {
		t.Errorf("replaced(-rules lostresult) = %v", got)
	}
}

// TestSummaryDefaultSuite: the "default suite" line counts only the
// rules on by default (lostresult is off, unwaited is on), and "all"
// counts every rule.
func TestSummaryDefaultSuite(t *testing.T) {
	rows := []row{
		{Rule: "unwaited", Posn: "std@go1.26.8/a.go:1:1", Verdict: "real"},
		{Rule: "unwaited", Posn: "std@go1.26.8/b.go:1:1", Verdict: "debatable"},
		{Rule: "lostresult", Posn: "std@go1.26.8/c.go:1:1", Verdict: "false-positive"},
	}
	var b strings.Builder
	printSummary(&b, rows)
	lines := strings.Split(b.String(), "\n")
	var all, def string
	for _, l := range lines {
		switch f := strings.Fields(l); {
		case len(f) > 1 && f[0] == "all" && all == "":
			all = strings.Join(f[1:6], " ")
		case len(f) > 2 && f[0] == "default" && f[1] == "suite" && def == "":
			def = strings.Join(f[2:7], " ")
		}
	}
	if all != "3 1 1 1 0" {
		t.Errorf("all: got %q, want 3 findings, 1 real, 1 debatable, 1 false positive, 0 unjudged\n%s", all, b.String())
	}
	if def != "2 1 1 0 0" {
		t.Errorf("default suite: got %q, want 2 findings, 1 real, 1 debatable, 0 false positive, 0 unjudged\n%s", def, b.String())
	}
}
