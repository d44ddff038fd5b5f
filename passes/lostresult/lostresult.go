package lostresult

import (
	_ "embed"
	"go/ast"
	"go/types"
	"slices"

	"github.com/asynclint/asynclint/internal/report"
	"github.com/asynclint/asynclint/internal/ruledoc"
	"github.com/asynclint/asynclint/internal/suppress"
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
	FactTypes: []analysis.Fact{new(nilError)},
	Run:       run,
}

var all bool // -lostresult.all

func init() {
	Analyzer.Flags.BoolVar(&all, "all", false, "also report go statements that drop results other than an error")
}

// nilError marks a function whose error result is nil on every return path.
type nilError struct{}

func (*nilError) AFact()         {}
func (*nilError) String() string { return "nilError" }

func run(pass *analysis.Pass) (any, error) {
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	exportNilErrorFacts(pass, in)

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
	fn, _ := typeutil.Callee(pass.TypesInfo, g.Call).(*types.Func)
	if fn != nil && pass.ImportObjectFact(fn.Origin(), new(nilError)) {
		return // the error is nil on every path: nothing is lost
	}
	if fn != nil && isServe(fn) && stoppedInFunc(pass, cur, g.Call) {
		return // the error only signals the deliberate stop
	}
	what := "error"
	if !hasError(sig.Results()) {
		what = "result"
	}
	report.Nodef(pass, g, "%s from %s is dropped by the go statement; collect it with errgroup or a result channel",
		what, types.ExprString(g.Call.Fun))
}

func checkDroppedChannel(pass *analysis.Pass, s *ast.ExprStmt) {
	call, ok := ast.Unparen(s.X).(*ast.CallExpr)
	if !ok {
		return
	}
	tv, ok := pass.TypesInfo.Types[call.Fun]
	if !ok || tv.IsType() {
		return // a conversion
	}
	sig, ok := tv.Type.Underlying().(*types.Signature)
	if !ok {
		return // a builtin
	}
	for v := range sig.Results().Variables() {
		if ch, ok := v.Type().Underlying().(*types.Chan); ok && ch.Dir() != types.SendOnly {
			report.Nodef(pass, call, "channel returned by %s is dropped, so nothing receives the outcome sent on it; receive from it, or assign it to _ if that is intended",
				types.ExprString(call.Fun))
			return
		}
	}
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

// stoppedInFunc reports whether the outermost function enclosing cur calls
// (or passes as a value, as in t.Cleanup(srv.Stop)) a stop method on the
// server the call serves on, or on one of its arguments (the listener).
func stoppedInFunc(pass *analysis.Pass, cur inspector.Cursor, call *ast.CallExpr) bool {
	var targets []ast.Expr
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if _, isPkg := pass.TypesInfo.Uses[identOf(sel.X)].(*types.PkgName); !isPkg {
			targets = append(targets, sel.X)
		}
	}
	targets = append(targets, call.Args...)

	var body ast.Node
	for c := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		body = c.Node() // keep climbing: the outermost function wins
	}
	if body == nil {
		return false
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if found || !ok || !slices.Contains(stopMethods, sel.Sel.Name) {
			return !found
		}
		for _, t := range targets {
			if sameObject(pass.TypesInfo, sel.X, t) {
				found = true
			}
		}
		return !found
	})
	return found
}

func identOf(e ast.Expr) *ast.Ident {
	id, _ := ast.Unparen(e).(*ast.Ident)
	return id
}

// sameObject reports whether x and y denote the same variable or field
// path, such as srv and srv, or s.srv and s.srv.
func sameObject(info *types.Info, x, y ast.Expr) bool {
	x, y = ast.Unparen(x), ast.Unparen(y)
	if u, ok := x.(*ast.UnaryExpr); ok {
		x = u.X // &srv
	}
	if u, ok := y.(*ast.UnaryExpr); ok {
		y = u.X
	}
	switch x := x.(type) {
	case *ast.Ident:
		y, ok := y.(*ast.Ident)
		return ok && info.ObjectOf(x) != nil && info.ObjectOf(x) == info.ObjectOf(y)
	case *ast.SelectorExpr:
		y, ok := y.(*ast.SelectorExpr)
		return ok && info.ObjectOf(x.Sel) == info.ObjectOf(y.Sel) && sameObject(info, x.X, y.X)
	}
	return false
}
