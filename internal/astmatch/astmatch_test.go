package astmatch

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"
)

const src = `package p

type server struct{ srv *int }

func f(s, t server, a, b int) (err error) {
	_ = (a)
	_ = &s.srv
	_ = s.srv
	_ = t.srv
	_ = (&(s)).srv
	_ = error(nil)
	_ = b
	if a > 0 {
		return nil
	}
	go func() error { return err }()
	return
}

func g() {}
`

func load(t *testing.T) (*ast.File, *types.Info) {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Uses: map[*ast.Ident]types.Object{}, Defs: map[*ast.Ident]types.Object{}, Selections: map[*ast.SelectorExpr]*types.Selection{}}
	if _, err := (&types.Config{Importer: importer.Default()}).Check("p", fset, []*ast.File{f}, info); err != nil {
		t.Fatal(err)
	}
	return f, info
}

// blanks returns the right-hand sides of f's "_ = x" statements.
func blanks(f *ast.File) []ast.Expr {
	var out []ast.Expr
	ast.Inspect(f, func(n ast.Node) bool {
		if as, ok := n.(*ast.AssignStmt); ok && len(as.Lhs) == 1 {
			if id, ok := as.Lhs[0].(*ast.Ident); ok && id.Name == "_" {
				out = append(out, as.Rhs[0])
			}
		}
		return true
	})
	return out
}

func TestIdent(t *testing.T) {
	f, _ := load(t)
	e := blanks(f)
	if id := Ident(e[0]); id == nil || id.Name != "a" {
		t.Errorf("Ident((a)) = %v", id)
	}
	if id := Ident(e[2]); id != nil {
		t.Errorf("Ident(s.srv) = %v, want nil", id)
	}
}

func TestSameVar(t *testing.T) {
	f, info := load(t)
	e := blanks(f)
	// &s.srv, s.srv, t.srv, (&(s)).srv
	if !SameVar(info, e[1], e[2]) || !SameVar(info, e[2], e[4]) {
		t.Error("&s.srv, s.srv and (&(s)).srv are the same field path")
	}
	if SameVar(info, e[2], e[3]) {
		t.Error("s.srv and t.srv are different paths")
	}
	if SameVar(info, e[0], e[6]) || !SameVar(info, e[0], e[0]) {
		t.Error("a and b differ; a is a")
	}
}

func TestIsNil(t *testing.T) {
	f, info := load(t)
	e := blanks(f)
	if !IsNil(info, e[5].(*ast.CallExpr).Args[0]) || IsNil(info, e[0]) {
		t.Error("IsNil wrong")
	}
}

func TestEachReturn(t *testing.T) {
	f, info := load(t)
	var fn, empty *ast.FuncDecl
	for _, d := range f.Decls {
		if d, ok := d.(*ast.FuncDecl); ok {
			switch d.Name.Name {
			case "f":
				fn = d
			case "g":
				empty = d
			}
		}
	}
	n := 0
	EachReturn(fn.Body, func(*ast.ReturnStmt) bool { n++; return true })
	if n != 2 {
		t.Errorf("EachReturn saw %d returns of f, want 2 (not the literal's)", n)
	}
	allNil := func(r *ast.ReturnStmt) bool { return len(r.Results) == 1 && IsNil(info, r.Results[0]) }
	if EachReturn(fn.Body, allNil) {
		t.Error("f's bare return is not a nil return")
	}
	n = 0
	EachReturn(fn.Body, func(*ast.ReturnStmt) bool { n++; return false })
	if n != 1 {
		t.Errorf("EachReturn went on after a failure: %d calls", n)
	}
	if !EachReturn(empty.Body, allNil) {
		t.Error("a body without returns passes")
	}
}
