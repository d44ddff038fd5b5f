package spinloop

import (
	_ "embed"
	"go/ast"
	"go/types"
	"sort"
	"strings"

	"github.com/asynclint/asynclint/internal/blocking"
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

// Analyzer is the spinloop rule.
var Analyzer = &analysis.Analyzer{
	Name:      "spinloop",
	Doc:       ruledoc.Summary(doc, "spinloop"),
	URL:       ruledoc.URL("spinloop"),
	Requires:  []*analysis.Analyzer{inspect.Analyzer, suppress.Analyzer, blocking.Analyzer, noreturn.Analyzer},
	FactTypes: []analysis.Fact{new(polls)},
	Run:       run,
}

var tests bool // -spinloop.tests

func init() {
	Analyzer.Flags.BoolVar(&tests, "tests", false, "also report in test code (_test.go files and files importing testing)")
}

func run(pass *analysis.Pass) (any, error) {
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	c := &checker{
		pass:   pass,
		blocks: pass.ResultOf[blocking.Analyzer].(*blocking.Result),
		decls:  map[*types.Func]*ast.FuncDecl{},
		preds:  map[*types.Func]*polls{},
		shared: map[ast.Node]map[*types.Var]*writes{},
	}
	c.exportFacts(in)
	if isRuntime(pass.Pkg.Path()) {
		return nil, nil // the scheduler spins on purpose, where it cannot block
	}

	for cur := range in.Root().Preorder((*ast.ForStmt)(nil)) {
		if !tests && testcode.Contains(pass, cur.Node().Pos()) {
			continue
		}
		if s := c.spin(cur); s != nil {
			report.Report(pass, analysis.Diagnostic{Pos: cur.Node().Pos(), End: cur.Node().End(), Message: s.message()})
		}
	}
	return nil, nil
}

// checker holds what run learns about the package as it goes.
type checker struct {
	pass   *analysis.Pass
	blocks *blocking.Result
	decls  map[*types.Func]*ast.FuncDecl // the package's functions with a body
	preds  map[*types.Func]*polls        // predicates judged so far (nil: not a poll)
	// shared maps an outermost function declaration (or a package-level
	// literal) to its local variables that other goroutines may see:
	// those captured by a function literal, or whose address is taken.
	shared map[ast.Node]map[*types.Var]*writes
}

// A spinKind is how a spinning loop learns that it may stop.
type spinKind int

const (
	spinForever    spinKind = iota // nothing at all: for {}
	spinPlain                      // a plain variable, read without synchronization
	spinLocked                     // a variable read under a mutex
	spinAtomic                     // an atomic load, a channel's length, a try-lock
	spinSelect                     // a select whose default does nothing
	spinSelectWork                 // a select whose default does only bookkeeping
)

// spin is a loop found to busy-wait.
type spin struct {
	kind spinKind
	what string // the state polled, as written: "s.ready", "len(ch)"
	// empty is set for spinForever when the loop has no statement at all.
	empty bool
}

func (s *spin) message() string {
	const fix = "wait on a channel or a sync.Cond instead"
	switch s.kind {
	case spinForever:
		if s.empty {
			return "empty for loop spins forever and burns a core; block with select {} or wait on a channel"
		}
		return "loop spins forever with nothing that blocks or yields and burns a core; " + fix
	case spinPlain:
		return "loop spins until " + s.what + " changes, reading it as a plain variable: it burns a core and may never see the write (a data race); " + fix
	case spinLocked:
		return "loop spins until " + s.what + " changes, reading it under a lock: it burns a core while it waits; wait on a sync.Cond or a channel instead"
	case spinAtomic:
		return "loop polls " + s.what + " with nothing that blocks or yields: it burns a core while it waits; " + fix
	case spinSelect:
		return "select with an empty default in a loop spins: it burns a core while no case is ready; drop the default so that the select blocks"
	default:
		return "select in a loop spins: its default does nothing useful, so the loop burns a core while no case is ready; drop the default so that the select blocks"
	}
}

// spin returns how the loop at cur busy-waits, or nil when it does not:
// see the package documentation for what counts.
func (c *checker) spin(cur inspector.Cursor) *spin {
	loop := cur.Node().(*ast.ForStmt)
	l := &loopScan{c: c, cur: cur, loop: loop, locals: map[*types.Var]*local{}}
	if loop.Cond != nil && !isTrue(c.pass.TypesInfo, loop.Cond) {
		if !l.pure(loop.Cond) {
			return nil
		}
		l.exits = append(l.exits, loop.Cond)
	}
	if loop.Post != nil && !l.trivial(loop.Post, true) {
		return nil
	}
	if !l.block(loop.Body.List, true) {
		return nil
	}
	// An idle round must not wait or yield. Its statements were checked
	// to be trivial, which leaves out the calls that might; blocking's
	// operations are read as well, so that no trivial form can hide one.
	skip := l.skip
	sort.Slice(skip, func(i, j int) bool { return skip[i].Pos() < skip[j].Pos() })
	for _, op := range c.blocks.Ops(cur) {
		for len(skip) > 0 && skip[0].End() <= op.Node.Pos() {
			skip = skip[1:]
		}
		if len(skip) > 0 && skip[0].Pos() <= op.Node.Pos() {
			continue // in a branch that leaves the loop, or a select case
		}
		if op.Kind&(blocking.Waits|blocking.Yield) != 0 {
			return nil
		}
	}
	if l.sel != nil {
		if l.selWork {
			return &spin{kind: spinSelectWork}
		}
		return &spin{kind: spinSelect}
	}
	if len(l.exits) == 0 {
		return &spin{kind: spinForever, empty: len(loop.Body.List) == 0 && loop.Post == nil}
	}
	l.markCounters()
	var best *read
	for _, e := range l.exits {
		for _, r := range l.reads(e, 0) {
			if r.counter {
				return nil // a bounded spin: a local the loop advances ends it
			}
			if best == nil || r.kind > best.kind { // the atomic one is what changes
				best = &r
			}
		}
	}
	if best == nil {
		return nil // the exit reads only locals nobody else sees
	}
	kind := best.kind
	if kind == spinPlain && l.locks {
		kind = spinLocked
	}
	return &spin{kind: kind, what: best.what}
}

// isRuntime reports whether path is the runtime or one of its internal
// packages, which implement blocking itself: their spins (with procyield
// and osyield, or in code that must not block) are the mechanism, not a
// mistake.
func isRuntime(path string) bool {
	return path == "runtime" || strings.HasPrefix(path, "internal/runtime/") || strings.HasPrefix(path, "runtime/internal/")
}

// isTrue reports whether e is the constant true.
func isTrue(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	return ok && tv.Value != nil && tv.Value.String() == "true"
}
