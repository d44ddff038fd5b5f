package cancelledcleanup

// TODO(ctxscope): "which context's cancellation does this error report"
// is a question about where cancellation is observed; move ctxOfErr into
// internal/ctxscope (next to Observation.Err) once it is merged.

import (
	"cmp"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"github.com/asynclint/asynclint/internal/ctxscope"
	"github.com/asynclint/asynclint/internal/typematch"
	"golang.org/x/tools/go/analysis"
)

// maxErrDepth bounds how far ctxOfErr looks into wrappers
// (fmt.Errorf("%w", op(ctx)) is depth 1) and through variables
// assigned from other error variables: real code wraps once or twice.
const maxErrDepth = 4

// ctxOfErr returns the context argument of the call whose error err
// holds at pos, or nil: err is that call itself, or a local whose last
// assignment before pos is that call (or a wrapper of it such as
// fmt.Errorf("...: %w", op(ctx))). The first context argument wins.
func (es *errSources) ctxOfErr(f *ctxscope.Func, err ast.Expr, pos token.Pos) ast.Expr {
	return es.errCtx(f, err, pos, 0)
}

// errSources answers ctxOfErr for one package.
type errSources struct {
	pass  *analysis.Pass
	cache map[ast.Node]stores // by declaration
}

func (es *errSources) errCtx(f *ctxscope.Func, e ast.Expr, pos token.Pos, depth int) ast.Expr {
	pass := es.pass
	if depth > maxErrDepth {
		return nil
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		v, ok := pass.TypesInfo.Uses[e].(*types.Var)
		if !ok {
			return nil
		}
		val := es.lastAssign(f, v, pos)
		if val == nil {
			return nil
		}
		return es.errCtx(f, val, val.Pos(), depth+1)
	case *ast.CallExpr:
		for _, a := range e.Args {
			if typematch.IsContext(pass.TypesInfo.TypeOf(a)) {
				return a
			}
		}
		for _, a := range e.Args { // a wrapper: fmt.Errorf("%w", op(ctx)), errors.Join
			if types.Identical(pass.TypesInfo.TypeOf(a), errorType) {
				if ctx := es.errCtx(f, a, pos, depth+1); ctx != nil {
					return ctx
				}
			}
		}
		if sel, ok := ast.Unparen(e.Fun).(*ast.SelectorExpr); ok {
			// stream.Recv() on a stream opened with ctx is out of reach;
			// a method of a value built by a call given ctx is not.
			if inner, ok := ast.Unparen(sel.X).(*ast.CallExpr); ok {
				return es.errCtx(f, inner, pos, depth+1)
			}
		}
	}
	return nil
}

// stores maps each error variable of a declaration to the values stored
// in it, in source order. It is built in one walk per declaration, on
// the first question about it, so that answering k questions about a
// function of n nodes costs O(n + k log n), not O(n k).
type stores map[*types.Var][]ast.Expr

// lastAssign returns the value last stored in v before pos in f's
// declaration (the right-hand side, or the call of a multi-value
// assignment), or nil. Stores inside function literals count too, in
// source order.
func (es *errSources) lastAssign(f *ctxscope.Func, v *types.Var, pos token.Pos) ast.Expr {
	root := f.Node
	for g := f; g != nil; g = g.Outer {
		root = g.Node
	}
	st, ok := es.cache[root]
	if !ok {
		st = collectStores(es.pass, root)
		es.cache[root] = st
	}
	vals := st[v]
	i, _ := slices.BinarySearchFunc(vals, pos, func(e ast.Expr, p token.Pos) int { return cmp.Compare(e.Pos(), p) })
	if i == 0 {
		return nil
	}
	return vals[i-1]
}

func collectStores(pass *analysis.Pass, root ast.Node) stores {
	st := stores{}
	add := func(id *ast.Ident, val ast.Expr) {
		v, ok := pass.TypesInfo.ObjectOf(id).(*types.Var)
		if ok && val != nil && types.Identical(v.Type(), errorType) {
			st[v] = append(st[v], val)
		}
	}
	ast.Inspect(root, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, l := range n.Lhs {
				id, ok := ast.Unparen(l).(*ast.Ident)
				if !ok {
					continue
				}
				switch {
				case len(n.Lhs) == len(n.Rhs):
					add(id, n.Rhs[i])
				case len(n.Rhs) == 1:
					add(id, n.Rhs[0])
				}
			}
		case *ast.ValueSpec:
			for i, id := range n.Names {
				switch {
				case len(n.Names) == len(n.Values):
					add(id, n.Values[i])
				case len(n.Values) == 1:
					add(id, n.Values[0])
				}
			}
		}
		return true
	})
	return st
}
