// Package report is how rules report findings: it drops those silenced by
// an //asynclint:ignore directive. Every rule requires suppress.Analyzer.
package report

import (
	"fmt"
	"go/ast"

	"github.com/asynclint/asynclint/internal/suppress"
	"golang.org/x/tools/go/analysis"
)

// Report reports d unless a directive silences it.
func Report(pass *analysis.Pass, d analysis.Diagnostic) {
	ds, ok := pass.ResultOf[suppress.Analyzer].(*suppress.Directives)
	if !ok {
		panic(fmt.Sprintf("%s must require suppress.Analyzer to report", pass.Analyzer.Name))
	}
	if ds.Silences(pass.Analyzer.Name, d.Pos) {
		return
	}
	pass.Report(d)
}

// Nodef reports a finding at n's start, spanning n.
func Nodef(pass *analysis.Pass, n ast.Node, format string, args ...any) {
	Report(pass, analysis.Diagnostic{Pos: n.Pos(), End: n.End(), Message: fmt.Sprintf(format, args...)})
}
