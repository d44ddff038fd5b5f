package chanflow

import (
	"go/ast"
	"go/token"
	"go/types"
	"sync"

	"github.com/asynclint/asynclint/internal/typematch"
)

// maxClosureDepth bounds how many function literals DeferCloses follows
// from a defer statement: the deferred function is the first, and each
// literal it runs in turn (a sync.Once's Do(func(){...}), a literal
// called in place, a local function variable it calls) one more. Real
// cleanups go two deep (alertmanager's closeChannels, a once.Do around
// the closes); the bound stops a chain of closures calling closures,
// each link costing a walk of the function that defines it and of the
// literal's graph, and closures that call each other.
const maxClosureDepth = 4

// DeferCloses reports whether n is a defer statement whose deferred call
// closes the channel on every normal return of that call, so that every
// way out of the function after the defer runs closes it:
//
//   - defer close(ch);
//   - defer func() { ...; close(ch) }();
//   - defer cleanup(), with cleanup a local variable assigned exactly
//     once, a function literal that closes ch on every path.
//
// Inside a deferred literal, a close counts directly, or through a
// sync.Once's Do, a literal called in place or another such variable
// whose literal closes ch on every path, at most maxClosureDepth
// literals deep. Only the channel's own variable counts (not a copy, nor
// a parameter it is passed as).
func (c *Chan) DeferCloses(n ast.Node) bool {
	d, ok := n.(*ast.DeferStmt)
	return ok && c.callCloses(d.Call, 0)
}

// callCloses reports whether the call, once it returns normally, has
// closed the channel; depth literals have been entered on the way.
func (c *Chan) callCloses(call *ast.CallExpr, depth int) bool {
	info := c.env.info
	if typematch.Builtin(info, call) == "close" {
		if len(call.Args) != 1 {
			return false
		}
		id, ok := ast.Unparen(call.Args[0]).(*ast.Ident)
		return ok && info.Uses[id] == c.Var
	}
	if depth >= maxClosureDepth {
		return false
	}
	fun := call.Fun
	if typematch.IsMethod(typematch.Callee(info, call), "sync", "Once", "Do") && len(call.Args) == 1 {
		fun = call.Args[0] // Do runs it in place the first time; later calls return after that run
	}
	lit := c.literal(fun)
	return lit != nil && c.bodyCloses(lit, depth+1)
}

// closures is what DeferCloses learns about a channel's function, each
// part computed once: a defer statement can be met on many paths, and
// many defers can run one closure.
type closures struct {
	once  sync.Once
	lits  map[*types.Var]*ast.FuncLit // local variable -> the one literal ever assigned to it
	mu    sync.Mutex                  // rules of one package may ask concurrently
	known map[closureKey]bool         // a literal's body, entered at a depth -> it closes on every path
}

type closureKey struct {
	lit   *ast.FuncLit
	depth int
}

// literal returns the function literal that e denotes: e itself, or the
// only value ever assigned to a local function variable of c's function
// (one walk of the function, on the first question); nil otherwise.
func (c *Chan) literal(e ast.Expr) *ast.FuncLit {
	switch e := ast.Unparen(e).(type) {
	case *ast.FuncLit:
		return e
	case *ast.Ident:
		c.closures.once.Do(c.findLiterals)
		v, _ := c.env.info.Uses[e].(*types.Var)
		return c.closures.lits[v]
	}
	return nil
}

// findLiterals records the local variables of c's function that are
// assigned exactly once, a function literal, and whose address is never
// taken.
func (c *Chan) findLiterals() {
	info := c.env.info
	count := map[*types.Var]int{}
	lits := map[*types.Var]*ast.FuncLit{}
	assign := func(id *ast.Ident, rhs ast.Expr) {
		v, ok := info.ObjectOf(id).(*types.Var)
		if !ok {
			return
		}
		count[v]++
		if lit, ok := ast.Unparen(rhs).(*ast.FuncLit); ok {
			lits[v] = lit
		}
	}
	ast.Inspect(c.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, l := range n.Lhs {
				id, ok := ast.Unparen(l).(*ast.Ident)
				if !ok {
					continue
				}
				if len(n.Lhs) != len(n.Rhs) {
					assign(id, nil) // one of several results of a call: not a literal
					continue
				}
				assign(id, n.Rhs[i])
			}
		case *ast.ValueSpec:
			for i, id := range n.Names {
				if i < len(n.Values) {
					assign(id, n.Values[i])
				}
			}
		case *ast.UnaryExpr:
			if id, ok := ast.Unparen(n.X).(*ast.Ident); ok && n.Op == token.AND {
				if v, ok := info.Uses[id].(*types.Var); ok {
					count[v] += 2 // its address is taken: it may be assigned through it
				}
			}
		}
		return true
	})
	for v := range lits {
		if count[v] != 1 || v.Pos() < c.Body.Pos() || v.Pos() >= c.Body.End() {
			delete(lits, v)
		}
	}
	c.closures.lits = lits
}

// bodyCloses reports whether every normal return of lit's body passes a
// statement that closes the channel (see callCloses); depth literals
// have been entered, body's own included.
func (c *Chan) bodyCloses(lit *ast.FuncLit, depth int) bool {
	key := closureKey{lit, depth}
	c.closures.mu.Lock()
	known, ok := c.closures.known[key]
	c.closures.mu.Unlock()
	if ok {
		return known
	}
	g := c.env.graph(lit.Body)
	closes := func(n ast.Node) bool {
		found := false
		ast.Inspect(n, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit, *ast.GoStmt:
				return false // runs elsewhere, or later; a literal run in place is its call's to judge
			case *ast.CallExpr:
				found = found || c.callCloses(n, depth)
			}
			return !found
		})
		return found
	}
	known = g.exitAvoiding(g.Blocks[0], 0, closes) == nil
	c.closures.mu.Lock()
	if c.closures.known == nil {
		c.closures.known = map[closureKey]bool{}
	}
	c.closures.known[key] = known
	c.closures.mu.Unlock()
	return known
}
