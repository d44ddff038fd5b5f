package plugin_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/asynclint/asynclint/analyzers"
	"github.com/asynclint/asynclint/internal/testutil"
	"github.com/asynclint/asynclint/plugin"
	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
)

func build(t *testing.T, settings any) []*analysis.Analyzer {
	t.Helper()
	newPlugin, err := register.GetPlugin(plugin.Name)
	if err != nil {
		t.Fatal(err)
	}
	p, err := newPlugin(settings)
	if err != nil {
		t.Fatal(err)
	}
	if p.GetLoadMode() != register.LoadModeTypesInfo {
		t.Errorf("load mode %q, want %q", p.GetLoadMode(), register.LoadModeTypesInfo)
	}
	list, err := p.BuildAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	return list
}

func names(as []*analysis.Analyzer) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.Name)
	}
	return out
}

// TestPluginAnalyzersValidate: with no settings the plugin runs what the
// command runs by default, as a graph golangci-lint can run (Validate
// rejects a fact type registered twice, which a copied building block
// would cause).
func TestPluginAnalyzersValidate(t *testing.T) {
	got := build(t, nil)
	want, _ := analyzers.Settings{}.Analyzers()
	if !slices.Equal(names(got), names(want)) {
		t.Errorf("plugin runs %v, the command %v", names(got), names(want))
	}
	if err := analysis.Validate(got); err != nil {
		t.Error(err)
	}
	for _, a := range got {
		if slices.Contains(want, a) {
			t.Errorf("%s is the original analyzer, not the plugin's copy", a.Name)
		}
	}
}

// TestPluginSettings decodes settings as golangci-lint hands them over:
// the YAML under settings, as maps and lists of any.
func TestPluginSettings(t *testing.T) {
	t.Cleanup(func() {
		if err := analyzers.ResetFlags(); err != nil {
			t.Error(err)
		}
	})
	got := build(t, map[string]any{
		"enable":   []any{"lostresult", "unwaited"},
		"settings": map[string]any{"lostresult": map[string]any{"all": true}},
	})
	if want := []string{"lostresult", "unwaited", "ignore"}; !slices.Equal(names(got), want) {
		t.Errorf("got %v, want %v", names(got), want)
	}
	r, _ := analyzers.Lookup("lostresult")
	if v := r.Analyzer.Flags.Lookup("all").Value.String(); v != "true" {
		t.Errorf("lostresult.all = %s after settings set it", v)
	}
}

// TestPluginBadSettings: each mistake is one line that names it.
func TestPluginBadSettings(t *testing.T) {
	cases := []struct {
		settings any
		want     string
	}{
		{map[string]any{"enable": []any{"lostresult", "nosuch"}}, `unknown rule "nosuch" in enable; known rules: lostresult, `},
		{map[string]any{"disable": []any{"Lostresult"}}, `unknown rule "Lostresult" in disable`},
		{map[string]any{"settings": map[string]any{"nosuch": map[string]any{}}}, `unknown rule "nosuch" in settings`},
		{map[string]any{"settings": map[string]any{"lostresult": map[string]any{"every": true}}}, `unknown flag "every" for rule lostresult; its flags: all, tests`},
		{map[string]any{"enabled": []any{"lostresult"}}, `unknown setting "enabled"; asynclint takes enable, disable and settings`},
		{map[string]any{"enable": "lostresult"}, `settings.enable: want a list of rule names, got a string`},
		{map[string]any{"enable": []any{true}}, `settings.enable: want a rule name, got a bool`},
		{map[string]any{"settings": []any{"lostresult"}}, `settings.settings: want a map from rule names to their flags, got a list`},
		{map[string]any{"settings": map[string]any{"lostresult": true}}, `settings.settings.lostresult: want a map from flag names to values, got a bool`},
		{map[string]any{"settings": map[string]any{"lostresult": map[string]any{"all": "yes"}}}, `settings.lostresult.all: want true or false, got a string ("yes")`},
		{[]any{"lostresult"}, `settings: want a map with enable, disable and settings, got a list`},
	}
	newPlugin, _ := register.GetPlugin(plugin.Name)
	for _, c := range cases {
		_, err := newPlugin(c.settings)
		if err == nil {
			t.Errorf("%v: no error", c.settings)
			continue
		}
		if !strings.HasPrefix(err.Error(), c.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%v:\ngot  %v\nwant %s...", c.settings, err, c.want)
		}
	}
}

// TestRelatedFolded: a finding's related positions end its message.
func TestRelatedFolded(t *testing.T) {
	var unwaited *analysis.Analyzer
	for _, a := range build(t, map[string]any{"enable": []any{"unwaited"}}) {
		if a.Name == "unwaited" {
			unwaited = a
		}
	}
	results := analysistest.Run(t, testutil.Data(t), unwaited, "pluginfold")
	for _, r := range results {
		for _, d := range r.Diagnostics {
			if len(d.Related) > 0 {
				t.Errorf("%s: related positions left in the diagnostic: %v", d.Message, d.Related)
			}
		}
	}
}
