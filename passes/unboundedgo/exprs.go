package unboundedgo

import (
	"go/ast"
	"go/types"

	"github.com/asynclint/asynclint/internal/typematch"
)

const (
	errgroupPath  = "golang.org/x/sync/errgroup"
	semaphorePath = "golang.org/x/sync/semaphore"
)

// chanVar returns the variable that holds the channel ch: a local, a
// parameter, a package-level variable, or the field in x.f. It returns
// nil for anything else (a call, an index).
func chanVar(info *types.Info, ch ast.Expr) *types.Var {
	switch e := ast.Unparen(ch).(type) {
	case *ast.Ident:
		v, _ := info.Uses[e].(*types.Var)
		return v
	case *ast.SelectorExpr:
		v, _ := info.Uses[e.Sel].(*types.Var)
		return v
	}
	return nil
}

// rootVar returns the variable at the root of e: x in x, x.f.g, x[i].f,
// *x or &x.f; nil when the root is not a variable (a call, a literal).
func rootVar(info *types.Info, e ast.Expr) *types.Var {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			v, _ := info.Uses[x].(*types.Var)
			return v
		case *ast.SelectorExpr:
			if v, ok := info.Uses[x.Sel].(*types.Var); ok && !v.IsField() {
				return v // a package-qualified variable: pkg.V
			}
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		case *ast.UnaryExpr:
			e = x.X
		default:
			return nil
		}
	}
}

func isBlank(e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && id.Name == "_"
}

// isPackageLevel reports whether v is a package-level variable.
func isPackageLevel(v *types.Var) bool {
	return v.Pkg() != nil && v.Parent() == v.Pkg().Scope()
}

// isParam reports whether v is a parameter or receiver.
func isParam(v *types.Var) bool {
	return v.Kind() == types.ParamVar || v.Kind() == types.RecvVar
}

// isEmptyStructChan reports whether t is a channel of struct{}.
func isEmptyStructChan(t types.Type) bool {
	if t == nil {
		return false
	}
	c, ok := t.Underlying().(*types.Chan)
	if !ok {
		return false
	}
	s, ok := c.Elem().Underlying().(*types.Struct)
	return ok && s.NumFields() == 0
}

// isTimerChan reports whether ch is a timer's or ticker's channel:
// time.After(d), time.Tick(d), t.C of a *time.Timer or *time.Ticker.
func isTimerChan(info *types.Info, ch ast.Expr) bool {
	switch e := ast.Unparen(ch).(type) {
	case *ast.CallExpr:
		return typematch.IsCallTo(info, e, "time", "After") || typematch.IsCallTo(info, e, "time", "Tick")
	case *ast.SelectorExpr:
		if e.Sel.Name == "C" {
			t := info.TypeOf(e.X)
			return typematch.IsNamed(t, "time", "Timer") || typematch.IsNamed(t, "time", "Ticker")
		}
	}
	return false
}

// typeUnder returns the underlying type of e, or nil.
func typeUnder(info *types.Info, e ast.Expr) types.Type {
	t := info.TypeOf(e)
	if t == nil {
		return nil
	}
	return t.Underlying()
}

func isInterfaceMethod(fn *types.Func) bool {
	recv := fn.Signature().Recv()
	return recv != nil && types.IsInterface(recv.Type())
}

// shortExpr renders e for a message, eliding long expressions.
func shortExpr(e ast.Expr) string {
	s := types.ExprString(e)
	const maxLen = 40
	if len(s) > maxLen {
		return s[:maxLen-3] + "..."
	}
	return s
}
