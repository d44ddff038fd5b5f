package chanflow

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"github.com/asynclint/asynclint/internal/typematch"
	"golang.org/x/tools/go/cfg"
)

// NewCFG builds the control-flow graph of body. Calls that never return
// (panic, os.Exit, log.Fatal, runtime.Goexit, t.Fatal and kin) end their
// block without successors, so their paths are not exits.
func NewCFG(info *types.Info, body *ast.BlockStmt) *cfg.CFG { return newCFG(info, body) }

func newCFG(info *types.Info, body *ast.BlockStmt) *cfg.CFG {
	return cfg.New(body, func(call *ast.CallExpr) bool { return !NoReturn(info, call) })
}

// NoReturn reports whether call never returns normally.
func NoReturn(info *types.Info, call *ast.CallExpr) bool {
	if b, ok := info.Uses[identOf(call.Fun)].(*types.Builtin); ok {
		return b.Name() == "panic"
	}
	fn := typematch.Callee(info, call)
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	switch fn.Pkg().Path() {
	case "os":
		return typematch.IsFunc(fn, "os", "Exit")
	case "runtime":
		return typematch.IsFunc(fn, "runtime", "Goexit")
	case "log":
		switch fn.Name() {
		case "Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln":
			return true
		}
	case "testing":
		switch fn.Name() {
		case "Fatal", "Fatalf", "FailNow", "Skip", "Skipf", "SkipNow":
			return true
		}
	}
	return false
}

// finishes reports whether g has a reachable return.
func finishes(g *cfg.CFG) bool {
	for _, b := range g.Blocks {
		if b.Live && b.Return() != nil {
			return true
		}
	}
	return false
}

// longestPath returns the largest sum of block weights along a path from
// g's entry, or Many when a block of positive weight lies on a cycle.
func longestPath(g *cfg.CFG, weight []Count) Count {
	for _, b := range g.Blocks {
		if b.Live && weight[b.Index] > 0 && onCycle(b) {
			return Many
		}
	}
	best := make([]Count, len(g.Blocks))
	for i := range best {
		best[i] = -1
	}
	best[0] = weight[0]
	// Cycles carry no weight, so values settle within len(Blocks) rounds.
	for range len(g.Blocks) + 1 {
		changed := false
		for _, b := range g.Blocks {
			if best[b.Index] < 0 {
				continue
			}
			for _, s := range b.Succs {
				if v := best[b.Index].add(weight[s.Index]); v > best[s.Index] {
					best[s.Index] = v
					changed = true
				}
			}
		}
		if !changed {
			break
		}
	}
	var most Count
	for _, v := range best {
		most = max(most, v)
	}
	return most
}

// onCycle reports whether b can reach itself.
func onCycle(b *cfg.Block) bool {
	seen := map[*cfg.Block]bool{}
	stack := append([]*cfg.Block(nil), b.Succs...)
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if x == b {
			return true
		}
		if !seen[x] {
			seen[x] = true
			stack = append(stack, x.Succs...)
		}
	}
	return false
}

// Locate returns the block of g and the index in it of the node that
// contains pos, or nil.
func Locate(g *cfg.CFG, pos token.Pos) (*cfg.Block, int) {
	for _, b := range g.Blocks {
		if !b.Live {
			continue
		}
		for i, n := range b.Nodes {
			if n.Pos() <= pos && pos < n.End() {
				return b, i
			}
		}
	}
	return nil, 0
}

// exitAvoiding returns a return statement reachable from node i of block
// start on a path through no node for which avoid is true, or nil.
func exitAvoiding(g *cfg.CFG, start *cfg.Block, i int, avoid func(ast.Node) bool) *ast.ReturnStmt {
	seen := map[*cfg.Block]bool{}
	var visit func(b *cfg.Block, from int) *ast.ReturnStmt
	visit = func(b *cfg.Block, from int) *ast.ReturnStmt {
		for _, n := range b.Nodes[from:] {
			if avoid(n) {
				return nil
			}
		}
		if r := b.Return(); r != nil {
			return r
		}
		for _, s := range b.Succs {
			if !seen[s] {
				seen[s] = true
				if r := visit(s, 0); r != nil {
					return r
				}
			}
		}
		return nil
	}
	return visit(start, i)
}

// ExitAvoiding returns a return statement of g reachable from the node
// that contains from (from g's entry when from is token.NoPos) without
// passing a node for which avoid is true, or nil.
func ExitAvoiding(g *cfg.CFG, from token.Pos, avoid func(ast.Node) bool) *ast.ReturnStmt {
	if from == token.NoPos {
		return exitAvoiding(g, g.Blocks[0], 0, avoid)
	}
	b, i := Locate(g, from)
	if b == nil {
		return nil
	}
	return exitAvoiding(g, b, i+1, avoid)
}

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
	i := identOf(init.Lhs[0])
	cond, ok := loop.Cond.(*ast.BinaryExpr)
	post, ok2 := loop.Post.(*ast.IncDecStmt)
	if i == nil || !ok || !ok2 || post.Tok != token.INC || identOf(post.X) == nil || identOf(cond.X) == nil ||
		info.ObjectOf(identOf(post.X)) != info.ObjectOf(i) || info.ObjectOf(identOf(cond.X)) != info.ObjectOf(i) {
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
