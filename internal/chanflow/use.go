package chanflow

import (
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"slices"
	"strconv"

	"github.com/asynclint/asynclint/internal/typematch"
	"golang.org/x/tools/go/types/typeutil"
)

// Count is a number of channel operations on one run of a body: 0, 1,
// 2, ... or Many when the operation can repeat.
type Count int

// Many is the count of an operation on a path that can repeat.
const Many Count = 1 << 20

func (c Count) add(d Count) Count {
	if c+d >= Many {
		return Many
	}
	return c + d
}

// Mul returns c*d, saturating at Many.
func (c Count) Mul(d Count) Count {
	switch {
	case c == 0 || d == 0:
		return 0
	case c >= Many || d >= Many || c*d >= Many:
		return Many
	}
	return c * d
}

func (c Count) String() string {
	if c >= Many {
		return "many"
	}
	return strconv.Itoa(int(c))
}

// Use is what a body does with one channel.
type Use struct {
	Sends    Count // unguarded sends on one run of the body, at most
	Guarded  bool  // sends in a select that can take another case, or has a default
	Receives bool
	Closes   bool // some path closes the channel (directly or through a callee)
	// ClosesOnExit: every normal exit closes the channel (a deferred close,
	// or a close on every path to a return).
	ClosesOnExit bool
	Finishes     bool // the body can return normally
	Escapes      bool // stored, aliased, returned, or passed where it cannot be followed
	Calls        bool // passed to a function known through its summary
	InClosure    bool // used in a function literal that is neither a goroutine nor called in place

	// SkipsClose is, when Closes, a return reached on a path that closes
	// nothing (the synthetic return at the closing brace when control
	// falls off the end); nil when every normal exit closes.
	SkipsClose *ast.ReturnStmt

	// SendStmts are the unguarded sends written in the body, including
	// in function literals inside it (not those of named callees).
	SendStmts []*ast.SendStmt

	used    bool
	signals Count // sends and closes on one run, at most
	events  []event
	closes  []token.Pos // the positions of the close events, sorted
}

// event is a channel operation that matters for paths: sends (how many)
// and closes, at the position of the node that performs them.
type event struct {
	pos   token.Pos
	sends Count
	close bool
}

// ClosesIn reports whether n (a node of the body's CFG) closes the
// channel, directly or through a call, defer or literal it contains.
func (u *Use) ClosesIn(n ast.Node) bool {
	i, _ := slices.BinarySearch(u.closes, n.Pos())
	return i < len(u.closes) && u.closes[i] < n.End()
}

// ClosePos returns the positions of the nodes that close the channel
// (the close call, the call of a closing function, the literal that
// closes it), in the order they were found.
func (u *Use) ClosePos() []token.Pos {
	var out []token.Pos
	for _, e := range u.events {
		if e.close {
			out = append(out, e.pos)
		}
	}
	return out
}

// Spawn is a goroutine a function starts that uses the channel.
type Spawn struct {
	Stmt   ast.Node     // the *ast.GoStmt, or the errgroup.Group / sync.WaitGroup Go call
	Lit    *ast.FuncLit // the goroutine's function when it is a literal
	Callee *types.Func  // the function started, when it is named
	Times  Count        // goroutines the statement starts per run of the spawner (its loops)
	Loops  []ast.Stmt   // the loops of the spawner around the statement, innermost first
	Use    Use          // what the goroutine does with the channel
}

// walker computes a Use by walking a body's syntax.
type walker struct {
	*env
	vars    map[*types.Var]bool // the variables that denote the channel
	exempt  *ast.Ident          // the identifier the channel's make assigns
	apart   bool                // return goroutines as spawns rather than folding them in
	use     Use
	spawns  []*Spawn
	guarded map[*ast.SendStmt]bool
	stack   []ast.Node
}

// analyze computes what body does with the channel that vars denote. exempt
// is an identifier not to classify (the assignment of the channel's make).
// With apart, the goroutines body starts are returned as spawns, not
// folded into the use.
func analyze(e *env, body *ast.BlockStmt, vars map[*types.Var]bool, exempt *ast.Ident, apart bool) (Use, []*Spawn) {
	w := &walker{env: e, vars: vars, exempt: exempt, apart: apart, guarded: map[*ast.SendStmt]bool{}}
	w.walk(body)
	u := w.use
	if !u.used && len(w.spawns) == 0 {
		return u, nil // the body does not touch the channel
	}
	g := e.graph(body)
	u.Finishes = g.finishes
	if len(u.events) == 0 {
		return u, w.spawns
	}
	weight := make([]Count, len(g.Blocks))
	signals := make([]Count, len(g.Blocks)) // sends and closes
	for _, ev := range u.events {
		g.containing(ev.pos, func(b int32, _ int) {
			weight[b] = weight[b].add(ev.sends)
			signals[b] = signals[b].add(ev.sends)
			if ev.close {
				signals[b] = signals[b].add(1)
			}
		})
		if ev.close {
			u.Closes = true
			u.closes = append(u.closes, ev.pos)
		}
	}
	slices.Sort(u.closes)
	u.Sends = g.longestPath(weight)
	u.signals = g.longestPath(signals)
	if u.Closes {
		u.SkipsClose = g.exitAvoiding(g.Blocks[0], 0, u.ClosesIn)
		u.ClosesOnExit = u.SkipsClose == nil
	}
	return u, w.spawns
}

func (w *walker) walk(n ast.Node) {
	ast.Inspect(n, func(n ast.Node) bool {
		if n == nil {
			w.stack = w.stack[:len(w.stack)-1]
			return false
		}
		if !w.mentions(n) {
			return false // nothing below n refers to the channel: nothing to classify
		}
		if !w.node(n) {
			return false
		}
		w.stack = append(w.stack, n)
		return true
	})
}

// mentions reports whether n holds a use of a variable denoting the
// channel. Every classification the walker makes starts from such a use,
// so a subtree without one can be skipped: a function with many channels
// then costs little more per channel than the statements on the way to
// its uses.
func (w *walker) mentions(n ast.Node) bool {
	for v := range w.vars {
		if w.usedIn(v, n.Pos(), n.End()) {
			return true
		}
	}
	return false
}

// walkUnder walks n as a child of parents.
func (w *walker) walkUnder(n ast.Node, parents ...ast.Node) {
	depth := len(w.stack)
	w.stack = append(w.stack, parents...)
	w.walk(n)
	w.stack = w.stack[:depth]
}

func (w *walker) isVar(e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok || id == w.exempt {
		return false
	}
	v, ok := w.info.Uses[id].(*types.Var)
	return ok && w.vars[v]
}

// node handles n and reports whether to walk its children.
func (w *walker) node(n ast.Node) bool {
	switch n := n.(type) {
	case *ast.SelectStmt:
		for _, c := range n.Body.List {
			if s, ok := c.(*ast.CommClause).Comm.(*ast.SendStmt); ok {
				w.guarded[s] = len(n.Body.List) > 1
			}
		}
	case *ast.GoStmt:
		w.spawn(n, n.Call, true)
		return false
	case *ast.CallExpr:
		if IsGroupGo(w.info, n) {
			if _, ok := ast.Unparen(n.Args[0]).(*ast.FuncLit); ok {
				w.spawn(n, n, false)
				return false
			}
		}
	case *ast.FuncLit:
		w.closure(n)
		return false
	case *ast.Ident:
		if w.isVar(n) {
			w.reference(n)
		}
	}
	return true
}

// IsGroupGo reports whether call is errgroup.Group.Go or TryGo, or
// sync.WaitGroup.Go, with one function argument: a goroutine start.
func IsGroupGo(info *types.Info, call *ast.CallExpr) bool {
	if len(call.Args) != 1 {
		return false
	}
	fn := typematch.Callee(info, call)
	return typematch.IsMethod(fn, typematch.ErrgroupPath, "Group", "Go") ||
		typematch.IsMethod(fn, typematch.ErrgroupPath, "Group", "TryGo") ||
		typematch.IsMethod(fn, "sync", "WaitGroup", "Go")
}

// spawn handles a goroutine start: a go statement (isGo) or a group's Go
// call with a literal.
func (w *walker) spawn(stmt ast.Node, call *ast.CallExpr, isGo bool) {
	var sub Use
	used := false
	var lit *ast.FuncLit
	var callee *types.Func
	if isGo {
		lit, _ = ast.Unparen(call.Fun).(*ast.FuncLit)
	} else {
		lit = ast.Unparen(call.Args[0]).(*ast.FuncLit)
		w.walkUnder(call.Fun, stmt)
	}
	if lit != nil {
		vars := w.vars
		if isGo {
			params := paramVars(w.info, lit)
			for i, arg := range call.Args {
				if w.isVar(arg) && i < len(params) && params[i] != nil {
					if !used {
						vars = maps.Clone(w.vars)
					}
					vars[params[i]] = true
					used = true
					continue
				}
				w.walkUnder(arg, stmt, call)
			}
		}
		sub, _ = analyze(w.env, lit.Body, vars, nil, false)
		used = used || sub.used
	} else {
		callee, _ = typeutil.Callee(w.info, call).(*types.Func)
		w.walkUnder(call.Fun, stmt, call)
		sub.Finishes = true
		if s := w.summary(callee); s != nil {
			sub.Finishes = s.Finishes
		}
		for i, arg := range call.Args {
			if !w.isVar(arg) {
				w.walkUnder(arg, stmt, call)
				continue
			}
			used = true
			p := w.param(callee, call, i)
			if p == nil {
				sub.Escapes = true
				continue
			}
			mergeParam(&sub, p)
		}
	}
	if !used {
		return
	}
	sub.used = true
	if w.apart {
		w.spawns = append(w.spawns, &Spawn{Stmt: stmt, Lit: lit, Callee: callee, Times: w.times(), Loops: w.loops(), Use: sub})
		return
	}
	w.merge(sub, stmt.Pos(), sub.Sends)
}

// mergeParam folds a callee's use of its parameter into u.
func mergeParam(u *Use, p *Param) {
	u.Sends = u.Sends.add(p.Sends)
	u.Guarded = u.Guarded || p.Guarded
	u.Receives = u.Receives || p.Receives
	u.Closes = u.Closes || p.Closes
	u.ClosesOnExit = u.ClosesOnExit || p.ClosesOnExit
	u.Escapes = u.Escapes || p.Escapes
}

// times returns how many goroutines a statement at the current walk
// position starts per run of the body: the product of the trip counts of
// the loops around it.
func (w *walker) times() Count {
	n := Count(1)
	for i, anc := range w.stack {
		var child ast.Node
		if i+1 < len(w.stack) {
			child = w.stack[i+1]
		}
		switch anc := anc.(type) {
		case *ast.ForStmt:
			if child == anc.Body {
				n = n.Mul(TripCount(w.info, anc))
			}
		case *ast.RangeStmt:
			if child == anc.Body {
				n = n.Mul(TripCount(w.info, anc))
			}
		}
	}
	return n
}

// loops returns the loops around the current walk position, innermost
// first.
func (w *walker) loops() []ast.Stmt {
	var out []ast.Stmt
	for i := len(w.stack) - 1; i >= 0; i-- {
		var child ast.Node
		if i+1 < len(w.stack) {
			child = w.stack[i+1]
		}
		switch anc := w.stack[i].(type) {
		case *ast.ForStmt:
			if child == anc.Body {
				out = append(out, anc)
			}
		case *ast.RangeStmt:
			if child == anc.Body {
				out = append(out, anc)
			}
		}
	}
	return out
}

// closure handles a function literal that is not a goroutine: called in
// place (func(){...}(), defer func(){...}()) it runs once; otherwise it
// may run any number of times, from anywhere.
func (w *walker) closure(lit *ast.FuncLit) {
	call, inPlace := w.parent().(*ast.CallExpr)
	inPlace = inPlace && ast.Unparen(call.Fun) == lit
	sub, _ := analyze(w.env, lit.Body, w.vars, nil, false)
	if !sub.used {
		return
	}
	if !inPlace {
		// Counted as if called once where it is made: a callback
		// (time.AfterFunc, runtime.AddCleanup) usually is; one called
		// per item (filepath.Walk) is undercounted.
		w.use.InClosure = true
	}
	w.merge(sub, lit.Pos(), sub.Sends)
}

// merge folds the use of a nested body, at pos, into the walker's use.
func (w *walker) merge(sub Use, pos token.Pos, sends Count) {
	u := &w.use
	u.used = true
	u.Guarded = u.Guarded || sub.Guarded
	u.Receives = u.Receives || sub.Receives
	u.Escapes = u.Escapes || sub.Escapes
	u.Calls = u.Calls || sub.Calls
	u.InClosure = u.InClosure || sub.InClosure
	u.SendStmts = append(u.SendStmts, sub.SendStmts...)
	if sends > 0 || sub.Closes {
		u.events = append(u.events, event{pos: pos, sends: sends, close: sub.Closes})
	}
}

func (w *walker) parent() ast.Node {
	if len(w.stack) == 0 {
		return nil
	}
	return w.stack[len(w.stack)-1]
}

// reference classifies one use of the channel variable.
func (w *walker) reference(id *ast.Ident) {
	u := &w.use
	u.used = true
	switch p := w.parent().(type) {
	case *ast.SendStmt:
		if ast.Unparen(p.Chan) == id {
			if w.guarded[p] {
				u.Guarded = true
			} else {
				u.events = append(u.events, event{pos: p.Pos(), sends: 1})
				u.SendStmts = append(u.SendStmts, p)
			}
			return
		}
	case *ast.UnaryExpr:
		if p.Op == token.ARROW {
			u.Receives = true
			return
		}
	case *ast.RangeStmt:
		if p.X == id {
			u.Receives = true
			return
		}
	case *ast.BinaryExpr:
		return // ch == nil
	case *ast.CallExpr:
		if w.call(p, id) {
			return
		}
	}
	u.Escapes = true
}

// call handles the channel passed to a call; it reports false when the
// call cannot be followed.
func (w *walker) call(call *ast.CallExpr, id *ast.Ident) bool {
	switch typematch.Builtin(w.info, call) {
	case "":
	case "close":
		w.use.events = append(w.use.events, event{pos: call.Pos(), close: true})
		return true
	case "len", "cap":
		return true
	default:
		return false // another builtin (append, copy): not followed
	}
	i := slices.IndexFunc(call.Args, func(a ast.Expr) bool { return ast.Unparen(a) == id })
	fn, _ := typeutil.Callee(w.info, call).(*types.Func)
	p := w.param(fn, call, i)
	if p == nil {
		return false
	}
	u := &w.use
	u.Calls = true
	u.Guarded = u.Guarded || p.Guarded
	u.Receives = u.Receives || p.Receives
	u.Escapes = u.Escapes || p.Escapes
	if p.Sends > 0 || p.Closes {
		u.events = append(u.events, event{pos: call.Pos(), sends: p.Sends, close: p.Closes})
	}
	return true
}

func (w *walker) summary(fn *types.Func) *Summary {
	if fn == nil {
		return nil
	}
	return w.lookup(fn)
}

// param returns the summary of the parameter that argument i of call
// binds, or nil when it is not known.
func (w *walker) param(fn *types.Func, call *ast.CallExpr, i int) *Param {
	s := w.summary(fn)
	if s == nil || i < 0 {
		return nil
	}
	sig := fn.Signature()
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if selection := w.info.Selections[sel]; selection != nil && selection.Kind() == types.MethodExpr {
			i-- // T.m(recv, args...)
		}
	}
	if i < 0 || sig.Variadic() && i >= sig.Params().Len()-1 {
		return nil
	}
	return s.Param(i)
}

// paramVars returns the parameters of lit, by position (nil for blank or
// unnamed ones).
func paramVars(info *types.Info, lit *ast.FuncLit) []*types.Var {
	var out []*types.Var
	if lit.Type.Params == nil {
		return nil
	}
	for _, f := range lit.Type.Params.List {
		if len(f.Names) == 0 {
			out = append(out, nil)
			continue
		}
		for _, name := range f.Names {
			v, _ := info.Defs[name].(*types.Var)
			out = append(out, v)
		}
	}
	return out
}
