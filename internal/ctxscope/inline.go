package ctxscope

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/asynclint/asynclint/internal/typematch"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// Visible reports whether c's variable is declared before pos and not
// shadowed there, so that a fix can name it at pos.
func (f *Func) Visible(c *Ctx, pos token.Pos) bool {
	return c.Var != nil && f.s.visible(c.Var, pos)
}

// RunsInline reports whether the function literal at lit runs while the
// function around it waits, so that this function's contexts are the
// literal's too: called on the spot (not by a go statement), kept in a
// local variable whose every use is a call, or handed to a runner known
// to finish it before its caller goes on (errgroup.Group's Go and TryGo,
// whose group the caller waits for; sync.Once's Do; sync.WaitGroup's
// Go). A literal stored, returned, or handed to any other function (a
// callback: http.HandleFunc, time.AfterFunc, t.Cleanup) may run after
// the function has returned, and does not.
func RunsInline(info *types.Info, lit inspector.Cursor) bool {
	parent := lit.Parent()
	switch lit.ParentEdgeKind() {
	case edge.CallExpr_Fun:
		return parent.ParentEdgeKind() != edge.GoStmt_Call
	case edge.CallExpr_Args:
		fn := typematch.Callee(info, parent.Node().(*ast.CallExpr))
		return typematch.IsMethod(fn, "golang.org/x/sync/errgroup", "Group", "Go") ||
			typematch.IsMethod(fn, "golang.org/x/sync/errgroup", "Group", "TryGo") ||
			typematch.IsMethod(fn, "sync", "Once", "Do") ||
			typematch.IsMethod(fn, "sync", "WaitGroup", "Go")
	case edge.AssignStmt_Rhs:
		a := parent.Node().(*ast.AssignStmt)
		if len(a.Lhs) != len(a.Rhs) {
			return false
		}
		_, i := lit.ParentEdge()
		return onlyCalled(info, lit, a.Lhs[i])
	case edge.ValueSpec_Values:
		vs := parent.Node().(*ast.ValueSpec)
		_, i := lit.ParentEdge()
		return i < len(vs.Names) && onlyCalled(info, lit, vs.Names[i])
	}
	return false
}

// onlyCalled reports whether lhs is a local variable whose every use in
// the declaration around lit is a call of it, not by a go statement.
func onlyCalled(info *types.Info, lit inspector.Cursor, lhs ast.Expr) bool {
	id, ok := lhs.(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := info.ObjectOf(id).(*types.Var)
	if !ok || v.Pkg() == nil || v.Parent() == v.Pkg().Scope() {
		return false
	}
	var decl inspector.Cursor
	for c := range lit.Enclosing((*ast.FuncDecl)(nil)) {
		decl = c
	}
	if decl.Node() == nil {
		return false
	}
	for c := range decl.Preorder((*ast.Ident)(nil)) {
		if info.Uses[c.Node().(*ast.Ident)] != v {
			continue
		}
		if c.ParentEdgeKind() != edge.CallExpr_Fun || c.Parent().ParentEdgeKind() == edge.GoStmt_Call {
			return false
		}
	}
	return true
}
