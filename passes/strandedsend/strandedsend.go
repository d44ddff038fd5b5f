package strandedsend

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"github.com/asynclint/asynclint/internal/chanflow"
	"github.com/asynclint/asynclint/internal/report"
	"github.com/asynclint/asynclint/internal/ruledoc"
	"github.com/asynclint/asynclint/internal/suppress"
	"github.com/asynclint/asynclint/internal/testcode"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"
)

//go:embed doc.go
var doc string

// Analyzer is the strandedsend rule.
var Analyzer = &analysis.Analyzer{
	Name:     "strandedsend",
	Doc:      ruledoc.Summary(doc, "strandedsend"),
	URL:      ruledoc.URL("strandedsend"),
	Requires: []*analysis.Analyzer{inspect.Analyzer, suppress.Analyzer, chanflow.Analyzer},
	Run:      run,
}

var tests bool // -strandedsend.tests

func init() {
	Analyzer.Flags.BoolVar(&tests, "tests", false, "also report in test code (_test.go files and files importing testing)")
}

func run(pass *analysis.Pass) (any, error) {
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	if !startsGoroutines(pass, in) {
		return nil, nil
	}
	flow := pass.ResultOf[chanflow.Analyzer].(*chanflow.Result)
	reported := map[token.Pos]bool{}
	for _, c := range flow.Chans() {
		if !tests && testcode.Contains(pass, c.Make.Pos()) {
			continue // a goroutine stranded in a test dies with the test binary
		}
		check(pass, flow, c, reported)
	}
	return nil, nil
}

// startsGoroutines reports whether the package has a go statement or may
// start goroutines through errgroup or sync.WaitGroup.Go.
func startsGoroutines(pass *analysis.Pass, in *inspector.Inspector) bool {
	for range in.Root().Preorder((*ast.GoStmt)(nil)) {
		return true
	}
	for _, imp := range pass.Pkg.Imports() {
		if imp.Path() == "sync" || imp.Path() == "golang.org/x/sync/errgroup" {
			return true
		}
	}
	return false
}

// check reports the sends on c that can be left blocked forever.
func check(pass *analysis.Pass, flow *chanflow.Result, c *chanflow.Chan, reported map[token.Pos]bool) {
	own := c.Own
	switch {
	case c.Cap < 0:
		return // a capacity computed at run time is presumed to fit the sends
	case c.Escapes(), own.InClosure, own.Calls:
		return // receives we cannot see
	case own.Sends > 0 || own.Guarded:
		return // the spawner sends too: not a result channel
	}
	var senders []*chanflow.Spawn
	for _, s := range c.Spawns {
		if s.Use.Receives {
			return // a goroutine receives: a pipeline, not a result channel
		}
		if s.Use.Sends > 0 {
			senders = append(senders, s)
		}
	}
	if len(senders) == 0 {
		return
	}
	if c.Cap > 0 && usesLen(pass.TypesInfo, c) {
		return // the spawner checks len(ch): a buffer that collects what the goroutines report
	}
	r := newReceiver(pass.TypesInfo, flow, c)
	// The sends that can be pending together decide the buffer the fix
	// proposes; each sender is judged against its own.
	pending := make([]chanflow.Count, len(senders))
	var most chanflow.Count
	for i, s := range senders {
		var counted bool
		pending[i], counted = r.pending(s, senders)
		if counted && c.Cap > 0 {
			pending[i] = 0 // a buffer for goroutines counted at run time: presumed sized for them
		}
		most = max(most, pending[i])
	}
	for i, s := range senders {
		need := pending[i]
		if need < chanflow.Many {
			need -= chanflow.Count(c.Cap)
		}
		if need <= 0 {
			continue // the buffer holds every send
		}
		gu := r.giveUp(s, need)
		if gu == nil {
			continue
		}
		reportSends(pass, c, s, senders, most, gu, reported)
	}
}

// pending returns how many values can wait to be received along with
// those of s: its own sends, times the goroutines its statement starts
// when it can run again before a receive (a loop), plus those of the
// senders started before or after it with no receive in between. counted
// reports that the number is unknown only because a loop starts a number
// of goroutines known at run time, each sending a known number of times.
func (r *receiver) pending(s *chanflow.Spawn, senders []*chanflow.Spawn) (total chanflow.Count, counted bool) {
	manySends := false
	for _, o := range senders {
		if o != s && !r.reaches(o.Stmt, s.Stmt) && !r.reaches(s.Stmt, o.Stmt) {
			continue // a receive separates them
		}
		times := chanflow.Count(1)
		if r.reaches(o.Stmt, o.Stmt) {
			// The loops around the start, up to one that also receives.
			for _, l := range o.Loops {
				if slices.Contains(r.loops, l) {
					break
				}
				times = times.Mul(chanflow.TripCount(r.info, l))
			}
		}
		manySends = manySends || o.Use.Sends >= chanflow.Many
		total = add(total, o.Use.Sends.Mul(times))
	}
	return total, total >= chanflow.Many && !manySends
}

// reaches reports whether control can go from just after node from to
// node to without receiving from the channel.
func (r *receiver) reaches(from, to ast.Node) bool {
	g := r.c.CFG
	fb, fi := chanflow.Locate(g, from.Pos())
	tb, ti := chanflow.Locate(g, to.Pos())
	if fb == nil || tb == nil {
		return false
	}
	seen := map[*cfg.Block]bool{}
	var visit func(b *cfg.Block, i int) bool
	visit = func(b *cfg.Block, i int) bool {
		if i == 0 && r.entryWeight(b) > 0 {
			return false
		}
		for ; i < len(b.Nodes); i++ {
			if b == tb && i == ti {
				return true
			}
			if _, comm := r.comms[b.Nodes[i]]; !comm && r.receivesAt(b.Nodes[i]) > 0 {
				return false
			}
		}
		for _, s := range b.Succs {
			if !seen[s] && !r.loopEnd(b, s) {
				seen[s] = true
				if visit(s, 0) {
					return true
				}
			}
		}
		return false
	}
	return visit(fb, fi+1)
}

// usesLen reports whether the spawner of c calls len(c).
func usesLen(info *types.Info, c *chanflow.Chan) bool {
	found := false
	ast.Inspect(c.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if ok && len(call.Args) == 1 {
			if b, ok := info.Uses[identOf(call.Fun)].(*types.Builtin); ok && b.Name() == "len" {
				id := identOf(call.Args[0])
				found = found || id != nil && info.Uses[id] == c.Var
			}
		}
		return !found
	})
	return found
}

func add(a, b chanflow.Count) chanflow.Count {
	if a+b >= chanflow.Many {
		return chanflow.Many
	}
	return a + b
}

// giveUp is where the spawner can stop receiving while a sender still has
// a value to deliver.
type giveUp struct {
	reason string    // "the receiver can leave on ctx.Done() first"
	pos    token.Pos // the give-up point, for Related (NoPos when none)
	what   string    // what happens there
}

// reportSends reports the unguarded sends of s.
func reportSends(pass *analysis.Pass, c *chanflow.Chan, s *chanflow.Spawn, senders []*chanflow.Spawn, total chanflow.Count, gu *giveUp, reported map[token.Pos]bool) {
	name := c.Var.Name()
	fix, edit := remedy(c, senders, total)
	diag := func(n ast.Node, what string) {
		if reported[n.Pos()] {
			return
		}
		reported[n.Pos()] = true
		d := analysis.Diagnostic{
			Pos:     n.Pos(),
			End:     n.End(),
			Message: fmt.Sprintf("send on %s may block forever: %s; %s", what, gu.reason, fix),
		}
		if gu.pos.IsValid() {
			d.Related = []analysis.RelatedInformation{{Pos: gu.pos, Message: gu.what}}
		}
		if edit != nil {
			d.SuggestedFixes = []analysis.SuggestedFix{{Message: "Make " + name + " buffered", TextEdits: []analysis.TextEdit{*edit}}}
		}
		report.Report(pass, d)
	}
	if s.Lit == nil {
		// The sends are in the named function, maybe in another package:
		// report the go statement that starts it.
		callee := "the goroutine"
		if s.Callee != nil {
			callee = s.Callee.Name()
		}
		diag(s.Stmt, fmt.Sprintf("%s in %s", name, callee))
		return
	}
	for _, send := range s.Use.SendStmts {
		what := types.ExprString(send.Chan)
		if what != name {
			what += " (" + name + ")"
		}
		diag(send, what)
	}
}

// remedy returns the fix text and, when a buffer of known size makes every
// send succeed (each goroutine sends once, and their number is known), the
// edit that gives the channel that buffer.
func remedy(c *chanflow.Chan, senders []*chanflow.Spawn, total chanflow.Count) (string, *analysis.TextEdit) {
	name := c.Var.Name()
	once := total < chanflow.Many && !slices.ContainsFunc(senders, func(s *chanflow.Spawn) bool { return s.Use.Sends != 1 })
	if !once {
		return fmt.Sprintf("select on ctx.Done() (or a done channel) in the sender, or receive from %s on every path", name), nil
	}
	text := fmt.Sprint(int(total))
	var edit analysis.TextEdit
	if len(c.Make.Args) == 1 {
		end := c.Make.Args[0].End()
		edit = analysis.TextEdit{Pos: end, End: end, NewText: []byte(", " + text)}
	} else {
		edit = analysis.TextEdit{Pos: c.Make.Args[1].Pos(), End: c.Make.Args[1].End(), NewText: []byte(text)}
	}
	return fmt.Sprintf("make %s buffered (cap %s)", name, text), &edit
}

// receiver holds what the spawner's body does to receive from the channel.
type receiver struct {
	info     *types.Info
	flow     *chanflow.Result
	c        *chanflow.Chan
	comms    map[ast.Node]*ast.CommClause // select comm statements
	selectOf map[*ast.CommClause]*ast.SelectStmt
	closedIf map[*ast.IfStmt]bool // if !ok {closed}, if received == total {done}
	closedEl map[*ast.IfStmt]bool // if ok {...} else {closed}
	// closedBranch holds the branches above: taken once every value is in.
	closedBranch map[ast.Node]bool
	loops        []ast.Stmt      // loops that receive from the channel
	cur          *chanflow.Spawn // the sender whose give-up is searched
	need         chanflow.Count  // and the receives it needs
	excl         map[exclusiveKey]bool
	recvs        map[ast.Node]chanflow.Count
}

func newReceiver(info *types.Info, flow *chanflow.Result, c *chanflow.Chan) *receiver {
	r := &receiver{
		info:         info,
		flow:         flow,
		c:            c,
		comms:        map[ast.Node]*ast.CommClause{},
		selectOf:     map[*ast.CommClause]*ast.SelectStmt{},
		closedIf:     map[*ast.IfStmt]bool{},
		closedEl:     map[*ast.IfStmt]bool{},
		closedBranch: map[ast.Node]bool{},
		excl:         map[exclusiveKey]bool{},
		recvs:        map[ast.Node]chanflow.Count{},
	}
	okVars := map[types.Object]bool{}
	var loops []ast.Stmt
	ast.Inspect(c.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.SelectStmt:
			for _, cc := range n.Body.List {
				cc := cc.(*ast.CommClause)
				r.selectOf[cc] = n
				if cc.Comm != nil {
					r.comms[cc.Comm] = cc
				}
			}
		case *ast.AssignStmt:
			if len(n.Lhs) == 2 && len(n.Rhs) == 1 && r.isRecv(n.Rhs[0]) {
				if id, ok := n.Lhs[1].(*ast.Ident); ok {
					okVars[info.ObjectOf(id)] = true
				}
			}
		case *ast.ForStmt, *ast.RangeStmt:
			loops = append(loops, n.(ast.Stmt))
		}
		return true
	})
	for _, is := range ifStmts(c.Body) {
		switch cond := ast.Unparen(is.Cond).(type) {
		case *ast.UnaryExpr:
			if id, ok := ast.Unparen(cond.X).(*ast.Ident); ok && cond.Op == token.NOT && okVars[info.ObjectOf(id)] {
				r.closedIf[is] = true
				r.closedBranch[is.Body] = true
			}
		case *ast.Ident:
			if okVars[info.ObjectOf(cond)] && is.Else != nil {
				r.closedEl[is] = true
				r.closedBranch[is.Else] = true
			}
		}
	}
	for _, l := range loops {
		if r.receivesIn(l) {
			r.loops = append(r.loops, l)
			r.markCounted(l)
		}
	}
	return r
}

// markCounted marks the if statements of a receiving loop that test a
// counter the loop advances (n++, n -= 1, got = append(got, v)): their
// branch is the loop's planned end, after the last expected value,
// as in
//
//	case err := <-errc:
//		active--
//		if active == 0 {
//			return
//		}
func (r *receiver) markCounted(loop ast.Stmt) {
	counters := map[types.Object]bool{}
	ast.Inspect(loop, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.IncDecStmt:
			if id, ok := ast.Unparen(n.X).(*ast.Ident); ok {
				counters[r.info.ObjectOf(id)] = true
			}
		case *ast.AssignStmt:
			if len(n.Lhs) != 1 || len(n.Rhs) != 1 {
				break
			}
			id, ok := ast.Unparen(n.Lhs[0]).(*ast.Ident)
			if !ok {
				break
			}
			switch n.Tok {
			case token.ADD_ASSIGN, token.SUB_ASSIGN:
				counters[r.info.ObjectOf(id)] = true
			case token.ASSIGN:
				if call, ok := ast.Unparen(n.Rhs[0]).(*ast.CallExpr); ok {
					if b, ok := r.info.Uses[identOf(call.Fun)].(*types.Builtin); ok && b.Name() == "append" {
						counters[r.info.ObjectOf(id)] = true
					}
				}
			}
		}
		return true
	})
	if len(counters) == 0 {
		return
	}
	ast.Inspect(loop, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.IfStmt:
			if cmp, ok := ast.Unparen(n.Cond).(*ast.BinaryExpr); ok && isComparison(cmp.Op) &&
				(mentions(r.info, cmp.X, counters) || mentions(r.info, cmp.Y, counters)) {
				r.closedIf[n] = true
				r.closedBranch[n.Body] = true
			}
		}
		return true
	})
}

func isComparison(op token.Token) bool {
	switch op {
	case token.EQL, token.LSS, token.GTR, token.LEQ, token.GEQ:
		return true
	}
	return false
}

// mentions reports whether e refers to one of objs.
func mentions(info *types.Info, e ast.Expr, objs map[types.Object]bool) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && objs[info.ObjectOf(id)] {
			found = true
		}
		return !found
	})
	return found
}

func identOf(e ast.Expr) *ast.Ident {
	id, _ := ast.Unparen(e).(*ast.Ident)
	return id
}

// ifStmts lists the if statements of body, outside function literals.
func ifStmts(body *ast.BlockStmt) []*ast.IfStmt {
	var out []*ast.IfStmt
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.IfStmt:
			out = append(out, n)
		}
		return true
	})
	return out
}

// isCh reports whether e denotes the channel.
func (r *receiver) isCh(e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && r.info.Uses[id] == r.c.Var
}

// isRecv reports whether e is a receive from the channel.
func (r *receiver) isRecv(e ast.Expr) bool {
	u, ok := ast.Unparen(e).(*ast.UnaryExpr)
	return ok && u.Op == token.ARROW && r.isCh(u.X)
}

// commRecv returns the channel a select comm receives from, or nil.
func commRecv(comm ast.Stmt) ast.Expr {
	var e ast.Expr
	switch comm := comm.(type) {
	case *ast.ExprStmt:
		e = comm.X
	case *ast.AssignStmt:
		if len(comm.Rhs) == 1 {
			e = comm.Rhs[0]
		}
	}
	if u, ok := ast.Unparen(e).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
		return u.X
	}
	return nil
}

// receivesIn reports whether loop receives from the channel in its head
// or body.
func (r *receiver) receivesIn(loop ast.Stmt) bool {
	if rs, ok := loop.(*ast.RangeStmt); ok && r.isCh(rs.X) {
		return true
	}
	found := false
	ast.Inspect(loop, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.UnaryExpr:
			found = found || n.Op == token.ARROW && r.isCh(n.X)
		}
		return !found
	})
	return found
}

// exitOf returns the first statement that leaves loop early, or nil;
// ways out taken only once the channel is closed or every value counted
// are not early.
func (r *receiver) exitOf(loop ast.Stmt) ast.Stmt {
	return chanflow.EarlyExit(loop, func(n ast.Node) bool { return r.closedBranch[n] })
}

// weight returns the receives from the channel in block b from node i on.
func (r *receiver) weight(b *cfg.Block, from int) chanflow.Count {
	var w chanflow.Count
	if from == 0 {
		w = r.entryWeight(b)
	}
	for _, n := range b.Nodes[from:] {
		if _, ok := r.comms[n]; ok {
			continue // a select case: counted in its case block
		}
		w = add(w, r.receivesAt(n))
	}
	return w
}

// entryWeight returns the receives counted on entering b: 1 for a select
// case or range head receiving from the channel, Many for a branch taken
// once the channel is closed or a counted loop has received every value,
// and for a select case that means the sender has nothing left to send.
func (r *receiver) entryWeight(b *cfg.Block) chanflow.Count {
	switch b.Kind {
	case cfg.KindSelectCaseBody:
		if cc := b.Stmt.(*ast.CommClause); r.isCh(commRecv(cc.Comm)) {
			return 1
		} else if r.exclusive(cc) {
			return chanflow.Many
		}
	case cfg.KindRangeLoop:
		if r.isCh(b.Stmt.(*ast.RangeStmt).X) {
			return 1
		}
	case cfg.KindIfThen:
		if r.closedIf[b.Stmt.(*ast.IfStmt)] {
			return chanflow.Many
		}
	case cfg.KindIfElse:
		if r.closedEl[b.Stmt.(*ast.IfStmt)] {
			return chanflow.Many
		}
	}
	return 0
}

// exclusive reports whether the select case cc receives from a channel
// that the current sender signals on instead of this one (a result channel
// and an error channel, only one of which is ever sent on; a done channel
// closed instead of sending): when that case fires, the sender has
// nothing left to send here.
func (r *receiver) exclusive(cc *ast.CommClause) bool {
	if r.cur == nil || r.cur.Lit == nil {
		return false
	}
	id, ok := ast.Unparen(commRecv(cc.Comm)).(*ast.Ident)
	if !ok {
		return false
	}
	other, ok := r.info.Uses[id].(*types.Var)
	if !ok || other == r.c.Var {
		return false
	}
	key := exclusiveKey{r.cur, other}
	v, ok := r.excl[key]
	if !ok {
		v = r.flow.SignalsTogether(r.cur, r.c.Var, other) <= 1 && r.flow.SignalsTogether(r.cur, other) >= 1
		r.excl[key] = v
	}
	return v
}

type exclusiveKey struct {
	s     *chanflow.Spawn
	other *types.Var
}

// giveUp returns where the spawner can stop receiving, after starting
// the goroutine s, having received fewer than need values; nil when every
// path to a return receives enough.
func (r *receiver) giveUp(s *chanflow.Spawn, need chanflow.Count) *giveUp {
	r.cur, r.need = s, need
	defer func() { r.cur, r.need = nil, 0 }()
	g := r.c.CFG
	start, idx := chanflow.Locate(g, s.Stmt.Pos())
	if start == nil {
		return nil
	}
	// Shortest paths (fewest receives) from just after the spawn: node i
	// of the search is block i, and len(g.Blocks) is the rest of the
	// start block.
	n := len(g.Blocks)
	virt := n
	dist := make([]chanflow.Count, n+1)
	pred := make([]int, n+1)
	for i := range dist {
		dist[i] = -1
		pred[i] = -1
	}
	block := func(i int) *cfg.Block {
		if i == virt {
			return start
		}
		return g.Blocks[i]
	}
	dist[virt] = r.weight(start, idx+1)
	queue := []int{virt}
	inQueue := map[int]bool{virt: true}
	for len(queue) > 0 {
		i := queue[0]
		queue = queue[1:]
		inQueue[i] = false
		b := block(i)
		if i == virt && b.Return() != nil {
			continue
		}
		for _, s := range b.Succs {
			d := add(dist[i], r.edge(b, s))
			if dist[s.Index] < 0 || d < dist[s.Index] {
				dist[s.Index] = d
				pred[s.Index] = i
				if !inQueue[int(s.Index)] {
					inQueue[int(s.Index)] = true
					queue = append(queue, int(s.Index))
				}
			}
		}
	}
	best := -1
	for i := range dist {
		if dist[i] < 0 || !block(i).Live || block(i).Return() == nil {
			continue
		}
		if best < 0 || dist[i] < dist[best] {
			best = i
		}
	}
	if best < 0 || dist[best] >= need {
		return nil
	}
	var path []*cfg.Block
	for i := best; i >= 0; i = pred[i] {
		path = append(path, block(i))
		if i == virt {
			break
		}
	}
	slices.Reverse(path)
	return r.explain(path, dist[best])
}

// explain names the give-up point of a path that receives too little.
func (r *receiver) explain(path []*cfg.Block, got chanflow.Count) *giveUp {
	name := r.c.Var.Name()
	if !r.c.Own.Receives {
		return &giveUp{reason: "nothing receives from " + name}
	}
	// The last select on the path where the receiver turns away.
	for i := len(path) - 1; i >= 0; i-- {
		b := path[i]
		if b.Kind != cfg.KindSelectCaseBody && b.Kind != cfg.KindSelectAfterCase {
			continue
		}
		cc := b.Stmt.(*ast.CommClause)
		sel := r.selectOf[cc]
		if sel == nil || !r.selectReceives(sel) {
			continue
		}
		if b.Kind == cfg.KindSelectAfterCase {
			if def := defaultClause(sel); def != nil && lastComm(sel) == cc {
				return &giveUp{reason: "the receiver does not wait for it (select with default)", pos: def.Pos(), what: "the receiver moves on here"}
			}
			continue
		}
		if r.isCh(commRecv(cc.Comm)) {
			continue
		}
		what := "a send"
		if x := commRecv(cc.Comm); x != nil {
			what = types.ExprString(x)
		} else if s, ok := cc.Comm.(*ast.SendStmt); ok {
			what = "a send on " + types.ExprString(s.Chan)
		}
		return &giveUp{reason: "the receiver can leave on " + what + " first", pos: cc.Pos(), what: "the receiver leaves here"}
	}
	// A break out of a loop that receives.
	for i, b := range path {
		if b.Kind != cfg.KindForDone && b.Kind != cfg.KindRangeDone {
			continue
		}
		loop := b.Stmt
		if !slices.Contains(r.loops, loop) || i == 0 || isHead(path[i-1], loop) {
			continue
		}
		pos := token.NoPos
		if exit := r.exitOf(loop); exit != nil {
			pos = exit.Pos()
		}
		return &giveUp{reason: "the receiver can break out of its loop over " + name + " first", pos: pos, what: "the receiver stops receiving here"}
	}
	ret := path[len(path)-1].Return()
	for _, loop := range r.loops {
		if ret.Pos() >= loop.Pos() && ret.Pos() < loop.End() {
			return &giveUp{reason: "the receiver can return from its loop over " + name + " before receiving every value", pos: ret.Pos(), what: "the receiver returns here"}
		}
	}
	if got == 0 {
		return &giveUp{reason: "the receiver can return before receiving from " + name, pos: ret.Pos(), what: "the receiver returns here"}
	}
	return &giveUp{reason: "the receiver can return before receiving every value", pos: ret.Pos(), what: "the receiver returns here"}
}

// receivesAt counts the receives from the channel in n, including those
// of function literals called in place: a deferred func() { <-ch }()
// receives when the function returns, on every path through the defer.
func (r *receiver) receivesAt(n ast.Node) chanflow.Count {
	if w, ok := r.recvs[n]; ok {
		return w
	}
	w := r.countReceives(n)
	r.recvs[n] = w
	return w
}

func (r *receiver) countReceives(n ast.Node) chanflow.Count {
	var w chanflow.Count
	var parent []ast.Node
	ast.Inspect(n, func(n ast.Node) bool {
		if n == nil {
			parent = parent[:len(parent)-1]
			return false
		}
		switch m := n.(type) {
		case *ast.FuncLit:
			if len(parent) == 0 {
				return false
			}
			if call, ok := parent[len(parent)-1].(*ast.CallExpr); !ok || ast.Unparen(call.Fun) != m {
				return false // not called in place
			}
		case *ast.UnaryExpr:
			if m.Op == token.ARROW && r.isCh(m.X) {
				w = add(w, 1)
			}
		}
		parent = append(parent, n)
		return true
	})
	return w
}

// edge returns the receives counted when control goes from b to s: the
// receives of s, or, when a loop that receives from the channel ends by
// its own condition (the range over the channel ends once it is closed,
// a counted loop once it has run for every goroutine), as many as the
// loop was written to receive: Many, or its constant trip count.
func (r *receiver) edge(b, s *cfg.Block) chanflow.Count {
	w := r.weight(s, 0)
	if r.loopEnd(b, s) {
		if rs, ok := b.Stmt.(*ast.RangeStmt); ok && r.isCh(rs.X) {
			return chanflow.Many
		}
		if r.need >= chanflow.Many {
			return chanflow.Many // an unknown number of sends against a counted loop: presumed matched
		}
		return add(w, chanflow.TripCount(r.info, b.Stmt))
	}
	return w
}

// loopEnd reports whether the edge from b to s is the normal end of a
// loop that receives from the channel.
func (r *receiver) loopEnd(b, s *cfg.Block) bool {
	return (b.Kind == cfg.KindForLoop || b.Kind == cfg.KindRangeLoop) && len(b.Succs) == 2 && s == b.Succs[1] &&
		slices.Contains(r.loops, b.Stmt)
}

// isHead reports whether b is the head of loop (its condition or range).
func isHead(b *cfg.Block, loop ast.Stmt) bool {
	return b.Stmt == loop && (b.Kind == cfg.KindForLoop || b.Kind == cfg.KindRangeLoop)
}

// selectReceives reports whether sel has a case receiving from the channel.
func (r *receiver) selectReceives(sel *ast.SelectStmt) bool {
	for _, cc := range sel.Body.List {
		if r.isCh(commRecv(cc.(*ast.CommClause).Comm)) {
			return true
		}
	}
	return false
}

func defaultClause(sel *ast.SelectStmt) *ast.CommClause {
	for _, cc := range sel.Body.List {
		if cc := cc.(*ast.CommClause); cc.Comm == nil {
			return cc
		}
	}
	return nil
}

// lastComm returns the last case of sel that is not the default.
func lastComm(sel *ast.SelectStmt) *ast.CommClause {
	var last *ast.CommClause
	for _, cc := range sel.Body.List {
		if cc := cc.(*ast.CommClause); cc.Comm != nil {
			last = cc
		}
	}
	return last
}
