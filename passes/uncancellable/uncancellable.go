package uncancellable

import (
	_ "embed"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"time"

	"github.com/asynclint/asynclint/internal/astmatch"
	"github.com/asynclint/asynclint/internal/blocking"
	"github.com/asynclint/asynclint/internal/ctxscope"
	"github.com/asynclint/asynclint/internal/report"
	"github.com/asynclint/asynclint/internal/ruledoc"
	"github.com/asynclint/asynclint/internal/suppress"
	"github.com/asynclint/asynclint/internal/testcode"
	"github.com/asynclint/asynclint/internal/typematch"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
)

//go:embed doc.go
var doc string

// Analyzer is the uncancellable rule.
var Analyzer = &analysis.Analyzer{
	Name:     "uncancellable",
	Doc:      ruledoc.Summary(doc, "uncancellable"),
	URL:      ruledoc.URL("uncancellable"),
	Requires: []*analysis.Analyzer{inspect.Analyzer, suppress.Analyzer, ctxscope.Analyzer, blocking.Analyzer},
	Run:      run,
}

var (
	chans      bool // -uncancellable.chans
	waits      bool // -uncancellable.waits
	timerDrain bool // -uncancellable.timerdrain
	sleeps     bool // -uncancellable.sleep
)

func init() {
	Analyzer.Flags.BoolVar(&chans, "chans", false, "report every channel send or receive outside a select with ctx.Done(), and selects without one, not only sends in the loops of functions that follow their ctx")
	Analyzer.Flags.BoolVar(&waits, "waits", false, "also report sync.WaitGroup.Wait")
	Analyzer.Flags.BoolVar(&timerDrain, "timerdrain", false, "also report the timer drain if !t.Stop() { <-t.C }")
	Analyzer.Flags.BoolVar(&sleeps, "sleep", false, "also report time.Sleep in a function with a ctx in scope, and receives from timers (<-time.After(d), <-t.C) outside a select")
}

func run(pass *analysis.Pass) (any, error) {
	if !typematch.Imports(pass.Pkg, "context") {
		return nil, nil // no context in scope anywhere
	}
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	scopes := pass.ResultOf[ctxscope.Analyzer].(*ctxscope.Result)
	blocks := pass.ResultOf[blocking.Analyzer].(*blocking.Result)
	c := &checker{pass: pass, mentions: map[ast.Node]bool{}, inliner: ctxscope.NewInliner(pass.TypesInfo), buffered: map[*types.Var]bool{}, in: in, returned: map[*ast.FuncDecl]map[*types.Var]bool{}}
	for opCur := range in.Root().Preorder((*ast.CallExpr)(nil), (*ast.SendStmt)(nil), (*ast.UnaryExpr)(nil), (*ast.SelectStmt)(nil)) {
		if u, ok := opCur.Node().(*ast.UnaryExpr); ok && u.Op != token.ARROW {
			continue
		}
		op, ok := opAt(blocks, opCur)
		if !ok || op.Depth != 0 || op.Done != nil {
			continue // not a wait, a callee's wait, or one that a context interrupts
		}
		k := kindOf(pass, opCur, op)
		if k == other || k == waitGroup && !waits || k == drain && !timerDrain || (k == sleep || k == timer) && !sleeps {
			continue
		}
		f := scopes.Func(opCur)
		if f == nil || outsideScope(pass, opCur) || testcode.Contains(pass, op.Node.Pos()) {
			continue
		}
		ctx, follows := c.inScope(opCur, f, op.Node.Pos())
		if ctx == nil {
			continue
		}
		if k == cond && c.wokenOnCancel(op.Node.(*ast.CallExpr)) {
			continue // the Cond is broadcast when a context is cancelled
		}
		if k == cond && !sleeps && c.wokenByTimer(op.Node.(*ast.CallExpr)) {
			continue // a timer wakes the waiters: a bounded wait, a sleep by another name
		}
		if (k == sleep || k == timer) && c.shortPause(op) {
			continue // a pause of at most shortSleep, not a hang
		}
		if afterDoneFallback(pass.TypesInfo, opCur) {
			continue // runs only when ctx.Done() is nil: ctx cannot be cancelled
		}
		if (k == send || k == recv || k == selectNoDone) && !chans && (k != send || !c.producerSend(opCur, follows)) {
			continue // a channel operation outside the default shape: -uncancellable.chans
		}
		msg := message(k, op.Node, ctx.Expr())
		report.Report(pass, analysis.Diagnostic{Pos: op.Node.Pos(), End: op.Node.End(), Message: msg})
	}
	return nil, nil
}

// shortSleep is the longest constant sleep the rule lets pass. It delays
// cancellation by at most that much: as a one-off, or in a loop that
// checks its context on every round (a poll: for ctx.Err() == nil {
// ...; time.Sleep(50 * time.Millisecond) }), that is a pause a
// maintainer accepts, not a hang. A second is the usual poll interval
// of tests and retry loops in the corpus.
const shortSleep = time.Second

// shortPause reports whether the sleep or timer receive op waits a
// constant time of at most shortSleep. An endless loop paced by such a
// pause that never looks at its context (for { time.Sleep(500 *
// time.Millisecond); publish(ctx) }) is not reported either: the pause
// delays cancellation by half a second; what keeps the loop running is
// its missing exit, immortalgo's finding where the goroutine has no way
// to stop, and in the corpus such loops are examples' publishers that
// live as long as the process.
func (c *checker) shortPause(op blocking.Op) bool {
	var d ast.Expr
	switch n := op.Node.(type) {
	case *ast.CallExpr:
		if len(n.Args) == 1 {
			d = n.Args[0]
		}
	case *ast.UnaryExpr:
		if call, ok := ast.Unparen(n.X).(*ast.CallExpr); ok && len(call.Args) == 1 &&
			typematch.IsCallTo(c.pass.TypesInfo, call, "time", "After") {
			d = call.Args[0]
		}
	}
	if d == nil {
		return false // a timer's or ticker's channel: its period is not known here
	}
	tv, ok := c.pass.TypesInfo.Types[d]
	if !ok || tv.Value == nil {
		return false
	}
	n, ok := constant.Int64Val(constant.ToInt(tv.Value))
	return ok && time.Duration(n) <= shortSleep
}

// wokenOnCancel reports whether the Cond that the Wait call waits on
// (a local variable or a struct field) is broadcast when a context is
// cancelled somewhere in the package:
//
//   - context.AfterFunc(ctx, cond.Broadcast), or AfterFunc with a
//     literal that calls cond.Broadcast(): the fix the rule suggests;
//   - cond.Broadcast() in a function that also calls a
//     context.CancelFunc: the canceller wakes the waiters in the same
//     breath (mongo-driver's pool.close cancels its background context
//     and broadcasts the Cond its connection creator waits on).
//
// The package's calls are walked once, on the first Cond wait.
func (c *checker) wokenOnCancel(wait *ast.CallExpr) bool {
	if c.woken == nil {
		c.woken = c.condsWokenOnCancel()
	}
	return c.woken[c.waitedCond(wait)]
}

// waitedCond returns the Cond that the Wait call waits on, or nil (a
// nil key is in neither map of Conds).
func (c *checker) waitedCond(wait *ast.CallExpr) types.Object {
	if sel, ok := ast.Unparen(wait.Fun).(*ast.SelectorExpr); ok {
		return condObj(c.pass.TypesInfo, sel.X)
	}
	return nil
}

// condsWokenOnCancel walks the package's calls once and returns the
// Conds (variables or fields) that wokenOnCancel accepts.
func (c *checker) condsWokenOnCancel() map[types.Object]bool {
	info := c.pass.TypesInfo
	woken := map[types.Object]bool{}
	cancels := map[ast.Node]bool{} // function body → it calls a context.CancelFunc, computed once per body
	// callsCancel reports whether the function fn calls a
	// context.CancelFunc itself (not in a literal inside it).
	callsCancel := func(fn ast.Node) bool {
		if v, ok := cancels[fn]; ok {
			return v
		}
		found := false
		ast.Inspect(fn, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return n == fn
			case *ast.CallExpr:
				found = found || typematch.IsNamed(info.TypeOf(n.Fun), "context", "CancelFunc")
			}
			return !found
		})
		cancels[fn] = found
		return found
	}
	for cur := range c.in.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		switch fn := typematch.Callee(info, call); {
		case typematch.IsFunc(fn, "context", "AfterFunc") && len(call.Args) == 2:
			if obj := wakes(info, call.Args[1], false); obj != nil {
				woken[obj] = true
			}
			if f, ok := ast.Unparen(call.Args[1]).(*ast.FuncLit); ok {
				ast.Inspect(f.Body, func(n ast.Node) bool {
					if b, ok := n.(*ast.CallExpr); ok {
						if obj := wakes(info, b.Fun, false); obj != nil {
							woken[obj] = true
						}
					}
					return true
				})
			}
		case typematch.IsMethod(fn, "sync", "Cond", "Broadcast"):
			obj := wakes(info, call.Fun, false)
			if obj == nil || woken[obj] {
				continue
			}
			if fn := enclosingFunc(cur); fn != nil && callsCancel(fn) {
				woken[obj] = true
			}
		}
	}
	return woken
}

// wokenByTimer reports whether the Cond that the Wait call waits on is
// broadcast (or signalled) by a timer: right after a receive from a
// channel of time.Time (<-time.After(d), <-clock.After(d), <-t.C), or by
// time.AfterFunc(d, cond.Broadcast). The wait then ends by itself when
// the timer fires, as a sleep does (k8s.io/apiserver's watch cache waits
// at most its block timeout), so it is reported only with
// -uncancellable.sleep. The package's calls are walked once.
func (c *checker) wokenByTimer(wait *ast.CallExpr) bool {
	if c.timed == nil {
		c.timed = c.condsWokenByTimer()
	}
	return c.timed[c.waitedCond(wait)]
}

// condsWokenByTimer returns the Conds that wokenByTimer accepts.
func (c *checker) condsWokenByTimer() map[types.Object]bool {
	info := c.pass.TypesInfo
	timed := map[types.Object]bool{}
	for cur := range c.in.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		if typematch.IsCallTo(info, call, "time", "AfterFunc") && len(call.Args) == 2 {
			if obj := wakes(info, call.Args[1], true); obj != nil {
				timed[obj] = true
			}
			continue
		}
		obj := wakes(info, call.Fun, true)
		if obj == nil {
			continue
		}
		stmt := cur.Parent()
		if _, ok := stmt.Node().(*ast.ExprStmt); !ok {
			continue
		}
		if prev, ok := stmt.PrevSibling(); ok {
			if es, ok := prev.Node().(*ast.ExprStmt); ok && isTimeReceive(info, es.X) {
				timed[obj] = true
			}
		}
	}
	return timed
}

// wakes returns the Cond that e wakes, when e is cond.Broadcast (or,
// with signal, cond.Signal), as a call's function or a method value;
// nil otherwise.
func wakes(info *types.Info, e ast.Expr, signal bool) types.Object {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	m, ok := info.Uses[sel.Sel].(*types.Func)
	if !ok {
		return nil
	}
	if wake := typematch.IsMethod(m, "sync", "Cond", "Broadcast") || signal && typematch.IsMethod(m, "sync", "Cond", "Signal"); !wake {
		return nil
	}
	return condObj(info, sel.X)
}

// isTimeReceive reports whether e receives from a channel of time.Time:
// a timer's, a ticker's, a clock's After.
func isTimeReceive(info *types.Info, e ast.Expr) bool {
	u, ok := ast.Unparen(e).(*ast.UnaryExpr)
	if !ok || u.Op != token.ARROW {
		return false
	}
	ch, ok := info.TypeOf(u.X).Underlying().(*types.Chan)
	return ok && typematch.IsNamed(ch.Elem(), "time", "Time")
}

// enclosingFunc returns the innermost function declaration or literal
// around cur, or nil.
func enclosingFunc(cur inspector.Cursor) ast.Node {
	for fn := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		return fn.Node()
	}
	return nil
}

// condObj returns the variable or struct field that the Cond expression
// x names (cond, p.cond, p.pool.cond), or nil.
func condObj(info *types.Info, x ast.Expr) types.Object {
	switch x := ast.Unparen(x).(type) {
	case *ast.Ident:
		return info.Uses[x]
	case *ast.SelectorExpr:
		if sel, ok := info.Selections[x]; ok && sel.Kind() == types.FieldVal {
			return sel.Obj()
		}
	}
	return nil
}

// opAt returns the operation blocking lists for the node at cur, found
// by a binary search among the operations of cur's function.
func opAt(blocks *blocking.Result, cur inspector.Cursor) (blocking.Op, bool) {
	n := cur.Node()
	for _, op := range blocks.Ops(cur) {
		if op.Node == n {
			return op, true
		}
		if op.Node.Pos() > n.Pos() {
			break
		}
	}
	return blocking.Op{}, false
}

// checker holds what the run has learned about the package, so that
// each literal and each channel variable is looked at once.
type checker struct {
	pass     *analysis.Pass
	mentions map[ast.Node]bool   // literal → it uses an enclosing function's context
	inliner  *ctxscope.Inliner   // which literals run inline
	buffered map[*types.Var]bool // local channel → made with a buffer
	in       *inspector.Inspector
	fields   map[*types.Var]bool                   // channel fields some return statement hands out
	woken    map[types.Object]bool                 // Conds broadcast on cancellation; nil until first asked
	timed    map[types.Object]bool                 // Conds broadcast by a timer; nil until first asked
	returned map[*ast.FuncDecl]map[*types.Var]bool // declaration → locals its returns hand out
}

// kind is a shape of uncancellable operation.
type kind int

const (
	other        kind = iota
	sleep             // time.Sleep
	timer             // a receive from time.After, time.Tick, a timer's or ticker's C
	drain             // <-t.C as the body of if !t.Stop()
	cond              // sync.Cond.Wait
	waitGroup         // sync.WaitGroup.Wait
	send              // a send outside a select
	recv              // a receive outside a select
	selectNoDone      // a select that waits, without a ctx.Done() case
)

// kindOf tells which shape the direct operation op at cur is.
func kindOf(pass *analysis.Pass, cur inspector.Cursor, op blocking.Op) kind {
	switch n := op.Node.(type) {
	case *ast.CallExpr:
		switch fn := op.Callee; {
		case typematch.IsFunc(fn, "time", "Sleep"):
			return sleep
		case typematch.IsMethod(fn, "sync", "WaitGroup", "Wait"):
			return waitGroup
		case typematch.IsMethod(fn, "sync", "Cond", "Wait"):
			return cond
		}
	case *ast.SendStmt:
		return send
	case *ast.UnaryExpr:
		if op.Kind&blocking.Sleep != 0 {
			if isDrain(pass.TypesInfo, cur, n) {
				return drain
			}
			return timer
		}
		return recv
	case *ast.SelectStmt:
		return selectNoDone
	}
	return other
}

// isDrain reports whether the receive u at cur is the drain of a
// stopped timer: the only statement of if !t.Stop() { <-t.C }.
//
// The drain is safe while nothing has received the timer's value since
// it was last reset: before Go 1.23, Stop returns false with the value
// still buffered, and the receive takes it at once; with Go 1.23 timers
// (go.mod at go1.23 or later), Stop returns false only when the value
// was already received, so the branch does not run in correct code. In
// both, the drain blocks for good when the value was received already,
// a bug of a different kind (a second receive), which the rule does not
// track: it reports the drain only with -uncancellable.timerdrain.
func isDrain(info *types.Info, cur inspector.Cursor, u *ast.UnaryExpr) bool {
	stmt, ok := cur.Parent().Node().(*ast.ExprStmt)
	if !ok {
		return false
	}
	block, ok := cur.Parent().Parent().Node().(*ast.BlockStmt)
	if !ok || len(block.List) != 1 || block.List[0] != stmt {
		return false
	}
	ifs, ok := cur.Parent().Parent().Parent().Node().(*ast.IfStmt)
	if !ok || ifs.Body != block {
		return false
	}
	not, ok := ast.Unparen(ifs.Cond).(*ast.UnaryExpr)
	if !ok || not.Op != token.NOT {
		return false
	}
	call, ok := ast.Unparen(not.X).(*ast.CallExpr)
	if !ok {
		return false
	}
	fn := typematch.Callee(info, call)
	if !typematch.IsMethod(fn, "time", "Timer", "Stop") && !typematch.IsMethod(fn, "time", "Ticker", "Stop") {
		return false
	}
	stopped, ok1 := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	c, ok2 := ast.Unparen(u.X).(*ast.SelectorExpr)
	return ok1 && ok2 && c.Sel.Name == "C" && types.ExprString(stopped.X) == types.ExprString(c.X)
}

// message says what op cannot be interrupted by, and what to do.
func message(k kind, n ast.Node, ctx string) string {
	cut := " cannot be interrupted by " + ctx + "'s cancellation; "
	switch k {
	case sleep:
		return "time.Sleep" + cut + "wait in a select on " + ctx + ".Done() and a time.NewTimer's channel"
	case timer:
		return "receive from " + types.ExprString(n.(*ast.UnaryExpr).X) + cut + "select on it together with " + ctx + ".Done()"
	case drain:
		return "timer drain " + types.ExprString(n.(ast.Expr)) + " blocks for good if the value was already received (always, with Go 1.23 timers, when Stop returned false); drain in a select with a default case, or drop it on Go 1.23+"
	case cond:
		return types.ExprString(n.(*ast.CallExpr).Fun) + "()" + cut + "wake the waiters on " + ctx + ".Done() (context.AfterFunc with Broadcast) and check " + ctx + ".Err() in the wait loop"
	case waitGroup:
		return types.ExprString(n.(*ast.CallExpr).Fun) + "()" + cut + "make every goroutine it waits for return on " + ctx + ".Done(), or wait in a goroutine that closes a channel and select on that with " + ctx + ".Done()"
	case send:
		return "send on " + types.ExprString(n.(*ast.SendStmt).Chan) + cut + "it blocks for good once the receiver stops; select on " + ctx + ".Done() too"
	case recv:
		return "receive from " + types.ExprString(n.(*ast.UnaryExpr).X) + cut + "select on " + ctx + ".Done() too"
	case selectNoDone:
		return "select" + cut + "add a case <-" + ctx + ".Done()"
	}
	return ""
}

// producerSend reports whether the send at cur is one the rule reports
// by default: in a loop (a producer, whose buffer, if any, the loop can
// fill), on a channel handed out to readers the sender does not control
// (see handedOut) that is not a buffered channel made in this
// declaration (sized for its sends, as a rule), in code that follows
// its ctx (see inScope): the author meant the loop to stop on
// cancellation, and this send is where it cannot.
//
// The channel must be the same on every iteration: a reply channel taken
// from each request (req.errch, or the variable of a range over reply
// channels) gets one send per request, which its buffer of one is made
// for.
func (c *checker) producerSend(cur inspector.Cursor, follows bool) bool {
	if !follows {
		return false
	}
	loop := innermostLoop(cur)
	if loop == nil || sendThenReturn(cur) {
		return false
	}
	ch := ast.Unparen(cur.Node().(*ast.SendStmt).Chan)
	if root := rootVar(c.pass.TypesInfo, ch); root == nil || loop.Pos() <= root.Pos() && root.Pos() < loop.End() {
		return false // declared in the loop: a new channel on each iteration
	}
	if c.servesRequests(cur, loop, ch) {
		return false // a reply to a request its requester waits on
	}
	return c.handedOut(cur, ch) && !c.localBuffered(cur, ch)
}

// servesRequests reports whether loop ranges over a request channel
// that was declared together with the channel ch it sends on: two
// locals of the same block, made as a pair for one requester (minio-go's
// GetObject makes reqCh and resCh and hands both to the Object it
// returns, whose every request waits for its reply). Each send answers
// a request that was just received; the requester, not the sender, sets
// the pace, and it stops by closing the request channel. A loop over a
// stream that came from elsewhere (a watch's events) is still a
// producer.
func (c *checker) servesRequests(cur inspector.Cursor, loop ast.Node, ch ast.Expr) bool {
	rng, ok := loop.(*ast.RangeStmt)
	if !ok {
		return false
	}
	var body ast.Node // the outermost declaration's body: its locals, not its parameters
	for e := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		body = e.Node().(*ast.FuncDecl).Body
	}
	if body == nil {
		return false
	}
	info := c.pass.TypesInfo
	reqID, ok := ast.Unparen(rng.X).(*ast.Ident)
	repID, ok2 := ch.(*ast.Ident)
	if !ok || !ok2 {
		return false
	}
	req, _ := info.Uses[reqID].(*types.Var)
	rep, _ := info.Uses[repID].(*types.Var)
	if req == nil || rep == nil || req == rep || req.Parent() == nil || req.Parent() != rep.Parent() || req.Parent() == c.pass.Pkg.Scope() {
		return false
	}
	inBody := func(v *types.Var) bool { return body.Pos() <= v.Pos() && v.Pos() < body.End() }
	_, isChan := req.Type().Underlying().(*types.Chan)
	return isChan && inBody(req) && inBody(rep)
}

// handedOut reports whether the channel ch is read by code the sender
// does not control, which may stop reading: a parameter (the caller's
// channel), a local that the declaration returns (directly or in a
// composite literal: a generator or a lister), or a struct field that is
// exported or that some function of the package returns (an Events()
// accessor). Channels private to a subsystem (an unexported field only
// its own loops read) are left to -uncancellable.chans: their readers
// usually outlive the senders by design (a coordinator that drains
// results until every worker has stopped).
func (c *checker) handedOut(cur inspector.Cursor, ch ast.Expr) bool {
	info := c.pass.TypesInfo
	switch x := ch.(type) {
	case *ast.SelectorExpr:
		sel, ok := info.Selections[x]
		if !ok || sel.Kind() != types.FieldVal {
			return false
		}
		field := sel.Obj().(*types.Var)
		return field.Exported() || c.returnedFields()[field]
	case *ast.Ident:
		v, ok := info.Uses[x].(*types.Var)
		if !ok || v.Parent() == c.pass.Pkg.Scope() {
			return false
		}
		var decl *ast.FuncDecl
		for e := range cur.Enclosing((*ast.FuncDecl)(nil)) {
			decl = e.Node().(*ast.FuncDecl)
		}
		if decl == nil {
			return false
		}
		for _, l := range decl.Type.Params.List {
			for _, n := range l.Names {
				if info.Defs[n] == v {
					return true
				}
			}
		}
		// A parameter of a literal, or a local: handed out if the
		// declaration returns it.
		for e := range cur.Enclosing((*ast.FuncLit)(nil)) {
			for _, l := range e.Node().(*ast.FuncLit).Type.Params.List {
				for _, n := range l.Names {
					if info.Defs[n] == v {
						return true
					}
				}
			}
		}
		return c.returnedLocals(decl)[v]
	}
	return false
}

// returnedFields returns the struct fields of channel type that a
// return statement of the package hands out (return s.events), computed
// on the first question in one walk of the package's return statements.
func (c *checker) returnedFields() map[*types.Var]bool {
	if c.fields != nil {
		return c.fields
	}
	c.fields = map[*types.Var]bool{}
	for cur := range c.in.Root().Preorder((*ast.ReturnStmt)(nil)) {
		for _, r := range cur.Node().(*ast.ReturnStmt).Results {
			if x, ok := ast.Unparen(r).(*ast.SelectorExpr); ok {
				if sel, ok := c.pass.TypesInfo.Selections[x]; ok && sel.Kind() == types.FieldVal {
					if _, isChan := sel.Obj().Type().Underlying().(*types.Chan); isChan {
						c.fields[sel.Obj().(*types.Var)] = true
					}
				}
			}
		}
	}
	return c.fields
}

// returnedLocals returns the local variables that decl's own return
// statements hand out, as a result or inside a composite literal
// result (return out; return &lister{keys: keys}); each declaration is
// walked once.
func (c *checker) returnedLocals(decl *ast.FuncDecl) map[*types.Var]bool {
	if m, ok := c.returned[decl]; ok {
		return m
	}
	m := map[*types.Var]bool{}
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // its returns are its own
		case *ast.ReturnStmt:
			for _, r := range n.Results {
				ast.Inspect(r, func(e ast.Node) bool {
					if _, ok := e.(*ast.FuncLit); ok {
						return false
					}
					if id, ok := e.(*ast.Ident); ok {
						if v, ok := c.pass.TypesInfo.Uses[id].(*types.Var); ok {
							m[v] = true
						}
					}
					return true
				})
			}
		}
		return true
	})
	c.returned[decl] = m
	return m
}

// afterDoneFallback reports whether the operation at cur follows, in
// its block, an if statement that leaves whenever a context's Done
// channel is non-nil:
//
//	if done := ctx.Done(); done != nil {
//		select { case <-done: return err; case <-timer.C: continue }
//	}
//	time.Sleep(next) // ctx.Done() is nil: ctx can never be cancelled
//
// Reaching the operation means Done returned nil (context.Background
// and contexts derived only with values), so cancellation cannot come.
// Only the maxLookback statements before cur in its own block are
// looked at.
func afterDoneFallback(info *types.Info, cur inspector.Cursor) bool {
	stmt := cur // climbs to the statement of cur's own block
	for {
		switch stmt.Parent().Node().(type) {
		case nil, *ast.FuncLit, *ast.FuncDecl:
			return false
		case *ast.BlockStmt:
		default:
			stmt = stmt.Parent()
			continue
		}
		break
	}
	prev := stmt
	for range maxLookback {
		var ok bool
		if prev, ok = prev.PrevSibling(); !ok {
			return false
		}
		ifs, ok := prev.Node().(*ast.IfStmt)
		if !ok || ifs.Else != nil || len(ifs.Body.List) == 0 || !leaves(ifs.Body.List[len(ifs.Body.List)-1]) {
			continue
		}
		cond, ok := ast.Unparen(ifs.Cond).(*ast.BinaryExpr)
		if !ok || cond.Op != token.NEQ || !astmatch.IsNil(info, cond.Y) {
			continue
		}
		x := ast.Unparen(cond.X)
		if id, ok := x.(*ast.Ident); ok {
			// done != nil with done := ctx.Done() in the if's init
			a, ok := ifs.Init.(*ast.AssignStmt)
			if !ok || len(a.Lhs) != 1 || len(a.Rhs) != 1 {
				continue
			}
			if l, ok := a.Lhs[0].(*ast.Ident); !ok || info.ObjectOf(l) != info.ObjectOf(id) {
				continue
			}
			x = ast.Unparen(a.Rhs[0])
		}
		if call, ok := x.(*ast.CallExpr); ok && typematch.IsMethod(typematch.Callee(info, call), "context", "Context", "Done") {
			return true
		}
	}
	return false
}

// maxLookback is how many statements before a wait afterDoneFallback
// looks at for the if that leaves when ctx.Done() is non-nil. The
// fallback follows that if at once in the code it was written for;
// the bound keeps a block of many waits linear.
const maxLookback = 4

// leaves reports whether st ends its block's run: a return, or a
// select or block whose every branch ends in a return, continue or
// break of the loop around.
func leaves(st ast.Stmt) bool {
	switch st := st.(type) {
	case *ast.ReturnStmt, *ast.BranchStmt:
		return true
	case *ast.SelectStmt:
		for _, cc := range st.Body.List {
			body := cc.(*ast.CommClause).Body
			if len(body) == 0 || !leaves(body[len(body)-1]) {
				return false
			}
			if b, ok := body[len(body)-1].(*ast.BranchStmt); ok && b.Tok == token.BREAK && b.Label == nil {
				return false // breaks the select, not the loop
			}
		}
		return true
	case *ast.BlockStmt:
		return len(st.List) > 0 && leaves(st.List[len(st.List)-1])
	}
	return false
}

// sendThenReturn reports whether the send at cur is followed, in its
// block, by a return: if err != nil { errc <- err; return }. It runs at
// most once per call, an error handed to a caller that waits for one
// (and usually buffers for it), not a producer's stream.
func sendThenReturn(cur inspector.Cursor) bool {
	if _, ok := cur.Parent().Node().(*ast.BlockStmt); !ok {
		return false
	}
	next, ok := cur.NextSibling()
	if !ok {
		return false
	}
	_, ok = next.Node().(*ast.ReturnStmt)
	return ok
}

// innermostLoop returns the for or range loop of cur's own function that
// holds cur most closely, or nil.
func innermostLoop(cur inspector.Cursor) ast.Node {
	for c := range cur.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		switch n := c.Node().(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			return n
		}
		return nil
	}
	return nil
}

// rootVar returns the variable a channel expression starts from: ch in
// ch, s in s.out or s.peer.out; nil for anything else (a call, an index).
func rootVar(info *types.Info, e ast.Expr) *types.Var {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			v, _ := info.Uses[x].(*types.Var)
			return v
		case *ast.SelectorExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		default:
			return nil
		}
	}
}

// localBuffered reports whether ch names a local variable of the
// declaration around cur that some assignment makes with a buffer:
// make(chan T, n) with n not the constant 0. One walk of the
// declaration, asked only for sends the rule would otherwise report.
func (c *checker) localBuffered(cur inspector.Cursor, ch ast.Expr) bool {
	pass := c.pass
	id, ok := ch.(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := pass.TypesInfo.Uses[id].(*types.Var)
	if !ok || v.Parent() == pass.Pkg.Scope() {
		return false
	}
	if b, ok := c.buffered[v]; ok {
		return b
	}
	var decl inspector.Cursor
	for e := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		decl = e
	}
	if decl.Node() == nil {
		return false
	}
	buffered := false
	defer func() { c.buffered[v] = buffered }()
	isMake := func(e ast.Expr) {
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok || len(call.Args) != 2 {
			return
		}
		if b, ok := pass.TypesInfo.Uses[identOf(call.Fun)].(*types.Builtin); !ok || b.Name() != "make" {
			return
		}
		if tv, ok := pass.TypesInfo.Types[call.Args[1]]; ok && tv.Value != nil && tv.Value.String() == "0" {
			return
		}
		buffered = true
	}
	for e := range decl.Preorder((*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil)) {
		switch a := e.Node().(type) {
		case *ast.AssignStmt:
			if len(a.Lhs) != len(a.Rhs) {
				continue
			}
			for i, l := range a.Lhs {
				if lid, ok := l.(*ast.Ident); ok && pass.TypesInfo.ObjectOf(lid) == v {
					isMake(a.Rhs[i])
				}
			}
		case *ast.ValueSpec:
			for i, n := range a.Names {
				if pass.TypesInfo.ObjectOf(n) == v && i < len(a.Values) {
					isMake(a.Values[i])
				}
			}
		}
	}
	return buffered
}

// identOf returns e as an identifier, or nil.
func identOf(e ast.Expr) *ast.Ident {
	id, _ := ast.Unparen(e).(*ast.Ident)
	return id
}

// outsideScope reports whether cur lies in main or init.
func outsideScope(pass *analysis.Pass, cur inspector.Cursor) bool {
	var decl *ast.FuncDecl
	for c := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		decl = c.Node().(*ast.FuncDecl)
	}
	if decl == nil || decl.Recv != nil {
		return false
	}
	return decl.Name.Name == "init" || decl.Name.Name == "main" && pass.Pkg.Name() == "main"
}

// inScope returns the cancellable context of the innermost function
// around pos that has one visible there, crossing only literals that run
// while their function waits (ctxscope.RunsInline) or that mention an
// enclosing function's context themselves (a goroutine that follows
// it). follows reports that the code around pos follows that context: a
// function on the way observes its cancellation, or a literal on the way
// mentions it.
func (c *checker) inScope(cur inspector.Cursor, f *ctxscope.Func, pos token.Pos) (ctx *ctxscope.Ctx, follows bool) {
	var lits []inspector.Cursor
	for e := range cur.Enclosing((*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		if _, ok := e.Node().(*ast.FuncDecl); ok {
			break
		}
		lits = append(lits, e)
	}
	for i, g := 0, f; g != nil; i, g = i+1, g.Outer {
		follows = follows || len(g.Observations) > 0
		var best *ctxscope.Ctx
		for _, x := range g.Ctxs {
			if !x.Cancellable() || !g.Visible(x, pos) {
				continue
			}
			if best == nil || best.Implicit && !x.Implicit || best.Implicit == x.Implicit && x.Var.Pos() > best.Var.Pos() {
				best = x
			}
		}
		if best != nil {
			return best, follows
		}
		if i >= len(lits) || i >= maxLits {
			break
		}
		mentions := c.mentionsCtx(lits[i])
		if !mentions && !c.inliner.RunsInline(lits[i]) {
			return nil, false
		}
		follows = follows || mentions
	}
	return nil, false
}

// maxLits is the most function literals inScope crosses outward from an
// operation to find a context. Each crossing may walk the literal once
// (mentionsCtx, memoized), so the bound keeps the cost at most maxLits
// walks of each node however deeply literals nest; real code nests a
// goroutine in a callback in a handler, three or four deep.
const maxLits = 8

// mentionsCtx reports whether the literal at lit uses a context variable
// of an enclosing function: the goroutine it becomes follows that ctx.
func (c *checker) mentionsCtx(lit inspector.Cursor) bool {
	n := lit.Node()
	if m, ok := c.mentions[n]; ok {
		return m
	}
	m := mentionsCtx(c.pass, lit)
	c.mentions[n] = m
	return m
}

func mentionsCtx(pass *analysis.Pass, lit inspector.Cursor) bool {
	n := lit.Node()
	for c := range lit.Preorder((*ast.Ident)(nil)) {
		v, ok := pass.TypesInfo.Uses[c.Node().(*ast.Ident)].(*types.Var)
		if ok && typematch.IsContext(v.Type()) && (v.Pos() < n.Pos() || v.Pos() >= n.End()) && !v.IsField() && v.Parent() != pass.Pkg.Scope() {
			return true
		}
	}
	return false
}
