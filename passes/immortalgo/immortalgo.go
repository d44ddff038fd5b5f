package immortalgo

import (
	_ "embed"
	"go/ast"
	"go/types"
	"strings"
	"unicode"

	"github.com/asynclint/asynclint/internal/noreturn"
	"github.com/asynclint/asynclint/internal/report"
	"github.com/asynclint/asynclint/internal/ruledoc"
	"github.com/asynclint/asynclint/internal/suppress"
	"github.com/asynclint/asynclint/internal/testcode"
	"github.com/asynclint/asynclint/internal/typematch"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
)

//go:embed doc.go
var doc string

// Analyzer is the immortalgo rule.
var Analyzer = &analysis.Analyzer{
	Name:      "immortalgo",
	Doc:       ruledoc.Summary(doc, "immortalgo"),
	URL:       ruledoc.URL("immortalgo"),
	Requires:  []*analysis.Analyzer{inspect.Analyzer, suppress.Analyzer, noreturn.Analyzer},
	FactTypes: []analysis.Fact{new(neverReturns)},
	Run:       run,
}

// noexit is -immortalgo.noexit: also report loops with no stop at all.
var noexit bool

func init() {
	Analyzer.Flags.BoolVar(&noexit, "noexit", false, "also report goroutines whose loop has no exit at all, or that call a function that never returns")
}

func run(pass *analysis.Pass) (any, error) {
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	c := newChecker(pass, in)
	c.exportFacts()

	var lifetime *processFuncs     // computed on the first finding
	var used map[types.Object]bool // functions referenced in the package, on first need
	for cur := range in.Root().Preorder((*ast.GoStmt)(nil)) {
		g := cur.Node().(*ast.GoStmt)
		v, name := c.goroutine(g)
		if v == nil {
			continue // it can stop, or we cannot tell
		}
		if !v.Missed && !noexit {
			continue // no stop at all: often a process-lifetime loop by design (see doc)
		}
		if !v.Owned && !testcode.Contains(pass, g.Pos()) {
			continue // a package daemon: it works on package-level state only
		}
		if disabledTest(pass, cur, &used) {
			continue // go test never runs it: a test switched off by its name
		}
		if lifetime == nil {
			lifetime = newProcessFuncs(pass, in)
		}
		if lifetime.started(cur) {
			continue // started once for the life of the process
		}
		subject := "goroutine"
		if name != "" {
			subject += " running " + name
		}
		d := analysis.Diagnostic{
			Pos:     g.Pos(),
			End:     g.End(),
			Message: subject + " can never stop: " + v.Reason + "; " + v.Fix,
		}
		if v.at != nil { // the proof is in this package
			what := "this loop has no exit"
			if _, ok := v.at.(*ast.CallExpr); ok {
				what = "this call never returns"
			}
			d.Related = []analysis.RelatedInformation{{Pos: v.at.Pos(), End: v.at.End(), Message: what}}
		}
		report.Report(pass, d)
	}
	return nil, nil
}

// goroutine returns why the goroutine g starts never returns, and the
// name of the function it runs ("" for a function literal), or nil when
// it can stop or its body is unknown (a function value, an interface
// method).
func (c *checker) goroutine(g *ast.GoStmt) (*verdict, string) {
	if lit, ok := ast.Unparen(g.Call.Fun).(*ast.FuncLit); ok {
		return c.body(lit, lit.Body), ""
	}
	v := c.callee(g.Call)
	if v == nil {
		return nil, ""
	}
	return v, types.ExprString(g.Call.Fun)
}

// processFuncs knows which code of a package runs once per process:
// main (of package main), init, TestMain, package-level variable
// initializers, functions run by a package-level sync.Once (or a
// package-level sync.OnceFunc, OnceValue, OnceValues), cobra commands'
// functions, command tables and factories registered from init (see
// isCommandTableEntry, isInitRegistered), and the functions only ever
// called from such code.
type processFuncs struct {
	pass       *analysis.Pass
	in         *inspector.Inspector
	funcs      map[*types.Func]bool     // functions only called from process-lifetime code
	singletons map[*types.TypeName]bool // types of which the package makes one value per process, see singletonOnce
}

func newProcessFuncs(pass *analysis.Pass, in *inspector.Inspector) *processFuncs {
	p := &processFuncs{pass: pass, in: in, funcs: map[*types.Func]bool{}, singletons: map[*types.TypeName]bool{}}
	// Candidates: package-level functions the package alone can call.
	// Every use must be a call (or a once argument) from process-lifetime
	// code. Start from all candidates and drop the ones with another use
	// (the greatest fixed point, so that functions calling each other stay
	// in): a use is bad at once, or bad once the candidate it lies in is
	// dropped. Each use is looked at once and each candidate dropped once,
	// so this costs time in proportion to the package.
	uses := map[*types.Func][]inspector.Cursor{}
	for cur := range in.Root().Preorder((*ast.Ident)(nil)) {
		fn, ok := pass.TypesInfo.Uses[cur.Node().(*ast.Ident)].(*types.Func)
		if ok && fn.Pkg() == pass.Pkg && fn.Signature().Recv() == nil && (!fn.Exported() || pass.Pkg.Name() == "main") {
			uses[fn] = append(uses[fn], cur)
		}
	}
	for fn := range uses {
		p.funcs[fn] = true
	}
	dependents := map[*types.Func][]*types.Func{} // g -> the candidates used in g
	var dropped []*types.Func
	for fn, curs := range uses {
		keep := true
		for _, cur := range curs {
			ok, in := p.useFromProcess(cur)
			switch {
			case !ok, in != nil && uses[in] == nil:
				keep = false // not a call from process-lifetime code, or in a function that is no candidate
			case in != nil:
				dependents[in] = append(dependents[in], fn)
			}
		}
		if !keep {
			dropped = append(dropped, fn)
		}
	}
	for _, fn := range dropped {
		delete(p.funcs, fn)
	}
	for len(dropped) > 0 {
		g := dropped[len(dropped)-1]
		dropped = dropped[:len(dropped)-1]
		for _, fn := range dependents[g] {
			if p.funcs[fn] {
				delete(p.funcs, fn)
				dropped = append(dropped, fn)
			}
		}
	}
	return p
}

// useFromProcess judges one use of a candidate function: ok is false
// when the use is not a call (or a once argument), or lies in code that
// can run more than once whatever the candidates; otherwise the use is
// from process-lifetime code, provided that in (when not nil) is: the
// function declaration around it, whose own judgment then decides.
func (p *processFuncs) useFromProcess(cur inspector.Cursor) (ok bool, in *types.Func) {
	call, isCall := cur.Parent().Node().(*ast.CallExpr)
	switch {
	case isCall && ast.Unparen(call.Fun) == cur.Node():
		// a call (or go f()): f runs from where the call is
	case isCall && runsOnce(p.pass, call):
		return true, nil // once.Do(f): f runs once per process, wherever the Do is
	case isCobraRun(p.pass, cur):
		// &cobra.Command{Run: f}: the command runs once per process
		return true, nil
	default:
		return false, nil // a function value may run any number of times
	}
	for c := range cur.Enclosing((*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		switch n := c.Node().(type) {
		case *ast.FuncLit:
			if isCobraRun(p.pass, c) || isCommandTableEntry(p.pass, c) || isInitRegistered(p.pass, c) {
				return true, nil
			}
			call, ok := c.Parent().Node().(*ast.CallExpr)
			if ok && runsOnce(p.pass, call) {
				return true, nil
			}
			if !ok || ast.Unparen(call.Fun) != n {
				return false, nil // a function value may run any number of times
			}
			// func() { ... }() and go func() { ... }() run where they are
		case *ast.FuncDecl:
			if isProcessEntry(p.pass, n) {
				return true, nil
			}
			fn, ok := p.pass.TypesInfo.Defs[n.Name].(*types.Func)
			return ok, fn
		}
	}
	return true, nil // a package-level variable's initializer
}

// started reports whether code at cur runs at most once per process:
// see processFuncs.
func (p *processFuncs) started(cur inspector.Cursor) bool {
	return p.startedAt(cur, true)
}

// startedAt is started; singletons says whether the Do of a singleton's
// field Once counts (see singletonOnce), which is not asked again while
// judging the singleton's own construction sites.
func (p *processFuncs) startedAt(cur inspector.Cursor, singletons bool) bool {
	for c := range cur.Enclosing((*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		switch n := c.Node().(type) {
		case *ast.FuncLit:
			if isCobraRun(p.pass, c) || isCommandTableEntry(p.pass, c) || isInitRegistered(p.pass, c) {
				return true
			}
			call, ok := c.Parent().Node().(*ast.CallExpr)
			if ok && (runsOnce(p.pass, call) || singletons && p.singletonOnce(call)) {
				return true
			}
			if !ok || ast.Unparen(call.Fun) != n {
				return false // a function value may run any number of times
			}
			// func() { ... }() and go func() { ... }() run where they are
		case *ast.FuncDecl:
			if isProcessEntry(p.pass, n) {
				return true
			}
			fn, _ := p.pass.TypesInfo.Defs[n.Name].(*types.Func)
			return p.funcs[fn]
		}
	}
	return true // a package-level variable's initializer
}

// isProcessEntry reports whether d is main (in package main), an init
// function, TestMain(*testing.M), or an example.
func isProcessEntry(pass *analysis.Pass, d *ast.FuncDecl) bool {
	if d.Recv != nil {
		return false
	}
	switch d.Name.Name {
	case "init":
		return true
	case "main":
		return pass.Pkg.Name() == "main"
	case "TestMain":
		fn, ok := pass.TypesInfo.Defs[d.Name].(*types.Func)
		if !ok {
			return false
		}
		params := fn.Signature().Params()
		return params.Len() == 1 && typematch.IsNamed(params.At(0).Type(), "testing", "M")
	}
	return isExample(pass, d)
}

// isExample reports whether d is a testable example, func ExampleXxx() in
// a _test.go file: it shows a program's main (godoc presents it as one,
// and without an Output comment it does not even run).
func isExample(pass *analysis.Pass, d *ast.FuncDecl) bool {
	rest, ok := strings.CutPrefix(d.Name.Name, "Example")
	return ok && (rest == "" || !unicode.IsLower([]rune(rest)[0])) &&
		d.Type.Params.NumFields() == 0 && d.Type.Results.NumFields() == 0 && d.Type.TypeParams == nil &&
		strings.HasSuffix(pass.Fset.File(d.Pos()).Name(), "_test.go")
}

// runsOnce reports whether call runs its function argument at most once
// per process: Do of a package-level sync.Once, or sync.OnceFunc,
// OnceValue or OnceValues outside any function (initializing a
// package-level variable). A Once that is a struct field runs once per
// owner, which is no different from a constructor.
func runsOnce(pass *analysis.Pass, call *ast.CallExpr) bool {
	fn := typematch.Callee(pass.TypesInfo, call)
	if typematch.IsMethod(fn, "sync", "Once", "Do") {
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		return ok && isPackageLevelVar(pass.TypesInfo, sel.X)
	}
	if typematch.IsFunc(fn, "sync", "OnceFunc") || typematch.IsFunc(fn, "sync", "OnceValue") || typematch.IsFunc(fn, "sync", "OnceValues") {
		return !insideFunc(pass, call)
	}
	return false
}

// isPackageLevelVar reports whether e denotes a package-level variable or
// a field of one (cache.once).
func isPackageLevelVar(info *types.Info, e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		v, ok := info.Uses[e].(*types.Var)
		return ok && isPackageLevel(v)
	case *ast.SelectorExpr:
		if _, ok := info.Uses[e.Sel].(*types.Var); ok {
			return isPackageLevelVar(info, e.X)
		}
	case *ast.UnaryExpr:
		return isPackageLevelVar(info, e.X)
	}
	return false
}

// insideFunc reports whether n lies inside a function declaration.
func insideFunc(pass *analysis.Pass, n ast.Node) bool {
	for _, f := range pass.Files {
		if f.FileStart <= n.Pos() && n.Pos() < f.FileEnd {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok && fd.Pos() <= n.Pos() && n.Pos() < fd.End() {
					return true
				}
			}
		}
	}
	return false
}

// disabledTest reports whether cur lies in a function of a _test.go file
// that takes a *testing.T (or B, F) but that go test does not run: its
// name does not start with Test, Benchmark or Fuzz (XTestDelivery,
// xTestFoo: the usual way to switch a test off), and nothing in the
// package refers to it. used is filled on the first call.
func disabledTest(pass *analysis.Pass, cur inspector.Cursor, used *map[types.Object]bool) bool {
	for c := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		d := c.Node().(*ast.FuncDecl)
		name := d.Name.Name
		if d.Recv != nil || strings.HasPrefix(name, "Test") || strings.HasPrefix(name, "Benchmark") || strings.HasPrefix(name, "Fuzz") {
			return false
		}
		if !strings.HasSuffix(pass.Fset.File(d.Pos()).Name(), "_test.go") || !takesTestingParam(pass.TypesInfo, d) {
			return false
		}
		if *used == nil {
			*used = map[types.Object]bool{}
			for _, obj := range pass.TypesInfo.Uses {
				if _, ok := obj.(*types.Func); ok {
					(*used)[obj] = true
				}
			}
		}
		return !(*used)[pass.TypesInfo.Defs[d.Name]]
	}
	return false
}

// takesTestingParam reports whether d has a *testing.T, B or F parameter.
func takesTestingParam(info *types.Info, d *ast.FuncDecl) bool {
	for _, f := range d.Type.Params.List {
		t, ok := info.TypeOf(f.Type).(*types.Pointer)
		if !ok {
			continue
		}
		for _, n := range []string{"T", "B", "F"} {
			if typematch.IsNamed(t.Elem(), "testing", n) {
				return true
			}
		}
	}
	return false
}
