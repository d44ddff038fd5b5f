package lostresult

import (
	_ "embed"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"github.com/asynclint/asynclint/internal/astmatch"
	"github.com/asynclint/asynclint/internal/report"
	"github.com/asynclint/asynclint/internal/ruledoc"
	"github.com/asynclint/asynclint/internal/suppress"
	"github.com/asynclint/asynclint/internal/testcode"
	"github.com/asynclint/asynclint/internal/typematch"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

//go:embed doc.go
var doc string

// Analyzer is the lostresult rule.
var Analyzer = &analysis.Analyzer{
	Name:      "lostresult",
	Doc:       ruledoc.Summary(doc, "lostresult"),
	URL:       ruledoc.URL("lostresult"),
	Requires:  []*analysis.Analyzer{inspect.Analyzer, suppress.Analyzer},
	FactTypes: []analysis.Fact{new(outcome)},
	Run:       run,
}

var (
	all   bool // -lostresult.all
	tests bool // -lostresult.tests
)

func init() {
	Analyzer.Flags.BoolVar(&all, "all", false, "also report go statements that drop results other than an error")
	Analyzer.Flags.BoolVar(&tests, "tests", false, "also report go statements in test code (_test.go files and files importing testing)")
}

func run(pass *analysis.Pass) (any, error) {
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	exportOutcomeFacts(pass, in)

	for cur := range in.Root().Preorder((*ast.GoStmt)(nil), (*ast.ExprStmt)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.GoStmt:
			checkGo(pass, cur, n)
		case *ast.ExprStmt:
			checkDroppedChannel(pass, n)
		}
	}
	return nil, nil
}

func checkGo(pass *analysis.Pass, cur inspector.Cursor, g *ast.GoStmt) {
	if _, ok := ast.Unparen(g.Call.Fun).(*ast.FuncLit); ok {
		return // a literal's body is what runs; it decides about errors
	}
	sig, ok := pass.TypesInfo.TypeOf(g.Call.Fun).Underlying().(*types.Signature)
	if !ok || sig.Results().Len() == 0 {
		return
	}
	if !hasError(sig.Results()) && !all {
		return
	}
	if !tests && testcode.Contains(pass, g.Pos()) {
		return // a test's lost error surfaces as a failing test
	}
	if nolintErrcheck(pass, g.Pos()) {
		return // //nolint:errcheck: dropped on purpose, the maintainer says
	}
	if fn, ok := typeutil.Callee(pass.TypesInfo, g.Call).(*types.Func); ok {
		if declaredInTestFile(pass, fn) && !testcode.Contains(pass, g.Pos()) {
			return // a test's stand-in: the package without its tests is judged with the real callee
		}
		o := outcomeOf(pass, fn)
		if o.NilError || o.SelfReported {
			return // the error is nil on every path, or the callee reports it itself
		}
		if o.StopOnly || pollOnlyStops(pass, fn, g.Call) {
			return // the error only ever says "stopped" (an accept loop, a poll until stop)
		}
		if isBackgroundClose(fn) {
			return // a fire-and-forget close: a failed close has no one to tell
		}
		if typematch.IsMethod(fn, "os/exec", "Cmd", "Wait") {
			return // go cmd.Wait() reaps a child nobody waits for; its exit status is the result, not a failure to report
		}
		if isServeListener(fn) || (isServe(fn) || o.Serves) && serverManaged(pass, cur, g.Call) {
			return // the error only signals the deliberate stop
		}
	}
	what := "error"
	if !hasError(sig.Results()) {
		what = "result"
	}
	report.Nodef(pass, g, "%s from %s is dropped by the go statement; collect it with errgroup or a result channel",
		what, types.ExprString(g.Call.Fun))
}

// checkDroppedChannel reports a call statement that drops a future: a
// channel its callee made unbuffered and sends on from a goroutine.
// Calls through interfaces and function values have no body to tell.
func checkDroppedChannel(pass *analysis.Pass, s *ast.ExprStmt) {
	call, ok := ast.Unparen(s.X).(*ast.CallExpr)
	if !ok {
		return
	}
	fn, ok := typeutil.Callee(pass.TypesInfo, call).(*types.Func)
	if !ok || !outcomeOf(pass, fn).Future {
		return
	}
	report.Nodef(pass, call, "channel returned by %s is dropped, so the goroutine sending the outcome on it blocks forever; receive from it, or assign it to _ if that is intended",
		types.ExprString(call.Fun))
}

// hasError reports whether a result list contains the error type.
func hasError(results *types.Tuple) bool {
	for v := range results.Variables() {
		if types.Identical(v.Type(), errorType) {
			return true
		}
	}
	return false
}

var errorType = types.Universe.Lookup("error").Type()

// declaredInTestFile reports whether fn is declared in a _test.go file of
// the package under analysis. A non-test file calling it is being
// analyzed as part of the package's test variant, where a test file
// replaced the method the production build calls (a test hook wrapping
// the real one); the production variant, analyzed on its own, judges
// the real callee.
func declaredInTestFile(pass *analysis.Pass, fn *types.Func) bool {
	if fn.Pkg() != pass.Pkg || !fn.Pos().IsValid() {
		return false
	}
	return strings.HasSuffix(pass.Fset.PositionFor(fn.Pos(), false).Filename, "_test.go")
}

// isBackgroundClose reports whether fn is a Close() error method.
func isBackgroundClose(fn *types.Func) bool {
	sig := fn.Signature()
	return fn.Name() == "Close" && sig.Recv() != nil && sig.Params().Len() == 0 && sig.Results().Len() == 1
}

// isServeListener reports whether fn is Serve(listener), which returns
// only when Accept fails: when its listener is closed, which is how such
// servers are stopped. (ServeTLS can also fail on its certificate files,
// and ListenAndServe on the bind.)
func isServeListener(fn *types.Func) bool {
	if fn.Name() != "Serve" {
		return false
	}
	params := fn.Signature().Params()
	if params.Len() == 0 {
		return false
	}
	t := params.At(0).Type()
	_, isPtr := types.Unalias(t).(*types.Pointer)
	return !isPtr && typematch.IsNamed(t, "net", "Listener")
}

// isServe reports whether fn is a method or function that serves until
// its server or listener is stopped.
func isServe(fn *types.Func) bool {
	switch fn.Name() {
	case "Serve", "ServeTLS", "ListenAndServe", "ListenAndServeTLS":
		return true
	}
	return false
}

var stopMethods = []string{"Stop", "GracefulStop", "Shutdown", "Close"}

// serverManaged reports whether the server a Serve-like call serves on is
// stopped on purpose, so that its error is only the stop signal: the
// outermost enclosing function (directly, in a defer or in a t.Cleanup)
// calls or passes a stop method of the server or of a listener argument;
// or the server has an owner beyond this function, being a struct field
// or escaping it (returned, stored, passed on), and the owner stops it.
func serverManaged(pass *analysis.Pass, cur inspector.Cursor, call *ast.CallExpr) bool {
	var server ast.Expr
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if _, isPkg := pass.TypesInfo.Uses[astmatch.Ident(sel.X)].(*types.PkgName); !isPkg {
			server = sel.X
		}
	}
	var fun inspector.Cursor
	for c := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		fun = c // keep climbing: the outermost function wins
	}
	if !fun.Valid() {
		return false
	}
	targets := slices.Clone(call.Args)
	if server != nil {
		targets = append(targets, server)
	}
	if callsStop(pass.TypesInfo, fun.Node(), targets) {
		return true
	}
	if server == nil {
		return false // a package-level ListenAndServe has no owner to stop it
	}
	if _, isField := ast.Unparen(server).(*ast.SelectorExpr); isField {
		return true
	}
	v, ok := pass.TypesInfo.Uses[astmatch.Ident(server)].(*types.Var)
	return ok && escapes(pass.TypesInfo, fun, v, call)
}

// callsStop reports whether fn's body mentions a stop method (called, or
// passed as a value as in t.Cleanup(srv.Stop)) of one of targets.
func callsStop(info *types.Info, fn ast.Node, targets []ast.Expr) bool {
	found := false
	ast.Inspect(fn, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok && slices.Contains(stopMethods, sel.Sel.Name) {
			found = found || slices.ContainsFunc(targets, func(t ast.Expr) bool { return astmatch.SameVar(info, sel.X, t) })
		}
		return !found
	})
	return found
}

// escapes reports whether local variable v leaves the function fun other
// than through the serve call itself: returned, put in a composite
// literal, passed to a call, or assigned to anything but a local variable.
func escapes(info *types.Info, fun inspector.Cursor, v *types.Var, serve *ast.CallExpr) bool {
	for c := range fun.Preorder((*ast.Ident)(nil)) {
		if info.Uses[c.Node().(*ast.Ident)] != v {
			continue
		}
		use, p := c.Node().(ast.Expr), c.Parent()
		if u, ok := p.Node().(*ast.UnaryExpr); ok && u.Op == token.AND {
			use, p = u, p.Parent()
		}
		switch n := p.Node().(type) {
		case *ast.ReturnStmt, *ast.CompositeLit, *ast.KeyValueExpr:
			return true
		case *ast.CallExpr: // an argument: a method call's receiver sits in a SelectorExpr
			if n != serve && n.Fun != use {
				return true
			}
		case *ast.AssignStmt:
			if slices.Contains(n.Rhs, use) && !slices.ContainsFunc(n.Lhs, func(e ast.Expr) bool { return isLocal(info, e) }) {
				return true
			}
		}
	}
	return false
}

// isLocal reports whether e is a local variable (or _).
func isLocal(info *types.Info, e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	if !ok {
		return false
	}
	obj := info.ObjectOf(id)
	return obj == nil || obj.Pkg() == nil || obj.Parent() != obj.Pkg().Scope()
}
