package ctxscope_test

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/asynclint/asynclint/internal/ctxscope"
	"github.com/asynclint/asynclint/internal/typematch"
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

const header = `package p

import (
	"context"
	"errors"
	"fmt"
	"time"
)

func work(ctx context.Context) error { return nil }
func use(ctx context.Context)        {}

var _, _, _ = errors.Is, fmt.Errorf, time.Second

`

var scaleCases = []struct {
	name string
	n    int
	gen  func(n int) string
}{
	{"one long chain of derivations", 300, longChain},
	{"many functions", 1000, manyFuncs},
	{"long conditions", 300, longConditions},
	{"many closures", 300, manyClosures},
	{"deeply nested closures", 50, deepClosures},
}

// longChain is one function deriving each context from the previous
// one, observing its cancellation and passing Background around.
func longChain(n int) string {
	var b strings.Builder
	b.WriteString(header + "func Long(c0 context.Context, d time.Duration) error {\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, `	c%[1]d, cancel%[1]d := context.WithTimeout(c%[2]d, d)
	defer cancel%[1]d()
	if err := work(c%[1]d); errors.Is(err, context.Canceled) {
		return fmt.Errorf("step %[1]d: %%w", err)
	}
	select {
	case <-c%[1]d.Done():
		return c%[1]d.Err()
	default:
	}
	bg%[1]d := context.Background()
	use(bg%[1]d)
	use(context.TODO())
`, i, i-1)
	}
	b.WriteString("\treturn nil\n}\n")
	return b.String()
}

// manyFuncs is n small functions with a context each.
func manyFuncs(n int) string {
	var b strings.Builder
	b.WriteString(header)
	for i := range n {
		fmt.Fprintf(&b, `func F%d(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	if err := ctx.Err(); err != nil {
		return err
	}
	use(context.Background())
	return work(ctx)
}
`, i)
	}
	return b.String()
}

// longConditions is a function of n ifs whose conditions are long
// chains of && and || around a cancellation test.
func longConditions(n int) string {
	var b strings.Builder
	b.WriteString(header + "func Cond(ctx context.Context, err error, x []bool) error {\n")
	for i := range n {
		b.WriteString("\tif ")
		for j := range 10 {
			fmt.Fprintf(&b, "x[%d] && ", (i+j)%7)
		}
		b.WriteString("(errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)) && !(ctx.Err() == nil) {\n\t\treturn nil\n\t}\n")
	}
	b.WriteString("\treturn nil\n}\n")
	return b.String()
}

// manyClosures is n goroutine literals in one function, each deriving
// a context and passing Background where one is in scope, with a
// literal nested in each.
func manyClosures(n int) string {
	var b strings.Builder
	b.WriteString(header + "func Many(c0 context.Context) {\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, `	go func() {
		c%[1]d := context.WithValue(c0, "k", %[1]d)
		use(context.Background())
		func() {
			<-c%[1]d.Done()
			use(c%[1]d)
		}()
	}()
`, i)
	}
	b.WriteString("}\n")
	return b.String()
}

// deepClosures nests n literals, each deriving a context from the one
// around it and passing Background. The questions cost the nesting
// depth each (finding the enclosing function, the scope at a position),
// so n is the depth of real adversarial code, not thousands.
func deepClosures(n int) string {
	var b strings.Builder
	b.WriteString(header + "func Nest(c0 context.Context) {\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "\tfunc() {\n\tc%d := context.WithValue(c%d, \"k\", %d)\n\tuse(context.Background())\n", i, i-1, i)
	}
	for i := n; i >= 1; i-- {
		fmt.Fprintf(&b, "\tuse(c%d)\n\t}()\n", i)
	}
	b.WriteString("}\n")
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
// inspect and ctxscope over it, each followed by the questions the
// family 2 rules ask.
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
			results := map[*analysis.Analyzer]any{}
			for _, a := range []*analysis.Analyzer{inspect.Analyzer, ctxscope.Analyzer} {
				pass := &analysis.Pass{Analyzer: a, Fset: c.fset, Files: []*ast.File{c.f}, Pkg: c.pkg, TypesInfo: c.info, ResultOf: results}
				res, err := a.Run(pass)
				if err != nil {
					t.Fatal(err)
				}
				results[a] = res
			}
			ask(c.info, results)
			best[i] = min(best[i], cpuTime()-start)
		}
	}
	return best[0], best[1]
}

// ask asks what the family 2 rules will: per function, its scope and
// observations and what each return propagates; per call, what each
// context argument is, whether it is Background, the context to use
// instead, and whether the function's first context cancels it.
func ask(info *types.Info, results map[*analysis.Analyzer]any) {
	in := results[inspect.Analyzer].(*inspector.Inspector)
	cs := results[ctxscope.Analyzer].(*ctxscope.Result)
	for cur := range in.Root().Preorder((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil), (*ast.CallExpr)(nil)) {
		f := cs.Func(cur)
		if f == nil {
			continue
		}
		switch n := cur.Node().(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			f.HasScope()
			for _, o := range f.Observations {
				for _, st := range o.Body {
					if r, ok := st.(*ast.ReturnStmt); ok && len(r.Results) > 0 {
						f.Propagates(o, r.Results[len(r.Results)-1])
					}
				}
			}
		case *ast.CallExpr:
			for _, a := range n.Args {
				if !typematch.IsContext(info.TypeOf(a)) {
					continue
				}
				f.Of(a)
				if f.Background(a) != nil {
					f.Best(n.Pos())
				}
				if len(f.Ctxs) > 0 {
					f.CancelsCtx(f.Ctxs[0], a)
				}
			}
		}
	}
}
