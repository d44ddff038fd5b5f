package blocking

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/asynclint/asynclint/internal/ctxscope"
	"github.com/asynclint/asynclint/internal/typematch"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// unit is a function body as one goroutine runs it: a declaration or a
// literal, with the literals it calls on the spot (func() { ... }() and
// defer func() { ... }()) merged in.
type unit struct {
	fn   *types.Func      // the declared function; nil for a literal
	decl inspector.Cursor // the declaration or literal
	ops  []Op             // final operations, in source order (after the fixpoint)
	raw  []Op             // direct operations and every call with a known callee, in source order
	// counts[i][k] is how many of ops[:i] are of kind bit k, so that the
	// kinds of any span of ops take numKinds subtractions.
	counts [][numKinds]int32
}

func run(pass *analysis.Pass) (any, error) {
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	scopes := pass.ResultOf[ctxscope.Analyzer].(*ctxscope.Result)
	res := &Result{pass: pass, facts: map[*types.Func]*Fact{}, units: map[ast.Node]*unit{}}
	w := &walker{pass: pass, res: res}
	w.walk(in)

	// The fixpoint over the package's declared functions.
	var decls []*unit
	for _, u := range w.units {
		if u.fn != nil {
			decls = append(decls, u)
		}
	}
	guards := map[*unit]*guard{}
	for _, u := range decls {
		if g := newGuard(scopes, u); g != nil {
			guards[u] = g
		}
	}
	for range maxRounds {
		changed := false
		for _, u := range decls {
			f := res.summarize(u, guards[u])
			if !f.equal(res.facts[u.fn]) {
				res.facts[u.fn] = f
				changed = true
			}
		}
		if !changed {
			break
		}
	}

	// Final operations, and the facts other packages will see.
	for _, u := range w.units {
		u.ops = make([]Op, 0, len(u.raw))
		for _, op := range u.raw {
			if op.Callee != nil && op.Fact == nil {
				op = res.callOp(op)
				if op.Kind == 0 {
					continue
				}
			}
			u.ops = append(u.ops, op)
		}
		u.raw = nil
		u.counts = make([][numKinds]int32, len(u.ops)+1)
		for i, op := range u.ops {
			u.counts[i+1] = u.counts[i]
			for k := range numKinds {
				if op.Kind&(1<<k) != 0 {
					u.counts[i+1][k]++
				}
			}
		}
	}
	for _, u := range decls {
		if f := res.facts[u.fn]; f != nil && u.fn.Exported() {
			pass.ExportObjectFact(u.fn, f)
		}
	}
	return res, nil
}

// callOp completes the Op of a call with its callee's fact, the kinds
// within MaxDepth of the call, and the context the callee honours.
func (r *Result) callOp(op Op) Op {
	f := r.Fact(op.Callee)
	if f == nil {
		op.Kind = 0
		return op
	}
	op.Fact = f
	op.Kind, op.Depth = reach(op.Callee, f)
	if f.HonoursCtx() {
		op.Done = ctxArg(r.pass.TypesInfo, op.Node.(*ast.CallExpr), int(f.CtxParam))
	}
	return op
}

// reach returns the kinds of f, the fact of callee, that a call to
// callee gets within MaxDepth, and the depth of the nearest. A function
// known by name is the operation itself: depth 0.
func reach(callee *types.Func, f *Fact) (Kind, int) {
	if known(callee) == f {
		return f.Kinds, 0
	}
	var k Kind
	nearest := -1
	for i := range numKinds {
		if f.Kinds&(1<<i) != 0 && int(f.Depth[i])+1 <= MaxDepth {
			k |= 1 << i
			if d := int(f.Depth[i]) + 1; nearest < 0 || d < nearest {
				nearest = d
			}
		}
	}
	return k, max(nearest, 0)
}

// ctxArg returns the argument of call in the callee's parameter i,
// shifting for a method expression (T.M(recv, ctx)).
func ctxArg(info *types.Info, call *ast.CallExpr, i int) ast.Expr {
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if s, ok := info.Selections[sel]; ok && s.Kind() == types.MethodExpr {
			i++
		}
	}
	if i < 0 || i >= len(call.Args) {
		return nil
	}
	return call.Args[i]
}

// summarize computes the fact of a declared function from its
// operations and its callees' current facts; nil when it neither waits
// nor yields.
func (r *Result) summarize(u *unit, g *guard) *Fact {
	f := &Fact{CtxParam: -1}
	if g != nil {
		f.CtxParam = int8(g.index)
	}
	add := func(k Kind, depth int, cancellable bool) {
		k &= propagated
		for i := range numKinds {
			if k&(1<<i) == 0 {
				continue
			}
			if f.Kinds&(1<<i) == 0 || uint8(depth) < f.Depth[i] {
				f.Depth[i] = uint8(depth)
			}
		}
		f.Kinds |= k
		if !cancellable {
			f.Uncancellable |= k
		}
	}
	for _, op := range u.raw {
		if op.Callee == nil { // a channel operation
			add(op.Kind, 0, g != nil && op.Done != nil && g.cancels(op.Done))
			continue
		}
		cf := op.Fact
		if cf == nil {
			cf = r.Fact(op.Callee)
		}
		if cf == nil {
			continue
		}
		k, _ := reach(op.Callee, cf)
		if k == 0 {
			continue
		}
		direct := known(op.Callee) == cf
		passes := false
		if g != nil && cf.CtxParam >= 0 {
			if arg := ctxArg(r.pass.TypesInfo, op.Node.(*ast.CallExpr), int(cf.CtxParam)); arg != nil {
				passes = g.cancels(arg)
			}
		}
		for i := range numKinds {
			ki := k & (1 << i)
			if ki == 0 {
				continue
			}
			depth := 0
			if !direct {
				depth = int(cf.Depth[i]) + 1
			}
			// The caller's context interrupts what the callee's own
			// context interrupts, when it is the one passed.
			add(ki, depth, passes && cf.Uncancellable&ki == 0)
		}
	}
	if f.Kinds == 0 {
		return nil
	}
	if g == nil {
		f.Uncancellable = f.Kinds
	}
	return f
}

// guard tells whether a context expression in a declared function is
// cancelled with the function's first context parameter. ctxscope is
// asked on first use only: most functions with a context never need it.
type guard struct {
	index  int
	scopes *ctxscope.Result
	u      *unit
	param  *types.Var
	done   bool           // scope and ctx are resolved
	scope  *ctxscope.Func // nil when the parameter is named _ or unnamed
	ctx    *ctxscope.Ctx
}

// newGuard returns the guard of u's function, or nil when it takes no
// context.
func newGuard(scopes *ctxscope.Result, u *unit) *guard {
	sig := u.fn.Signature()
	for i := range sig.Params().Len() {
		if v := sig.Params().At(i); typematch.IsContext(v.Type()) {
			return &guard{index: i, scopes: scopes, u: u, param: v}
		}
	}
	return nil
}

func (g *guard) cancels(e ast.Expr) bool {
	if !g.done {
		g.done = true
		if f := g.scopes.Func(g.u.decl); f != nil {
			if c := f.Lookup(g.param); c != nil {
				g.scope, g.ctx = f, c
			}
		}
	}
	return g.ctx != nil && g.scope.CancelsCtx(g.ctx, e)
}

// walker collects the units of a package and their raw operations in
// one pass of the inspector.
type walker struct {
	pass  *analysis.Pass
	res   *Result
	units []*unit
	skip  map[ast.Node]bool // the sends and receives of select cases, and go statements' calls
}

var walkTypes = []ast.Node{
	(*ast.FuncDecl)(nil), (*ast.FuncLit)(nil), (*ast.GoStmt)(nil), (*ast.CallExpr)(nil),
	(*ast.SendStmt)(nil), (*ast.UnaryExpr)(nil), (*ast.RangeStmt)(nil), (*ast.SelectStmt)(nil),
}

func (w *walker) walk(in *inspector.Inspector) {
	info := w.pass.TypesInfo
	w.skip = map[ast.Node]bool{}
	type frame struct {
		u   *unit
		end token.Pos
	}
	var stack []frame
	in.Root().Inspect(walkTypes, func(cur inspector.Cursor) bool {
		n := cur.Node()
		for len(stack) > 0 && n.Pos() >= stack[len(stack)-1].end {
			stack = stack[:len(stack)-1]
		}
		var u *unit
		if len(stack) > 0 {
			u = stack[len(stack)-1].u
		}
		switch n := n.(type) {
		case *ast.FuncDecl:
			if n.Body == nil {
				return false
			}
			fn, _ := info.Defs[n.Name].(*types.Func)
			nu := &unit{fn: fn, decl: cur}
			if fn == nil {
				nu.fn = nil
			}
			w.units = append(w.units, nu)
			w.res.units[n] = nu
			stack = append(stack, frame{nu, n.End()})
			return true
		case *ast.FuncLit:
			if u != nil && calledOnTheSpot(cur) {
				w.res.units[n] = u // runs now, in this goroutine
				return true
			}
			nu := &unit{decl: cur}
			w.units = append(w.units, nu)
			w.res.units[n] = nu
			stack = append(stack, frame{nu, n.End()})
			return true
		}
		if u == nil || w.skip[n] {
			return true // package-level initializers; or accounted for elsewhere
		}
		switch n := n.(type) {
		case *ast.GoStmt:
			w.skip[n.Call] = true // runs in another goroutine; its operands do not
		case *ast.SelectStmt:
			if op, ok := w.selectOp(n); ok {
				u.raw = append(u.raw, op)
			}
		case *ast.SendStmt:
			u.raw = append(u.raw, Op{Node: n, Kind: Chan})
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				kind, done := w.recv(n.X)
				u.raw = append(u.raw, Op{Node: n, Kind: kind, Done: done})
			}
		case *ast.RangeStmt:
			if isChan(info.TypeOf(n.X)) {
				kind, _ := w.recv(n.X)
				u.raw = append(u.raw, Op{Node: n, Kind: kind})
			}
		case *ast.CallExpr:
			fn := typematch.Callee(info, n)
			if fn == nil {
				break // a function value, builtin or conversion: unknown, taken not to wait
			}
			// An interface method is recorded too, but has no fact: unknown
			// unless known() names it (net.Conn's Read).
			op := Op{Node: n, Callee: fn}
			if f := known(fn); f != nil {
				op.Kind, op.Fact = f.Kinds, f
				if f.CtxParam >= 0 {
					op.Done = ctxArg(info, n, int(f.CtxParam))
				}
			}
			u.raw = append(u.raw, op)
		}
		return true
	})
}

// calledOnTheSpot reports whether the literal at cur is called where it
// stands, by the goroutine that defines it: func() { ... }() or defer
// func() { ... }(), not go func() { ... }().
func calledOnTheSpot(cur inspector.Cursor) bool {
	if cur.ParentEdgeKind() != edge.CallExpr_Fun {
		return false
	}
	return cur.Parent().ParentEdgeKind() != edge.GoStmt_Call
}

// selectOp returns the operation of a select statement: none with a
// default case (it never waits); otherwise it waits for its cases, for
// a timer's length if one is a timer.
func (w *walker) selectOp(s *ast.SelectStmt) (Op, bool) {
	op := Op{Node: s}
	hasDefault := false
	for _, st := range s.Body.List {
		cc := st.(*ast.CommClause)
		var x ast.Expr // the channel of a receive
		switch c := cc.Comm.(type) {
		case nil:
			hasDefault = true
			continue
		case *ast.SendStmt:
			w.skip[c] = true
			op.Kind |= Chan
			continue
		case *ast.ExprStmt:
			x = c.X
		case *ast.AssignStmt:
			x = c.Rhs[0]
		}
		if u, ok := ast.Unparen(x).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
			w.skip[u] = true
			kind, done := w.recv(u.X)
			op.Kind |= kind
			if op.Done == nil {
				op.Done = done
			}
		}
	}
	if hasDefault {
		return Op{}, false
	}
	if len(s.Body.List) == 0 {
		op.Kind = Chan // select {}: forever
	}
	return op, true
}

// recv classifies a receive from the channel x: Sleep for a timer's
// channel, Chan otherwise, with the context for ctx.Done().
func (w *walker) recv(x ast.Expr) (Kind, ast.Expr) {
	info := w.pass.TypesInfo
	switch x := ast.Unparen(x).(type) {
	case *ast.CallExpr:
		fn := typematch.Callee(info, x)
		switch {
		case typematch.IsFunc(fn, "time", "After"), typematch.IsFunc(fn, "time", "Tick"):
			return Sleep, nil
		case typematch.IsMethod(fn, "context", "Context", "Done"):
			if sel, ok := ast.Unparen(x.Fun).(*ast.SelectorExpr); ok {
				return Chan, sel.X
			}
		}
	case *ast.SelectorExpr:
		if x.Sel.Name == "C" {
			if t := info.TypeOf(x.X); typematch.IsNamed(t, "time", "Timer") || typematch.IsNamed(t, "time", "Ticker") {
				return Sleep, nil
			}
		}
	}
	return Chan, nil
}

// isChan reports whether t is a channel type; false for a missing type.
func isChan(t types.Type) bool {
	if t == nil {
		return false
	}
	_, ok := t.Underlying().(*types.Chan)
	return ok
}
