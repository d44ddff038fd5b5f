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

// Inliner tells which function literals of a package run inline (see
// [Inliner.RunsInline]). Each declaration is walked at most once, on the
// first question about a literal in it. One Inliner serves one pass; it
// is not safe for concurrent use.
type Inliner struct {
	info  *types.Info
	calls map[ast.Node]map[*types.Var]bool // declaration → local → every use is a call, not by go
}

// NewInliner returns an Inliner for the package whose type information
// is info.
func NewInliner(info *types.Info) *Inliner {
	return &Inliner{info: info, calls: map[ast.Node]map[*types.Var]bool{}}
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
func (in *Inliner) RunsInline(lit inspector.Cursor) bool {
	info := in.info
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
		return in.onlyCalled(lit, a.Lhs[i])
	case edge.ValueSpec_Values:
		vs := parent.Node().(*ast.ValueSpec)
		_, i := lit.ParentEdge()
		return i < len(vs.Names) && in.onlyCalled(lit, vs.Names[i])
	}
	return false
}

// onlyCalled reports whether lhs is a local variable whose every use in
// the declaration around lit is a call of it, not by a go statement.
func (in *Inliner) onlyCalled(lit inspector.Cursor, lhs ast.Expr) bool {
	id, ok := lhs.(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := in.info.ObjectOf(id).(*types.Var)
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
	calls, ok := in.calls[decl.Node()]
	if !ok {
		calls = map[*types.Var]bool{}
		for c := range decl.Preorder((*ast.Ident)(nil)) {
			u, ok := in.info.Uses[c.Node().(*ast.Ident)].(*types.Var)
			if !ok {
				continue
			}
			call := c.ParentEdgeKind() == edge.CallExpr_Fun && c.Parent().ParentEdgeKind() != edge.GoStmt_Call
			if prev, seen := calls[u]; seen {
				calls[u] = prev && call
			} else {
				calls[u] = call
			}
		}
		in.calls[decl.Node()] = calls
	}
	only, used := calls[v]
	return only || !used
}
