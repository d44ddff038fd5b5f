package analyzers

import (
	"errors"
	"flag"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/asynclint/asynclint/internal/suppress"
	"golang.org/x/tools/go/analysis"
)

// Settings are the command's switches in the shape of a configuration
// file, for drivers that take no command line (golangci-lint's module
// plugin). The field tags are the keys users write:
//
//	enable:   [lostresult]          # as -lostresult: run only the rules named
//	disable:  [immortalgo]          # as -immortalgo=false: all default rules but these
//	settings: {lostresult: {all: true}}  # as -lostresult.all
//
// "ignore", the directive checker, may be named in enable and disable as
// the command's -ignore flag.
type Settings struct {
	Enable   []string                  `json:"enable"`
	Disable  []string                  `json:"disable"`
	Settings map[string]map[string]any `json:"settings"`
}

// Analyzers checks s, sets the rules' flags, and returns the analyzers to
// hand to a driver: the selected rules and, unless "ignore" is disabled,
// the directive checker. Every flag of the suite that s does not set is
// reset to its default first, so the result depends on s alone and not on
// an earlier call. The flags are package variables of the rules, as under
// the command, so this must not race with an analysis in progress.
//
// An unknown rule, an unknown flag or a value of the wrong type gives a
// one-line error that names it.
func (s Settings) Analyzers() ([]*analysis.Analyzer, error) {
	set := map[string]bool{}
	for _, l := range []struct {
		key  string
		on   bool
		list []string
	}{{"enable", true, s.Enable}, {"disable", false, s.Disable}} {
		var unknown []string
		for _, name := range l.list {
			if !isRuleOrChecker(name) {
				unknown = append(unknown, strconv.Quote(name))
				continue
			}
			if on, dup := set[name]; dup && on != l.on {
				return nil, fmt.Errorf("rule %s is both enabled and disabled", name)
			}
			set[name] = l.on
		}
		if len(unknown) > 0 {
			return nil, fmt.Errorf("unknown %s %s in %s; known rules: %s", plural(len(unknown), "rule", "rules"),
				strings.Join(unknown, ", "), l.key, strings.Join(append(Names(), suppress.CheckerName), ", "))
		}
	}
	if err := setFlags(s.Settings); err != nil {
		return nil, err
	}
	selected, err := Select(set)
	if err != nil {
		return nil, err
	}
	checker, named := set[suppress.CheckerName]
	return ForRun(selected, !named || checker), nil
}

func isRuleOrChecker(name string) bool {
	_, ok := Lookup(name)
	return ok || name == suppress.CheckerName
}

// setFlags resets every rule flag to its default, then sets those named in
// settings (rule -> flag -> value). It checks names and types before it
// changes anything; a value the flag itself rejects leaves every flag at
// its default.
func setFlags(settings map[string]map[string]any) error {
	type assignment struct {
		fs                *flag.FlagSet
		rule, name, value string
	}
	var todo []assignment
	var unknown []string
	for _, rule := range slices.Sorted(maps.Keys(settings)) {
		r, ok := Lookup(rule)
		if !ok {
			unknown = append(unknown, strconv.Quote(rule))
			continue
		}
		fs := &r.Analyzer.Flags
		for _, name := range slices.Sorted(maps.Keys(settings[rule])) {
			f := fs.Lookup(name)
			if f == nil {
				return fmt.Errorf("unknown flag %q for rule %s; its flags: %s", name, rule, flagNames(fs))
			}
			value, err := flagValue(f, settings[rule][name])
			if err != nil {
				return fmt.Errorf("settings.%s.%s: %v", rule, name, err)
			}
			todo = append(todo, assignment{fs, rule, name, value})
		}
	}
	if len(unknown) > 0 {
		return fmt.Errorf("unknown %s %s in settings; known rules: %s", plural(len(unknown), "rule", "rules"),
			strings.Join(unknown, ", "), strings.Join(Names(), ", "))
	}
	if err := ResetFlags(); err != nil {
		return err
	}
	for _, a := range todo {
		if err := a.fs.Set(a.name, a.value); err != nil {
			_ = ResetFlags() // the defaults were set a moment ago: restoring them again succeeds
			return fmt.Errorf("settings.%s.%s: invalid value %q: %v", a.rule, a.name, a.value, err)
		}
	}
	return nil
}

// ResetFlags sets every flag of every rule back to its default value.
func ResetFlags() error {
	var errs []error
	for _, r := range Suite {
		r.Analyzer.Flags.VisitAll(func(f *flag.Flag) {
			if err := f.Value.Set(f.DefValue); err != nil {
				errs = append(errs, fmt.Errorf("%s.%s: cannot restore default %q: %v", r.Name(), f.Name, f.DefValue, err))
			}
		})
	}
	return errors.Join(errs...)
}

// flagValue returns v, a value decoded from JSON or YAML, as the text
// f.Value.Set takes, or an error if v's type does not suit the flag: a
// bool flag takes true or false, other flags a string, a number, or a
// list of strings (joined by commas, as the command line writes lists).
func flagValue(f *flag.Flag, v any) (string, error) {
	if bf, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && bf.IsBoolFlag() {
		if b, ok := v.(bool); ok {
			return strconv.FormatBool(b), nil
		}
		return "", fmt.Errorf("want true or false, got %s", describe(v))
	}
	var s string
	switch v := v.(type) {
	case string:
		s = v
	case float64:
		s = strconv.FormatFloat(v, 'f', -1, 64)
	case int:
		s = strconv.Itoa(v)
	case []any:
		var parts []string
		for _, e := range v {
			es, ok := e.(string)
			if !ok {
				return "", fmt.Errorf("want a list of strings, got a list holding %s", describe(e))
			}
			parts = append(parts, es)
		}
		s = strings.Join(parts, ",")
	default:
		return "", fmt.Errorf("want a string, a number or a list of strings, got %s", describe(v))
	}
	return s, nil
}

// describe names v's type the way a configuration file's author sees it.
func describe(v any) string {
	switch v := v.(type) {
	case nil:
		return "nothing (null)"
	case bool:
		return fmt.Sprintf("a bool (%v)", v)
	case string:
		return fmt.Sprintf("a string (%q)", v)
	case float64, int:
		return fmt.Sprintf("a number (%v)", v)
	case []any:
		return "a list"
	case map[string]any:
		return "a map"
	}
	return fmt.Sprintf("%T", v)
}

func flagNames(fs *flag.FlagSet) string {
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
