package blocking_test

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"reflect"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/asynclint/asynclint/internal/blocking"
	"github.com/asynclint/asynclint/internal/ctxscope"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
)

// The scale tests generate adversarial packages at two sizes and check
// that the larger, twice the size, costs at most scaleRatio times the
// smaller: the fastest of scaleRuns runs each, in CPU time of the
// process with the garbage collector off during the run (its cost
// depends on the heap the test harness left, not on the analysis), since
// the machines are shared and noisy, under a generous absolute cap.
const (
	scaleRatio    = 3.0
	scaleRuns     = 7
	scaleAttempts = 3
	scaleCap      = 10 * time.Second
)

// scaleCases are the generators; each takes n, the size to double.
var scaleCases = []struct {
	name string
	n    int
	gen  func(n int) string
}{
	{"one long function", 500, longFunc},
	{"deep call chain", 2000, callChain},
	{"recursive ring", 2000, ring},
	{"nested loops", 100, nestedLoops},
	{"long select ladder", 500, selectLadder},
}

// longFunc is one function of n groups of every kind of operation.
func longFunc(n int) string {
	var b strings.Builder
	b.WriteString(`package p

import (
	"context"
	"sync"
	"time"
)

func helper(ctx context.Context, ch chan int) {
	select {
	case <-ctx.Done():
	case <-ch:
	}
}

func Long(ctx context.Context, ch chan int, wg *sync.WaitGroup, mu *sync.Mutex) {
`)
	for i := range n {
		fmt.Fprintf(&b, `	ch <- %d
	select {
	case <-ctx.Done():
		return
	case v := <-ch:
		_ = v
	}
	helper(ctx, ch)
	time.Sleep(%d)
	for range ch {
		mu.Lock()
		mu.Unlock()
	}
	go func() { ch <- %d }()
	func() { wg.Wait() }()
`, i, i, i)
	}
	b.WriteString("}\n")
	return b.String()
}

// callChain is F0 calling F1 ... calling Fn-1, which sleeps: the facts
// must settle in the bounded rounds, whatever n.
func callChain(n int) string {
	var b strings.Builder
	b.WriteString("package p\n\nimport (\n\t\"context\"\n\t\"time\"\n)\n\n")
	for i := range n - 1 {
		fmt.Fprintf(&b, "func F%d(ctx context.Context) { F%d(ctx) }\n", i, i+1)
	}
	fmt.Fprintf(&b, "func F%d(ctx context.Context) { time.Sleep(1) }\n", n-1)
	return b.String()
}

// ring is n functions calling each other in a cycle, one of which
// waits on a channel.
func ring(n int) string {
	var b strings.Builder
	b.WriteString("package p\n\n")
	for i := range n {
		fmt.Fprintf(&b, "func G%d(ch chan int, k int) {\n\tif k == %d {\n\t\t<-ch\n\t}\n\tG%d(ch, k-1)\n}\n", i, i, (i+1)%n)
	}
	return b.String()
}

// nestedLoops is n loops nested in one another, an operation in each.
func nestedLoops(n int) string {
	var b strings.Builder
	b.WriteString("package p\n\nimport \"time\"\n\nfunc Nested(ch chan int) {\n")
	for range n {
		b.WriteString("for {\n\ttime.Sleep(1)\n\t<-ch\n")
	}
	for range n {
		b.WriteString("}\n")
	}
	b.WriteString("}\n")
	return b.String()
}

// selectLadder is a dispatch loop with n cases.
func selectLadder(n int) string {
	var b strings.Builder
	b.WriteString("package p\n\nimport (\n\t\"context\"\n\t\"time\"\n)\n\nfunc Ladder(ctx context.Context, chs []chan int) {\n\tfor {\n\t\tselect {\n\t\tcase <-ctx.Done():\n\t\t\treturn\n")
	for i := range n {
		fmt.Fprintf(&b, "\t\tcase v := <-chs[%d]:\n\t\t\ttime.Sleep(time.Duration(v))\n\t\t\tchs[%d] <- v\n", i, (i+1)%n)
	}
	b.WriteString("\t\t}\n\t}\n}\n")
	return b.String()
}

// TestScale checks that the cost grows near-linearly with the size.
func TestScale(t *testing.T) {
	if testing.Short() {
		t.Skip("scale test")
	}
	imp := importer.Default()
	for _, c := range scaleCases {
		t.Run(c.name, func(t *testing.T) {
			// A ratio over the bar is measured again (up to scaleAttempts
			// times): noise passes on a retry, a quadratic cost does not.
			var ratio float64
			for attempt := range scaleAttempts {
				small, large := fastest(t, imp, c.gen(c.n), c.gen(2*c.n))
				ratio = float64(large) / float64(small)
				t.Logf("n=%d: %v; n=%d: %v; ratio %.2f", c.n, small, 2*c.n, large, ratio)
				if large > scaleCap {
					t.Fatalf("n=%d took %v, over the cap of %v", 2*c.n, large, scaleCap)
				}
				// Below a millisecond the ratio is mostly noise.
				if large < time.Millisecond || ratio <= scaleRatio {
					return
				}
				if attempt == scaleAttempts-1 {
					t.Errorf("doubling the input multiplied the time by %.2f (> %.1f) in %d attempts", ratio, scaleRatio, scaleAttempts)
				}
			}
		})
	}
}

// fastest type-checks the two sources and returns, for each, the
// fastest of scaleRuns runs (taken in turns, so that both see the same
// machine) of
// inspect, ctxscope and blocking over it, each followed by the questions
// a rule asks: the operations and kinds of every loop body, select case
// and function, and ctxscope's view of every function.
func fastest(t *testing.T, imp types.Importer, srcs ...string) (small, large time.Duration) {
	t.Helper()
	type checked struct {
		fset *token.FileSet
		f    *ast.File
		pkg  *types.Package
		info *types.Info
	}
	var cs []checked
	for _, src := range srcs {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, "p.go", src, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		info := &types.Info{
			Types: map[ast.Expr]types.TypeAndValue{}, Defs: map[*ast.Ident]types.Object{},
			Uses: map[*ast.Ident]types.Object{}, Selections: map[*ast.SelectorExpr]*types.Selection{},
			Instances: map[*ast.Ident]types.Instance{}, Scopes: map[ast.Node]*types.Scope{},
			Implicits: map[ast.Node]types.Object{},
		}
		pkg, err := (&types.Config{Importer: imp}).Check("p", fset, []*ast.File{f}, info)
		if err != nil {
			t.Fatal(err)
		}
		cs = append(cs, checked{fset, f, pkg, info})
	}
	best := []time.Duration{1<<63 - 1, 1<<63 - 1}
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	for range scaleRuns {
		for i, c := range cs {
			runtime.GC()
			start := cpuTime()
			results := run(t, c.fset, c.f, c.pkg, c.info)
			ask(results)
			best[i] = min(best[i], cpuTime()-start)
		}
	}
	return best[0], best[1]
}

// run runs inspect, ctxscope and blocking on one package, as a driver
// would, and returns their results.
func run(t *testing.T, fset *token.FileSet, f *ast.File, pkg *types.Package, info *types.Info) map[*analysis.Analyzer]any {
	results := map[*analysis.Analyzer]any{}
	facts := map[types.Object]analysis.Fact{}
	for _, a := range []*analysis.Analyzer{inspect.Analyzer, ctxscope.Analyzer, blocking.Analyzer} {
		pass := &analysis.Pass{
			Analyzer: a, Fset: fset, Files: []*ast.File{f}, Pkg: pkg, TypesInfo: info,
			TypesSizes: types.SizesFor("gc", "amd64"), ResultOf: results,
			Report: func(analysis.Diagnostic) {},
			ImportObjectFact: func(obj types.Object, fact analysis.Fact) bool {
				if got, ok := facts[obj]; ok {
					reflect.ValueOf(fact).Elem().Set(reflect.ValueOf(got).Elem())
					return true
				}
				return false
			},
			ExportObjectFact: func(obj types.Object, fact analysis.Fact) { facts[obj] = fact },
		}
		res, err := a.Run(pass)
		if err != nil {
			t.Fatal(err)
		}
		results[a] = res
	}
	return results
}

// ask asks what the family 2 and 3 rules will: per loop body and
// select case, the operations and kinds; per function, its contexts and
// observations.
func ask(results map[*analysis.Analyzer]any) {
	in := results[inspect.Analyzer].(*inspector.Inspector)
	blk := results[blocking.Analyzer].(*blocking.Result)
	cs := results[ctxscope.Analyzer].(*ctxscope.Result)
	for cur := range in.Root().Preorder((*ast.BlockStmt)(nil), (*ast.CommClause)(nil), (*ast.FuncDecl)(nil)) {
		blk.Ops(cur)
		blk.Kinds(cur)
		if _, ok := cur.Node().(*ast.FuncDecl); ok {
			if f := cs.Func(cur); f != nil {
				f.HasScope()
				_ = f.Observations
			}
		}
	}
}
