package blockingcallback

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"github.com/asynclint/asynclint/internal/noreturn"
	"github.com/asynclint/asynclint/internal/typematch"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// maxLoopNesting bounds how many for loops deep, within one function, a
// dispatch loop is judged on its own. The cases of an outer dispatch loop
// are walked with everything nested in them, so each level of nesting
// walks the inner code once more: the cost grows with the nesting depth
// times the size. Real event loops nest one or two deep (a loop that
// waits for a reply inside a case); past the bound, what an inner loop's
// cases do is still judged, as part of the outer case that contains it.
const maxLoopNesting = 4

// dispatchLoops judges the cases of every dispatch loop of the package:
// a for loop whose body has a select with two or more cases, no default,
// and a stop case.
func (c *checker) dispatchLoops() {
	depth := map[ast.Node]int{} // for loops by how many for loops enclose them, plus one
	for cur := range c.in.Root().Preorder((*ast.ForStmt)(nil)) {
		loop := cur.Node().(*ast.ForStmt)
		depth[loop] = 1
		// The nearest enclosing for loop, in the same function, was seen
		// first (preorder); the walk up stops there.
	up:
		for p := cur.Parent(); p.Node() != nil; p = p.Parent() {
			switch n := p.Node().(type) {
			case *ast.FuncLit, *ast.FuncDecl:
				break up
			case *ast.ForStmt:
				depth[loop] = depth[n] + 1
				break up
			}
		}
		if depth[loop] > maxLoopNesting {
			continue // judged as part of the outer cases; see maxLoopNesting
		}
		if loop.Cond != nil && !isTrue(c.pass.TypesInfo, loop.Cond) || c.skipped(loop.Pos()) {
			continue // a loop with a condition runs a protocol, not an event loop
		}
		body := cur.ChildAt(edge.ForStmt_Body, -1)
		for sc := range body.Children() {
			if _, ok := sc.Node().(*ast.SelectStmt); ok {
				c.dispatchLoop(cur, sc)
			}
		}
	}
}

// dispatchLoop judges the non-stop cases of the select at selCur, in
// the loop at loopCur, if it makes a dispatch loop.
func (c *checker) dispatchLoop(loopCur, selCur inspector.Cursor) {
	sel := selCur.Node().(*ast.SelectStmt)
	if len(sel.Body.List) < 2 {
		return // one case: nothing else waits behind it
	}
	s := &site{kind: dispatchSite, selected: map[string]bool{}}
	stops := make([]bool, len(sel.Body.List))
	anyStop := false
	for i, st := range sel.Body.List {
		cc := st.(*ast.CommClause)
		if cc.Comm == nil {
			return // a select with a default polls; spinloop's business
		}
		if x := commChan(cc.Comm); x != nil {
			if k := c.key(x); k != "" {
				s.selected[k] = true
			}
		}
		if c.isStop(loopCur, cc) {
			stops[i] = true
			anyStop = true
			if x := commChan(cc.Comm); x != nil {
				if k := c.key(x); k != "" {
					s.stops = append(s.stops, k)
				}
				if ctx := doneOf(c.pass.TypesInfo, x); ctx != nil {
					if k := c.key(ctx); k != "" {
						s.stopCtxs = append(s.stopCtxs, k)
					}
				}
			}
		}
	}
	if !anyStop {
		return // nothing asks the loop to stop: not a dispatch loop in the rule's sense
	}
	events := 0
	for _, stop := range stops {
		if !stop {
			events++
		}
	}
	if events < 2 && !workers {
		return // a worker: its one kind of event is its work, and only the stop waits
	}
	i := 0
	for cc := range selCur.ChildAt(edge.SelectStmt_Body, -1).Children() {
		if !stops[i] {
			cs := *s
			cs.recv = received(c.pass.TypesInfo, cc.Node().(*ast.CommClause).Comm)
			c.judge(cc, &cs)
		}
		i++
	}
}

// doneOf returns X when x is X.Done() for a context.Context X, or nil.
func doneOf(info *types.Info, x ast.Expr) ast.Expr {
	call, ok := ast.Unparen(x).(*ast.CallExpr)
	if !ok || !typematch.IsMethod(typematch.Callee(info, call), "context", "Context", "Done") {
		return nil
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	return sel.X
}

// isStop reports whether cc is a stop case of the loop: a receive from a
// context's Done(), or a case whose body leaves the loop.
func (c *checker) isStop(loopCur inspector.Cursor, cc *ast.CommClause) bool {
	if x := commChan(cc.Comm); x != nil && isRecv(cc.Comm) {
		if call, ok := ast.Unparen(x).(*ast.CallExpr); ok &&
			typematch.IsMethod(typematch.Callee(c.pass.TypesInfo, call), "context", "Context", "Done") {
			return true
		}
	}
	return c.leaves(cc.Body)
}

// leaves reports whether list ends by leaving the loop it is in, from a
// select case: a return, a labeled break (an unlabeled one leaves only
// the select) or goto, or a call that does not return.
func (c *checker) leaves(list []ast.Stmt) bool {
	if len(list) == 0 {
		return false
	}
	switch s := list[len(list)-1].(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.BranchStmt:
		return s.Tok == token.GOTO || s.Tok == token.BREAK && s.Label != nil
	case *ast.ExprStmt:
		if call, ok := ast.Unparen(s.X).(*ast.CallExpr); ok {
			return noReturn(c.pass, call)
		}
	case *ast.BlockStmt:
		return c.leaves(s.List)
	}
	return false
}

// noReturn reports whether call never returns (internal/noreturn: panic,
// os.Exit, log.Fatal, runtime.Goexit, t.FailNow and a project's own fatal
// helpers, across packages).
func noReturn(pass *analysis.Pass, call *ast.CallExpr) bool {
	return pass.ResultOf[noreturn.Analyzer].(*noreturn.Result).Call(call)
}

// isTrue reports whether e is the constant true.
func isTrue(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	return ok && tv.Value != nil && tv.Value.String() == "true"
}

// commChan returns the channel of a select case's communication: X of
// <-X or of X <- v; nil for the default.
func commChan(comm ast.Stmt) ast.Expr {
	switch s := comm.(type) {
	case *ast.SendStmt:
		return s.Chan
	case *ast.ExprStmt:
		if u, ok := ast.Unparen(s.X).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
			return u.X
		}
	case *ast.AssignStmt:
		if len(s.Rhs) == 1 {
			if u, ok := ast.Unparen(s.Rhs[0]).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
				return u.X
			}
		}
	}
	return nil
}

func isRecv(comm ast.Stmt) bool {
	_, send := comm.(*ast.SendStmt)
	return comm != nil && !send
}

// received returns the variable a receive case stores its value in
// (req in case req := <-reqs), or nil.
func received(info *types.Info, comm ast.Stmt) *types.Var {
	as, ok := comm.(*ast.AssignStmt)
	if !ok || len(as.Lhs) == 0 {
		return nil
	}
	id, ok := as.Lhs[0].(*ast.Ident)
	if !ok {
		return nil
	}
	obj := info.Defs[id]
	if obj == nil {
		obj = info.Uses[id]
	}
	v, _ := obj.(*types.Var)
	return v
}

// key returns a string that identifies the channel (or other value) e
// denotes by the objects it names: x, s.in, s.ctx.Done(); "" when e is
// anything else. Two expressions with the same key denote the same
// variable (shadowing cannot make them collide, as keys use objects).
func (c *checker) key(e ast.Expr) string { return keyOf(c.pass.TypesInfo, e) }

func keyOf(info *types.Info, e ast.Expr) string {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		if obj := info.Uses[e]; obj != nil {
			return fmt.Sprintf("%p", obj)
		}
	case *ast.SelectorExpr:
		obj := info.Uses[e.Sel]
		if obj == nil {
			return ""
		}
		if _, ok := info.Selections[e]; !ok {
			return fmt.Sprintf("%p", obj) // pkg.Var
		}
		if k := keyOf(info, e.X); k != "" {
			return k + "." + fmt.Sprintf("%p", obj)
		}
	case *ast.CallExpr:
		if len(e.Args) == 0 {
			if k := keyOf(info, e.Fun); k != "" {
				return k + "()"
			}
		}
	}
	return ""
}
