// Package testcode tells test code from production code, for rules whose
// findings mean less in tests.
package testcode

import (
	"go/ast"
	"go/token"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Contains reports whether pos lies in test code: a _test.go file, or a
// file that imports "testing" (test helpers shipped in ordinary files).
func Contains(pass *analysis.Pass, pos token.Pos) bool {
	for _, f := range pass.Files {
		if f.FileStart <= pos && pos < f.FileEnd {
			if strings.HasSuffix(pass.Fset.File(f.FileStart).Name(), "_test.go") {
				return true
			}
			return slices.ContainsFunc(f.Imports, func(s *ast.ImportSpec) bool { return s.Path.Value == `"testing"` })
		}
	}
	return false
}
