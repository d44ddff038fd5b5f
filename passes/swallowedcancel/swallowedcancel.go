package swallowedcancel

import (
	"cmp"
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"github.com/asynclint/asynclint/internal/astmatch"
	"github.com/asynclint/asynclint/internal/ctxscope"
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

// Analyzer is the swallowedcancel rule.
var Analyzer = &analysis.Analyzer{
	Name:     "swallowedcancel",
	Doc:      ruledoc.Summary(doc, "swallowedcancel"),
	URL:      ruledoc.URL("swallowedcancel"),
	Requires: []*analysis.Analyzer{inspect.Analyzer, suppress.Analyzer, ctxscope.Analyzer, noreturn.Analyzer},
	Run:      run,
}

var strict bool // -swallowedcancel.strict

func init() {
	Analyzer.Flags.BoolVar(&strict, "strict", false,
		"also report functions whose only result is an error (graceful-stop workers) that return nil on cancellation")
}

func run(pass *analysis.Pass) (any, error) {
	if !typematch.Imports(pass.Pkg, "context") {
		return nil, nil // no ctx.Done(), ctx.Err() or context.Canceled to observe
	}
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	scope := pass.ResultOf[ctxscope.Analyzer].(*ctxscope.Result)
	type doneCase struct {
		o *ctxscope.Observation
		f *ctxscope.Func
	}
	doneCases := map[ast.Node]doneCase{}
	for cur := range in.Root().Preorder((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		f := scope.Func(cur)
		if f == nil {
			continue
		}
		checkReturns(pass, f)
		for _, o := range f.Observations {
			if o.How == ctxscope.DoneCase {
				doneCases[o.At] = doneCase{o, f}
			}
		}
	}
	if len(doneCases) == 0 {
		return nil, nil
	}
	lv := &loopExits{pass: pass, byFunc: map[ast.Node]*exits{}}
	for cur := range in.Root().Preorder((*ast.CommClause)(nil)) {
		if dc, ok := doneCases[cur.Node()]; ok {
			lv.checkLoop(cur, dc.o, dc.f.Node)
		}
	}
	return nil, nil
}

// checkReturns reports cases (a) and (b): observations whose body returns
// a literal nil error. A return inside nested observations belongs to
// the innermost one, so that each return is reported once.
func checkReturns(pass *analysis.Pass, f *ctxscope.Func) {
	results := signatureOf(pass, f.Node).Results()
	n := results.Len()
	if n == 0 || !types.Identical(results.At(n-1).Type(), errorType) {
		return // no error to return
	}
	if n == 1 && !strict {
		return // a graceful-stop worker: nil means "stopped as asked"
	}
	byObs := map[*ctxscope.Observation][]*ast.ReturnStmt{}
	owners := innermost(f.Observations, nilReturns(pass.TypesInfo, bodyOf(f.Node), n))
	for ret, o := range owners {
		byObs[o] = append(byObs[o], ret)
	}
	for _, o := range f.Observations {
		if rets := byObs[o]; len(rets) > 0 {
			slices.SortFunc(rets, func(a, b *ast.ReturnStmt) int { return cmp.Compare(a.Pos(), b.Pos()) })
			reportSwallowed(pass, o, rets)
		}
	}
}

// innermost maps each return, given in source order, to the innermost
// observation whose body holds it, if any. Observation bodies are whole
// case or branch bodies, or the rest of a statement list, so any two
// are nested or disjoint; one sweep with a stack of the open bodies
// finds the innermost in O((observations + returns) log observations),
// where walking each body for its returns would cost the nesting depth
// times the function's size.
func innermost(obs []*ctxscope.Observation, rets []*ast.ReturnStmt) map[*ast.ReturnStmt]*ctxscope.Observation {
	type span struct {
		start, end token.Pos
		o          *ctxscope.Observation
	}
	var spans []span
	for _, o := range obs {
		if len(o.Body) > 0 {
			spans = append(spans, span{o.Body[0].Pos(), o.Body[len(o.Body)-1].End(), o})
		}
	}
	slices.SortFunc(spans, func(a, b span) int { return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(b.end, a.end)) })
	out := map[*ast.ReturnStmt]*ctxscope.Observation{}
	var open []span
	i := 0
	for _, ret := range rets {
		for i < len(spans) && spans[i].start <= ret.Pos() {
			open = append(open, spans[i])
			i++
		}
		for len(open) > 0 && open[len(open)-1].end <= ret.Pos() {
			open = open[:len(open)-1]
		}
		// Spans pushed before an earlier one closed may still sit below
		// it; the top is the latest-starting open span, the innermost.
		if len(open) > 0 {
			out[ret] = open[len(open)-1].o
		}
	}
	return out
}

// bodyOf returns the statements of a FuncDecl's or FuncLit's body.
func bodyOf(fn ast.Node) []ast.Stmt {
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		if fn.Body != nil {
			return fn.Body.List
		}
	case *ast.FuncLit:
		return fn.Body.List
	}
	return nil
}

func reportSwallowed(pass *analysis.Pass, o *ctxscope.Observation, rets []*ast.ReturnStmt) {
	what := "cancellation"
	if o.Ctx != nil {
		what += " of " + types.ExprString(o.Ctx)
	}
	fix := observedErr(pass, o, rets)
	hint := "return the cancellation error"
	if fix != "" {
		hint = "return " + fix
	}
	d := analysis.Diagnostic{
		Pos:     o.At.Pos(),
		End:     atEnd(o.At),
		Message: what + " is observed here and then swallowed: the function returns a nil error; " + hint,
	}
	var edits []analysis.TextEdit
	for _, ret := range rets {
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: ret.Pos(), End: ret.End(), Message: "returns a nil error here"})
		last := ret.Results[len(ret.Results)-1]
		edits = append(edits, analysis.TextEdit{Pos: last.Pos(), End: last.End(), NewText: []byte(fix)})
	}
	if fix != "" {
		d.SuggestedFixes = []analysis.SuggestedFix{{Message: "Return the cancellation error", TextEdits: edits}}
	}
	report.Report(pass, d)
}

// atEnd is where a finding at n ends: the header of a case or an if, not
// its whole body.
func atEnd(n ast.Node) token.Pos {
	switch n := n.(type) {
	case *ast.CommClause:
		return n.Colon + 1
	case *ast.CaseClause:
		return n.Colon + 1
	case *ast.IfStmt:
		return n.Body.Lbrace
	}
	return n.End()
}

// observedErr returns the source of the error to return instead of nil
// at every ret: the error that was tested (err), or ctx.Err() of the
// context that was observed; "" when neither can be named at all of
// rets.
func observedErr(pass *analysis.Pass, o *ctxscope.Observation, rets []*ast.ReturnStmt) string {
	for _, e := range []ast.Expr{o.Err, errOfCtx(o.Ctx)} {
		if e == nil || !nameable(pass, e) {
			continue
		}
		ok := true
		for _, ret := range rets {
			ok = ok && visibleAt(pass, e, ret.Pos())
		}
		if ok {
			return types.ExprString(e)
		}
	}
	return ""
}

// errOfCtx returns the expression ctx.Err() for ctx, or nil.
func errOfCtx(ctx ast.Expr) ast.Expr {
	if ctx == nil {
		return nil
	}
	return &ast.CallExpr{Fun: &ast.SelectorExpr{X: ctx, Sel: ast.NewIdent("Err")}}
}

// nameable reports whether e is simple enough to repeat in a return:
// a variable, a field path (s.err), or a method without arguments called
// on such a path (ctx.Err(), r.Context().Err()).
func nameable(pass *analysis.Pass, e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return true
	case *ast.SelectorExpr:
		return nameable(pass, e.X)
	case *ast.CallExpr:
		sel, ok := e.Fun.(*ast.SelectorExpr)
		return ok && len(e.Args) == 0 && nameable(pass, sel.X)
	}
	return false
}

// visibleAt reports whether the identifiers that e starts with denote the
// same objects at pos as where e was written (no shadowing between).
func visibleAt(pass *analysis.Pass, e ast.Expr, pos token.Pos) bool {
	var root *ast.Ident
	for root == nil {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			root = x
		case *ast.SelectorExpr:
			e = x.X
		case *ast.CallExpr:
			e = x.Fun
		default:
			return false
		}
	}
	obj := pass.TypesInfo.ObjectOf(root)
	if obj == nil {
		return false
	}
	inner := pass.Pkg.Scope().Innermost(pos)
	if inner == nil {
		return false
	}
	_, found := inner.LookupParent(root.Name, pos)
	return found == obj
}

// nilReturns returns the return statements in stmts (not in function
// literals) whose error result, the last of n, is the literal nil.
func nilReturns(info *types.Info, stmts []ast.Stmt, n int) []*ast.ReturnStmt {
	var out []*ast.ReturnStmt
	for _, st := range stmts {
		ast.Inspect(st, func(node ast.Node) bool {
			switch node := node.(type) {
			case *ast.FuncLit:
				return false // its returns are its own
			case *ast.ReturnStmt:
				if len(node.Results) == n && astmatch.IsNil(info, node.Results[n-1]) {
					out = append(out, node)
				}
			}
			return true
		})
	}
	return out
}

// signatureOf returns the signature of a FuncDecl or FuncLit.
func signatureOf(pass *analysis.Pass, fn ast.Node) *types.Signature {
	var t types.Type
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		if obj, ok := pass.TypesInfo.Defs[fn.Name].(*types.Func); ok {
			return obj.Signature()
		}
	case *ast.FuncLit:
		t = pass.TypesInfo.TypeOf(fn)
	}
	if sig, ok := t.(*types.Signature); ok {
		return sig
	}
	return types.NewSignatureType(nil, nil, nil, nil, nil, false)
}

var errorType = types.Universe.Lookup("error").Type()

// loopMessage is case (c)'s message; ctx names the context.
func loopMessage(ctx string) string {
	return fmt.Sprintf("cancellation of %s is observed here and then ignored: the loop keeps running; "+
		"return in this case, or leave the loop", ctx)
}
