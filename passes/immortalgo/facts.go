package immortalgo

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"github.com/asynclint/asynclint/internal/noreturn"
	"github.com/asynclint/asynclint/internal/typematch"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// neverReturns is the fact immortalgo keeps about a function that holds
// a loop it can never leave (or calls a function that never returns):
// once it gets there, it never returns. Always says it gets there on every
// path; only such functions make their callers immortal in turn. Owned
// says the loop works on state its caller hands it, rather than only on
// package-level state (a package daemon). Reason and Fix are the two
// halves of the message a go statement running the function gets.
type neverReturns struct {
	Always bool // the loop (or call) is reached on every path: no return comes first
	Owned  bool // the loop works for an owner: it uses the receiver, a parameter or a captured variable
	// Missed says the loop was meant to end and misses its way out: it
	// receives a stop signal (ctx.Done(), a channel the package closes)
	// without leaving, breaks a select or switch believing it leaves the
	// loop, or ranges over a channel nothing closes (a ticker's). Without
	// it the loop has no stop at all, which is often a design (a
	// process-lifetime sampler) and reported only with -immortalgo.noexit.
	Missed bool
	Reason string // "its loop has no exit"
	Fix    string // "select on ctx.Done() or a quit channel and return"
}

func (*neverReturns) AFact() {}

// String is "neverReturns" for a function that never returns on any path,
// "loopsForever" for one that may return before it reaches its loop,
// followed by ", missedStop" when the loop misses its stop (see Missed).
func (f *neverReturns) String() string {
	s := "loopsForever"
	if f.Always {
		s = "neverReturns"
	}
	if f.Missed {
		s += ", missedStop"
	}
	return s
}

// verdict says why a body never returns: the fact, and the loop or call
// that proves it (for the diagnostic's related position; nil when the
// proof lies in another package).
type verdict struct {
	neverReturns
	at ast.Node
}

const (
	fixSelect = "select on ctx.Done() or a quit channel and return"
	fixBreak  = "return there, or break with a label on the loop"
	fixTicker = "select on the ticker and on ctx.Done() or a quit channel, and return"
)

// checker finds loops with no exit in the functions of one package.
type checker struct {
	pass     *analysis.Pass
	in       *inspector.Inspector
	noReturn *noreturn.Result // ends the goroutine or the process: a way out of a loop
	decls    map[*types.Func]*ast.FuncDecl
	memo     map[*types.Func]*verdict // verdicts of this round
	state    map[*types.Func]int      // inProgress or finished, this round
	prev     map[*types.Func]*verdict // verdicts of the previous round, for recursive calls
	cycle    bool                     // this round met a recursive call
	ticks    map[*types.Var]string    // local channels only ever assigned a never-closed channel; "" if not
	closed   map[*types.Var]bool      // the variables and fields the package closes, on first need
	// loopExits holds how control leaves the loops of each body judged.
	loopExits map[*ast.BlockStmt]map[ast.Stmt]*loopExit
}

const (
	inProgress = iota + 1
	finished
)

func newChecker(pass *analysis.Pass, in *inspector.Inspector) *checker {
	c := &checker{pass: pass, in: in, noReturn: pass.ResultOf[noreturn.Analyzer].(*noreturn.Result), decls: map[*types.Func]*ast.FuncDecl{}, loopExits: map[*ast.BlockStmt]map[ast.Stmt]*loopExit{}}
	for cur := range in.Root().Preorder((*ast.FuncDecl)(nil)) {
		d := cur.Node().(*ast.FuncDecl)
		if fn, ok := pass.TypesInfo.Defs[d.Name].(*types.Func); ok && d.Body != nil {
			c.decls[fn] = d
		}
	}
	return c
}

// maxRounds bounds the rounds of exportFacts. A round judges every
// function once, reading the previous round's verdicts at recursive
// calls; verdicts only grow, and a round settles every verdict that
// depends on the last round's through one recursive call, so rounds
// settle after one (no recursion), or two or three (recursion), in real
// code. Ten covers recursion nested far deeper than that. Past it, the
// last round's verdicts stand: they may miss an immortal function, never
// invent one. The cost is rounds times the package's functions.
const maxRounds = 10

// exportFacts judges every function of the package and exports
// neverReturns for those that have it.
//
// A recursive call sees the verdict of the previous round (none at
// first), so that the outcome does not depend on the order functions are
// judged in; rounds repeat until the verdicts settle, at most maxRounds.
func (c *checker) exportFacts() {
	for round := 1; ; round++ {
		c.memo, c.state, c.cycle = map[*types.Func]*verdict{}, map[*types.Func]int{}, false
		for fn := range c.decls {
			c.function(fn)
		}
		if !c.cycle || sameVerdicts(c.prev, c.memo) || round == maxRounds {
			break
		}
		c.prev = c.memo
	}
	for fn, v := range c.memo {
		if v != nil {
			f := v.neverReturns
			c.pass.ExportObjectFact(fn, &f)
		}
	}
}

// sameVerdicts reports whether two rounds reached the same verdicts.
func sameVerdicts(a, b map[*types.Func]*verdict) bool {
	for fn, v := range b {
		w := a[fn]
		if (v == nil) != (w == nil) || v != nil && (v.Always != w.Always || v.Owned != w.Owned || v.Missed != w.Missed) {
			return false
		}
	}
	return true
}

// function returns why fn never returns, or nil. Functions of this
// package are judged from their bodies, others by their facts.
func (c *checker) function(fn *types.Func) *verdict {
	fn = fn.Origin()
	d, local := c.decls[fn]
	if !local {
		var f neverReturns
		if fn.Pkg() != nil && fn.Pkg() != c.pass.Pkg && c.pass.ImportObjectFact(fn, &f) {
			return &verdict{neverReturns: f}
		}
		return nil
	}
	switch c.state[fn] {
	case finished:
		return c.memo[fn]
	case inProgress:
		c.cycle = true
		return c.prev[fn]
	}
	c.state[fn] = inProgress
	v := c.body(d, d.Body)
	if v != nil {
		v.Always = c.always(d.Body)
	}
	c.memo[fn] = v
	c.state[fn] = finished
	return v
}

// always reports whether body reaches a loop it cannot leave, or a call
// that never returns, on every path: a top-level statement is one, and no
// statement before it holds a return.
func (c *checker) always(body *ast.BlockStmt) bool {
	for _, s := range body.List {
		var label *types.Label
		if ls, ok := s.(*ast.LabeledStmt); ok {
			label, _ = c.pass.TypesInfo.Defs[ls.Label].(*types.Label)
			s = ls.Stmt
		}
		var call ast.Expr
		switch s := s.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			if c.immortalLoop(s, label, body) != nil {
				return true
			}
		case *ast.ExprStmt:
			call = s.X
		case *ast.ReturnStmt:
			if len(s.Results) == 1 {
				call = s.Results[0]
			}
		case *ast.AssignStmt:
			if len(s.Rhs) == 1 {
				call = s.Rhs[0]
			}
		}
		if call, ok := ast.Unparen(call).(*ast.CallExpr); ok {
			if v := c.callee(call); v != nil && v.Always {
				return true
			}
		}
		if hasReturn(s) {
			return false
		}
	}
	return false
}

// hasReturn reports whether s holds a return statement outside function
// literals.
func hasReturn(s ast.Stmt) bool {
	found := false
	ast.Inspect(s, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.ReturnStmt:
			found = true
		case *ast.FuncLit:
			return false
		}
		return !found
	})
	return found
}

// callee returns the verdict on the function call invokes, if its body is
// known (not an interface method or a function value).
func (c *checker) callee(call *ast.CallExpr) *verdict {
	fn := typematch.Callee(c.pass.TypesInfo, call)
	if fn == nil || isInterfaceMethod(fn) {
		return nil
	}
	return c.function(fn)
}

// immortalLoop returns a verdict on loop (a for or range statement, with
// its label or nil, in the function body in) if it is a loop with no
// exit, or nil.
func (c *checker) immortalLoop(loop ast.Stmt, label *types.Label, in *ast.BlockStmt) *verdict {
	switch n := loop.(type) {
	case *ast.ForStmt:
		if n.Cond == nil || isTrue(c.pass.TypesInfo, n.Cond) {
			return c.loop(n, in, "its loop has no exit", fixSelect)
		}
	case *ast.RangeStmt:
		if what := c.neverClosed(n.X); what != "" {
			v := c.loop(n, in, "it ranges over "+what+", which is never closed", fixTicker)
			if v != nil {
				v.Missed = true // its author took the range to end when the channel stops
			}
			return v
		}
	}
	return nil
}

// body returns why body, once it runs, may never return: it holds a loop
// with no exit, or calls a function that never returns on any path (a
// function that only may loop forever does not make its callers immortal:
// its loop is reached on some path only, which compounds with every call,
// as in a fork helper whose child branch loops on exit). Function literals
// are not entered (they run when called, if ever), nor are go and defer
// statements' calls.
//
// fun is the *ast.FuncDecl or *ast.FuncLit whose body it is; the verdict
// is Owned if the loop uses fun's receiver or parameters (a literal's
// captured variables), or a local derived from them.
func (c *checker) body(fun ast.Node, body *ast.BlockStmt) *verdict {
	var found *verdict
	labels := map[ast.Stmt]*types.Label{} // loops' labels
	var visit func(n ast.Node) bool
	visit = func(n ast.Node) bool {
		if found != nil {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.GoStmt:
			walkArgs(n.Call, visit)
			return false
		case *ast.DeferStmt:
			walkArgs(n.Call, visit)
			return false
		case *ast.LabeledStmt:
			if l, ok := c.pass.TypesInfo.Defs[n.Label].(*types.Label); ok {
				labels[n.Stmt] = l
			}
		case *ast.ForStmt, *ast.RangeStmt:
			found = c.immortalLoop(n.(ast.Stmt), labels[n.(ast.Stmt)], body)
		case *ast.CallExpr:
			if v := c.callee(n); v != nil && v.Always {
				found = &verdict{
					neverReturns: neverReturns{
						Owned:  v.Owned, // the callee's loop uses what the call hands it
						Missed: v.Missed,
						Reason: fmt.Sprintf("it calls %s, which never returns", types.ExprString(n.Fun)),
						Fix:    v.Fix,
					},
					at: n,
				}
				return false
			}
		}
		if found != nil {
			found.Owned = c.owned(fun, body, n)
		}
		return found == nil
	}
	ast.Inspect(body, visit)
	return found
}

// owned reports whether the node at, within body of function fun (a
// *ast.FuncDecl or *ast.FuncLit), uses what fun's owner handed it: fun's
// receiver or parameters, the variables a literal captures, or locals
// assigned from any of these.
func (c *checker) owned(fun ast.Node, body *ast.BlockStmt, at ast.Node) bool {
	info := c.pass.TypesInfo
	owners := map[*types.Var]bool{}
	switch fun := fun.(type) {
	case *ast.FuncDecl:
		if fn, ok := info.Defs[fun.Name].(*types.Func); ok {
			sig := fn.Signature()
			if sig.Recv() != nil {
				owners[sig.Recv()] = true
			}
			for v := range sig.Params().Variables() {
				owners[v] = true
			}
		}
	case *ast.FuncLit:
		ast.Inspect(fun.Body, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				if v, ok := info.Uses[id].(*types.Var); ok && !v.IsField() && !isPackageLevel(v) &&
					(v.Pos() < fun.Pos() || v.Pos() >= fun.End()) {
					owners[v] = true
				}
			}
			return true
		})
	}
	mentions := func(n ast.Node) bool {
		found := false
		ast.Inspect(n, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				if v, ok := info.Uses[id].(*types.Var); ok && owners[v] {
					found = true
				}
			}
			return !found
		})
		return found
	}
	// Locals assigned from owner state are owner state: jobs := w.jobs.
	// One walk records which variables each assignment reads; a search
	// from the owners then follows them, in time proportional to the body
	// (not a walk of the body per variable derived).
	readers := map[*types.Var][]*types.Var{} // v -> the locals assigned from expressions reading v
	derive := func(lhs []ast.Expr, rhs []ast.Node) {
		var targets []*types.Var
		for _, l := range lhs {
			if id, ok := ast.Unparen(l).(*ast.Ident); ok {
				if v, ok := info.ObjectOf(id).(*types.Var); ok && !isPackageLevel(v) {
					targets = append(targets, v)
				}
			}
		}
		if len(targets) == 0 {
			return
		}
		for _, r := range rhs {
			ast.Inspect(r, func(n ast.Node) bool {
				if id, ok := n.(*ast.Ident); ok {
					if v, ok := info.Uses[id].(*types.Var); ok {
						readers[v] = append(readers[v], targets...)
					}
				}
				return true
			})
		}
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			var rhs []ast.Node
			for _, r := range n.Rhs {
				rhs = append(rhs, r)
			}
			derive(n.Lhs, rhs)
		case *ast.ValueSpec:
			var lhs []ast.Expr
			var rhs []ast.Node
			for _, name := range n.Names {
				lhs = append(lhs, name)
			}
			for _, r := range n.Values {
				rhs = append(rhs, r)
			}
			derive(lhs, rhs)
		case *ast.RangeStmt:
			derive([]ast.Expr{n.Key, n.Value}, []ast.Node{n.X})
		}
		return true
	})
	var queue []*types.Var
	for v := range owners {
		queue = append(queue, v)
	}
	for len(queue) > 0 {
		v := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		for _, w := range readers[v] {
			if !owners[w] {
				owners[w] = true
				queue = append(queue, w)
			}
		}
	}
	return mentions(at)
}

// isPackageLevel reports whether v is a package-level variable.
func isPackageLevel(v *types.Var) bool {
	return v.Pkg() != nil && v.Parent() == v.Pkg().Scope()
}

// walkArgs visits the arguments of a go or defer statement's call, which
// are evaluated at once, and the receiver of a method call.
func walkArgs(call *ast.CallExpr, visit func(ast.Node) bool) {
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		ast.Inspect(sel.X, visit)
	}
	for _, a := range call.Args {
		ast.Inspect(a, visit)
	}
}

// loop returns a verdict for loop, in the function body in, if control
// cannot leave it, or nil.
func (c *checker) loop(loop ast.Stmt, in *ast.BlockStmt, reason, fix string) *verdict {
	ex := c.exits(in)[loop]
	if ex == nil || ex.exit {
		return nil
	}
	if ex.selectBreak {
		reason += " (break in a select or switch leaves only that statement)"
		fix = fixBreak
	}
	return &verdict{neverReturns: neverReturns{Reason: reason, Fix: fix, Missed: ex.selectBreak || ex.stop}, at: loop}
}

// loopExit says how control can leave a loop: exit, by a return, a break
// of the loop (unlabeled and not inside an inner for, range, switch or
// select, or naming the loop's label), a break, continue or goto to a
// label outside it, or a call that ends the goroutine or the process;
// selectBreak, an unlabeled break that leaves only a select or switch
// directly in the loop, the classic way to believe a loop exits.
//
// stop says the loop (or a loop inside it) receives a stop signal (see
// stopSignal): with no exit, it watches for the end and does not act on
// it.
//
// A panic is not an exit: it is a crash, not a way for an owner to stop
// the goroutine. Function literals are not entered.
type loopExit struct {
	exit, selectBreak, stop bool
	all                     bool // left by a way out that leaves every loop around it too
}

// exits returns how control can leave each loop of the function body in
// (outside function literals), computed for all its loops in two walks
// of the body, on first need: judging each loop by a walk of its own
// body would cost the nesting depth times the body.
func (c *checker) exits(in *ast.BlockStmt) map[ast.Stmt]*loopExit {
	if m, ok := c.loopExits[in]; ok {
		return m
	}
	info := c.pass.TypesInfo
	out := map[ast.Stmt]*loopExit{}
	c.loopExits[in] = out
	labelAt := map[*types.Label]token.Pos{} // where each label of the body is defined
	labelOf := map[ast.Stmt]*types.Label{}  // each labeled loop's label
	ast.Inspect(in, func(n ast.Node) bool {
		if ls, ok := n.(*ast.LabeledStmt); ok {
			if l, ok := info.Defs[ls.Label].(*types.Label); ok {
				labelAt[l] = ls.Pos()
				labelOf[ls.Stmt] = l
			}
		}
		_, lit := n.(*ast.FuncLit)
		return !lit
	})
	inside := func(loop ast.Stmt, pos token.Pos) bool {
		body := loopBody(loop)
		return body.Pos() <= pos && pos < body.End()
	}

	var stack []ast.Node // every node around the current one
	var loops []ast.Stmt // the loops whose body holds it, innermost last
	var breakable []ast.Node
	ast.Inspect(in, func(n ast.Node) bool {
		if n == nil {
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if len(breakable) > 0 && breakable[len(breakable)-1] == top {
				breakable = breakable[:len(breakable)-1]
			}
			if len(loops) > 0 && ast.Node(loopBody(loops[len(loops)-1])) == top {
				left := out[loops[len(loops)-1]]
				loops = loops[:len(loops)-1]
				if left.stop && len(loops) > 0 {
					out[loops[len(loops)-1]].stop = true // the outer loop watches it too
				}
			}
			return true
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			leaveAll(out, loops)
			return false
		case *ast.BranchStmt:
			switch {
			case n.Label != nil:
				l, _ := info.Uses[n.Label].(*types.Label)
				for i := len(loops) - 1; i >= 0; i-- {
					m := loops[i]
					if l == labelOf[m] {
						if n.Tok == token.BREAK {
							out[m].exit = true // continue or goto restarts the loop
						}
						if l != nil {
							break // the outer loops hold the label: not left
						}
						continue
					}
					if l == nil {
						continue
					}
					if at, ok := labelAt[l]; ok && inside(m, at) {
						break // the label is inside m, and inside every outer loop
					}
					out[m].exit = true
				}
			case n.Tok == token.BREAK && len(breakable) > 0:
				switch target := breakable[len(breakable)-1].(type) {
				case *ast.ForStmt, *ast.RangeStmt:
					out[target.(ast.Stmt)].exit = true
				default:
					// It leaves only the select or switch, which lies
					// directly in the innermost loop, if any.
					if len(loops) > 0 {
						out[loops[len(loops)-1]].selectBreak = true
					}
				}
			}
			return false
		case *ast.CallExpr:
			if c.noReturn.CallExits(n) {
				leaveAll(out, loops)
				return false
			}
		case *ast.UnaryExpr:
			if n.Op == token.ARROW && len(loops) > 0 && c.stopSignal(n.X) {
				out[loops[len(loops)-1]].stop = true
			}
		case *ast.ForStmt, *ast.RangeStmt:
			out[n.(ast.Stmt)] = &loopExit{}
			breakable = append(breakable, n)
		case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
			breakable = append(breakable, n)
		case *ast.BlockStmt:
			if len(stack) > 0 {
				if l, ok := stack[len(stack)-1].(ast.Stmt); ok && out[l] != nil && loopBody(l) == n {
					loops = append(loops, l) // control is in l's body (not its header)
				}
			}
		}
		stack = append(stack, n)
		return true
	})
	return out
}

// stopSignal reports whether ch, a received channel, signals a stop: it
// is ctx.Done() of a context.Context, or a channel (a variable or a
// struct field) that the package closes somewhere. A channel that only
// ever gets values, such as a ticker's or a wake-up channel, is no stop
// signal, nor is one closed only by another package.
func (c *checker) stopSignal(ch ast.Expr) bool {
	info := c.pass.TypesInfo
	if call, ok := ast.Unparen(ch).(*ast.CallExpr); ok {
		return typematch.IsMethodCall(info, call, "context", "Context", "Done")
	}
	v := chanVar(info, ch)
	if v == nil {
		return false
	}
	if c.closed == nil {
		c.closed = map[*types.Var]bool{}
		for cur := range c.in.Root().Preorder((*ast.CallExpr)(nil)) {
			call := cur.Node().(*ast.CallExpr)
			if len(call.Args) == 1 && typematch.Builtin(info, call) == "close" {
				if w := chanVar(info, call.Args[0]); w != nil {
					c.closed[w] = true
				}
			}
		}
	}
	return c.closed[v]
}

// chanVar returns the variable or struct field the expression ch names
// (done, s.quit), or nil.
func chanVar(info *types.Info, ch ast.Expr) *types.Var {
	switch ch := ast.Unparen(ch).(type) {
	case *ast.Ident:
		if v, ok := info.Uses[ch].(*types.Var); ok {
			return v.Origin()
		}
	case *ast.SelectorExpr:
		if v, ok := info.Uses[ch.Sel].(*types.Var); ok {
			return v.Origin() // the field of a generic type, whatever its instance
		}
	}
	return nil
}

// leaveAll marks every loop of loops as left, from the innermost outward:
// a return (or a call that ends the goroutine) leaves them all. A loop
// already left that way had its outer loops marked with it.
func leaveAll(out map[ast.Stmt]*loopExit, loops []ast.Stmt) {
	for i := len(loops) - 1; i >= 0 && !out[loops[i]].all; i-- {
		out[loops[i]].exit, out[loops[i]].all = true, true
	}
}

func loopBody(loop ast.Stmt) *ast.BlockStmt {
	if f, ok := loop.(*ast.ForStmt); ok {
		return f.Body
	}
	return loop.(*ast.RangeStmt).Body
}

// neverClosed describes the channel x when ranging over it cannot end,
// because nothing can close it: time.Tick's channel, a Ticker's or
// Timer's C, or a nil channel. Other channels may be closed by their
// owner, which ends the range; they return "".
func (c *checker) neverClosed(x ast.Expr) string {
	info := c.pass.TypesInfo
	if _, ok := info.TypeOf(x).Underlying().(*types.Chan); !ok {
		return ""
	}
	x = ast.Unparen(x)
	if tv, ok := info.Types[x]; ok && tv.IsNil() {
		return "a nil channel"
	}
	switch x := x.(type) {
	case *ast.CallExpr:
		if typematch.IsCallTo(info, x, "time", "Tick") {
			return "time.Tick's channel"
		}
	case *ast.Ident:
		if v, ok := info.Uses[x].(*types.Var); ok && !v.IsField() {
			return c.neverClosedVar(v)
		}
	case *ast.SelectorExpr:
		if x.Sel.Name == "C" {
			if t := info.TypeOf(x.X); typematch.IsNamed(t, "time", "Ticker") {
				return "a ticker's channel"
			} else if typematch.IsNamed(t, "time", "Timer") {
				return "a timer's channel"
			}
		}
	}
	return ""
}

// neverClosedVar describes the never-closed channel v holds, when every
// assignment to v assigns one (tick := time.Tick(d)), or returns "".
func (c *checker) neverClosedVar(v *types.Var) string {
	if c.ticks == nil {
		c.ticks = map[*types.Var]string{}
		info := c.pass.TypesInfo
		assign := func(id *ast.Ident, rhs ast.Expr) {
			w, ok := info.ObjectOf(id).(*types.Var)
			if !ok {
				return
			}
			what := ""
			if rhs != nil {
				if _, isIdent := ast.Unparen(rhs).(*ast.Ident); !isIdent {
					what = c.neverClosed(rhs)
				}
			}
			if prev, seen := c.ticks[w]; seen && prev != what {
				what = ""
			}
			c.ticks[w] = what
		}
		for _, f := range c.pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.AssignStmt:
					for i, lhs := range n.Lhs {
						if id, ok := ast.Unparen(lhs).(*ast.Ident); ok {
							var rhs ast.Expr
							if len(n.Lhs) == len(n.Rhs) && n.Tok != token.ADD_ASSIGN {
								rhs = n.Rhs[i]
							}
							assign(id, rhs)
						}
					}
				case *ast.ValueSpec:
					for i, name := range n.Names {
						if i < len(n.Values) {
							assign(name, n.Values[i])
						}
					}
				case *ast.UnaryExpr:
					if id, ok := ast.Unparen(n.X).(*ast.Ident); ok && n.Op == token.AND {
						assign(id, nil) // its address escapes: anything may be stored
					}
				}
				return true
			})
		}
	}
	return c.ticks[v]
}

func isTrue(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	return ok && tv.Value != nil && tv.Value.Kind() == constant.Bool && constant.BoolVal(tv.Value)
}

func isInterfaceMethod(fn *types.Func) bool {
	recv := fn.Signature().Recv()
	return recv != nil && types.IsInterface(recv.Type())
}
