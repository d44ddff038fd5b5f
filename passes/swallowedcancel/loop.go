package swallowedcancel

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/asynclint/asynclint/internal/ctxscope"
	"github.com/asynclint/asynclint/internal/report"
	"github.com/asynclint/asynclint/internal/typematch"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// checkLoop reports case (c): the Done case cc (observation o, at the
// cursor cur) does nothing that leaves the loop around its select, and
// nothing else in that loop looks at a context or leaves it.
//
// Cost: the Done case's body, the select and the loop body are each
// walked once per Done case, and a Done case has one select and one
// innermost loop, so the work is linear in the size of the loop times
// the number of Done cases in it (one, in real code).
func checkLoop(pass *analysis.Pass, cur inspector.Cursor, o *ctxscope.Observation) {
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
	if mayLeave(pass, body, sel, cc) {
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
// or goto, a labeled branch, a call that does not return, or any
// expression of type context.Context (ctx.Err(), a call given ctx, whose
// error may end the loop). Function literals are not entered.
func mayLeave(pass *analysis.Pass, body *ast.BlockStmt, sel *ast.SelectStmt, cc *ast.CommClause) bool {
	leaves := false
	ast.Inspect(body, func(n ast.Node) bool {
		if leaves {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CommClause:
			if n == cc {
				return false // the Done case itself
			}
		case *ast.ReturnStmt:
			leaves = !within(n, sel) // another case's return only runs when that case is ready
		case *ast.BranchStmt:
			leaves = !within(n, sel) && (n.Label != nil || n.Tok == token.BREAK || n.Tok == token.GOTO)
		case *ast.CallExpr:
			leaves = !within(n, sel) && neverReturns(pass, n)
			if !leaves && typematch.IsContext(pass.TypesInfo.TypeOf(n)) {
				leaves = true
			}
		case *ast.Ident:
			if v, ok := pass.TypesInfo.Uses[n].(*types.Var); ok && typematch.IsContext(v.Type()) {
				leaves = true
			}
		}
		return !leaves
	})
	return leaves
}

// within reports whether n lies inside outer.
func within(n, outer ast.Node) bool { return outer.Pos() <= n.Pos() && n.End() <= outer.End() }

// neverReturns reports whether call ends the goroutine or the process:
// panic, os.Exit, runtime.Goexit, log.Fatal*, log.Panic*.
func neverReturns(pass *analysis.Pass, call *ast.CallExpr) bool {
	if b, ok := pass.TypesInfo.Uses[calleeIdent(call.Fun)].(*types.Builtin); ok {
		return b.Name() == "panic"
	}
	fn := typematch.Callee(pass.TypesInfo, call)
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	switch fn.Pkg().Path() + "." + fn.Name() {
	case "os.Exit", "runtime.Goexit", "log.Fatal", "log.Fatalf", "log.Fatalln", "log.Panic", "log.Panicf", "log.Panicln":
		return true
	}
	return false
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
