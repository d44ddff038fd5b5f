package swallowedcancel

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"github.com/asynclint/asynclint/internal/ctxscope"
	"github.com/asynclint/asynclint/internal/noreturn"
	"github.com/asynclint/asynclint/internal/report"
	"github.com/asynclint/asynclint/internal/typematch"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// loopExits answers "may this loop be left, or look at a context, outside
// this select" for the loops of a package's functions.
type loopExits struct {
	pass   *analysis.Pass
	byFunc map[ast.Node]*exits // by FuncDecl or FuncLit, built on first use
}

// exits are the positions, in source order, of what may leave a loop in
// one function (not in its literals): returns, breaks, gotos, labeled
// branches and calls that never return; and of every expression of type
// context.Context.
type exits struct {
	leaves, ctxRefs []token.Pos
}

// checkLoop reports case (c): the Done case cc (observation o, at the
// cursor cur, in the function fn) does nothing that leaves the loop
// around its select, and nothing else in that loop looks at a context
// or leaves it.
//
// Cost: each function is walked once for its exits; a Done case then
// costs the walk up to its loop, two binary searches per kind of exit,
// and, when it is about to be reported, one walk of its loop (which
// happens at most once per loop: a second Done case in the same loop is
// a look at a context outside the first). So n Done cases in one loop
// do not cost n walks of it.
func (lv *loopExits) checkLoop(cur inspector.Cursor, o *ctxscope.Observation, fn ast.Node) {
	pass := lv.pass
	cc := o.At.(*ast.CommClause)
	sel, ok := cur.Parent().Parent().Node().(*ast.SelectStmt)
	if !ok {
		return
	}
	loop, label := innermostLoop(cur.Parent().Parent())
	if loop == nil {
		return // not in a loop of this function
	}
	if !staysInLoop(pass, cc.Body, loop, label) {
		return // the case leaves the loop, or may: a call, an assignment
	}
	var body *ast.BlockStmt
	switch l := loop.(type) {
	case *ast.RangeStmt:
		if _, ok := types.Unalias(pass.TypesInfo.TypeOf(l.X)).Underlying().(*types.Chan); ok {
			return // draining a channel after cancel lets its producer finish
		}
		body = l.Body
	case *ast.ForStmt:
		if l.Cond != nil && !localOnly(pass, l.Cond) {
			return // the condition may change with the cancellation
		}
		body = l.Body
	}
	if lv.mayLeave(fn, body, sel, cc) {
		return
	}
	if o.Ctx != nil && changesInLoop(pass, loop, o.Ctx) {
		return // each iteration waits on another context (for _, ctx := range ctxs)
	}
	ctx := "ctx"
	if o.Ctx != nil {
		ctx = types.ExprString(o.Ctx)
	}
	report.Report(pass, analysis.Diagnostic{Pos: cc.Pos(), End: cc.Colon + 1, Message: loopMessage(ctx)})
}

// innermostLoop returns the innermost for or range statement around the
// select at cur within the same function, and its label (or nil).
func innermostLoop(cur inspector.Cursor) (ast.Stmt, *ast.Ident) {
	for c := cur.Parent(); c.Node() != nil; c = c.Parent() {
		switch n := c.Node().(type) {
		case *ast.FuncLit, *ast.FuncDecl:
			return nil, nil
		case *ast.ForStmt, *ast.RangeStmt:
			var label *ast.Ident
			if l, ok := c.Parent().Node().(*ast.LabeledStmt); ok {
				label = l.Label
			}
			return n.(ast.Stmt), label
		}
	}
	return nil, nil
}

// staysInLoop reports whether the statements of a Done case do nothing
// but go on to the loop's next iteration: they are empty, continue (the
// loop), or break (out of the select only).
func staysInLoop(pass *analysis.Pass, body []ast.Stmt, loop ast.Stmt, label *ast.Ident) bool {
	for _, st := range body {
		switch st := st.(type) {
		case *ast.EmptyStmt:
		case *ast.BranchStmt:
			switch {
			case st.Tok == token.CONTINUE && st.Label == nil:
			case st.Tok == token.CONTINUE && label != nil && pass.TypesInfo.Uses[st.Label] == pass.TypesInfo.Defs[label]:
			case st.Tok == token.BREAK && st.Label == nil:
			default:
				return false
			}
		default:
			return false
		}
	}
	return true
}

// localOnly reports whether a loop condition depends only on local
// variables, constants and len or cap of them: nothing another
// goroutine or the cancellation can change.
func localOnly(pass *analysis.Pass, e ast.Expr) bool {
	ok := true
	ast.Inspect(e, func(n ast.Node) bool {
		if !ok {
			return false
		}
		switch n := n.(type) {
		case *ast.Ident:
			switch obj := pass.TypesInfo.Uses[n].(type) {
			case *types.Var:
				ok = !obj.IsField() && obj.Parent() != nil && obj.Parent() != pass.Pkg.Scope() && !typematch.IsContext(obj.Type())
			case *types.Const, *types.Nil, *types.Builtin, *types.TypeName:
			default:
				ok = false
			}
		case *ast.CallExpr:
			b, isBuiltin := pass.TypesInfo.Uses[calleeIdent(n.Fun)].(*types.Builtin)
			ok = isBuiltin && (b.Name() == "len" || b.Name() == "cap")
		case *ast.StarExpr, *ast.SelectorExpr, *ast.IndexExpr, *ast.FuncLit:
			ok = false
		case *ast.UnaryExpr:
			ok = n.Op != token.ARROW
		}
		return ok
	})
	return ok
}

func calleeIdent(e ast.Expr) *ast.Ident {
	if id, ok := ast.Unparen(e).(*ast.Ident); ok {
		return id
	}
	return &ast.Ident{}
}

// mayLeave reports whether the loop body, apart from the Done case cc of
// sel, may leave the loop or look at a context again: a return, a break
// or goto, a labeled branch or a call that does not return outside sel
// (another case's return only runs when that case is ready), or any
// expression of type context.Context outside cc (ctx.Err(), a call given
// ctx, whose error may end the loop).
func (lv *loopExits) mayLeave(fn ast.Node, body *ast.BlockStmt, sel *ast.SelectStmt, cc *ast.CommClause) bool {
	ex := lv.byFunc[fn]
	if ex == nil {
		ex = collectExits(lv.pass, fn)
		lv.byFunc[fn] = ex
	}
	return anyOutside(ex.leaves, body.Pos(), body.End(), sel.Pos(), sel.End()) ||
		anyOutside(ex.ctxRefs, body.Pos(), body.End(), cc.Pos(), cc.End())
}

// anyOutside reports whether some position of the sorted ps lies in
// [lo, hi) but not in [from, to).
func anyOutside(ps []token.Pos, lo, hi, from, to token.Pos) bool {
	i, _ := slices.BinarySearch(ps, lo)
	if i < len(ps) && ps[i] < min(from, hi) {
		return true
	}
	j, _ := slices.BinarySearch(ps, max(to, lo))
	return j < len(ps) && ps[j] < hi
}

// collectExits walks fn's body once, not entering literals.
func collectExits(pass *analysis.Pass, fn ast.Node) *exits {
	ex := &exits{}
	var body *ast.BlockStmt
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		body = fn.Body
	case *ast.FuncLit:
		body = fn.Body
	}
	if body == nil {
		return ex
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			ex.leaves = append(ex.leaves, n.Pos())
		case *ast.BranchStmt:
			if n.Label != nil || n.Tok == token.BREAK || n.Tok == token.GOTO {
				ex.leaves = append(ex.leaves, n.Pos())
			}
		case *ast.CallExpr:
			if neverReturns(pass, n) {
				ex.leaves = append(ex.leaves, n.Pos())
			}
			if typematch.IsContext(pass.TypesInfo.TypeOf(n)) {
				ex.ctxRefs = append(ex.ctxRefs, n.Pos())
			}
		case *ast.Ident:
			if v, ok := pass.TypesInfo.Uses[n].(*types.Var); ok && typematch.IsContext(v.Type()) {
				ex.ctxRefs = append(ex.ctxRefs, n.Pos())
			}
		}
		return true
	})
	return ex
}

// changesInLoop reports whether the variable that ctx is rooted at (ctx,
// or s in s.ctx) is a range variable of loop, is declared inside it, or
// is assigned in it: the next iteration observes another context.
func changesInLoop(pass *analysis.Pass, loop ast.Stmt, ctx ast.Expr) bool {
	root := ctx
	for {
		sel, ok := ast.Unparen(root).(*ast.SelectorExpr)
		if !ok {
			break
		}
		root = sel.X
	}
	id, ok := ast.Unparen(root).(*ast.Ident)
	if !ok {
		return true // a call or an index: we cannot tell, so do not claim a spin
	}
	v, ok := pass.TypesInfo.Uses[id].(*types.Var)
	if !ok {
		return true
	}
	if loop.Pos() <= v.Pos() && v.Pos() < loop.End() {
		return true // a range variable, or declared in the body
	}
	changes := false
	ast.Inspect(loop, func(n ast.Node) bool {
		if as, ok := n.(*ast.AssignStmt); ok && !changes {
			for _, l := range as.Lhs {
				if lid, ok := ast.Unparen(l).(*ast.Ident); ok && pass.TypesInfo.ObjectOf(lid) == v {
					changes = true
				}
			}
		}
		return !changes
	})
	return changes
}

// neverReturns reports whether call never returns (internal/noreturn:
// panic, os.Exit, log.Fatal, t.FailNow, a project's own fatal helpers,
// across packages): a way out of the loop, like a return.
func neverReturns(pass *analysis.Pass, call *ast.CallExpr) bool {
	return pass.ResultOf[noreturn.Analyzer].(*noreturn.Result).Call(call)
}
