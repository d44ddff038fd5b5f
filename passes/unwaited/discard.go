package unwaited

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"

	"github.com/asynclint/asynclint/internal/astmatch"
	"github.com/asynclint/asynclint/internal/report"
	"github.com/asynclint/asynclint/internal/typematch"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// checkDiscardedWait reports g.Wait() used as a statement or deferred on
// an errgroup.Group: the group's error is thrown away. It is not reported
// when nothing is lost: the function checks the error of another Wait of
// the same group (a closer goroutine's go func() { g.Wait(); close(c) }()
// beside a later if err := g.Wait()), or every function the function
// hands to the group's Go or TryGo is a literal that can only return nil.
func checkDiscardedWait(pass *analysis.Pass, cur inspector.Cursor, nothingLost map[groupInFunc]bool) {
	var call *ast.CallExpr
	switch n := cur.Node().(type) {
	case *ast.ExprStmt:
		call, _ = ast.Unparen(n.X).(*ast.CallExpr)
	case *ast.DeferStmt:
		call = n.Call
	}
	if call == nil || !typematch.IsMethodCall(pass.TypesInfo, call, typematch.ErrgroupPath, "Group", "Wait") {
		return
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return
	}
	recv := sel.X // the group; a type in a method expression, which matches no group
	var outer inspector.Cursor
	for c := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		outer = c // the outermost function sees every use of a local group
	}
	if outer.Valid() {
		// Both questions walk the whole function: answer them once per
		// group and function, not once per Wait.
		path, cacheable := groupPath(pass.TypesInfo, recv)
		key := groupInFunc{outer.Node(), path}
		fine, known := nothingLost[key]
		if !known || !cacheable {
			fine = errorCheckedElsewhere(pass.TypesInfo, outer, recv) || onlyNilGoroutines(pass.TypesInfo, outer, recv)
			if cacheable {
				nothingLost[key] = fine
			}
		}
		if fine {
			return
		}
	}
	report.Nodef(pass, call, "error from %s() is discarded; return or check it, or write _ = %[1]s() if ignoring it is intended",
		types.ExprString(call.Fun))
}

// groupInFunc names a group (a variable or field path, see groupPath)
// within the outermost function that uses it.
type groupInFunc struct {
	fun  ast.Node
	path string
}

// groupPath returns a key that two expressions share exactly when
// astmatch.SameVar reports them the same, or false when e is not a variable or
// field path.
func groupPath(info *types.Info, e ast.Expr) (string, bool) {
	var path []string
	for {
		e = ast.Unparen(e)
		if u, ok := e.(*ast.UnaryExpr); ok {
			e = ast.Unparen(u.X)
		}
		switch x := e.(type) {
		case *ast.Ident:
			obj := info.ObjectOf(x)
			if obj == nil {
				return "", false
			}
			return fmt.Sprintf("%p", obj) + strings.Join(path, ""), true
		case *ast.SelectorExpr:
			obj := info.ObjectOf(x.Sel)
			if obj == nil {
				return "", false
			}
			path = append([]string{fmt.Sprintf(".%p", obj)}, path...)
			e = x.X
		default:
			return "", false
		}
	}
}

// groupCalls calls f for each call of an errgroup.Group method on recv
// (the same variable or field path) within fun, with its cursor.
func groupCalls(info *types.Info, fun inspector.Cursor, recv ast.Expr, f func(c inspector.Cursor, call *ast.CallExpr, method string)) {
	for c := range fun.Preorder((*ast.CallExpr)(nil)) {
		call := c.Node().(*ast.CallExpr)
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok || !astmatch.SameVar(info, sel.X, recv) {
			continue
		}
		if fn := typematch.Callee(info, call); fn != nil && typematch.IsNamed(fn.Signature().Recv().Type(), typematch.ErrgroupPath, "Group") {
			f(c, call, fn.Name())
		}
	}
}

// errorCheckedElsewhere reports whether fun calls recv.Wait() somewhere
// and uses its result.
func errorCheckedElsewhere(info *types.Info, fun inspector.Cursor, recv ast.Expr) bool {
	found := false
	groupCalls(info, fun, recv, func(c inspector.Cursor, call *ast.CallExpr, method string) {
		if method != "Wait" {
			return
		}
		switch p := c.Parent().Node().(type) {
		case *ast.ExprStmt, *ast.DeferStmt, *ast.GoStmt:
		case *ast.AssignStmt:
			if len(p.Lhs) == 1 && isBlank(p.Lhs[0]) {
				return // _ = g.Wait() drops it too
			}
			found = true
		default:
			found = true
		}
	})
	return found
}

// onlyNilGoroutines reports whether fun gives recv's Go and TryGo at least
// one function and every one is a function literal, or a local variable
// defined once as one, whose every return statement returns nil.
func onlyNilGoroutines(info *types.Info, fun inspector.Cursor, recv ast.Expr) bool {
	n, all := 0, true
	groupCalls(info, fun, recv, func(c inspector.Cursor, call *ast.CallExpr, method string) {
		if method != "Go" && method != "TryGo" || len(call.Args) != 1 {
			return
		}
		n++
		lit := funcLitOf(info, fun, call.Args[0])
		all = all && lit != nil && returnsOnlyNil(info, lit)
	})
	return n > 0 && all
}

// funcLitOf returns the function literal e is, or that the local
// variable e was defined as (f := func() error {...}) if it is never
// assigned again, or nil.
func funcLitOf(info *types.Info, fun inspector.Cursor, e ast.Expr) *ast.FuncLit {
	e = ast.Unparen(e)
	if lit, ok := e.(*ast.FuncLit); ok {
		return lit
	}
	id, ok := e.(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := info.Uses[id].(*types.Var)
	if !ok {
		return nil
	}
	var lit *ast.FuncLit
	assigned := 0
	for c := range fun.Preorder((*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil)) {
		var lhs []ast.Expr
		var rhs []ast.Expr
		switch n := c.Node().(type) {
		case *ast.AssignStmt:
			lhs, rhs = n.Lhs, n.Rhs
		case *ast.ValueSpec:
			for _, name := range n.Names {
				lhs = append(lhs, name)
			}
			rhs = n.Values
		}
		for i, l := range lhs {
			if id, ok := l.(*ast.Ident); ok && info.ObjectOf(id) == v {
				assigned++
				if len(rhs) == len(lhs) {
					lit, _ = ast.Unparen(rhs[i]).(*ast.FuncLit)
				}
			}
		}
	}
	if assigned != 1 {
		return nil
	}
	return lit
}

// returnsOnlyNil reports whether every return statement of lit (not of
// literals nested in it) returns the literal nil.
func returnsOnlyNil(info *types.Info, lit *ast.FuncLit) bool {
	return astmatch.EachReturn(lit.Body, func(r *ast.ReturnStmt) bool {
		return len(r.Results) == 1 && astmatch.IsNil(info, r.Results[0])
	})
}

func isBlank(e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == "_"
}
