package chanflow

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"github.com/asynclint/asynclint/internal/astmatch"
)

// TripCount returns how many times loop runs its body when that is a
// constant: for range N, for i := range N, range over an array or a
// composite literal, and for i := a; i < b; i++ with constant bounds.
// Otherwise it returns Many.
func TripCount(info *types.Info, loop ast.Stmt) Count {
	switch loop := loop.(type) {
	case *ast.RangeStmt:
		if tv, ok := info.Types[loop.X]; ok && tv.Value != nil {
			if n, exact := constant.Int64Val(constant.ToInt(tv.Value)); exact && n >= 0 && n < int64(Many) {
				return Count(n)
			}
			return Many
		}
		t := info.TypeOf(loop.X)
		if t == nil {
			return Many
		}
		if t, ok := t.Underlying().(*types.Array); ok {
			return Count(t.Len())
		}
		if p, ok := t.Underlying().(*types.Pointer); ok {
			if t, ok := p.Elem().Underlying().(*types.Array); ok {
				return Count(t.Len())
			}
		}
		if lit, ok := ast.Unparen(loop.X).(*ast.CompositeLit); ok {
			for _, e := range lit.Elts {
				if _, keyed := e.(*ast.KeyValueExpr); keyed {
					return Many
				}
			}
			return Count(len(lit.Elts))
		}
	case *ast.ForStmt:
		return forCount(info, loop)
	}
	return Many
}

// forCount handles for i := a; i < b; i++ (or <=) with constant a and b.
func forCount(info *types.Info, loop *ast.ForStmt) Count {
	init, ok := loop.Init.(*ast.AssignStmt)
	if !ok || len(init.Lhs) != 1 || len(init.Rhs) != 1 {
		return Many
	}
	i := astmatch.Ident(init.Lhs[0])
	cond, ok := loop.Cond.(*ast.BinaryExpr)
	post, ok2 := loop.Post.(*ast.IncDecStmt)
	if i == nil || !ok || !ok2 || post.Tok != token.INC || astmatch.Ident(post.X) == nil || astmatch.Ident(cond.X) == nil ||
		info.ObjectOf(astmatch.Ident(post.X)) != info.ObjectOf(i) || info.ObjectOf(astmatch.Ident(cond.X)) != info.ObjectOf(i) {
		return Many
	}
	lo, ok := intConst(info, init.Rhs[0])
	hi, ok2 := intConst(info, cond.Y)
	if !ok || !ok2 {
		return Many
	}
	n := hi - lo
	switch cond.Op {
	case token.LSS, token.NEQ:
	case token.LEQ:
		n++
	default:
		return Many
	}
	if n < 0 {
		return 0
	}
	if n >= int64(Many) {
		return Many
	}
	return Count(n)
}

func intConst(info *types.Info, e ast.Expr) (int64, bool) {
	tv, ok := info.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.Int {
		return 0, false
	}
	return constant.Int64Val(tv.Value)
}
