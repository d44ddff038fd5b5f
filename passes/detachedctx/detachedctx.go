package detachedctx

import (
	"cmp"
	_ "embed"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"github.com/asynclint/asynclint/internal/ctxscope"
	"github.com/asynclint/asynclint/internal/report"
	"github.com/asynclint/asynclint/internal/ruledoc"
	"github.com/asynclint/asynclint/internal/suppress"
	"github.com/asynclint/asynclint/internal/testcode"
	"github.com/asynclint/asynclint/internal/typematch"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

//go:embed doc.go
var doc string

// Analyzer is the detachedctx rule.
var Analyzer = &analysis.Analyzer{
	Name:     "detachedctx",
	Doc:      ruledoc.Summary(doc, "detachedctx"),
	URL:      ruledoc.URL("detachedctx"),
	Requires: []*analysis.Analyzer{inspect.Analyzer, suppress.Analyzer, ctxscope.Analyzer},
	Run:      run,
}

var (
	goroutines bool // -detachedctx.goroutines
	tests      bool // -detachedctx.tests
)

func init() {
	Analyzer.Flags.BoolVar(&goroutines, "goroutines", false, "also report Background() handed to work that outlives the function: go statements, goroutine literals, callbacks kept for later")
	Analyzer.Flags.BoolVar(&tests, "tests", false, "also report Background() in test code where t.Context() (Go 1.24+) or another context is in scope")
}

// maxHops bounds how far a derived context is followed through calls
// that wrap it (context.WithValue(context.WithTimeout(Background(), d),
// k, v)): real code nests two or three; past that the rule gives up and
// does not report.
const maxHops = 4

func run(pass *analysis.Pass) (any, error) {
	if !typematch.Imports(pass.Pkg, "context") {
		return nil, nil // no context.Background() to find
	}
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	scopes := pass.ResultOf[ctxscope.Analyzer].(*ctxscope.Result)
	c := &checker{
		pass:     pass,
		scopes:   scopes,
		reported: map[*ast.CallExpr]bool{},
		inliner:  ctxscope.NewInliner(pass.TypesInfo),
		uses:     map[ast.Node]map[*types.Var][]inspector.Cursor{},
		spans:    map[*ctxscope.Func]*spans{},
		fileCtx:  map[*ast.File]bool{},
	}
	for cur := range in.Root().Preorder((*ast.CallExpr)(nil)) {
		c.call(cur)
	}
	return nil, nil
}

// checker holds what one run has learned, so that each declaration,
// literal, function and file is examined at most once whatever the
// number of Background() calls in it.
type checker struct {
	pass     *analysis.Pass
	scopes   *ctxscope.Result
	reported map[*ast.CallExpr]bool                         // Background() calls already reported
	inliner  *ctxscope.Inliner                              // which literals run inline
	uses     map[ast.Node]map[*types.Var][]inspector.Cursor // declaration → the uses of each local
	spans    map[*ctxscope.Func]*spans                      // function → where it knows a ctx is cancelled
	fileCtx  map[*ast.File]bool                             // file → it uses package context beyond Background/TODO
}

// call looks at the context arguments of the call at cur: each that is
// Background() or TODO(), directly or through one local, is a candidate.
func (c *checker) call(cur inspector.Cursor) {
	site := cur.Node().(*ast.CallExpr)
	sig, ok := typeOf(c.pass.TypesInfo, site.Fun).(*types.Signature)
	if !ok {
		return // a conversion or a builtin
	}
	var f *ctxscope.Func
	for i, arg := range site.Args {
		if !isContextParam(sig, i) {
			continue
		}
		if f == nil {
			if f = c.scopes.Func(cur); f == nil {
				return // package level
			}
		}
		bg := f.Background(arg)
		if bg == nil || c.reported[bg] {
			continue
		}
		c.judge(cur, f, site, bg)
	}
}

// judge reports bg, the Background() or TODO() that site receives, when
// a context is in scope there and nothing makes the detachment deliberate.
func (c *checker) judge(cur inspector.Cursor, f *ctxscope.Func, site *ast.CallExpr, bg *ast.CallExpr) {
	pass := c.pass
	if outsideScope(pass, cur) {
		return // main, init
	}
	inTest := testcode.Contains(pass, site.Pos())
	if inTest && !tests {
		return
	}
	ctx, async := c.inScope(cur, f, bg.Pos())
	if g, ok := cur.Parent().Node().(*ast.GoStmt); ok && g.Call == site {
		async = true // go s.cleanup(context.Background())
	}
	if ctx == nil || (async && !goroutines) {
		return
	}
	if !inTest && ctx.Origin == ctxscope.Test {
		return
	}
	if deferred(cur) {
		return // cleanup that must run even when ctx is cancelled
	}
	if c.afterCancellation(f, site.Pos()) {
		return // ctx is known to be cancelled here: using it would fail at once
	}
	callee := typematch.Callee(pass.TypesInfo, site)
	if callee != nil && valuesOnly(callee) {
		return // a logger: it reads values from the context, it cannot be cancelled
	}
	if c.outlives(cur, maxHops) {
		return // a lifetime context or object, kept beyond this call
	}
	c.reported[bg] = true

	name := "context." + typematch.Callee(pass.TypesInfo, bg).Name() + "()"
	what := "this call"
	if callee != nil {
		what = callee.Name()
	}
	expr := ctx.Expr()
	d := analysis.Diagnostic{
		Pos: bg.Pos(),
		End: bg.End(),
		Message: name + " cuts " + what + " off from " + expr + "'s cancellation; pass " + expr +
			", or context.WithoutCancel(" + expr + ") to detach on purpose",
	}
	if fix := c.useCtxFix(bg, expr); fix != nil {
		d.SuggestedFixes = []analysis.SuggestedFix{*fix}
	}
	report.Report(pass, d)
}

// useCtxFix replaces the Background() call with the context in scope,
// unless that would leave the file's import of context unused.
func (c *checker) useCtxFix(bg *ast.CallExpr, expr string) *analysis.SuggestedFix {
	pass := c.pass
	sel, ok := ast.Unparen(bg.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	id, ok := sel.X.(*ast.Ident)
	if !ok {
		return nil
	}
	pkgName, ok := pass.TypesInfo.Uses[id].(*types.PkgName)
	if !ok {
		return nil
	}
	if !c.usesContextElsewhere(pkgName, bg) {
		return nil
	}
	return &analysis.SuggestedFix{
		Message:   "Use ctx",
		TextEdits: []analysis.TextEdit{{Pos: bg.Pos(), End: bg.End(), NewText: []byte(expr)}},
	}
}

// usesContextElsewhere reports whether the file holding bg uses the
// imported package pkg other than to call Background or TODO, so that
// replacing those calls leaves the import used. Each file is looked at
// once.
func (c *checker) usesContextElsewhere(pkg *types.PkgName, bg *ast.CallExpr) bool {
	for _, file := range c.pass.Files {
		if file.FileStart > bg.Pos() || bg.Pos() >= file.FileEnd {
			continue
		}
		if used, ok := c.fileCtx[file]; ok {
			return used
		}
		used := false
		ast.Inspect(file, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok || used {
				return !used
			}
			if id, ok := sel.X.(*ast.Ident); ok && c.pass.TypesInfo.Uses[id] == pkg &&
				sel.Sel.Name != "Background" && sel.Sel.Name != "TODO" {
				used = true
			}
			return true
		})
		c.fileCtx[file] = used
		return used
	}
	return false
}

// typeOf returns the underlying type of e, or nil.
func typeOf(info *types.Info, e ast.Expr) types.Type {
	t := info.TypeOf(e)
	if t == nil {
		return nil
	}
	return t.Underlying()
}

// isContextParam reports whether argument i of a call to sig goes to a
// parameter of type context.Context.
func isContextParam(sig *types.Signature, i int) bool {
	params := sig.Params()
	if params.Len() == 0 {
		return false
	}
	var t types.Type
	switch {
	case i < params.Len()-1 || !sig.Variadic() && i < params.Len():
		t = params.At(i).Type()
	case sig.Variadic():
		return false // a ...context.Context is not a context the callee runs under
	default:
		return false
	}
	return typematch.IsContext(t)
}

// outsideScope reports whether cur lies in main or init, where the
// process itself is the caller: there is no caller's context to keep.
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

// inScope returns the context to pass at pos, a position in the function
// f that cur is in, and whether it reaches pos only across work that
// outlives the function declaring it (a goroutine, a callback kept for
// later). The innermost function that has a visible cancellable context
// decides: a literal's own r.Context() wins over its enclosing
// function's ctx.
func (c *checker) inScope(cur inspector.Cursor, f *ctxscope.Func, pos token.Pos) (*ctxscope.Ctx, bool) {
	async := false
	lits := literals(cur)
	for i, g := 0, f; g != nil; i, g = i+1, g.Outer {
		if best := bestOf(g, pos); best != nil {
			return best, async
		}
		if i < len(lits) && !c.inliner.RunsInline(lits[i]) {
			async = true
		}
	}
	return nil, false
}

// literals returns the cursors of the function literals enclosing cur,
// innermost first, as ctxscope's Func.Outer chain orders them.
func literals(cur inspector.Cursor) []inspector.Cursor {
	var out []inspector.Cursor
	for c := range cur.Enclosing((*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		if _, ok := c.Node().(*ast.FuncDecl); ok {
			break
		}
		out = append(out, c)
	}
	return out
}

// bestOf returns the cancellable context that f itself declares and that
// is visible at pos: a variable rather than an implicit r.Context(), the
// latest declared among variables.
func bestOf(f *ctxscope.Func, pos token.Pos) *ctxscope.Ctx {
	var best *ctxscope.Ctx
	for _, c := range f.Ctxs {
		if !c.Cancellable() || !f.Visible(c, pos) {
			continue
		}
		switch {
		case best == nil,
			best.Implicit && !c.Implicit,
			best.Implicit == c.Implicit && c.Var.Pos() > best.Var.Pos():
			best = c
		}
	}
	return best
}

// deferred reports whether the call at cur runs deferred: it is the
// deferred call, an argument of it, or inside a deferred literal.
func deferred(cur inspector.Cursor) bool {
	for c := cur; c.Node() != nil; c = c.Parent() {
		switch c.Node().(type) {
		case *ast.DeferStmt:
			return true
		case *ast.FuncDecl:
			return false
		case *ast.FuncLit:
			call, ok := c.Parent().Node().(*ast.CallExpr)
			if !ok || call.Fun != c.Node() {
				return false
			}
			if _, ok := c.Parent().Parent().Node().(*ast.DeferStmt); !ok {
				return false
			}
			return true
		}
	}
	return false
}

// spans are stretches of source sorted by start, with the furthest end
// reached by any of the first i+1 of them, so that "does one of them hold
// pos" is a binary search.
type spans struct {
	pos    []token.Pos
	maxEnd []token.Pos
}

// afterCancellation reports whether pos lies in code that runs knowing
// that a context of f (or of a function it is nested in) was cancelled:
// in the body of one of its observations. Each function's observations
// are gathered once.
func (c *checker) afterCancellation(f *ctxscope.Func, pos token.Pos) bool {
	for g := f; g != nil; g = g.Outer {
		sp, ok := c.spans[g]
		if !ok {
			type body struct{ pos, end token.Pos }
			var bodies []body
			for _, o := range g.Observations {
				if len(o.Body) > 0 {
					bodies = append(bodies, body{o.Body[0].Pos(), o.Body[len(o.Body)-1].End()})
				}
			}
			slices.SortFunc(bodies, func(a, b body) int { return cmp.Compare(a.pos, b.pos) })
			sp = &spans{}
			for i, b := range bodies {
				sp.pos = append(sp.pos, b.pos)
				sp.maxEnd = append(sp.maxEnd, b.end)
				if i > 0 {
					sp.maxEnd[i] = max(sp.maxEnd[i], sp.maxEnd[i-1])
				}
			}
			c.spans[g] = sp
		}
		// The bodies starting at or before pos: one holds pos if it ends
		// after pos.
		i, found := slices.BinarySearch(sp.pos, pos)
		if found {
			return true
		}
		if i > 0 && sp.maxEnd[i-1] > pos {
			return true
		}
	}
	return false
}

// valuesOnly reports whether fn is a logging call: it returns nothing
// and is named like a log method (Printf, Infof, InfoContext, Log...).
// Such a callee reads values (a trace ID) from its context and has no
// work that cancellation could stop.
func valuesOnly(fn *types.Func) bool {
	if fn.Signature().Results().Len() != 0 {
		return false
	}
	name := fn.Name()
	if n := len(name) - len("Context"); n > 0 && name[n:] == "Context" {
		name = name[:n]
	}
	switch name {
	case "Print", "Printf", "Println", "Log", "Logf", "LogAttrs",
		"Debug", "Debugf", "Debugw", "Info", "Infof", "Infow", "Warn", "Warnf", "Warnw",
		"Warning", "Warningf", "Error", "Errorf", "Errorw", "Trace", "Tracef",
		"Notice", "Noticef", "V":
		return true
	}
	return false
}

// outlives reports whether the value made by the call at cur is kept
// beyond the function: stored in a field, an element, a composite
// literal or a package variable, sent, or handed to a goroutine, and,
// for a derived context, also returned. A derived context passed on to
// another derivation (context.WithValue(context.WithTimeout(...))) is
// followed, at most hops calls.
func (c *checker) outlives(cur inspector.Cursor, hops int) bool {
	pass := c.pass
	call := cur.Node().(*ast.CallExpr)
	derives := returnsContext(pass.TypesInfo, call)
	parent := cur.Parent()
	switch p := parent.Node().(type) {
	case *ast.ReturnStmt:
		return derives
	case *ast.CompositeLit, *ast.KeyValueExpr, *ast.SendStmt:
		return true
	case *ast.CallExpr:
		if _, isGo := parent.Parent().Node().(*ast.GoStmt); isGo && p.Fun != call {
			return true
		}
		if derives && hops > 0 && p.Fun != call {
			return c.outlives(parent, hops-1)
		}
	case *ast.AssignStmt:
		for _, l := range p.Lhs {
			if keeps(pass, l) {
				return true
			}
			if v := localVar(pass, l); v != nil && c.escapes(cur, v, derives) {
				return true
			}
		}
	case *ast.ValueSpec:
		for _, n := range p.Names {
			if v := localVar(pass, n); v != nil && c.escapes(cur, v, derives) {
				return true
			}
		}
	}
	return false
}

// returnsContext reports whether call's first result is a context.
func returnsContext(info *types.Info, call *ast.CallExpr) bool {
	switch t := info.TypeOf(call).(type) {
	case *types.Tuple:
		return t.Len() > 0 && typematch.IsContext(t.At(0).Type())
	default:
		return t != nil && typematch.IsContext(t)
	}
}

// keeps reports whether assigning to lhs keeps the value beyond the
// function: a field, an element, a dereference or a package variable.
func keeps(pass *analysis.Pass, lhs ast.Expr) bool {
	switch l := ast.Unparen(lhs).(type) {
	case *ast.SelectorExpr, *ast.IndexExpr, *ast.StarExpr:
		return true
	case *ast.Ident:
		v, ok := pass.TypesInfo.ObjectOf(l).(*types.Var)
		return ok && v.Parent() == pass.Pkg.Scope()
	}
	return false
}

// localVar returns the local variable lhs names, or nil.
func localVar(pass *analysis.Pass, lhs ast.Expr) *types.Var {
	id, ok := ast.Unparen(lhs).(*ast.Ident)
	if !ok || id.Name == "_" {
		return nil
	}
	v, ok := pass.TypesInfo.ObjectOf(id).(*types.Var)
	if !ok || v.Parent() == pass.Pkg.Scope() {
		return nil
	}
	return v
}

// escapes reports whether the local v is kept beyond the function
// declaring it: assigned to a field, element or package variable, put in
// a composite literal, sent, passed to a go statement or captured by a
// goroutine literal, or, when returned counts (a derived context),
// returned.
func (c *checker) escapes(cur inspector.Cursor, v *types.Var, returned bool) bool {
	pass := c.pass
	var decl inspector.Cursor
	for e := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		decl = e
	}
	if decl.Node() == nil {
		return true // a literal at package level: keep quiet
	}
	for _, u := range c.usesIn(decl)[v] {
		switch p := u.Parent().Node().(type) {
		case *ast.ReturnStmt:
			if returned {
				return true
			}
		case *ast.CompositeLit, *ast.KeyValueExpr, *ast.SendStmt:
			return true
		case *ast.AssignStmt:
			for i, r := range p.Rhs {
				if r == u.Node() && i < len(p.Lhs) && keeps(pass, p.Lhs[i]) {
					return true
				}
			}
		case *ast.CallExpr:
			if _, isGo := u.Parent().Parent().Node().(*ast.GoStmt); isGo && p.Fun != u.Node() {
				return true
			}
		}
		for l := range u.Enclosing((*ast.FuncLit)(nil)) {
			if l.Node().Pos() > v.Pos() && l.ParentEdgeKind() == edge.CallExpr_Fun && l.Parent().ParentEdgeKind() == edge.GoStmt_Call {
				return true // captured by a goroutine
			}
		}
	}
	return false
}

// usesIn returns the uses of each local variable in decl, indexed on the
// first question about decl.
func (c *checker) usesIn(decl inspector.Cursor) map[*types.Var][]inspector.Cursor {
	if m, ok := c.uses[decl.Node()]; ok {
		return m
	}
	m := map[*types.Var][]inspector.Cursor{}
	for u := range decl.Preorder((*ast.Ident)(nil)) {
		if v, ok := c.pass.TypesInfo.Uses[u.Node().(*ast.Ident)].(*types.Var); ok && !v.IsField() {
			m[v] = append(m[v], u)
		}
	}
	c.uses[decl.Node()] = m
	return m
}
