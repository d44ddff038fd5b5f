package unboundedgo

import (
	_ "embed"
	"go/ast"
	"go/token"
	"go/types"

	"github.com/asynclint/asynclint/internal/ruledoc"
	"github.com/asynclint/asynclint/internal/suppress"
	"github.com/asynclint/asynclint/internal/testcode"
	"github.com/asynclint/asynclint/internal/typematch"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

//go:embed doc.go
var doc string

// Analyzer is the unboundedgo rule.
var Analyzer = &analysis.Analyzer{
	Name:      "unboundedgo",
	Doc:       ruledoc.Summary(doc, "unboundedgo"),
	URL:       ruledoc.URL("unboundedgo"),
	Requires:  []*analysis.Analyzer{inspect.Analyzer, suppress.Analyzer},
	FactTypes: []analysis.Fact{new(limiterFact)},
	Run:       run,
}

var (
	accept bool // -unboundedgo.accept
	tests  bool // -unboundedgo.tests
	all    bool // -unboundedgo.all
)

func init() {
	Analyzer.Flags.BoolVar(&accept, "accept", false, "also report server accept loops (Accept, then go handle(conn))")
	Analyzer.Flags.BoolVar(&tests, "tests", false, "also report in test code (_test.go files and files importing testing)")
	Analyzer.Flags.BoolVar(&all, "all", false, "also report loops over what the function did not get from its caller: its receiver's fields, package state, locals it built, call results")
}

func run(pass *analysis.Pass) (any, error) {
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	c := &checker{
		pass:  pass,
		facts: newFuncFacts(pass),
		loops: &loops{pass: pass, in: in},
		fixed: map[*types.Var]bool{},
	}
	c.facts.export()
	for cur := range in.Root().Preorder((*ast.GoStmt)(nil), (*ast.CallExpr)(nil)) {
		s := c.spawnAt(cur)
		if s == nil {
			continue // not a goroutine start, or one on a group we cannot see
		}
		if !tests && testcode.Contains(pass, s.node.Pos()) {
			continue // a test's inputs are its own
		}
		l := c.inputLoop(cur, s)
		if l == nil {
			continue // not in a loop whose trip count depends on input
		}
		if l.accept && !accept {
			continue // a server's accept loop: one goroutine per connection is the design
		}
		if !all && !l.accept && !c.loops.fromCaller(l.source) {
			continue // the program's own state (nodes, shards, watchers): see doc.go
		}
		if c.limited(s, l) {
			continue
		}
		c.report(s, l)
	}
	return nil, nil
}

// checker finds unbounded goroutine starts in one package.
type checker struct {
	pass  *analysis.Pass
	facts *funcFacts
	loops *loops
	fixed map[*types.Var]bool // errgroups a fix was already offered for
	names map[string]bool     // constant names fixes of this package introduce

	limits map[ast.Node]map[*types.Var]token.Pos // per function body: each group's first SetLimit
	stops  map[listKey]int                       // per statement list and loop: the last statement that waits or leaves

	// Questions asked of many nested statements, each answered once per
	// statement (see scanner); made on first use.
	waiting, throttles *scanner
}

// listKey names a statement list (by the node that holds it) as seen from
// one input loop around it.
type listKey struct {
	owner ast.Node
	loop  ast.Stmt
}

type spawnKind int

const (
	goStmt      spawnKind = iota // go f()
	errgroupGo                   // g.Go(f) on an errgroup.Group
	waitGroupGo                  // wg.Go(f) on a sync.WaitGroup
)

// spawn is one place that starts a goroutine.
type spawn struct {
	kind  spawnKind
	node  ast.Node // the go statement or the Go call: where the finding goes
	cur   inspector.Cursor
	lit   *ast.FuncLit      // the function literal the goroutine runs, or nil
	fn    *types.Func       // the named function it runs, or nil
	args  []ast.Expr        // the arguments fn or lit is called with
	recv  ast.Expr          // the receiver of the method fn, or nil
	call  *ast.CallExpr     // the Go call, for errgroupGo and waitGroupGo
	group *types.Var        // the local errgroup of errgroupGo
	sel   *ast.SelectorExpr // g.Go's selector
}

// spawnAt returns the goroutine start at cur, or nil. errgroup.Group.Go
// counts only on a group local to the function (whose SetLimit calls are
// all in sight).
func (c *checker) spawnAt(cur inspector.Cursor) *spawn {
	info := c.pass.TypesInfo
	switch n := cur.Node().(type) {
	case *ast.GoStmt:
		s := &spawn{kind: goStmt, node: n, cur: cur}
		c.runs(s, n.Call.Fun, n.Call.Args)
		return s
	case *ast.CallExpr:
		fn := typematch.Callee(info, n)
		var kind spawnKind
		switch {
		case typematch.IsMethod(fn, errgroupPath, "Group", "Go"):
			kind = errgroupGo
		case typematch.IsMethod(fn, "sync", "WaitGroup", "Go"):
			kind = waitGroupGo
		default:
			return nil
		}
		sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr)
		if !ok || len(n.Args) != 1 {
			return nil
		}
		s := &spawn{kind: kind, node: n, cur: cur, call: n, sel: sel}
		if kind == errgroupGo {
			id, ok := ast.Unparen(sel.X).(*ast.Ident)
			if !ok {
				return nil // a field or an expression: its limit is set elsewhere
			}
			v, ok := info.Uses[id].(*types.Var)
			if !ok || isParam(v) || isPackageLevel(v) {
				return nil // handed in or shared: its limit is set elsewhere
			}
			s.group = v
		}
		c.runs(s, n.Args[0], nil)
		return s
	}
	return nil
}

// runs records in s what the goroutine runs: the function fun (a literal,
// a function, a method value) called with args.
func (c *checker) runs(s *spawn, fun ast.Expr, args []ast.Expr) {
	s.args = args
	switch f := ast.Unparen(fun).(type) {
	case *ast.FuncLit:
		s.lit = f
	case *ast.Ident:
		s.fn, _ = c.pass.TypesInfo.Uses[f].(*types.Func)
		if vals, ok := c.loops.values(f); ok && len(vals) == 1 {
			s.lit, _ = ast.Unparen(vals[0]).(*ast.FuncLit) // worker := func() { ... }; go worker()
		}
	case *ast.SelectorExpr:
		s.fn, _ = c.pass.TypesInfo.Uses[f.Sel].(*types.Func)
		if sel, ok := c.pass.TypesInfo.Selections[f]; ok && sel.Kind() != types.FieldVal {
			s.recv = f.X
		}
	case *ast.IndexExpr: // a generic function instantiated: f[T]
		if id, ok := ast.Unparen(f.X).(*ast.Ident); ok {
			s.fn, _ = c.pass.TypesInfo.Uses[id].(*types.Func)
		}
	}
	if s.fn != nil {
		s.fn = s.fn.Origin()
	}
}

// inputLoop returns the innermost loop around s, in the same function,
// whose trip count depends on input and that starts one goroutine per
// item, or nil.
func (c *checker) inputLoop(cur inspector.Cursor, s *spawn) *inputLoop {
	for enc := range cur.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		var body *ast.BlockStmt
		switch n := enc.Node().(type) {
		case *ast.FuncLit, *ast.FuncDecl:
			return nil
		case *ast.ForStmt:
			body = n.Body
		case *ast.RangeStmt:
			body = n.Body
		}
		if s.node.Pos() < body.Pos() || s.node.End() > body.End() {
			continue // in the loop's header: it runs once or per iteration, but is not the loop's work
		}
		l := c.loops.classify(enc.Node().(ast.Stmt))
		if l == nil {
			continue
		}
		if l.counted && l.source == nil {
			return nil // n alike goroutines: a pool of n workers
		}
		return l
	}
	return nil
}

// limited reports whether something bounds the goroutines s starts in
// loop l: a limit on its errgroup, a semaphore acquired before the work,
// workers draining one shared channel, a wait in each iteration, a loop
// that ends once it has started one, or a throttle.
func (c *checker) limited(s *spawn, l *inputLoop) bool {
	switch {
	case s.kind == errgroupGo && c.hasSetLimit(s):
		return true
	case c.acquiresBefore(s, l):
		return true
	case c.goroutineAcquires(s):
		return true
	case c.isWorker(s, l):
		return true
	case c.throttled(l):
		return true
	case c.waitsOrLeaves(s, l):
		return true
	}
	return false
}

// hasSetLimit reports whether the function calls SetLimit on s's group
// before s. The SetLimit calls of a function are collected once.
func (c *checker) hasSetLimit(s *spawn) bool {
	body := enclosingFuncBody(s.cur)
	limits, ok := c.limits[body]
	if !ok {
		limits = map[*types.Var]token.Pos{}
		ast.Inspect(body, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || !typematch.IsMethodCall(c.pass.TypesInfo, call, errgroupPath, "Group", "SetLimit") {
				return true
			}
			if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
				if v := rootVar(c.pass.TypesInfo, sel.X); v != nil {
					if p, seen := limits[v]; !seen || call.Pos() < p {
						limits[v] = call.Pos()
					}
				}
			}
			return true
		})
		if c.limits == nil {
			c.limits = map[ast.Node]map[*types.Var]token.Pos{}
		}
		c.limits[body] = limits
	}
	p, ok := limits[s.group]
	return ok && p < s.node.Pos()
}

// enclosingFuncBody returns the body of the function declaration around
// cur (the outermost function: a group captured by a literal is declared
// there).
func enclosingFuncBody(cur inspector.Cursor) ast.Node {
	var body ast.Node
	for enc := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		switch n := enc.Node().(type) {
		case *ast.FuncDecl:
			return n.Body
		case *ast.FuncLit:
			body = n.Body
		}
	}
	return body
}

// acquiresBefore reports whether l's body acquires a limiter before s:
// sem <- struct{}{}, sem.Acquire(ctx, 1), or a call of a function that
// does (facts).
func (c *checker) acquiresBefore(s *spawn, l *inputLoop) bool {
	first := c.facts.firstAcquire(l.body)
	return first.IsValid() && first < s.node.Pos()
}

// goroutineAcquires reports whether the goroutine s starts acquires a
// limiter before its work.
func (c *checker) goroutineAcquires(s *spawn) bool {
	if s.lit != nil {
		return c.facts.firstAcquire(s.lit.Body).IsValid()
	}
	return s.fn != nil && !isInterfaceMethod(s.fn) && c.facts.of(s.fn).Acquires
}

// isWorker reports whether the goroutine s starts drains a channel shared
// by every iteration of l (declared outside it): the loop starts a pool
// of workers, and the channel bounds the work.
func (c *checker) isWorker(s *spawn, l *inputLoop) bool {
	info := c.pass.TypesInfo
	shared := func(e ast.Expr) bool {
		v := rootVar(info, e)
		return v != nil && (isPackageLevel(v) || v.Pos() < l.stmt.Pos() || v.Pos() >= l.stmt.End())
	}
	if s.lit != nil {
		for _, ch := range drainedChans(info, s.lit.Body) {
			if shared(ch) {
				return true
			}
			// go func(jobs <-chan T) { ... }(jobs)
			if v := rootVar(info, ch); v != nil && isParam(v) {
				for i, p := range paramVars(info, s.lit) {
					if p == v && i < len(s.args) && shared(s.args[i]) {
						return true
					}
				}
			}
		}
		return false
	}
	if s.fn == nil || isInterfaceMethod(s.fn) {
		return false
	}
	f := c.facts.of(s.fn)
	if f.Global {
		return true
	}
	for _, i := range f.Drains {
		switch {
		case i == receiverParam:
			if s.recv != nil && shared(s.recv) {
				return true
			}
		case i < len(s.args):
			if shared(s.args[i]) {
				return true
			}
		}
	}
	return false
}

// paramVars returns the parameters of a function literal, in order.
func paramVars(info *types.Info, lit *ast.FuncLit) []*types.Var {
	var out []*types.Var
	for _, f := range lit.Type.Params.List {
		for _, name := range f.Names {
			v, _ := info.Defs[name].(*types.Var)
			out = append(out, v)
		}
		if len(f.Names) == 0 {
			out = append(out, nil)
		}
	}
	return out
}

// throttled reports whether each iteration of l waits on a clock or a
// rate limiter (time.Sleep, a ticker, rate.Limiter.Wait): goroutines are
// started at a bounded rate.
func (c *checker) throttled(l *inputLoop) bool {
	if c.throttles == nil {
		info := c.pass.TypesInfo
		c.throttles = newScanner(func(n ast.Node) (bool, bool) {
			switch n := n.(type) {
			case *ast.FuncLit, *ast.GoStmt:
				return false, false
			case *ast.CallExpr:
				fn := typematch.Callee(info, n)
				return typematch.IsFunc(fn, "time", "Sleep") || typematch.IsMethod(fn, "golang.org/x/time/rate", "Limiter", "Wait"), true
			case *ast.UnaryExpr:
				return n.Op == token.ARROW && isTimerChan(info, n.X), true
			}
			return false, true
		})
	}
	return c.throttles.first(l.body) != nil
}

// waitsOrLeaves reports whether, after s in the same iteration of l, the
// loop waits for goroutines or a result (wg.Wait, g.Wait, a receive: the
// goroutines of one iteration are joined before the next starts), or
// leaves (a return or a break of l right after it: it starts one).
func (c *checker) waitsOrLeaves(s *spawn, l *inputLoop) bool {
	cur := s.cur
	if s.kind != goStmt {
		cur = cur.Parent() // the statement holding the call
	}
	inner := false // a breakable statement lies between the current level and l
	for cur.Node() != l.body {
		kind, idx := cur.ParentEdge()
		parent := cur.Parent()
		var list []ast.Stmt
		switch cur.Node().(type) {
		case *ast.CaseClause, *ast.CommClause:
			kind = edge.Invalid // the other clauses are alternatives, not what follows
		}
		switch kind {
		case edge.BlockStmt_List:
			list = parent.Node().(*ast.BlockStmt).List
		case edge.CaseClause_Body:
			list = parent.Node().(*ast.CaseClause).Body
		case edge.CommClause_Body:
			list = parent.Node().(*ast.CommClause).Body
		}
		if list != nil && c.lastStop(listKey{parent.Node(), l.stmt}, list, l, inner) > idx {
			return true
		}
		switch parent.Node().(type) {
		case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
			inner = true
		case *ast.FuncLit, *ast.FuncDecl:
			return false // not reached: s is inside l's body
		}
		cur = parent
	}
	return false
}

// lastStop returns the index of the last statement of list that waits or
// leaves l (see waitsOrLeaves), or -1. It is computed once per list and
// loop, so that many goroutine starts in one list cost one walk of it.
func (c *checker) lastStop(key listKey, list []ast.Stmt, l *inputLoop, inner bool) int {
	if last, ok := c.stops[key]; ok {
		return last
	}
	last := -1
	for i := len(list) - 1; i >= 0; i-- {
		if c.leaves(list[i], l, inner) || c.waits(list[i]) {
			last = i
			break
		}
	}
	if c.stops == nil {
		c.stops = map[listKey]int{}
	}
	c.stops[key] = last
	return last
}

// leaves reports whether statement st, a statement of l's body at a
// level where inner says whether an unlabeled break stays inside, leaves
// l: a return, or a break of l.
func (c *checker) leaves(st ast.Stmt, l *inputLoop, inner bool) bool {
	switch st := st.(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.BranchStmt:
		if st.Tok != token.BREAK {
			return false
		}
		if st.Label == nil {
			return !inner
		}
		lbl, ok := c.pass.TypesInfo.Uses[st.Label].(*types.Label)
		return ok && (lbl.Pos() < l.stmt.Pos() || lbl.Pos() >= l.stmt.End())
	}
	return false
}

// waits reports whether st blocks until another goroutine acts: a
// WaitGroup or errgroup Wait, or a receive outside a select with a
// default (a select waits on its cases; a default makes it a poll).
func (c *checker) waits(st ast.Stmt) bool {
	if c.waiting == nil {
		info := c.pass.TypesInfo
		c.waiting = newScanner(func(n ast.Node) (bool, bool) {
			switch n := n.(type) {
			case *ast.FuncLit, *ast.GoStmt:
				return false, false
			case *ast.SelectStmt:
				for _, cc := range n.Body.List {
					if cc.(*ast.CommClause).Comm == nil {
						return false, false // select with default: it does not wait
					}
				}
			case *ast.RangeStmt:
				_, ok := typeUnder(info, n.X).(*types.Chan)
				return ok, true
			case *ast.UnaryExpr:
				return n.Op == token.ARROW, true
			case *ast.CallExpr:
				fn := typematch.Callee(info, n)
				return typematch.IsMethod(fn, "sync", "WaitGroup", "Wait") || typematch.IsMethod(fn, errgroupPath, "Group", "Wait"), true
			}
			return false, true
		})
	}
	return c.waiting.first(st) != nil
}
