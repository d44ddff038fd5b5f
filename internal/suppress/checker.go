package suppress

import (
	"fmt"
	"slices"

	"github.com/asynclint/asynclint/internal/ruledoc"
	"golang.org/x/tools/go/analysis"
)

// CheckerName is the name of the analyzer returned by [Checker], and so the
// key its findings carry in JSON output and the flag that disables it.
const CheckerName = "ignore"

// Checker returns the analyzer that reports malformed and unused
// directives. It requires the rules enabled in this run, so that it runs
// after them and knows which directives they used; a directive naming a
// known rule that is not enabled is not judged. known lists every rule name
// of the suite.
func Checker(enabled []*analysis.Analyzer, known []string) *analysis.Analyzer {
	on := map[string]bool{}
	for _, a := range enabled {
		on[a.Name] = true
	}
	return &analysis.Analyzer{
		Name: CheckerName,
		Doc: CheckerName + ": report //asynclint:ignore directives that lack a reason, name an unknown rule or silence nothing\n\n" +
			"A directive must name the rules it silences and say why: //asynclint:ignore RULE[,RULE] reason.\n" +
			"One that silences no finding of an enabled rule is stale and should be removed.",
		URL:      ruledoc.SuppressionURL,
		Requires: append([]*analysis.Analyzer{Analyzer}, enabled...),
		Run: func(pass *analysis.Pass) (any, error) {
			for _, d := range pass.ResultOf[Analyzer].(*Directives).All() {
				check(pass, d, on, known)
			}
			return nil, nil
		},
	}
}

func check(pass *analysis.Pass, d *Directive, on map[string]bool, known []string) {
	if len(d.Rules) == 0 {
		pass.Reportf(d.Pos, "asynclint:ignore names no rule; write //asynclint:ignore RULE reason")
		return
	}
	if d.Reason == "" {
		pass.Reportf(d.Pos, "asynclint:ignore lacks a reason; say after the rule names why the finding does not apply")
	}
	for _, r := range d.Rules {
		switch {
		case !slices.Contains(known, r):
			pass.Report(analysis.Diagnostic{Pos: d.Pos, Message: fmt.Sprintf("asynclint:ignore names unknown rule %q; run asynclint rules for the list", r)})
		case on[r] && !d.Used(r):
			pass.Report(analysis.Diagnostic{Pos: d.Pos, Message: fmt.Sprintf("asynclint:ignore for %s silences nothing here; remove it", r)})
		}
	}
}
