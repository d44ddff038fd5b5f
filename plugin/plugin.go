// Package plugin is asynclint's golangci-lint v2 module plugin. A custom
// golangci-lint binary that imports it (golangci-lint custom, with this
// module in .custom-gcl.yml) has a linter "asynclint" that runs the whole
// suite; docs/golangci-lint.md shows the configuration.
//
// The plugin is a thin adapter over package analyzers: its settings are
// [analyzers.Settings], the command's switches as a map, decoded strictly,
// so that an unknown key, rule or flag, or a value of the wrong type, stops
// golangci-lint with a one-line error naming it:
//
//	linters:
//	  settings:
//	    custom:
//	      asynclint:
//	        type: module
//	        settings:
//	          enable: [lostresult, unwaited]   # only these (as -lostresult -unwaited)
//	          disable: [immortalgo]            # all default rules but these
//	          settings:                        # per-rule flags (as -lostresult.all)
//	            lostresult: {all: true}
//
// Two things differ from other drivers, because golangci-lint shows an
// issue's text and position and nothing else:
//
//   - golangci-lint prefixes each message with the rule (the analyzer's
//     name) because it differs from the linter's, so every issue reads
//     "RULE: message", the name //asynclint:ignore RULE takes.
//   - A diagnostic's related positions are folded into its message,
//     "(see line 25: returns here without waiting)", instead of being
//     turned into issues of their own as golangci-lint would: those would
//     double the issue count, land on lines that //nolint:asynclint on the
//     finding does not cover, and be moved onto the finding's own line
//     when they are in another file.
package plugin

import (
	"encoding/json"
	"errors"
	"fmt"
	"go/token"
	"maps"
	"path/filepath"
	"slices"
	"strings"

	"github.com/asynclint/asynclint/analyzers"
	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"
)

// Name is the linter's name in golangci-lint's configuration, output and
// //nolint directives.
const Name = "asynclint"

func init() {
	register.Plugin(Name, New)
}

// New decodes the settings golangci-lint passes (the map under
// linters.settings.custom.asynclint.settings) and returns the plugin.
// It sets the rules' flags, which are process-wide.
func New(settings any) (register.LinterPlugin, error) {
	raw, err := register.DecodeSettings[rawSettings](settings)
	if err != nil {
		return nil, explain(err)
	}
	s := analyzers.Settings{Enable: raw.Enable, Disable: raw.Disable}
	for _, rule := range slices.Sorted(maps.Keys(raw.Settings)) {
		flags := raw.Settings[rule]
		m, ok := flags.(map[string]any)
		if !ok && flags != nil {
			return nil, fmt.Errorf("settings.settings.%s: want a map from flag names to values, got %s", rule, goKind(flags))
		}
		if s.Settings == nil {
			s.Settings = map[string]map[string]any{}
		}
		s.Settings[rule] = m
	}
	list, err := s.Analyzers()
	if err != nil {
		return nil, err
	}
	return &linter{analyzers: foldRelated(list)}, nil
}

// rawSettings is analyzers.Settings with each rule's flags left undecoded,
// so that a rule given something other than a map can be named.
type rawSettings struct {
	Enable   []string       `json:"enable"`
	Disable  []string       `json:"disable"`
	Settings map[string]any `json:"settings"`
}

type linter struct{ analyzers []*analysis.Analyzer }

func (l *linter) BuildAnalyzers() ([]*analysis.Analyzer, error) { return l.analyzers, nil }

// GetLoadMode asks for type information: the rules need it, and their
// facts about dependencies come with it.
func (l *linter) GetLoadMode() string { return register.LoadModeTypesInfo }

// explain turns a decoding error of encoding/json, which register uses,
// into one line in the terms of the configuration file.
func explain(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		field := te.Field
		if field == "" {
			return fmt.Errorf("settings: want a map with enable, disable and settings, got %s", jsonKind(te.Value))
		}
		return fmt.Errorf("settings.%s: want %s, got %s", field, want(te.Type.String(), field), jsonKind(te.Value))
	}
	if _, name, ok := strings.Cut(err.Error(), "json: unknown field "); ok {
		return fmt.Errorf("unknown setting %s; asynclint takes enable, disable and settings", name)
	}
	return err
}

func want(goType, field string) string {
	switch {
	case goType == "[]string":
		return "a list of rule names"
	case goType == "string":
		return "a rule name"
	case field == "settings":
		return "a map from rule names to their flags"
	}
	return goType
}

// goKind names the kind of a value decoded from JSON.
func goKind(v any) string {
	switch v.(type) {
	case bool:
		return "a bool"
	case string:
		return "a string"
	case float64:
		return "a number"
	case []any:
		return "a list"
	}
	return fmt.Sprintf("%T", v)
}

func jsonKind(v string) string {
	switch v {
	case "array":
		return "a list"
	case "object":
		return "a map"
	case "number", "string", "bool":
		return "a " + v
	}
	if strings.HasPrefix(v, "number ") {
		return "a number"
	}
	return v
}

// foldRelated returns copies of list whose diagnostics carry their related
// positions in the message (see the package comment). Only the analyzers
// of list are copied, with their Requires among list pointed at the
// copies: the building blocks they require stay shared, since the rules
// look up their results by the original analyzer. No building block may
// require a rule (it would run the original beside the copy, and its fact
// types would be registered twice); TestPluginAnalyzersValidate checks it.
func foldRelated(list []*analysis.Analyzer) []*analysis.Analyzer {
	copies := make(map[*analysis.Analyzer]*analysis.Analyzer, len(list))
	out := make([]*analysis.Analyzer, len(list))
	for i, a := range list {
		c := new(analysis.Analyzer)
		*c = *a // the FlagSet copy shares its flags with the original
		copies[a], out[i] = c, c
	}
	for _, c := range out {
		c.Requires = slices.Clone(c.Requires)
		for i, r := range c.Requires {
			if rc, ok := copies[r]; ok {
				c.Requires[i] = rc
			}
		}
		run := c.Run
		c.Run = func(pass *analysis.Pass) (any, error) {
			report := pass.Report
			pass.Report = func(d analysis.Diagnostic) { report(fold(pass.Fset, d)) }
			return run(pass)
		}
	}
	return out
}

// fold returns d with its related positions appended to the message:
// "(see line 25: returns here without waiting; other.go:12: ...)".
func fold(fset *token.FileSet, d analysis.Diagnostic) analysis.Diagnostic {
	if len(d.Related) == 0 {
		return d
	}
	at := fset.Position(d.Pos)
	var parts []string
	for _, r := range d.Related {
		p := fset.Position(r.Pos)
		switch {
		case !p.IsValid():
			parts = append(parts, r.Message)
		case p.Filename == at.Filename:
			parts = append(parts, fmt.Sprintf("line %d: %s", p.Line, r.Message))
		default:
			parts = append(parts, fmt.Sprintf("%s:%d: %s", filepath.Base(p.Filename), p.Line, r.Message))
		}
	}
	d.Message += " (see " + strings.Join(parts, "; ") + ")"
	d.Related = nil
	return d
}
