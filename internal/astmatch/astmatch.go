// Package astmatch answers the small questions about syntax that rules
// ask again and again: which identifier an expression is, whether two
// expressions denote the same variable, whether an expression is nil,
// what every return statement of a body says. Its sibling typematch
// matches functions and types by package path and name.
package astmatch

import (
	"go/ast"
	"go/types"
)

// Ident returns e, without parentheses, if it is an identifier, or nil.
func Ident(e ast.Expr) *ast.Ident {
	id, _ := ast.Unparen(e).(*ast.Ident)
	return id
}

// SameVar reports whether x and y denote the same variable or field
// path, such as srv and srv, or s.srv and s.srv; parentheses do not
// count, nor does a unary operator at any step (&srv counts as srv).
func SameVar(info *types.Info, x, y ast.Expr) bool {
	x, y = strip(x), strip(y)
	switch x := x.(type) {
	case *ast.Ident:
		y, ok := y.(*ast.Ident)
		return ok && info.ObjectOf(x) != nil && info.ObjectOf(x) == info.ObjectOf(y)
	case *ast.SelectorExpr:
		y, ok := y.(*ast.SelectorExpr)
		return ok && info.ObjectOf(x.Sel) != nil && info.ObjectOf(x.Sel) == info.ObjectOf(y.Sel) && SameVar(info, x.X, y.X)
	}
	return false
}

// strip removes parentheses and one unary operator.
func strip(e ast.Expr) ast.Expr {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok {
		e = ast.Unparen(u.X)
	}
	return e
}

// IsNil reports whether e is the predeclared nil.
func IsNil(info *types.Info, e ast.Expr) bool {
	id := Ident(e)
	return id != nil && info.Uses[id] == types.Universe.Lookup("nil")
}

// EachReturn reports whether f holds for every return statement of body,
// not counting those of the function literals inside it; it stops at the
// first that fails. A body without return statements passes.
func EachReturn(body *ast.BlockStmt, f func(*ast.ReturnStmt) bool) bool {
	ok := true
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			ok = ok && f(n)
		}
		return ok
	})
	return ok
}
