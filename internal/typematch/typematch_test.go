package typematch

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"
)

const src = `package p

import (
	"context"
	s "sync"
)

type WG = s.WaitGroup

func f(ctx context.Context) {
	var wg WG
	wg.Wait()
	var m s.Mutex
	m.Lock()
	g[int]()
	_ = ctx
	_ = (len)("x")
	new := func(int) int { return 0 }
	_ = new(1)
}

func g[T any]() {}
`

func TestMatch(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Uses: map[*ast.Ident]types.Object{}, Types: map[ast.Expr]types.TypeAndValue{}, Instances: map[*ast.Ident]types.Instance{}}
	pkg, err := (&types.Config{Importer: importer.Default()}).Check("p", fset, []*ast.File{f}, info)
	if err != nil {
		t.Fatal(err)
	}
	var calls []*ast.CallExpr
	ast.Inspect(f, func(n ast.Node) bool {
		if c, ok := n.(*ast.CallExpr); ok {
			calls = append(calls, c)
		}
		return true
	})
	if !IsMethodCall(info, calls[0], "sync", "WaitGroup", "Wait") {
		t.Error("wg.Wait through an alias and a renamed import not matched")
	}
	if IsMethodCall(info, calls[1], "sync", "WaitGroup", "Lock") || !IsMethodCall(info, calls[1], "sync", "Mutex", "Lock") {
		t.Error("m.Lock matched wrongly")
	}
	if fn := Callee(info, calls[2]); fn == nil || fn.Name() != "g" || fn != fn.Origin() {
		t.Errorf("Callee(g[int]()) = %v, want the generic g", fn)
	}
	if got := Builtin(info, calls[3]); got != "len" {
		t.Errorf("Builtin((len)(\"x\")) = %q, want len", got)
	}
	if got := Builtin(info, calls[4]); got != "" {
		t.Errorf("Builtin of a local named new = %q, want \"\"", got)
	}
	if !Imports(pkg, "context") || Imports(pkg, "fmt") {
		t.Error("Imports wrong")
	}
	ctx := pkg.Scope().Lookup("f").(*types.Func).Signature().Params().At(0)
	if !IsContext(ctx.Type()) {
		t.Error("IsContext(ctx) = false")
	}
}
