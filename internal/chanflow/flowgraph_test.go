package chanflow

import (
	"go/ast"
	"go/parser"
	"go/token"
	"math/rand/v2"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/cfg"
)

// The reference implementations below are the plain searches the Graph
// replaces: a search from every block, Bellman-Ford rounds, a scan of
// every node, a recursive search. The Graph must agree with them.

func onCycleRef(b *cfg.Block) bool {
	seen := map[*cfg.Block]bool{}
	stack := append([]*cfg.Block(nil), b.Succs...)
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if x == b {
			return true
		}
		if !seen[x] {
			seen[x] = true
			stack = append(stack, x.Succs...)
		}
	}
	return false
}

func longestPathRef(g *cfg.CFG, weight []Count) Count {
	for _, b := range g.Blocks {
		if b.Live && weight[b.Index] > 0 && onCycleRef(b) {
			return Many
		}
	}
	best := make([]Count, len(g.Blocks))
	for i := range best {
		best[i] = -1
	}
	best[0] = weight[0]
	for range len(g.Blocks) + 1 {
		changed := false
		for _, b := range g.Blocks {
			if best[b.Index] < 0 {
				continue
			}
			for _, s := range b.Succs {
				if v := best[b.Index].add(weight[s.Index]); v > best[s.Index] {
					best[s.Index] = v
					changed = true
				}
			}
		}
		if !changed {
			break
		}
	}
	var most Count
	for _, v := range best {
		most = max(most, v)
	}
	return most
}

func locateRef(g *cfg.CFG, pos token.Pos) (*cfg.Block, int) {
	for _, b := range g.Blocks {
		if !b.Live {
			continue
		}
		for i, n := range b.Nodes {
			if n.Pos() <= pos && pos < n.End() {
				return b, i
			}
		}
	}
	return nil, 0
}

func exitAvoidingRef(start *cfg.Block, i int, avoid func(ast.Node) bool) *ast.ReturnStmt {
	seen := map[*cfg.Block]bool{}
	var visit func(b *cfg.Block, from int) *ast.ReturnStmt
	visit = func(b *cfg.Block, from int) *ast.ReturnStmt {
		for _, n := range b.Nodes[from:] {
			if avoid(n) {
				return nil
			}
		}
		if r := b.Return(); r != nil {
			return r
		}
		for _, s := range b.Succs {
			if !seen[s] {
				seen[s] = true
				if r := visit(s, 0); r != nil {
					return r
				}
			}
		}
		return nil
	}
	return visit(start, i)
}

// TestGraphAgainstReference builds the graph of every function of a few
// standard-library packages and compares each of its answers with the
// plain search's.
func TestGraphAgainstReference(t *testing.T) {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatal(err)
	}
	root := strings.TrimSpace(string(out))
	var files []string
	for _, dir := range []string{"net/http", "go/types", "runtime"} {
		fs, _ := filepath.Glob(filepath.Join(root, "src", dir, "*.go"))
		files = append(files, fs...)
	}
	if testing.Short() {
		files = files[:min(len(files), 40)]
	}
	fset := token.NewFileSet()
	rng := rand.New(rand.NewPCG(1, 2))
	funcs := 0
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			continue
		}
		ast.Inspect(f, func(n ast.Node) bool {
			var body *ast.BlockStmt
			switch n := n.(type) {
			case *ast.FuncDecl:
				body = n.Body
			case *ast.FuncLit:
				body = n.Body
			}
			if body == nil {
				return true
			}
			funcs++
			// Calls named "panic" end their block, so that graphs have
			// dead blocks too.
			c := cfg.New(body, func(call *ast.CallExpr) bool {
				id, ok := call.Fun.(*ast.Ident)
				return !ok || id.Name != "panic"
			})
			g := newGraph(c)
			where := fset.Position(body.Pos())
			for _, b := range c.Blocks {
				if g.cyclic[b.Index] != onCycleRef(b) {
					t.Errorf("%v: block %d: cyclic %v", where, b.Index, g.cyclic[b.Index])
				}
				for _, n := range b.Nodes {
					for _, pos := range []token.Pos{n.Pos(), n.End() - 1} {
						gb, gi := g.Locate(pos)
						rb, ri := locateRef(c, pos)
						if gb != rb || gi != ri {
							t.Errorf("%v: Locate(%v) differs", where, fset.Position(pos))
						}
					}
				}
			}
			for trial := range 3 {
				// Weights off the cycles in most trials: a weight on a
				// cycle ends the search at once.
				weight := make([]Count, len(c.Blocks))
				for i := range weight {
					if rng.IntN(3) == 0 && (trial == 0 || !onCycleRef(c.Blocks[i])) {
						weight[i] = Count(rng.IntN(3))
					}
				}
				if rng.IntN(8) == 0 {
					weight[rng.IntN(len(weight))] = Many
				}
				if got, want := g.longestPath(weight), longestPathRef(c, weight); got != want {
					t.Errorf("%v: longestPath = %v, want %v", where, got, want)
				}
				avoided := map[ast.Node]bool{}
				for _, b := range c.Blocks {
					for _, n := range b.Nodes {
						if rng.IntN(6) == 0 {
							avoided[n] = true
						}
					}
				}
				avoid := func(n ast.Node) bool { return avoided[n] }
				if got, want := g.exitAvoiding(c.Blocks[0], 0, avoid), exitAvoidingRef(c.Blocks[0], 0, avoid); got != want {
					t.Errorf("%v: exitAvoiding differs", where)
				}
			}
			return true
		})
	}
	if funcs < 100 {
		t.Fatalf("only %d functions compared", funcs)
	}
}
