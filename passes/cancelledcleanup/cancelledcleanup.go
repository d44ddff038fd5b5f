package cancelledcleanup

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
	"github.com/asynclint/asynclint/internal/typematch"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
)

//go:embed doc.go
var doc string

// Analyzer is the cancelledcleanup rule.
var Analyzer = &analysis.Analyzer{
	Name:     "cancelledcleanup",
	Doc:      ruledoc.Summary(doc, "cancelledcleanup"),
	URL:      ruledoc.URL("cancelledcleanup"),
	Requires: []*analysis.Analyzer{inspect.Analyzer, suppress.Analyzer, ctxscope.Analyzer, ctxscope.GiveUp},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	if !typematch.Imports(pass.Pkg, "context") {
		return nil, nil // no context parameters to respect, none to observe
	}
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	scope := pass.ResultOf[ctxscope.Analyzer].(*ctxscope.Result)
	c := &checker{
		pass:       pass,
		errSources: errSources{pass: pass, cache: map[ast.Node]stores{}},
		giveUps:    pass.ResultOf[ctxscope.GiveUp].(*ctxscope.GiveUps),
		reported:   map[token.Pos]bool{},
		texts:      map[string][]byte{},
	}
	for cur := range in.Root().Preorder((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		f := scope.Func(cur)
		if f == nil || f.Outer != nil {
			continue // literals are handled with the declaration they are in
		}
		// The regions of the declaration and of every literal in it.
		regions := c.regions(f)
		for lit := range cur.Preorder((*ast.FuncLit)(nil)) {
			if g := scope.Func(lit); g != f {
				regions = append(regions, c.regions(g)...)
			}
		}
		if len(regions) == 0 {
			continue
		}
		c.root, c.rootNames = cur.Node(), nil
		c.calls = map[*ast.CallExpr]inspector.Cursor{}
		var calls []ast.Node // in source order
		for cc := range cur.Preorder((*ast.CallExpr)(nil)) {
			if call := cc.Node().(*ast.CallExpr); hasCtxArg(pass.TypesInfo, call) {
				c.calls[call] = cc
				calls = append(calls, call)
			}
		}
		c.checkRegions(calls, regions)
		c.checkDefers(cur, scope, regions)
	}
	return nil, nil
}

// regions returns the regions f's observations open.
func (c *checker) regions(f *ctxscope.Func) []*region {
	var out []*region
	for _, o := range f.Observations {
		if ctx := c.cancelledCtx(f, o); ctx != nil {
			out = append(out, &region{o: o, ctx: ctx, f: f})
		}
	}
	return out
}

// region is an observation and the context it proves cancelled.
type region struct {
	o   *ctxscope.Observation
	ctx ast.Expr
	f   *ctxscope.Func // the function that observes
}

type checker struct {
	errSources
	pass     *analysis.Pass
	giveUps  *ctxscope.GiveUps
	reported map[token.Pos]bool // context arguments already reported
	// calls holds the cursors of the current declaration's calls that
	// pass a context, for the fixes (found once per declaration, not by
	// a search from the root per finding).
	calls map[*ast.CallExpr]inspector.Cursor
	texts map[string][]byte // file contents, for the fixes
	// root is the declaration being checked; rootNames the names it
	// declares, built on the first fix (see declaredInRoot).
	root      ast.Node
	rootNames map[string]bool
}

// cancelledCtx returns the context that o proves cancelled, or nil: the
// context of a Done case, a receive or an Err test; for a test of an
// error (errors.Is(err, context.Canceled)), the context given to the
// call that err holds the error of.
func (c *checker) cancelledCtx(f *ctxscope.Func, o *ctxscope.Observation) ast.Expr {
	if o.Ctx != nil {
		return o.Ctx
	}
	if o.Err == nil || o.Sentinel == "DeadlineExceeded" {
		return nil // a deadline alone may be the callee's own timeout
	}
	return c.ctxOfErr(f, o.Err, o.Err.Pos())
}

// checkRegions reports the calls (those of a declaration that pass a
// context, in source order) in the regions' bodies that pass the
// cancelled context (or one derived from it) to a callee that gives up
// on it. A call in a function literal inside a region counts: the
// context stays cancelled for whatever runs later.
func (c *checker) checkRegions(calls []ast.Node, regions []*region) {
	sweep(regions, calls, func(n ast.Node, open []*region) {
		for _, r := range open {
			c.checkCall(r, n.(*ast.CallExpr), nil)
		}
	})
}

// hasCtxArg reports whether some argument of call is a context.
func hasCtxArg(info *types.Info, call *ast.CallExpr) bool {
	for _, a := range call.Args {
		if typematch.IsContext(info.TypeOf(a)) {
			return true
		}
	}
	return false
}

// maxRegionsPerNode bounds how many regions, innermost first, a call or
// a return is judged against. Regions nest when a Done case holds an
// if ctx.Err() != nil; real code nests two or three deep, and the bound
// keeps n nested regions from costing n times the function's size.
const maxRegionsPerNode = 4

// sweep calls visit for each node (in source order) with the regions
// whose bodies hold it, innermost first, at most maxRegionsPerNode of
// them. Region bodies are whole case or branch bodies, or the rest of a
// statement list, so any two are nested or disjoint: a stack of open
// bodies, each inside the one below, finds them in one pass,
// O((regions + nodes) log regions) plus the visits.
func sweep(regions []*region, nodes []ast.Node, visit func(ast.Node, []*region)) {
	type span struct {
		start, end token.Pos
		r          *region
	}
	spans := make([]span, 0, len(regions))
	for _, r := range regions {
		if len(r.o.Body) > 0 { // a receive that ends the function has none
			spans = append(spans, span{r.o.Body[0].Pos(), r.o.Body[len(r.o.Body)-1].End(), r})
		}
	}
	slices.SortFunc(spans, func(a, b span) int { return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(b.end, a.end)) })
	var open []span // each inside the one below it
	pop := func(pos token.Pos) {
		for len(open) > 0 && open[len(open)-1].end <= pos {
			open = open[:len(open)-1]
		}
	}
	i := 0
	var rs []*region
	for _, n := range nodes {
		for i < len(spans) && spans[i].start <= n.Pos() {
			pop(spans[i].start)
			open = append(open, spans[i])
			i++
		}
		pop(n.Pos())
		rs = rs[:0]
		for k := len(open) - 1; k >= 0 && len(rs) < maxRegionsPerNode; k-- {
			rs = append(rs, open[k].r)
		}
		if len(rs) > 0 {
			visit(n, rs)
		}
	}
}

// checkCall reports the context arguments of call that r's cancellation
// reaches, when call's callee respects them. ret is the return after
// which a deferred call runs, or nil.
func (c *checker) checkCall(r *region, call *ast.CallExpr, ret ast.Node) {
	for j, arg := range call.Args {
		if c.reported[arg.Pos()] || !typematch.IsContext(c.pass.TypesInfo.TypeOf(arg)) {
			continue
		}
		if !r.f.Cancels(r.ctx, arg) {
			continue // another context: a parent, a field, a detached one
		}
		name, ok := c.givesUp(call, j)
		if !ok {
			continue
		}
		c.reported[arg.Pos()] = true
		c.report(call, arg, name, ret)
	}
}

// givesUp reports whether the callee of call gives up at once when its
// j-th argument is cancelled, and names it: a function with the respects
// fact for that parameter, or an interface method or function value
// that returns an error (no body to look at; such calls are I/O more
// often than not).
func (c *checker) givesUp(call *ast.CallExpr, j int) (string, bool) {
	info := c.pass.TypesInfo
	j, ok := ctxscope.ParamIndex(info, call, j)
	if !ok {
		return "", false
	}
	fn := typematch.Callee(info, call)
	if fn != nil {
		if fn.Pkg() != nil && fn.Pkg().Path() == "context" {
			return "", false // derives or reads contexts; never cleans up
		}
		if isInterfaceMethod(fn) {
			return fn.Name(), returnsError(fn.Signature())
		}
		return fn.Name(), c.giveUps.GivesUp(fn, j)
	}
	sig, ok := types.Unalias(info.TypeOf(call.Fun)).Underlying().(*types.Signature)
	if !ok {
		return "", false // a conversion
	}
	return types.ExprString(call.Fun), returnsError(sig)
}

func isInterfaceMethod(fn *types.Func) bool {
	recv := fn.Signature().Recv()
	return recv != nil && types.IsInterface(recv.Type())
}

func returnsError(sig *types.Signature) bool {
	for i := range sig.Results().Len() {
		if types.Identical(sig.Results().At(i).Type(), errorType) {
			return true
		}
	}
	return false
}

var errorType = types.Universe.Lookup("error").Type()

func (c *checker) report(call *ast.CallExpr, arg ast.Expr, name string, ret ast.Node) {
	ctx := types.ExprString(arg)
	var msg string
	if ret == nil {
		msg = ctx + " is already cancelled here: " + name + " gives up at once, so this cleanup does not happen; " +
			"pass context.WithoutCancel(" + ctx + ")"
	} else {
		msg = ctx + " is already cancelled when this deferred call runs after the return on cancellation: " +
			name + " gives up at once; pass context.WithoutCancel(" + ctx + ")"
	}
	d := analysis.Diagnostic{Pos: arg.Pos(), End: arg.End(), Message: msg}
	if ret != nil {
		d.Related = []analysis.RelatedInformation{{Pos: ret.Pos(), End: ret.End(), Message: "returns here after " + ctx + " was cancelled"}}
	}
	d.SuggestedFixes = c.fixes(call, arg)
	report.Report(c.pass, d)
}
