// Package ignore exports asynclint's directive checker as a plain
// Analyzer, the shape Bazel's nogo and other drivers that import analyzers
// by package take: it reports //asynclint:ignore directives that lack a
// reason, name an unknown rule, or silence nothing.
//
// It requires the rules that are on by default, so that it runs after
// them and knows which directives they used; listing it runs those rules
// even where they are not listed themselves. The command and the
// golangci-lint plugin build their own checker for the rules they run.
package ignore

import (
	"github.com/asynclint/asynclint/analyzers"
	"github.com/asynclint/asynclint/internal/suppress"
	"golang.org/x/tools/go/analysis"
)

// Analyzer is the directive checker over the default rules.
var Analyzer = newAnalyzer()

func newAnalyzer() *analysis.Analyzer {
	defaults, err := analyzers.Select(nil)
	if err != nil {
		panic(err) // Select fails only on a rule name the suite does not know; nil names none
	}
	return suppress.Checker(defaults, analyzers.Names())
}
