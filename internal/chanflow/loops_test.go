package chanflow_test

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"github.com/asynclint/asynclint/internal/chanflow"
)

// loops type-checks src (the body of a function f(n int, xs []int)) and
// returns its loops in source order with the type information.
func loops(t *testing.T, body string) ([]ast.Stmt, *types.Info) {
	t.Helper()
	src := "package p\nconst K = 4\nfunc f(n int, xs []int, ch chan int) {\n" + body + "\n}\n"
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}, Defs: map[*ast.Ident]types.Object{}, Uses: map[*ast.Ident]types.Object{}}
	if _, err := (&types.Config{Importer: importer.Default()}).Check("p", fset, []*ast.File{f}, info); err != nil {
		t.Fatal(err)
	}
	var out []ast.Stmt
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			out = append(out, n.(ast.Stmt))
		}
		return true
	})
	return out, info
}

func TestTripCount(t *testing.T) {
	for _, c := range []struct {
		body string
		want chanflow.Count
	}{
		{"for range 3 {}", 3},
		{"for i := range K { _ = i }", 4},
		{"for i := 0; i < K; i++ {}", 4},
		{"for i := 1; i <= 3; i++ {}", 3},
		{"for _, x := range []int{1, 2} { _ = x }", 2},
		{"for _, x := range [5]int{} { _ = x }", 5},
		{"for i := 0; i < n; i++ {}", chanflow.Many},
		{"for range xs {}", chanflow.Many},
		{"for range ch {}", chanflow.Many},
		{"for i := 0; i < K; i += 2 {}", chanflow.Many},
		{"for {}", chanflow.Many},
	} {
		ls, info := loops(t, c.body)
		if got := chanflow.TripCount(info, ls[0]); got != c.want {
			t.Errorf("TripCount(%s) = %v, want %v", c.body, got, c.want)
		}
	}
}

func TestEarlyExit(t *testing.T) {
	for _, c := range []struct {
		body string
		exit bool
	}{
		{"for v := range ch { _ = v }", false},
		{"for v := range ch { if v < 0 { break } }", true},
		{"for v := range ch { if v < 0 { return } }", true},
		{"for v := range ch { switch v { case 1: break } }", false},
		{"for v := range ch { select { case <-ch: break } ; _ = v }", false},
		{"for v := range ch { for range xs { break } ; _ = v }", false},
		{"L: for v := range ch { for range xs { break L } ; _ = v }", true},
		{"for v := range ch { if v < 0 { continue } }", false},
		{"for v := range ch { go func() { return }(); _ = v }", false},
		{"for v := range ch { if v < 0 { panic(v) } }", false},
	} {
		ls, _ := loops(t, c.body)
		if got := chanflow.EarlyExit(ls[0], nil) != nil; got != c.exit {
			t.Errorf("EarlyExit(%s) = %v, want %v", c.body, got, c.exit)
		}
	}
}
