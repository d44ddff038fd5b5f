package lostresult

import (
	"go/ast"
	"go/token"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// nolintErrcheck reports whether the line of pos carries a golangci-lint
// directive that silences errcheck: //nolint:errcheck, a list naming it
// (//nolint:errcheck,gosec), //nolint:all or a bare //nolint, the last
// two silencing every linter. A maintainer who wrote one said that the
// error is dropped on purpose. Only a comment on the same line counts,
// as for golangci-lint.
func nolintErrcheck(pass *analysis.Pass, pos token.Pos) bool {
	p := pass.Fset.PositionFor(pos, false)
	for _, f := range pass.Files {
		if f.FileStart > pos || pos >= f.FileEnd {
			continue
		}
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				if pass.Fset.PositionFor(c.Pos(), false).Line == p.Line && silencesErrcheck(c) {
					return true
				}
			}
		}
	}
	return false
}

// silencesErrcheck reports whether c is a nolint directive covering errcheck.
func silencesErrcheck(c *ast.Comment) bool {
	rest, ok := strings.CutPrefix(c.Text, "//nolint")
	if !ok {
		return false
	}
	if rest == "" || rest[0] == ' ' || rest[0] == '\t' {
		return true // bare //nolint, maybe followed by an explanation
	}
	list, ok := strings.CutPrefix(rest, ":")
	if !ok {
		return false
	}
	if i := strings.IndexAny(list, " \t/"); i >= 0 {
		list = list[:i]
	}
	names := strings.Split(list, ",")
	return slices.Contains(names, "errcheck") || slices.Contains(names, "all")
}
