package unwaited

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/cfg"
)

// conds knows, for the blocks of a CFG that branch on a stable condition,
// which condition it is: so that a path taking "if checkSubscriber" to
// Add the goroutine also takes it to Wait, instead of the infeasible path
// that adds under the condition and skips the Wait under its negation.
type conds struct {
	key     map[int32]int  // block index -> condition number
	negated map[int32]bool // the block branches on !cond
}

// maxConds bounds the conditions tracked per function (a path state
// holds their values in a bitmask).
const maxConds = 64

// stableConds finds the blocks of graph that end in a stable condition: a
// variable or field path, possibly negated or compared with nil or a
// constant, whose variables body never assigns nor takes the address of.
func stableConds(info *types.Info, body *ast.BlockStmt, graph *cfg.CFG) *conds {
	changed := assignedVars(info, body)
	c := &conds{key: map[int32]int{}, negated: map[int32]bool{}}
	ids := map[string]int{}
	for _, b := range graph.Blocks {
		if len(b.Succs) != 2 || len(b.Nodes) == 0 || b.Succs[0].Kind != cfg.KindIfThen {
			continue // only the condition of an if statement
		}
		cond, ok := b.Nodes[len(b.Nodes)-1].(ast.Expr)
		if !ok {
			continue
		}
		neg := false
		if u, ok := ast.Unparen(cond).(*ast.UnaryExpr); ok && u.Op == token.NOT {
			cond, neg = u.X, true
		}
		if !stable(info, cond, changed) {
			continue
		}
		text := types.ExprString(cond)
		id, ok := ids[text]
		if !ok {
			if len(ids) == maxConds {
				continue
			}
			id = len(ids)
			ids[text] = id
		}
		c.key[b.Index], c.negated[b.Index] = id, neg
	}
	return c
}

// stable reports whether e is made only of variables and fields that do
// not change in the function, nil and constants.
func stable(info *types.Info, e ast.Expr, changed map[types.Object]bool) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		obj := info.Uses[e]
		if _, isVar := obj.(*types.Var); isVar {
			return !changed[obj]
		}
		_, isConst := obj.(*types.Const)
		return isConst || obj == types.Universe.Lookup("nil")
	case *ast.SelectorExpr:
		if _, isField := info.Uses[e.Sel].(*types.Var); !isField {
			return false
		}
		return !changed[info.Uses[e.Sel]] && stable(info, e.X, changed)
	case *ast.BinaryExpr:
		switch e.Op {
		case token.EQL, token.NEQ, token.LAND, token.LOR:
			return stable(info, e.X, changed) && stable(info, e.Y, changed)
		}
	case *ast.BasicLit:
		return true
	}
	return false
}

// assignedVars returns the variables and fields that body (closures
// included) assigns, increments or takes the address of, and the
// variables it declares inside a loop, which take a new value each
// iteration.
func assignedVars(info *types.Info, body *ast.BlockStmt) map[types.Object]bool {
	changed := map[types.Object]bool{}
	var loops []ast.Node
	ast.Inspect(body, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			loops = append(loops, n)
		}
		return true
	})
	for id, obj := range info.Defs {
		if obj == nil || id.Pos() < body.Pos() || id.Pos() >= body.End() {
			continue
		}
		for _, l := range loops {
			if l.Pos() <= id.Pos() && id.Pos() < l.End() {
				changed[obj] = true
			}
		}
	}
	mark := func(e ast.Expr) {
		switch e := ast.Unparen(e).(type) {
		case *ast.Ident:
			if obj := info.ObjectOf(e); obj != nil {
				changed[obj] = true
			}
		case *ast.SelectorExpr:
			if obj := info.Uses[e.Sel]; obj != nil {
				changed[obj] = true
			}
		}
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if n.Tok != token.DEFINE {
				for _, lhs := range n.Lhs {
					mark(lhs)
				}
			}
		case *ast.IncDecStmt:
			mark(n.X)
		case *ast.RangeStmt:
			if n.Tok == token.ASSIGN {
				mark(n.Key)
				if n.Value != nil {
					mark(n.Value)
				}
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				mark(n.X)
			}
		}
		return true
	})
	return changed
}
