package analyzers

import (
	"flag"
	"slices"
	"strings"
	"testing"

	"github.com/asynclint/asynclint/internal/suppress"
	"golang.org/x/tools/go/analysis"
)

// withTestRule adds to the suite, for one test, a default-off rule with a
// string flag and a bool flag, so that every kind of flag value is tried
// whatever flags the real rules have.
func withTestRule(t *testing.T) (list *string, strict *bool) {
	t.Helper()
	a := &analysis.Analyzer{Name: "testrule", Doc: "testrule: x", Run: func(*analysis.Pass) (any, error) { return nil, nil }}
	list = a.Flags.String("funcs", "", "a comma-separated list")
	strict = a.Flags.Bool("strict", false, "a switch")
	saved := Suite
	t.Cleanup(func() { Suite = saved })
	Suite = append(slices.Clone(saved), Rule{a, UnboundedFanOut, false, "x"})
	return list, strict
}

func TestSettingsSelect(t *testing.T) {
	withTestRule(t)
	var defaults []string
	for _, r := range Suite {
		if r.DefaultOn {
			defaults = append(defaults, r.Name())
		}
	}
	cases := []struct {
		s    Settings
		want []string
	}{
		{Settings{}, append(slices.Clone(defaults), suppress.CheckerName)},
		{Settings{Enable: []string{"testrule"}}, []string{"testrule", suppress.CheckerName}},
		{Settings{Enable: []string{"lostresult", "testrule"}}, []string{"lostresult", "testrule", suppress.CheckerName}},
		{Settings{Disable: []string{defaults[0]}}, append(slices.Clone(defaults[1:]), suppress.CheckerName)},
		{Settings{Disable: []string{"lostresult"}}, append(slices.Clone(defaults), suppress.CheckerName)}, // off by default already
		{Settings{Disable: []string{suppress.CheckerName}}, defaults},
		{Settings{Enable: []string{suppress.CheckerName}}, append(slices.Clone(defaults), suppress.CheckerName)},
	}
	for _, c := range cases {
		got, err := c.s.Analyzers()
		if err != nil {
			t.Errorf("%+v: %v", c.s, err)
			continue
		}
		if !slices.Equal(names(got), c.want) {
			t.Errorf("%+v: got %v, want %v", c.s, names(got), c.want)
		}
		if err := analysis.Validate(got); err != nil {
			t.Errorf("%+v: %v", c.s, err)
		}
	}
}

func TestSettingsFlags(t *testing.T) {
	list, strict := withTestRule(t)
	s := Settings{Settings: map[string]map[string]any{"testrule": {"funcs": []any{"a.F", "(*b.T).M"}, "strict": true}}}
	if _, err := s.Analyzers(); err != nil {
		t.Fatal(err)
	}
	if *list != "a.F,(*b.T).M" || !*strict {
		t.Errorf("flags after %+v: funcs=%q strict=%v", s, *list, *strict)
	}
	// A later call starts again from the defaults.
	if _, err := (Settings{Settings: map[string]map[string]any{"testrule": {"funcs": 3.0}}}).Analyzers(); err != nil {
		t.Fatal(err)
	}
	if *list != "3" || *strict {
		t.Errorf("flags not reset by a second call: funcs=%q strict=%v", *list, *strict)
	}
	if err := ResetFlags(); err != nil {
		t.Fatal(err)
	}
	if *list != "" {
		t.Errorf("ResetFlags left funcs=%q", *list)
	}
}

func TestSettingsErrors(t *testing.T) {
	withTestRule(t)
	cases := []struct {
		s    Settings
		want string
	}{
		{Settings{Enable: []string{"nosuch"}}, `unknown rule "nosuch" in enable; known rules: lostresult, `},
		{Settings{Disable: []string{"nosuch", "other"}}, `unknown rules "nosuch", "other" in disable; known rules: `},
		{Settings{Enable: []string{"lostresult"}, Disable: []string{"lostresult"}}, "rule lostresult is both enabled and disabled"},
		{Settings{Settings: map[string]map[string]any{"nosuch": {"all": true}}}, `unknown rule "nosuch" in settings; known rules: `},
		{Settings{Settings: map[string]map[string]any{"lostresult": {"al": true}}}, `unknown flag "al" for rule lostresult; its flags: all, tests`},
		{Settings{Settings: map[string]map[string]any{"cancelledcleanup": {"x": true}}}, `unknown flag "x" for rule cancelledcleanup; its flags: none`},
		{Settings{Settings: map[string]map[string]any{"testrule": {"strict": "yes"}}}, `settings.testrule.strict: want true or false, got a string ("yes")`},
		{Settings{Settings: map[string]map[string]any{"testrule": {"strict": 1.0}}}, `settings.testrule.strict: want true or false, got a number (1)`},
		{Settings{Settings: map[string]map[string]any{"testrule": {"funcs": true}}}, `settings.testrule.funcs: want a string, a number or a list of strings, got a bool (true)`},
		{Settings{Settings: map[string]map[string]any{"testrule": {"funcs": []any{"a", 2.0}}}}, `settings.testrule.funcs: want a list of strings, got a list holding a number (2)`},
		{Settings{Settings: map[string]map[string]any{"testrule": {"funcs": map[string]any{}}}}, `settings.testrule.funcs: want a string, a number or a list of strings, got a map`},
	}
	for _, c := range cases {
		_, err := c.s.Analyzers()
		if err == nil {
			t.Errorf("%+v: no error", c.s)
			continue
		}
		if !strings.HasPrefix(err.Error(), c.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%+v:\ngot  %v\nwant %s...", c.s, err, c.want)
		}
	}
}

// TestSettingsRejectedValueLeavesDefaults: a value the flag itself rejects
// (here an int flag given a word) leaves no flag half-set.
func TestSettingsRejectedValueLeavesDefaults(t *testing.T) {
	list, _ := withTestRule(t)
	r, _ := Lookup("testrule")
	n := r.Analyzer.Flags.Int("n", 4, "a number")
	_, err := Settings{Settings: map[string]map[string]any{"testrule": {"funcs": "x", "n": "many"}}}.Analyzers()
	if err == nil || !strings.HasPrefix(err.Error(), `settings.testrule.n: invalid value "many": `) {
		t.Errorf("got %v", err)
	}
	if *list != "" || *n != 4 {
		t.Errorf("flags after a rejected value: funcs=%q n=%d, want defaults", *list, *n)
	}
}

// TestFlagNamesAreLowerCase: golangci-lint reads its configuration with
// viper, which lowercases every key, so a flag with a capital letter could
// not be set from .golangci.yml.
func TestFlagNamesAreLowerCase(t *testing.T) {
	for _, r := range Suite {
		if r.Name() != strings.ToLower(r.Name()) {
			t.Errorf("rule %s has a capital letter", r.Name())
		}
		r.Analyzer.Flags.VisitAll(func(f *flag.Flag) {
			if f.Name != strings.ToLower(f.Name) {
				t.Errorf("flag %s.%s has a capital letter", r.Name(), f.Name)
			}
		})
	}
}
