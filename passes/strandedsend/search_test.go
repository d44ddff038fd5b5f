package strandedsend

import (
	"go/ast"
	"testing"

	"github.com/asynclint/asynclint/internal/chanflow"
	"github.com/asynclint/asynclint/internal/scaletest"
	"github.com/asynclint/asynclint/internal/testutil"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/cfg"
)

// reachesRef is the plain search that reach replaces: whether control
// can go from just after node from to node to without receiving from the
// channel.
func (r *receiver) reachesRef(from, to ast.Node) bool {
	fb, fi := r.c.Graph.Locate(from.Pos())
	tb, ti := r.c.Graph.Locate(to.Pos())
	if fb == nil || tb == nil {
		return false
	}
	seen := map[*cfg.Block]bool{}
	var visit func(b *cfg.Block, i int) bool
	visit = func(b *cfg.Block, i int) bool {
		if i == 0 && r.entryWeight(b, nil) > 0 {
			return false
		}
		for ; i < len(b.Nodes); i++ {
			if b == tb && i == ti {
				return true
			}
			if _, comm := r.comms[b.Nodes[i]]; !comm && r.receivesAt(b.Nodes[i]) > 0 {
				return false
			}
		}
		for _, s := range b.Succs {
			if !seen[s] && !r.loopEnd(b, s) {
				seen[s] = true
				if visit(s, 0) {
					return true
				}
			}
		}
		return false
	}
	return visit(fb, fi+1)
}

// reachCheck reports every pair of goroutine starts on which reach and
// the plain search disagree, on every channel of the package.
var reachCheck = &analysis.Analyzer{
	Name:     "reachcheck",
	Doc:      "reachcheck: compare reach with a search per pair",
	Requires: []*analysis.Analyzer{chanflow.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		flow := pass.ResultOf[chanflow.Analyzer].(*chanflow.Result)
		for _, c := range flow.Chans() {
			if len(c.Spawns) == 0 {
				continue
			}
			r := newReceiver(pass.TypesInfo, flow, c)
			before, after := r.reach(c.Spawns, true), r.reach(c.Spawns, false)
			for i, s := range c.Spawns {
				for j, o := range c.Spawns {
					pairs++
					if want := r.reachesRef(o.Stmt, s.Stmt); before[i].has(j) != want || after[j].has(i) != want {
						pass.Reportf(o.Stmt.Pos(), "reach from here to %v: %v/%v, want %v",
							pass.Fset.Position(s.Stmt.Pos()), before[i].has(j), after[j].has(i), want)
					}
				}
			}
		}
		return nil, nil
	},
}

var pairs int

// quiet takes analysistest's complaints about the fixtures' expectations,
// which are the rules' and not reachcheck's.
type quiet struct{}

func (quiet) Errorf(string, ...any) {}

func TestReachAgainstPairwiseSearch(t *testing.T) {
	pairs = 0
	results := analysistest.Run(quiet{}, testutil.Data(t), reachCheck,
		"strandedsend", "strandedsend/fix", "strandedsend/dep", "unclosedrange", "unclosedrange/dep")
	for _, r := range results {
		for _, d := range r.Diagnostics {
			t.Errorf("%v: %s", r.Pass.Fset.Position(d.Pos), d.Message)
		}
	}
	// The adversarial shapes of the scale test, small, and receives of
	// every kind between and around goroutine starts.
	shapes := append(scaletest.Shapes(), scaletest.Shape{Name: "receives", Gen: func(int) scaletest.Program {
		return scaletest.Program{{Path: "p", Files: []string{receivesSrc}}}
	}})
	for _, shape := range shapes {
		l, err := scaletest.Load(shape.Gen(12))
		if err != nil {
			t.Fatal(err)
		}
		if n, err := scaletest.Run(l, reachCheck); err != nil || n > 0 {
			t.Errorf("%s: %d disagreements (%v)", shape.Name, n, err)
		}
	}
	if pairs < 500 {
		t.Errorf("only %d pairs of goroutine starts compared", pairs)
	}
	t.Logf("%d pairs compared", pairs)
}

const receivesSrc = `package p

import "context"

func receives(ctx context.Context, n int, ok bool) int {
	ch := make(chan int)
	other := make(chan int)
	total := 0
	go func() { ch <- 1 }()
	select {
	case v := <-ch:
		total += v
	case <-ctx.Done():
	}
	go func() { ch <- 2 }()
	for i := 0; i < n; i++ {
		go func() { ch <- 3 }()
		if ok {
			total += <-ch
			continue
		}
		go func() { ch <- 4 }()
	}
	go func() { ch <- 5; other <- 1 }()
	for v := range ch {
		total += v
		if v > 3 {
			break
		}
		go func() { ch <- 6 }()
	}
	select {
	case <-other:
	case v, more := <-ch:
		if !more {
			return total
		}
		total += v
		go func() { ch <- 7 }()
	}
	defer func() { <-ch }()
	go func() { ch <- 8 }()
	if ok {
		return total
	}
	go func() { ch <- 9 }()
	return total + <-ch
}
`
