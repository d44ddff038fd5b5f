package strandedsend

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/asynclint/asynclint/internal/chanflow"
	"github.com/asynclint/asynclint/internal/typematch"
	"golang.org/x/tools/go/cfg"
)

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
	loops        []ast.Stmt        // loops that receive from the channel, in source order
	isLoop       map[ast.Stmt]bool // the same, as a set
	excl         map[exclusiveKey]bool
	recvs        map[ast.Node]chanflow.Count
	search       *searchGraph // what the searches precompute, made on first need
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
		isLoop:       map[ast.Stmt]bool{},
	}
	okVars := map[types.Object]bool{}
	var loops []ast.Stmt
	// One walk finds the loops that receive from the channel: a receive
	// marks every loop around it (stopping at one already marked, whose
	// outer loops are), a range over the channel marks its own loop.
	var open []ast.Stmt // the loops around the current node, innermost last
	var stack []ast.Node
	ast.Inspect(c.Body, func(n ast.Node) bool {
		if n == nil {
			if l, ok := stack[len(stack)-1].(ast.Stmt); ok && len(open) > 0 && open[len(open)-1] == l {
				open = open[:len(open)-1]
			}
			stack = stack[:len(stack)-1]
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.UnaryExpr:
			if n.Op == token.ARROW && r.isCh(n.X) {
				for i := len(open) - 1; i >= 0 && !r.isLoop[open[i]]; i-- {
					r.isLoop[open[i]] = true
				}
			}
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
			open = append(open, n.(ast.Stmt))
			if rs, ok := n.(*ast.RangeStmt); ok && r.isCh(rs.X) {
				r.isLoop[rs] = true
			}
		}
		stack = append(stack, n)
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
	// A loop inside another receiving loop needs no marking of its own:
	// the outer loop's counters and ifs include its.
	var marked ast.Stmt
	for _, l := range loops {
		if !r.isLoop[l] {
			continue
		}
		r.loops = append(r.loops, l)
		if marked == nil || l.Pos() >= marked.End() {
			r.markCounted(l)
			marked = l
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
					if typematch.Builtin(r.info, call) == "append" {
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

// exitOf returns the first statement that leaves loop early, or nil;
// ways out taken only once the channel is closed or every value counted
// are not early.
func (r *receiver) exitOf(loop ast.Stmt) ast.Stmt {
	return chanflow.EarlyExit(loop, func(n ast.Node) bool { return r.closedBranch[n] })
}

// weight returns the receives from the channel in block b from node i on,
// for the sender cur (nil when no sender is singled out).
func (r *receiver) weight(b *cfg.Block, from int, cur *chanflow.Spawn) chanflow.Count {
	var w chanflow.Count
	if from == 0 {
		w = r.entryWeight(b, cur)
	}
	return add(w, r.graph().suffix[b.Index][from])
}

// nodeWeights returns, for each i, the receives in the nodes of b from
// node i on.
func (r *receiver) nodeWeights(b *cfg.Block) []chanflow.Count {
	suffix := make([]chanflow.Count, len(b.Nodes)+1)
	for i := len(b.Nodes) - 1; i >= 0; i-- {
		suffix[i] = suffix[i+1]
		if _, ok := r.comms[b.Nodes[i]]; !ok { // a select case is counted in its case block
			suffix[i] = add(suffix[i], r.receivesAt(b.Nodes[i]))
		}
	}
	return suffix
}

// entryWeight returns the receives counted on entering b: 1 for a select
// case or range head receiving from the channel, Many for a branch taken
// once the channel is closed or a counted loop has received every value,
// and for a select case that means the sender cur has nothing left to
// send.
func (r *receiver) entryWeight(b *cfg.Block, cur *chanflow.Spawn) chanflow.Count {
	switch b.Kind {
	case cfg.KindSelectCaseBody:
		if cc := b.Stmt.(*ast.CommClause); r.isCh(commRecv(cc.Comm)) {
			return 1
		} else if r.exclusive(cc, cur) {
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
// closed instead of sending): when that case fires, the sender cur has
// nothing left to send here.
func (r *receiver) exclusive(cc *ast.CommClause, cur *chanflow.Spawn) bool {
	if cur == nil || cur.Lit == nil {
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
	key := exclusiveKey{cur, other}
	v, ok := r.excl[key]
	if !ok {
		v = r.flow.SignalsTogether(cur, r.c.Var, other) <= 1 && r.flow.SignalsTogether(cur, other) >= 1
		r.excl[key] = v
	}
	return v
}

type exclusiveKey struct {
	s     *chanflow.Spawn
	other *types.Var
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
