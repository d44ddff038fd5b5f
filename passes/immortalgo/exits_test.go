package immortalgo

import (
	"go/ast"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"testing"

	"github.com/asynclint/asynclint/internal/noreturn"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/packages"
)

// leavesRef is the walk of one loop's body that exits replaces.
func (c *checker) leavesRef(body *ast.BlockStmt, label *types.Label) (exit, selectBreak bool) {
	info := c.pass.TypesInfo
	inner := map[*types.Label]bool{} // labels defined inside the loop
	ast.Inspect(body, func(n ast.Node) bool {
		if ls, ok := n.(*ast.LabeledStmt); ok {
			if l, ok := info.Defs[ls.Label].(*types.Label); ok {
				inner[l] = true
			}
		}
		_, lit := n.(*ast.FuncLit)
		return !lit
	})

	var stack []ast.Node // breakable statements inside the loop, innermost last
	ast.Inspect(body, func(n ast.Node) bool {
		if exit {
			return false
		}
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			exit = true
			return false
		case *ast.BranchStmt:
			switch {
			case n.Label != nil:
				l, _ := info.Uses[n.Label].(*types.Label)
				if l == label {
					exit = n.Tok == token.BREAK // continue or goto restarts the loop
				} else {
					exit = l != nil && !inner[l]
				}
			case n.Tok == token.BREAK:
				target := innermostBreakable(stack)
				if target == nil {
					exit = true
				} else if isSelectOrSwitch(target) && innermostLoop(stack) == nil {
					selectBreak = true
				}
			}
			return false
		case *ast.CallExpr:
			if c.noReturn.CallExits(n) {
				exit = true
				return false
			}
		}
		stack = append(stack, n)
		return true
	})
	return exit, selectBreak
}

func innermostBreakable(stack []ast.Node) ast.Node {
	for i := len(stack) - 1; i >= 0; i-- {
		switch stack[i].(type) {
		case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
			return stack[i]
		}
	}
	return nil
}
func innermostLoop(stack []ast.Node) ast.Node {
	for i := len(stack) - 1; i >= 0; i-- {
		switch stack[i].(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			return stack[i]
		}
	}
	return nil
}
func isSelectOrSwitch(n ast.Node) bool {
	switch n.(type) {
	case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
		return true
	}
	return false
}

// TestExitsAgainstReference judges every loop of a few standard-library
// packages both ways.
func TestExitsAgainstReference(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module tricky\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "tricky.go"), []byte(trickySrc), 0o644); err != nil {
		t.Fatal(err)
	}
	pkgs, err := packages.Load(&packages.Config{Mode: packages.LoadSyntax, Dir: dir}, "tricky", "net/http", "go/types", "runtime", "testing", "os/exec", "compress/flate", "regexp/syntax", "math/big", "go/scanner", "text/template/parse")
	if err != nil {
		t.Fatal(err)
	}
	loops := 0
	for _, p := range pkgs {
		c := &checker{pass: &analysis.Pass{TypesInfo: p.TypesInfo}, in: inspector.New(p.Syntax), noReturn: noreturn.Floor(p.TypesInfo), loopExits: map[*ast.BlockStmt]map[ast.Stmt]*loopExit{}}
		for _, f := range p.Syntax {
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
				exits := c.exits(body)
				labels := map[ast.Stmt]*types.Label{}
				ast.Inspect(body, func(n ast.Node) bool {
					switch n := n.(type) {
					case *ast.FuncLit:
						return false
					case *ast.LabeledStmt:
						labels[n.Stmt], _ = p.TypesInfo.Defs[n.Label].(*types.Label)
					case *ast.ForStmt, *ast.RangeStmt:
						loops++
						l := n.(ast.Stmt)
						exit, selectBreak := c.leavesRef(loopBody(l), labels[l])
						got := exits[l]
						if got == nil || got.exit != exit || !exit && got.selectBreak != selectBreak {
							t.Errorf("%v: exits %+v, want exit=%v selectBreak=%v", p.Fset.Position(n.Pos()), got, exit, selectBreak)
						}
					}
					return true
				})
				return true
			})
		}
	}
	if loops < 1000 {
		t.Fatalf("only %d loops compared", loops)
	}
	t.Logf("%d loops compared", loops)
}

// trickySrc holds the ways out that a walk per loop and a walk per body
// could judge differently.
const trickySrc = `package tricky

import (
	"os"
	"testing"
)

var x, y bool

func breakThenReturn() {
	for { // left by the return in the inner loop
		for {
			if x {
				break
			}
			if y {
				return
			}
		}
	}
}

func exitInHeader() {
	for i := 0; ; os.Exit(i) { // the call in the post statement is not in the body
		_ = i
	}
}

func labels(ch chan int) {
outer:
	for {
		for {
			select {
			case <-ch:
				break outer
			case <-ch:
				continue outer
			}
		}
	}
	for {
	inner:
		for {
			if x {
				goto inner
			}
			if y {
				break inner
			}
		}
	}
	for {
		if x {
			goto done
		}
	}
done:
	for {
		switch {
		case x:
			break
		}
		select {
		case <-ch:
			break
		}
	}
}

func selectInInner(ch chan int) {
	for {
		for range 3 {
			select {
			case <-ch:
				break
			}
		}
	}
}

func fatalInLoop(t *testing.T) {
	for {
		for {
			if x {
				break
			}
			t.Fatal("x")
		}
	}
}
`
