package lostresult

import (
	"go/ast"
	"go/types"

	"github.com/asynclint/asynclint/internal/astmatch"
	"github.com/asynclint/asynclint/internal/typematch"
	"golang.org/x/tools/go/analysis"
)

const waitPkg = "k8s.io/apimachinery/pkg/util/wait"

// pollsUntilStop maps the polls of k8s.io/apimachinery's wait package
// that run until stopped (no timeout of their own) to the index of their
// condition argument. Their error is the condition's, or the "stopped"
// error (ErrWaitTimeout, the context's error) once the stop channel
// closes or the context ends.
var pollsUntilStop = map[string]int{
	"PollUntil":                        1,
	"PollImmediateUntil":               1,
	"PollUntilWithContext":             2,
	"PollImmediateUntilWithContext":    2,
	"PollInfinite":                     1,
	"PollImmediateInfinite":            1,
	"PollInfiniteWithContext":          2,
	"PollImmediateInfiniteWithContext": 2,
	"PollUntilContextCancel":           3,
}

// pollOnlyStops reports whether call is one of those polls with a
// condition that never returns an error: the poll can then only fail by
// being stopped, which its caller asked for.
func pollOnlyStops(pass *analysis.Pass, fn *types.Func, call *ast.CallExpr) bool {
	i, ok := pollsUntilStop[fn.Name()]
	if !ok || !typematch.IsFunc(fn, waitPkg, fn.Name()) || i >= len(call.Args) {
		return false
	}
	switch cond := ast.Unparen(call.Args[i]).(type) {
	case *ast.FuncLit:
		sig, ok := pass.TypesInfo.TypeOf(cond).(*types.Signature)
		if !ok || errorIndex(sig) < 0 {
			return false
		}
		idx := errorIndex(sig)
		return astmatch.EachReturn(cond.Body, func(r *ast.ReturnStmt) bool {
			return len(r.Results) == idx+1 && astmatch.IsNil(pass.TypesInfo, r.Results[idx])
		})
	case *ast.Ident, *ast.SelectorExpr:
		var id *ast.Ident
		if sel, ok := cond.(*ast.SelectorExpr); ok {
			id = sel.Sel
		} else {
			id = cond.(*ast.Ident)
		}
		f, ok := pass.TypesInfo.Uses[id].(*types.Func)
		return ok && outcomeOf(pass, f).NilError
	}
	return false
}
