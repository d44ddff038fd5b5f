package unwaited

import (
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"slices"

	"golang.org/x/tools/go/cfg"
)

// conds knows, for the blocks of a CFG that branch on a stable condition,
// which condition it is: so that a path taking "if checkSubscriber" to
// Add the goroutine also takes it to Wait, instead of the infeasible path
// that adds under the condition and skips the Wait under its negation.
type conds struct {
	key     map[int32]int         // block index -> condition number
	negated map[int32]bool        // the block branches on !cond
	guard   map[int32]*ast.IfStmt // the if statement whose condition the block tests
}

// maxConds bounds the conditions a path remembers (a path state holds
// their values in the bits of a uint64); further conditions branch
// freely, as if they were not stable.
const maxConds = 64

// tracked returns the condition blocks worth remembering for a group
// whose Adds and Waits are at the sorted positions of events: those
// testing a condition that some if statement guards one of them with.
// A condition that guards none of them leads both ways to the same Adds
// and Waits, so remembering it would only multiply the paths.
func (c *conds) tracked(events []event) map[int32]condBit {
	bits := map[int]uint64{} // condition number -> its bit
	for b, is := range c.guard {
		id := c.key[b]
		if _, ok := bits[id]; ok {
			continue
		}
		lo, _ := slices.BinarySearchFunc(events, is.Body.Pos(), func(e event, p token.Pos) int { return int(e.pos - p) })
		if lo < len(events) && events[lo].pos < is.End() {
			bits[id] = 0
		}
	}
	if len(bits) == 0 {
		return nil
	}
	// Bits in the order of the conditions' numbers, for a deterministic
	// choice when there are more than maxConds.
	ids := slices.Sorted(maps.Keys(bits))
	for i, id := range ids {
		if i < maxConds {
			bits[id] = 1 << i
		} else {
			delete(bits, id)
		}
	}
	out := map[int32]condBit{}
	for b, id := range c.key {
		if bit, ok := bits[id]; ok {
			out[b] = condBit{bit: bit, negated: c.negated[b]}
		}
	}
	return out
}

// stableConds finds the blocks of graph that end in a stable condition: a
// variable or field path, possibly negated or compared with nil or a
// constant, whose variables body never assigns nor takes the address of.
func stableConds(info *types.Info, body *ast.BlockStmt, graph *cfg.CFG) *conds {
	changed := assignedVars(info, body)
	c := &conds{key: map[int32]int{}, negated: map[int32]bool{}, guard: map[int32]*ast.IfStmt{}}
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
			id = len(ids)
			ids[text] = id
		}
		c.key[b.Index], c.negated[b.Index] = id, neg
		c.guard[b.Index] = b.Succs[0].Stmt.(*ast.IfStmt)
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
	// One walk of the body, proportional to it: loops counts the loops
	// around the current node.
	var stack []ast.Node
	loops := 0
	ast.Inspect(body, func(n ast.Node) bool {
		if n == nil {
			switch stack[len(stack)-1].(type) {
			case *ast.ForStmt, *ast.RangeStmt:
				loops--
			}
			stack = stack[:len(stack)-1]
			return false
		}
		stack = append(stack, n)
		switch n := n.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			loops++
			if n, ok := n.(*ast.RangeStmt); ok && n.Tok == token.ASSIGN {
				mark(n.Key)
				if n.Value != nil {
					mark(n.Value)
				}
			}
		case *ast.Ident:
			if obj := info.Defs[n]; obj != nil && loops > 0 {
				changed[obj] = true // declared in a loop: a new value each iteration
			}
		case *ast.AssignStmt:
			if n.Tok != token.DEFINE {
				for _, lhs := range n.Lhs {
					mark(lhs)
				}
			}
		case *ast.IncDecStmt:
			mark(n.X)
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				mark(n.X)
			}
		}
		return true
	})
	return changed
}
