package unwaited

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"github.com/asynclint/asynclint/internal/noreturn"
	"github.com/asynclint/asynclint/internal/report"
	"github.com/asynclint/asynclint/internal/ruledoc"
	"github.com/asynclint/asynclint/internal/suppress"
	"github.com/asynclint/asynclint/internal/typematch"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
)

//go:embed doc.go
var doc string

// Analyzer is the unwaited rule.
var Analyzer = &analysis.Analyzer{
	Name:     "unwaited",
	Doc:      ruledoc.Summary(doc, "unwaited"),
	URL:      ruledoc.URL("unwaited"),
	Requires: []*analysis.Analyzer{inspect.Analyzer, suppress.Analyzer, noreturn.Analyzer},
	Run:      run,
}

// everyPath is -unwaited.paths: also report groups that are awaited on
// some paths but not on every one. By default only groups that are never
// awaited are reported: on std and the corpus the some-paths shape was 4
// real in 11 (the skipping path is often one that cannot happen, or a
// test's failure return), the never-awaited shape 4 in 5 (see doc.go).
var everyPath bool

func init() {
	Analyzer.Flags.BoolVar(&everyPath, "paths", false, "also report groups that are awaited on some paths but not on every one (by default only groups never awaited)")
}

func run(pass *analysis.Pass) (any, error) {
	hasSync := typematch.Imports(pass.Pkg, "sync")
	hasErrgroup := typematch.Imports(pass.Pkg, typematch.ErrgroupPath)
	if !hasSync && !hasErrgroup {
		return nil, nil // no group can be made here
	}
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)

	// Local groups, by the function that declares them. A function's CFG
	// is built only when it declares at least one.
	byFunc := map[ast.Node][]*group{}
	var funcs []inspector.Cursor // in source order, for stable reports
	for cur := range in.Root().Preorder((*ast.ValueSpec)(nil), (*ast.AssignStmt)(nil)) {
		for _, v := range createdGroups(pass.TypesInfo, cur.Node()) {
			fun, ok := enclosingFunc(cur)
			if !ok {
				continue // a package-level group is not local
			}
			if _, seen := byFunc[fun.Node()]; !seen {
				funcs = append(funcs, fun)
			}
			byFunc[fun.Node()] = append(byFunc[fun.Node()], &group{v: v})
		}
	}
	var waited map[*types.Var]bool
	waitedFields := func() map[*types.Var]bool { // computed once, when first needed
		if waited == nil {
			waited = fieldGroupsWaited(pass.TypesInfo, in)
		}
		return waited
	}
	for _, fun := range funcs {
		checkFunc(pass, fun, byFunc[fun.Node()], waitedFields)
	}

	if hasErrgroup {
		seen := map[groupInFunc]bool{}
		for cur := range in.Root().Preorder((*ast.ExprStmt)(nil), (*ast.DeferStmt)(nil)) {
			checkDiscardedWait(pass, cur, seen)
		}
	}
	return nil, nil
}

// enclosingFunc returns the innermost function declaration or literal
// around cur.
func enclosingFunc(cur inspector.Cursor) (inspector.Cursor, bool) {
	for c := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		return c, true
	}
	return inspector.Cursor{}, false
}

// funcBody returns the body of a FuncDecl or FuncLit.
func funcBody(n ast.Node) *ast.BlockStmt {
	switch n := n.(type) {
	case *ast.FuncDecl:
		return n.Body
	case *ast.FuncLit:
		return n.Body
	}
	return nil
}

func isGroupType(t types.Type) bool {
	return typematch.IsNamed(t, "sync", "WaitGroup") || isErrgroup(t)
}

func isErrgroup(t types.Type) bool { return typematch.IsNamed(t, typematch.ErrgroupPath, "Group") }

// createdGroups returns the variables that n (a ValueSpec or a :=
// assignment) declares and initializes with a new group: the zero value
// (var wg sync.WaitGroup), a composite literal (&errgroup.Group{}),
// new(T), or errgroup.WithContext. A pointer copied from elsewhere is not
// a group made here.
func createdGroups(info *types.Info, n ast.Node) []*types.Var {
	var names []*ast.Ident
	var values []ast.Expr
	switch n := n.(type) {
	case *ast.ValueSpec:
		names, values = n.Names, n.Values
	case *ast.AssignStmt:
		if n.Tok != token.DEFINE {
			return nil
		}
		for _, e := range n.Lhs {
			id, _ := e.(*ast.Ident)
			names = append(names, id)
		}
		values = n.Rhs
	}
	var out []*types.Var
	for i, id := range names {
		if id == nil {
			continue
		}
		v, ok := info.Defs[id].(*types.Var)
		if !ok || !isGroupType(v.Type()) {
			continue // not a group, or := reusing an existing variable
		}
		made := false
		switch {
		case len(values) == 0:
			_, isPtr := types.Unalias(v.Type()).(*types.Pointer)
			made = !isPtr // var wg sync.WaitGroup
		case len(values) == len(names):
			made = isNewGroup(info, values[i])
		case len(values) == 1 && i == 0:
			call, ok := ast.Unparen(values[0]).(*ast.CallExpr)
			made = ok && typematch.IsCallTo(info, call, typematch.ErrgroupPath, "WithContext")
		}
		if made {
			out = append(out, v)
		}
	}
	return out
}

// isNewGroup reports whether e makes a new group: T{}, &T{} or new(T).
func isNewGroup(info *types.Info, e ast.Expr) bool {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	switch e := e.(type) {
	case *ast.CompositeLit:
		return isGroupType(info.TypeOf(e))
	case *ast.CallExpr:
		if typematch.Builtin(info, e) != "new" || len(e.Args) != 1 {
			return false
		}
		return isGroupType(info.TypeOf(e.Args[0]))
	}
	return false
}

// group is a local group and what the declaring function does with it.
type group struct {
	v          *types.Var
	escapes    bool            // returned, stored, passed on, reassigned, or waited on by a closure
	starts     bool            // Go or TryGo is called: the group certainly gets goroutines
	latchDones int             // Dones under an if in a callback literal (not a goroutine): a completion latch
	adds       []*ast.CallExpr // Add(n > 0), Go and TryGo calls, in source order
	addLits    []inPlace       // for each add: the literal called in place by fun that it sits directly in, if any
	addFuncs   []ast.Node      // the function or literal around each Add
	dones      []ast.Node      // the function or literal around each Done (or Add(-n))
	doneFirst  []bool          // for each Done: it is its literal's first statement (a start barrier's)
	waits      []token.Pos     // Wait calls in the function itself
	deferWaits []token.Pos     // defer g.Wait() or defer func() { ... g.Wait() ... }()
}

// checkFunc classifies every use of the groups local to fun and reports
// those that some path leaves unwaited.
func checkFunc(pass *analysis.Pass, fun inspector.Cursor, groups []*group, waitedFields func() map[*types.Var]bool) {
	info := pass.TypesInfo
	byVar := map[*types.Var]*group{}
	for _, g := range groups {
		byVar[g.v] = g
	}
	for c := range fun.Preorder((*ast.Ident)(nil)) {
		id := c.Node().(*ast.Ident)
		v, ok := info.Uses[id].(*types.Var)
		if !ok {
			continue
		}
		g := byVar[v]
		if g == nil || g.escapes {
			continue
		}
		classifyUse(info, fun, c, g)
	}

	var live []*group
	for _, g := range groups {
		if g.escapes || !g.getsGoroutines(fun.Node()) || g.isLatch() || g.isStartBarrier(fun.Node()) {
			continue
		}
		if !everyPath && !g.neverWaited() {
			continue // awaited on some path: judged only with -unwaited.paths
		}
		if g.alsoCountedByOwner(info, fun.Node(), waitedFields) {
			continue
		}
		live = append(live, g)
	}
	if len(live) == 0 {
		return
	}
	body := funcBody(fun.Node())
	graph := pass.ResultOf[noreturn.Analyzer].(*noreturn.Result).CFG(body) // cut at calls that never return
	cs := stableConds(info, body, graph)
	for _, g := range live {
		moved := movedAdds(pass, graph, g)
		add, returns := unwaitedPaths(graph, g, cs, moved)
		if add == nil {
			continue
		}
		related := make([]analysis.RelatedInformation, 0, len(returns))
		for _, r := range returns {
			related = append(related, analysis.RelatedInformation{Pos: r, Message: "returns here without waiting"})
		}
		msg := "goroutines added to %s are not awaited on every path; call %[1]s.Wait() before returning"
		if g.neverWaited() {
			msg = "goroutines added to %s are never awaited; call %[1]s.Wait() before returning"
		}
		report.Report(pass, analysis.Diagnostic{
			Pos:     add.Pos(),
			End:     add.Fun.End(),
			Message: fmt.Sprintf(msg, g.v.Name()),
			Related: related,
		})
	}
}

// classifyUse records what one use of g's variable does. A method call
// on it is an add, a wait or harmless (Done, SetLimit); any other use
// (address taken, passed, returned, stored, reassigned, a method value)
// lets the group escape, and a Wait inside a closure hands the waiting
// to that closure: in both cases the group is not ours to judge.
func classifyUse(info *types.Info, fun, c inspector.Cursor, g *group) {
	id := c.Node().(*ast.Ident)
	sel, ok := c.Parent().Node().(*ast.SelectorExpr)
	if !ok || sel.X != id {
		g.escapes = true
		return
	}
	call, ok := c.Parent().Parent().Node().(*ast.CallExpr)
	if !ok || call.Fun != sel {
		g.escapes = true // a method value such as t.Cleanup(wg.Wait)
		return
	}
	switch sel.Sel.Name {
	case "SetLimit":
	case "Done":
		g.dones = append(g.dones, enclosingNode(c))
		g.doneFirst = append(g.doneFirst, firstStatement(c.Parent().Parent()))
		if latchDone(c) {
			g.latchDones++
		}
	case "Add":
		if len(call.Args) == 1 {
			if tv := info.Types[call.Args[0]]; tv.Value != nil && constant.Sign(tv.Value) <= 0 {
				g.dones = append(g.dones, enclosingNode(c)) // Add(-1) is a Done
				g.doneFirst = append(g.doneFirst, firstStatement(c.Parent().Parent()))
				return
			}
		}
		g.adds = append(g.adds, call)
		g.addLits = append(g.addLits, calledInPlace(fun, c))
		g.addFuncs = append(g.addFuncs, enclosingNode(c))
	case "Go", "TryGo":
		g.adds = append(g.adds, call)
		g.addLits = append(g.addLits, calledInPlace(fun, c))
		g.starts = true
	case "Wait":
		callCur := c.Parent().Parent()
		lit, _ := enclosingFunc(callCur)
		if lit.Node() == fun.Node() {
			switch callCur.Parent().Node().(type) {
			case *ast.DeferStmt:
				g.deferWaits = append(g.deferWaits, call.Pos())
			case *ast.GoStmt:
				g.escapes = true // go wg.Wait(): nobody waits for the waiter
			default:
				g.waits = append(g.waits, call.Pos())
			}
			return
		}
		// A closure waits. Directly deferred by the function itself, it
		// waits on every return; any other closure (a closer goroutine, a
		// cleanup, a stop func) takes the waiting over.
		if litCall, ok := lit.Parent().Node().(*ast.CallExpr); ok && litCall.Fun == lit.Node() {
			if def, ok := lit.Parent().Parent().Node().(*ast.DeferStmt); ok && def.Call == litCall {
				if outer, _ := enclosingFunc(lit.Parent().Parent()); outer.Node() == fun.Node() {
					g.deferWaits = append(g.deferWaits, def.Call.Pos())
					return
				}
			}
		}
		g.escapes = true
	default:
		g.escapes = true // a method this rule does not know
	}
}

// neverWaited reports whether the function has no Wait of the group at
// all, deferred or not.
func (g *group) neverWaited() bool { return len(g.waits)+len(g.deferWaits) == 0 }

// enclosingNode returns the function or literal around cur.
func enclosingNode(cur inspector.Cursor) ast.Node {
	fun, _ := enclosingFunc(cur)
	return fun.Node()
}

// getsGoroutines reports whether the group, declared in fun, counts
// goroutines: Go or TryGo starts them; after an Add, only a Done in a
// closure that itself adds nothing (the body of a goroutine, or a
// callback) shows that someone else will finish the work. A counter
// that the function adds to and marks done itself, or never marks done,
// has nothing running to wait for.
func (g *group) getsGoroutines(fun ast.Node) bool {
	if g.starts {
		return true
	}
	if len(g.adds) == 0 {
		return false
	}
	for _, d := range g.dones {
		if d != fun && !slices.Contains(g.addFuncs, d) {
			return true
		}
	}
	return false
}
