package lostresult

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// exportNilErrorFacts marks each function of the package whose error
// result is nil on every return path.
func exportNilErrorFacts(pass *analysis.Pass, in *inspector.Inspector) {
	decls := map[*types.Func]*ast.FuncDecl{}
	for cur := range in.Root().Preorder((*ast.FuncDecl)(nil)) {
		d := cur.Node().(*ast.FuncDecl)
		fn, ok := pass.TypesInfo.Defs[d.Name].(*types.Func)
		if ok && d.Body != nil && errorIndex(fn.Signature()) >= 0 {
			decls[fn] = d
		}
	}
	memo := map[*types.Func]bool{}
	var isNil func(fn *types.Func) bool
	isNil = func(fn *types.Func) bool {
		if v, ok := memo[fn]; ok {
			return v
		}
		d, local := decls[fn]
		if !local {
			return pass.ImportObjectFact(fn, new(nilError))
		}
		memo[fn] = false // recursion proves nothing
		v := returnsOnlyNilError(pass.TypesInfo, d, isNil)
		memo[fn] = v
		return v
	}
	for fn := range decls {
		if isNil(fn) {
			pass.ExportObjectFact(fn, new(nilError))
		}
	}
}

// errorIndex returns the index of sig's last result if it is an error, or -1.
func errorIndex(sig *types.Signature) int {
	n := sig.Results().Len()
	if n == 0 || !types.Identical(sig.Results().At(n-1).Type(), errorType) {
		return -1
	}
	return n - 1
}

// returnsOnlyNilError reports whether every return statement of d (not of
// the function literals inside it) gives a literal nil error, or returns
// the results of a call whose error is nil on every path.
func returnsOnlyNilError(info *types.Info, d *ast.FuncDecl, calleeNil func(*types.Func) bool) bool {
	idx := errorIndex(info.Defs[d.Name].(*types.Func).Signature())
	ok := true
	ast.Inspect(d.Body, func(n ast.Node) bool {
		if !ok {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			switch {
			case len(n.Results) == 0:
				ok = false // a bare return of a named result: not proved
			case len(n.Results) == 1 && isErrorCall(info, n.Results[0]):
				fn, _ := typeutil.Callee(info, ast.Unparen(n.Results[0]).(*ast.CallExpr)).(*types.Func)
				ok = fn != nil && calleeNil(fn.Origin())
			case len(n.Results) == idx+1:
				ok = isNilIdent(info, n.Results[idx])
			default:
				ok = false
			}
		}
		return ok
	})
	return ok
}

func isNilIdent(info *types.Info, e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && info.Uses[id] == types.Universe.Lookup("nil")
}

// isErrorCall reports whether e is a call whose last result is an error,
// as in "return f()" forwarding f's results.
func isErrorCall(info *types.Info, e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	sig, ok := info.TypeOf(call.Fun).Underlying().(*types.Signature)
	return ok && errorIndex(sig) >= 0
}
