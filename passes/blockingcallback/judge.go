package blockingcallback

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"github.com/asynclint/asynclint/internal/blocking"
	"github.com/asynclint/asynclint/internal/report"
	"github.com/asynclint/asynclint/internal/typematch"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// siteKind is the serial dispatcher a callback runs on.
type siteKind int

const (
	dispatchSite siteKind = iota // a case of a dispatch loop
	teaSite                      // Bubble Tea's Update
	informerSite                 // a client-go informer's event handler
	listedSite                   // a callback of a dispatcher named by -blockingcallback.funcs
)

// site is where a callback runs, and what the rule knows there.
type site struct {
	kind siteKind
	// For a dispatch loop: the keys of the channels its select waits on,
	// those of its stop cases, and the variable the case received into.
	selected map[string]bool
	stops    []string
	stopCtxs []string // keys of the contexts whose Done() is a stop case
	recv     *types.Var
	// For a listed dispatcher: its name as the flag gave it.
	dispatcher string
}

// where names the dispatcher in a message: "this dispatch loop".
func (s *site) where() string {
	switch s.kind {
	case teaSite:
		return "Bubble Tea's Update"
	case informerSite:
		return "an informer's event handler"
	case listedSite:
		return "a callback of " + s.dispatcher
	}
	return "this dispatch loop"
}

// consequence and fix complete the message.
func (s *site) consequence() string {
	switch s.kind {
	case teaSite:
		return "no key, tick or other message is handled until it returns; do the work in a tea.Cmd and return its result as a message"
	case informerSite:
		return "every later event for this handler waits behind it; enqueue a key on a workqueue and do the work in a worker"
	case listedSite:
		return "the dispatcher runs its callbacks one at a time, so every later one waits; move the work to a goroutine and send the result back"
	}
	return "its other cases, stop included, wait until it is done; move the work to a goroutine and send the result back to the loop"
}

// judge reports the waits and the long loops in the callback at cur: a
// case clause of a dispatch loop, or a function body.
func (c *checker) judge(cur inspector.Cursor, s *site) {
	scan := c.scan(cur, s)
	leaving := scan.leaving
	for _, op := range c.blocks.Ops(cur) {
		if op.Kind&blocking.Waits == 0 || c.reported[op.Node.Pos()] {
			continue
		}
		for len(leaving) > 0 && leaving[0].End() <= op.Node.Pos() {
			leaving = leaving[1:]
		}
		if len(leaving) > 0 && leaving[0].Pos() <= op.Node.Pos() {
			continue // on the way out: the loop serves nothing after it
		}
		what := c.wait(op, s, scan)
		if what == "" {
			continue
		}
		c.report(op.Node, what+": "+s.consequence())
	}
	for _, l := range scan.loops {
		if !c.reported[l.node.Pos()] {
			c.report(l.node, l.what+" with no yield point blocks "+s.where()+": "+s.consequence())
		}
	}
}

func (c *checker) report(n ast.Node, msg string) {
	c.reported[n.Pos()] = true
	report.Report(c.pass, analysis.Diagnostic{Pos: n.Pos(), End: n.End(), Message: msg})
}

// wait says how op blocks the callback at s ("time.Sleep blocks this
// dispatch loop"), or returns "" when it does not count: see the package
// documentation.
func (c *checker) wait(op blocking.Op, s *site, scan *callbackScan) string {
	info := c.pass.TypesInfo
	where := s.where()
	switch n := op.Node.(type) {
	case *ast.SelectStmt:
		if op.Done != nil || c.guarded(n, s) {
			return "" // a stop case interrupts it: the fix for a blocking send
		}
		return "select with no stop case blocks " + where
	case *ast.SendStmt:
		if c.buffered(n.Chan) || s.recv != nil && rootIs(info, n.Chan, s.recv) {
			return "" // a worker channel with room, or the request's own reply channel
		}
		return "send on " + types.ExprString(n.Chan) + " blocks " + where
	case *ast.UnaryExpr:
		if op.Kind&blocking.Sleep != 0 {
			if scan.drains[n] {
				return "" // if !t.Stop() { <-t.C }: the value is there
			}
			return "receive from a timer blocks " + where
		}
		if k := c.key(n.X); k != "" && s.selected[k] {
			return "" // more of what the case was selected for
		}
		return "receive from " + types.ExprString(n.X) + " blocks " + where
	case *ast.RangeStmt:
		return "range over " + types.ExprString(n.X) + " blocks " + where
	case *ast.CallExpr:
		if op.Done != nil && slices.Contains(s.stopCtxs, c.key(op.Done)) {
			return "" // the callee honours the loop's own context: the stop interrupts it
		}
		k := within(op, op.Kind&blocking.Waits)
		// In a dispatch loop, a channel operation inside a called function is
		// not reported by default (-blockingcallback.deep reports it): on the
		// standard library and the corpus, none of the eight such findings
		// was a stall a maintainer would fix (five false, three debatable):
		// they were the loop's own protocol with its peers, which facts
		// cannot tell apart from a stall: a handoff to a goroutine that
		// always receives (etcd's watcher substreams, sarama's broker
		// consumer), a worker's round trip to its fuzzing process, a select
		// on the loop's own stop channel (raft's snapshots). Bubble Tea's Update and an informer's
		// handlers keep it: there a channel operation waits on the framework's
		// own loop (Program.Send from Update deadlocks). Direct sends and
		// receives in a case are judged in every loop.
		if s.kind == dispatchSite && op.Depth > 0 && !deep {
			k &^= blocking.Chan
		}
		if k == 0 {
			return "" // the wait is deeper than the calls followed by default
		}
		if k == blocking.Chan && s.recv != nil && carriesChan(s.recv.Type()) && c.passesRecv(n, s.recv) {
			// The callee is given the request the case received, and the
			// request carries a channel: the callee's channel operation
			// is most likely the reply.
			return ""
		}
		if s.kind == teaSite && isTeaUpdate(op.Callee) {
			return "" // a component's Update: judged as an Update itself
		}
		return callPhrase(types.ExprString(n.Fun), op, k) + " " + where
	}
	return ""
}

// defaultCallDepth is how many calls deep a wait is followed by
// default: the callee itself waits, or a function it calls does. Deeper
// waits, on the corpus and the standard library, were on rare paths (a
// retry's sleep, waiting for a goroutine to exit while tearing down) of
// loops that must run their events in order, such as a replicated state
// machine's apply loop: not work a maintainer would move off the loop.
// -blockingcallback.deep follows them to blocking.MaxDepth.
const defaultCallDepth = 2

// within returns the kinds of k that fact-followed operation op reaches
// within the calls followed: all of them for a function known by name
// (the wait itself), or with -blockingcallback.deep.
func within(op blocking.Op, k blocking.Kind) blocking.Kind {
	if op.Depth == 0 || deep || op.Fact == nil {
		return k
	}
	return withinFact(op.Fact, k)
}

// withinFact returns the kinds of k that a call of a function with fact
// f reaches at most defaultCallDepth calls deep.
func withinFact(f *blocking.Fact, k blocking.Kind) blocking.Kind {
	if deep {
		return k
	}
	var out blocking.Kind
	for _, kind := range []blocking.Kind{blocking.Sleep, blocking.Chan, blocking.Wait, blocking.IO} {
		if k&kind != 0 && f.DepthOf(kind)+1 <= defaultCallDepth {
			out |= kind
		}
	}
	return out
}

// callPhrase says what a call may do: "time.Sleep blocks", "s.flush may
// sleep (1 call deep) and block".
func callPhrase(name string, op blocking.Op, k blocking.Kind) string {
	kind, phrase := strongest(k)
	if op.Depth == 0 { // a function known by name: the wait itself
		if kind == blocking.IO {
			return name + " waits on the network or another process and blocks"
		}
		return name + " blocks"
	}
	d := op.Fact.DepthOf(kind) + 1
	calls := "calls"
	if d == 1 {
		calls = "call"
	}
	return fmt.Sprintf("%s %s (%d %s deep) and block", name, phrase, d, calls)
}

// strongest returns the kind of k that best says why a call blocks, and
// how to say it: a sleep, a wait, I/O, then a channel operation (the
// weakest evidence: a buffered send does not wait).
func strongest(k blocking.Kind) (blocking.Kind, string) {
	switch {
	case k&blocking.Sleep != 0:
		return blocking.Sleep, "may sleep"
	case k&blocking.Wait != 0:
		return blocking.Wait, "may wait on a WaitGroup, Cond or semaphore"
	case k&blocking.IO != 0:
		return blocking.IO, "may wait on the network or another process"
	}
	return blocking.Chan, "may block on a channel"
}

// guarded reports whether a select nested in a callback has a way out
// other than its sends and receives: a case on a stop channel of the
// dispatch loop, or a case that leaves (returns).
func (c *checker) guarded(sel *ast.SelectStmt, s *site) bool {
	for _, st := range sel.Body.List {
		cc := st.(*ast.CommClause)
		if x := commChan(cc.Comm); x != nil {
			k := c.key(x)
			for _, stop := range s.stops {
				if k == stop {
					return true
				}
			}
		}
		if len(cc.Body) > 0 {
			if _, ok := cc.Body[len(cc.Body)-1].(*ast.ReturnStmt); ok {
				return true
			}
		}
	}
	return false
}

// rootIs reports whether e is v or a selection or index from it
// (req.reply, reqs[i].done).
func rootIs(info *types.Info, e ast.Expr, v *types.Var) bool {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			return info.Uses[x] == v
		case *ast.SelectorExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		default:
			return false
		}
	}
}

// passesRecv reports whether call is given v (or a part of it), as its
// receiver or an argument.
func (c *checker) passesRecv(call *ast.CallExpr, v *types.Var) bool {
	info := c.pass.TypesInfo
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && rootIs(info, sel.X, v) {
		return true
	}
	for _, a := range call.Args {
		if rootIs(info, a, v) {
			return true
		}
	}
	return false
}

// carriesChan reports whether a value of type t carries a channel: it is
// one, or a struct (or pointer to one) with a channel field, its own or
// promoted from an embedded struct (a future embedding its deferError).
func carriesChan(t types.Type) bool { return carriesChanDepth(t, 0) }

// maxEmbedDepth bounds how many embedded structs deep carriesChan looks:
// a reply channel is a field of the request or of a type it embeds, not
// of a type embedded five times over.
const maxEmbedDepth = 3

func carriesChanDepth(t types.Type, depth int) bool {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	switch u := t.Underlying().(type) {
	case *types.Chan:
		return true
	case *types.Struct:
		for i := range u.NumFields() {
			f := u.Field(i)
			if _, ok := f.Type().Underlying().(*types.Chan); ok {
				return true
			}
			if f.Embedded() && depth < maxEmbedDepth && carriesChanDepth(f.Type(), depth+1) {
				return true
			}
		}
	}
	return false
}

// callbackScan is what one walk of a callback finds besides blocking's
// operations: timer drains, and loops whose length comes from input.
type callbackScan struct {
	drains map[*ast.UnaryExpr]bool // <-t.C under if !t.Stop()
	loops  []longLoop
	// leaving are the blocks of a dispatch loop's case that end by
	// leaving the loop (if err != nil { cleanup(); return err }), in
	// source order, outermost only: what runs there does not hold up
	// the loop's other events, since there are none after it.
	leaving []ast.Node
}

type longLoop struct {
	node ast.Node
	what string // "loop of n rounds"
}

// scan walks the callback at cur once. It does not enter function
// literals that are only defined, nor go statements: their code runs
// elsewhere.
func (c *checker) scan(cur inspector.Cursor, s *site) *callbackScan {
	info := c.pass.TypesInfo
	sc := &callbackScan{drains: map[*ast.UnaryExpr]bool{}}
	kinds := []ast.Node{(*ast.FuncLit)(nil), (*ast.GoStmt)(nil), (*ast.IfStmt)(nil), (*ast.ForStmt)(nil),
		(*ast.RangeStmt)(nil), (*ast.BlockStmt)(nil), (*ast.CaseClause)(nil), (*ast.ReturnStmt)(nil)}
	cur.Inspect(kinds, func(lc inspector.Cursor) bool {
		switch n := lc.Node().(type) {
		case *ast.BlockStmt:
			if s.kind == dispatchSite && c.leaves(n.List) {
				sc.leaving = append(sc.leaving, n)
				return false
			}
		case *ast.CaseClause:
			if s.kind == dispatchSite && c.leaves(n.Body) {
				sc.leaving = append(sc.leaving, n)
				return false
			}
		case *ast.ReturnStmt:
			if s.kind == dispatchSite {
				sc.leaving = append(sc.leaving, n)
			}
			return false
		case *ast.FuncLit:
			return lc == cur // the callback itself, when it is a literal
		case *ast.GoStmt:
			return false
		case *ast.IfStmt:
			if t := stoppedTimer(info, n.Cond); t != "" {
				for _, st := range n.Body.List {
					if es, ok := st.(*ast.ExprStmt); ok {
						if u, ok := ast.Unparen(es.X).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
							if sel, ok := ast.Unparen(u.X).(*ast.SelectorExpr); ok && sel.Sel.Name == "C" && c.key(sel.X) == t {
								sc.drains[u] = true
							}
						}
					}
				}
			}
		case *ast.ForStmt, *ast.RangeStmt:
			if what := c.longLoop(n); what != "" && c.blocks.Kinds(lc)&(blocking.Waits|blocking.Yield) == 0 && !startsGoroutines(lc) {
				sc.loops = append(sc.loops, longLoop{node: n, what: what})
				return false // the outermost long loop is the one to move
			}
		}
		return true
	})
	return sc
}

// startsGoroutines reports whether the loop at cur has a go statement:
// it fans work out rather than doing it.
func startsGoroutines(cur inspector.Cursor) bool {
	for range cur.Preorder((*ast.GoStmt)(nil)) {
		return true
	}
	return false
}

// stoppedTimer returns the key of t when cond is !t.Stop() for a
// time.Timer t, or "".
func stoppedTimer(info *types.Info, cond ast.Expr) string {
	u, ok := ast.Unparen(cond).(*ast.UnaryExpr)
	if !ok || u.Op != token.NOT {
		return ""
	}
	call, ok := ast.Unparen(u.X).(*ast.CallExpr)
	if !ok || !typematch.IsMethodCall(info, call, "time", "Timer", "Stop") {
		return ""
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return ""
	}
	return keyOf(info, sel.X)
}

// longLoop says how a loop's trip count depends on input ("loop of n
// rounds"), or returns "" when it does not, or has a fixed length:
// a counting loop, for i := 0; i < n; i++, or a range over an integer,
// with n not a constant. With -blockingcallback.loops, a range over a
// slice, map or string (not an array, not a literal) counts too.
func (c *checker) longLoop(n ast.Node) string {
	info := c.pass.TypesInfo
	switch n := n.(type) {
	case *ast.ForStmt:
		b, ok := ast.Unparen(n.Cond).(*ast.BinaryExpr)
		if !ok || n.Post == nil {
			return ""
		}
		var bound ast.Expr
		switch b.Op {
		case token.LSS, token.LEQ, token.NEQ:
			bound = b.Y
		case token.GTR, token.GEQ:
			bound = b.X
			if dec, ok := n.Post.(*ast.IncDecStmt); ok && dec.Tok == token.DEC {
				bound = b.Y // for i := n; i > 0; i--
			}
		default:
			return ""
		}
		if tv := info.Types[bound]; tv.Value != nil || !isInteger(tv.Type) {
			return ""
		}
		if isLen(info, bound) && !loops {
			return "" // a walk over a collection, as a range is
		}
		return "loop of " + types.ExprString(bound) + " rounds"
	case *ast.RangeStmt:
		tv := info.Types[n.X]
		if tv.Value != nil || tv.Type == nil {
			return ""
		}
		switch u := tv.Type.Underlying().(type) {
		case *types.Basic:
			if u.Info()&types.IsInteger != 0 {
				return "loop of " + types.ExprString(n.X) + " rounds"
			}
			if u.Info()&types.IsString != 0 && loops {
				return "loop over " + types.ExprString(n.X)
			}
		case *types.Slice, *types.Map:
			if _, lit := ast.Unparen(n.X).(*ast.CompositeLit); !lit && loops {
				return "loop over " + types.ExprString(n.X)
			}
		}
	}
	return ""
}

func isInteger(t types.Type) bool {
	b, ok := types.Unalias(t).Underlying().(*types.Basic)
	return ok && b.Info()&types.IsInteger != 0
}

// isLen reports whether e is len(x) or cap(x).
func isLen(info *types.Info, e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return false
	}
	b, ok := info.Uses[id].(*types.Builtin)
	return ok && (b.Name() == "len" || b.Name() == "cap")
}
