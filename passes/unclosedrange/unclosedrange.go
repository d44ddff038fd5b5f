package unclosedrange

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"github.com/asynclint/asynclint/internal/chanflow"
	"github.com/asynclint/asynclint/internal/noreturn"
	"github.com/asynclint/asynclint/internal/report"
	"github.com/asynclint/asynclint/internal/ruledoc"
	"github.com/asynclint/asynclint/internal/suppress"
	"github.com/asynclint/asynclint/internal/testcode"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
)

//go:embed doc.go
var doc string

// Analyzer is the unclosedrange rule.
var Analyzer = &analysis.Analyzer{
	Name:     "unclosedrange",
	Doc:      ruledoc.Summary(doc, "unclosedrange"),
	URL:      ruledoc.URL("unclosedrange"),
	Requires: []*analysis.Analyzer{inspect.Analyzer, suppress.Analyzer, chanflow.Analyzer, noreturn.Analyzer},
	Run:      run,
}

var tests bool // -unclosedrange.tests

func init() {
	Analyzer.Flags.BoolVar(&tests, "tests", false, "also report in test code (_test.go files and files importing testing)")
}

func run(pass *analysis.Pass) (any, error) {
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	if !rangesOverChannel(pass, in) {
		return nil, nil
	}
	flow := pass.ResultOf[chanflow.Analyzer].(*chanflow.Result)
	for _, c := range flow.Chans() {
		if c.Escapes() {
			continue // other code may close it
		}
		if !tests && testcode.Contains(pass, c.Make.Pos()) {
			continue // a test that ranges forever hangs and is caught by its timeout
		}
		for _, rs := range ranges(pass, c) {
			check(pass, c, rs)
		}
	}
	return nil, nil
}

// rangesOverChannel reports whether the package has a for range over a
// channel.
func rangesOverChannel(pass *analysis.Pass, in *inspector.Inspector) bool {
	for cur := range in.Root().Preorder((*ast.RangeStmt)(nil)) {
		if t := pass.TypesInfo.TypeOf(cur.Node().(*ast.RangeStmt).X); t != nil {
			if _, ok := t.Underlying().(*types.Chan); ok {
				return true
			}
		}
	}
	return false
}

// consumer is a range over the channel and the goroutine it runs in (nil
// when the function that makes the channel runs it itself).
type consumer struct {
	rs    *ast.RangeStmt
	spawn *chanflow.Spawn
}

// ranges returns the ranges over c in its function or in the goroutines
// it starts (not in other function literals).
func ranges(pass *analysis.Pass, c *chanflow.Chan) []consumer {
	var out []consumer
	var find func(body *ast.BlockStmt, s *chanflow.Spawn)
	find = func(body *ast.BlockStmt, s *chanflow.Spawn) {
		ast.Inspect(body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				if s == nil {
					if sp := c.Spawner(n); sp != nil {
						find(n.Body, sp)
					}
				}
				return false // other literals: not followed
			case *ast.RangeStmt:
				if isVar(pass, n.X, c) {
					out = append(out, consumer{n, s})
				}
			}
			return true
		})
	}
	find(c.Body, nil)
	return out
}

func isVar(pass *analysis.Pass, e ast.Expr, c *chanflow.Chan) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && pass.TypesInfo.Uses[id] == c.Var
}

// check reports the range over c when nothing can end it.
func check(pass *analysis.Pass, c *chanflow.Chan, con consumer) {
	if chanflow.EarlyExit(con.rs, nil) != nil || stops(pass.ResultOf[noreturn.Analyzer].(*noreturn.Result), con.rs.Body) {
		return // the consumer has its own way out (a sentinel value, a count, a t.Fatal)
	}
	name := c.Var.Name()
	// Producers: the goroutines that send, and the function itself when
	// the range runs in a goroutine.
	var producers []*chanflow.Spawn
	finishes := false
	for _, s := range c.Spawns {
		if s != con.spawn && (s.Use.Sends > 0 || s.Use.Guarded) {
			producers = append(producers, s)
			finishes = finishes || s.Use.Finishes
		}
	}
	ownProduces := con.spawn != nil && (c.Own.Sends > 0 || c.Own.Guarded)
	if len(producers) == 0 && !ownProduces {
		return
	}
	finishes = finishes || ownProduces && c.Own.Finishes
	// Closers: the goroutines and the function itself.
	var closers []*chanflow.Spawn
	for _, s := range c.Spawns {
		if s.Use.Closes && s != con.spawn { // a close after the range comes too late
			closers = append(closers, s)
		}
	}
	ownCloses := c.Own.Closes
	d := analysis.Diagnostic{Pos: con.rs.Pos(), End: con.rs.X.End()}
	switch {
	case len(closers) == 0 && !ownCloses:
		if !finishes {
			return // the producers never stop: an endless stream, by design
		}
		d.Message = fmt.Sprintf("range over %s never ends: nothing closes %s; close it after the last send "+
			"(defer close(%s) in a single producer, or close it after wg.Wait() when several goroutines send)", name, name, name)
		if len(producers) > 0 {
			d.Related = []analysis.RelatedInformation{{Pos: producers[0].Stmt.Pos(), Message: fmt.Sprintf("this goroutine sends on %s and finishes without closing it", name)}}
		}
	case len(closers) == 1 && !ownCloses:
		s := closers[0]
		if s.Use.ClosesOnExit {
			return
		}
		d.Message = fmt.Sprintf("range over %s may never end: the goroutine that closes %s can return without closing it; "+
			"close it with defer close(%s)", name, name, name)
		if s.Use.SkipsClose != nil {
			d.Related = []analysis.RelatedInformation{{Pos: s.Use.SkipsClose.Pos(), Message: fmt.Sprintf("returns here without closing %s", name)}}
		} else if s.Callee != nil {
			d.Related = []analysis.RelatedInformation{{Pos: s.Stmt.Pos(), Message: fmt.Sprintf("%s can return without closing %s", s.Callee.Name(), name)}}
		}
	case len(closers) == 0 && ownCloses && con.spawn != nil:
		// The function produces for a consumer goroutine and closes: every
		// way out after starting the consumer must close.
		if slices.ContainsFunc(c.Own.ClosePos(), func(p token.Pos) bool { return p < con.spawn.Stmt.Pos() && inDefer(c.Body, p) }) ||
			deferClosesBefore(c, con.spawn.Stmt.Pos()) {
			return // a defer registered before the consumer started closes on every way out
		}
		// A way out must pass a close, or a defer that closes (defer
		// cleanup(), with cleanup a local closure that closes).
		ret := c.Graph.ExitAvoiding(con.spawn.Stmt.Pos(), func(n ast.Node) bool { return c.Own.ClosesIn(n) || c.DeferCloses(n) })
		if ret == nil {
			return
		}
		d.Message = fmt.Sprintf("range over %s may never end: %s can return without closing %s; "+
			"close it with defer close(%s) after starting the consumer", name, funcName(c), name, name)
		d.Related = []analysis.RelatedInformation{{Pos: ret.Pos(), Message: fmt.Sprintf("returns here without closing %s", name)}}
	case len(closers) == 0 && ownCloses && con.spawn == nil:
		// The function ranges itself: a close it makes only after the
		// range, or in a defer, comes too late.
		if slices.ContainsFunc(c.Own.ClosePos(), func(p token.Pos) bool { return p < con.rs.Pos() && !inDefer(c.Body, p) }) {
			return
		}
		d.Message = fmt.Sprintf("range over %s never ends: %s is closed only after the range; "+
			"close it in the producer when the last send is done", name, name)
	default:
		return
	}
	report.Report(pass, d)
}

// stops reports whether body calls a function that does not return
// (t.Fatal, log.Fatal, panic, a project's fatalf helper) outside function
// literals: the range ends there.
func stops(nr *noreturn.Result, body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			found = found || nr.Call(n)
		}
		return !found
	})
	return found
}

// funcName names the function that makes c.
func funcName(c *chanflow.Chan) string {
	if d, ok := c.Func.(*ast.FuncDecl); ok {
		return d.Name.Name
	}
	return "the function"
}

// deferClosesBefore reports whether a defer statement of c's function
// (not of a literal in it), written before pos, closes c on every way
// out of its deferred call (chanflow's DeferCloses): defer cleanup(),
// with cleanup a local closure that closes c, as in alertmanager's
// bulkImport. Like a defer close(c) written before pos, it is taken to
// be registered whenever pos runs.
func deferClosesBefore(c *chanflow.Chan, pos token.Pos) bool {
	found := false
	ast.Inspect(c.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.DeferStmt:
			found = found || n.Pos() < pos && c.DeferCloses(n)
		}
		return !found && n != nil && n.Pos() < pos
	})
	return found
}

// inDefer reports whether pos lies in a defer statement of body.
func inDefer(body *ast.BlockStmt, pos token.Pos) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if d, ok := n.(*ast.DeferStmt); ok && d.Pos() <= pos && pos < d.End() {
			found = true
		}
		return !found
	})
	return found
}
