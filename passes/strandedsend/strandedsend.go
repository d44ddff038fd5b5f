package strandedsend

import (
	_ "embed"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"github.com/asynclint/asynclint/internal/astmatch"
	"github.com/asynclint/asynclint/internal/chanflow"
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

// Analyzer is the strandedsend rule.
var Analyzer = &analysis.Analyzer{
	Name:     "strandedsend",
	Doc:      ruledoc.Summary(doc, "strandedsend"),
	URL:      ruledoc.URL("strandedsend"),
	Requires: []*analysis.Analyzer{inspect.Analyzer, suppress.Analyzer, chanflow.Analyzer},
	Run:      run,
}

var (
	tests   bool // -strandedsend.tests
	streams bool // -strandedsend.streams
)

func init() {
	Analyzer.Flags.BoolVar(&tests, "tests", false, "also report in test code (_test.go files and files importing testing)")
	Analyzer.Flags.BoolVar(&streams, "streams", false,
		"also report channels that carry more values than a buffer of known size holds (a sender sends in a loop or more than once, or goroutines are counted at run time) when the receiver can stop early")
}

func run(pass *analysis.Pass) (any, error) {
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	if !startsGoroutines(pass, in) {
		return nil, nil
	}
	flow := pass.ResultOf[chanflow.Analyzer].(*chanflow.Result)
	reported := map[token.Pos]bool{}
	for _, c := range flow.Chans() {
		if !tests && testcode.Contains(pass, c.Make.Pos()) {
			continue // a goroutine stranded in a test dies with the test binary
		}
		check(pass, flow, c, reported)
	}
	return nil, nil
}

// startsGoroutines reports whether the package has a go statement or may
// start goroutines through errgroup or sync.WaitGroup.Go.
func startsGoroutines(pass *analysis.Pass, in *inspector.Inspector) bool {
	for range in.Root().Preorder((*ast.GoStmt)(nil)) {
		return true
	}
	for _, imp := range pass.Pkg.Imports() {
		if imp.Path() == "sync" || imp.Path() == typematch.ErrgroupPath {
			return true
		}
	}
	return false
}

// check reports the sends on c that can be left blocked forever.
func check(pass *analysis.Pass, flow *chanflow.Result, c *chanflow.Chan, reported map[token.Pos]bool) {
	own := c.Own
	switch {
	case c.Cap < 0:
		return // a capacity computed at run time is presumed to fit the sends
	case c.Escapes(), own.InClosure, own.Calls:
		return // receives we cannot see
	case own.Sends > 0 || own.Guarded:
		return // the spawner sends too: not a result channel
	}
	var senders []*chanflow.Spawn
	for _, s := range c.Spawns {
		if s.Use.Receives {
			return // a goroutine receives: a pipeline, not a result channel
		}
		if s.Use.Sends > 0 {
			senders = append(senders, s)
		}
	}
	if len(senders) == 0 {
		return
	}
	if c.Cap > 0 && usesLen(pass.TypesInfo, c) {
		return // the spawner checks len(ch): a buffer that collects what the goroutines report
	}
	r := newReceiver(pass.TypesInfo, flow, c)
	// The sends that can be pending together decide the buffer the fix
	// proposes; each sender is judged against its own.
	pending, counted := r.pending(senders)
	var most chanflow.Count
	for i := range senders {
		if counted[i] && c.Cap > 0 {
			pending[i] = 0 // a buffer for goroutines counted at run time: presumed sized for them
		}
		most = max(most, pending[i])
	}
	if !streams && !oneShot(senders, most) {
		return // a stream: reported only with -strandedsend.streams
	}
	for i, s := range senders {
		need := pending[i]
		if need < chanflow.Many {
			need -= chanflow.Count(c.Cap)
		}
		if need <= 0 {
			continue // the buffer holds every send
		}
		gu := r.giveUp(s, need)
		if gu == nil {
			continue
		}
		reportSends(pass, c, s, senders, most, gu, reported)
	}
}

// oneShot reports whether every sender sends at most one value on a run
// and the sends that can be pending together are a known number: the
// shape a buffer of that size fixes, which the default reports. The
// others (a sender in a loop or with several sends, goroutines counted at
// run time) are streams, which the receiver must drain or the sender give
// up on. There the path-insensitive count of sends is often too high
// (sends that a flag or a lock-step protocol keeps to one at a time), and
// on real code they measured 3 real of 8, so they need
// -strandedsend.streams.
func oneShot(senders []*chanflow.Spawn, most chanflow.Count) bool {
	return most < chanflow.Many && !slices.ContainsFunc(senders, func(s *chanflow.Spawn) bool { return s.Use.Sends != 1 })
}

// usesLen reports whether the spawner of c calls len(c).
func usesLen(info *types.Info, c *chanflow.Chan) bool {
	found := false
	ast.Inspect(c.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if ok && len(call.Args) == 1 {
			if typematch.Builtin(info, call) == "len" {
				id := astmatch.Ident(call.Args[0])
				found = found || id != nil && info.Uses[id] == c.Var
			}
		}
		return !found
	})
	return found
}

func add(a, b chanflow.Count) chanflow.Count {
	if a+b >= chanflow.Many {
		return chanflow.Many
	}
	return a + b
}
