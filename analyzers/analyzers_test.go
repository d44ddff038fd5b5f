package analyzers

import (
	"slices"
	"testing"

	"github.com/asynclint/asynclint/internal/suppress"
	"golang.org/x/tools/go/analysis"
)

func names(as []*analysis.Analyzer) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.Name)
	}
	return out
}

func TestSuiteIsWellFormed(t *testing.T) {
	if err := analysis.Validate(All()); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, r := range Suite {
		if seen[r.Name()] {
			t.Errorf("rule %s listed twice", r.Name())
		}
		seen[r.Name()] = true
		if !slices.Contains(r.Analyzer.Requires, suppress.Analyzer) {
			t.Errorf("%s does not require suppress.Analyzer, so ignore directives cannot silence it", r.Name())
		}
		if r.Family == "" || r.Async == "" {
			t.Errorf("%s lacks its family or async idea", r.Name())
		}
	}
}

func TestSelect(t *testing.T) {
	// A default-off rule for the test.
	off := &analysis.Analyzer{Name: "offrule", Doc: "offrule: x", Run: func(*analysis.Pass) (any, error) { return nil, nil }}
	saved := Suite
	defer func() { Suite = saved }()
	Suite = append(slices.Clone(saved), Rule{off, UnboundedFanOut, false, "x"})
	var defaults []string
	for _, r := range saved {
		if r.DefaultOn {
			defaults = append(defaults, r.Name())
		}
	}

	cases := []struct {
		set  map[string]bool
		want []string
	}{
		{nil, defaults},
		{map[string]bool{"offrule": true}, []string{"offrule"}},
		{map[string]bool{defaults[0]: false}, defaults[1:]},
		{map[string]bool{"lostresult": false}, defaults}, // off by default already
		{map[string]bool{"lostresult": true, "offrule": false}, []string{"lostresult"}},
		{map[string]bool{"lostresult": true, defaults[0]: true}, []string{"lostresult", defaults[0]}},
		{map[string]bool{suppress.CheckerName: false}, defaults},
	}
	for _, c := range cases {
		got, err := Select(c.set)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(names(got), c.want) {
			t.Errorf("Select(%v) = %v, want %v", c.set, names(got), c.want)
		}
	}
	if _, err := Select(map[string]bool{"nosuch": true}); err == nil {
		t.Error("Select accepted an unknown rule")
	}
}

func TestForRunAddsTheChecker(t *testing.T) {
	rules, _ := Select(nil)
	run := ForRun(rules, true)
	last := run[len(run)-1]
	if last.Name != suppress.CheckerName || !slices.Contains(last.Requires, rules[0]) {
		t.Errorf("ForRun did not end with the directive checker requiring the rules: %v", names(run))
	}
	if got := ForRun(rules, false); len(got) != len(rules) {
		t.Errorf("ForRun(withChecker=false) = %v", names(got))
	}
}
