package immortalgo

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"github.com/asynclint/asynclint/internal/typematch"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

const cobraPath = "github.com/spf13/cobra"

// cobraRunFields are the fields of cobra.Command that hold the functions
// a command runs.
var cobraRunFields = []string{
	"Run", "RunE", "PreRun", "PreRunE", "PostRun", "PostRunE",
	"PersistentPreRun", "PersistentPreRunE", "PersistentPostRun", "PersistentPostRunE",
}

// isCobraRun reports whether the expression at cur (a function name or
// literal) is the value of a run field of a cobra.Command: in a
// composite literal (&cobra.Command{Run: f}) or assigned (cmd.RunE = f).
// A CLI executes one command per process, so what it runs lives as long
// as the process.
func isCobraRun(pass *analysis.Pass, cur inspector.Cursor) bool {
	e := cur.Node()
	switch p := cur.Parent().Node().(type) {
	case *ast.KeyValueExpr:
		key, ok := p.Key.(*ast.Ident)
		if !ok || p.Value != e || !slices.Contains(cobraRunFields, key.Name) {
			return false
		}
		lit, ok := cur.Parent().Parent().Node().(*ast.CompositeLit)
		return ok && typematch.IsNamed(pass.TypesInfo.TypeOf(lit), cobraPath, "Command")
	case *ast.AssignStmt:
		if len(p.Lhs) != len(p.Rhs) {
			return false
		}
		for i, r := range p.Rhs {
			sel, ok := ast.Unparen(p.Lhs[i]).(*ast.SelectorExpr)
			if r == e && ok && slices.Contains(cobraRunFields, sel.Sel.Name) && typematch.IsNamed(pass.TypesInfo.TypeOf(sel.X), cobraPath, "Command") {
				return true
			}
		}
	}
	return false
}

// singletonOnce reports whether call is Do of a sync.Once field of a
// value of which the package makes only one for the process, as in
//
//	var defaultCollector *aggregatingCollector // made once, in initMetrics
//	func (c *aggregatingCollector) Collect(...) {
//		c.cronOnce.Do(func() { go c.cron() })
//
// The owner's type must be one of the package's own, unexported (outside
// package main) so that no other package can make one, and every place
// that makes a value of it (T{}, &T{}, new(T), var x T) must run once per
// process (see processFuncs). A type used as a plain struct field, array,
// slice, map or channel element may have any number of values and does
// not count.
func (p *processFuncs) singletonOnce(call *ast.CallExpr) bool {
	info := p.pass.TypesInfo
	if !typematch.IsMethod(typematch.Callee(info, call), "sync", "Once", "Do") {
		return false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	field, ok := ast.Unparen(sel.X).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	if v, ok := info.Uses[field.Sel].(*types.Var); !ok || !v.IsField() {
		return false
	}
	t := info.TypeOf(field.X)
	if ptr, ok := types.Unalias(t).(*types.Pointer); ok {
		t = ptr.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok || named.Obj().Pkg() != p.pass.Pkg || named.Obj().Exported() && p.pass.Pkg.Name() != "main" {
		return false
	}
	if made, ok := p.singletons[named.Obj()]; ok {
		return made
	}
	p.singletons[named.Obj()] = false // while judging, a site that needs this answer is not proved
	made := p.madeOnce(named.Obj())
	p.singletons[named.Obj()] = made
	return made
}

// madeOnce reports whether every value of the type tn is made by code
// that runs once per process, and some is.
func (p *processFuncs) madeOnce(tn *types.TypeName) bool {
	sites := 0
	for cur := range p.in.Root().Preorder((*ast.Ident)(nil)) {
		if p.pass.TypesInfo.Uses[cur.Node().(*ast.Ident)] != tn {
			continue
		}
		site := cur
		switch parent := cur.Parent().Node().(type) {
		case *ast.CompositeLit:
			if parent.Type != cur.Node() {
				continue
			}
		case *ast.CallExpr:
			if typematch.Builtin(p.pass.TypesInfo, parent) != "new" {
				continue // a conversion
			}
		case *ast.ValueSpec:
			if parent.Type != cur.Node() {
				continue
			}
		case *ast.Field:
			if _, inStruct := cur.Parent().Parent().Node().(*ast.FieldList); inStruct {
				if _, ok := cur.Parent().Parent().Parent().Node().(*ast.StructType); ok {
					return false // embedded in, or a field of, another type: one per owner
				}
			}
			continue // a parameter, result or receiver
		case *ast.ArrayType, *ast.MapType, *ast.ChanType:
			return false // any number of values
		default:
			continue // *T, a type assertion, a method receiver
		}
		sites++
		if !p.startedAt(site, false) {
			return false
		}
	}
	return sites > 0
}

// isCommandTableEntry reports whether the function literal at cur is a
// command factory of package main: a literal with results (func() (Command,
// error)) that is a value of a map composite literal built in init or in a
// package-level variable's initializer, or assigned to an element of a
// package-level map in init (commands["mirror"] = func() ...). A program
// picks one command per process from such a table. A literal without
// results (an HTTP handler in a routing table) may run any number of
// times and does not count.
func isCommandTableEntry(pass *analysis.Pass, cur inspector.Cursor) bool {
	lit, ok := cur.Node().(*ast.FuncLit)
	if !ok || pass.Pkg.Name() != "main" || lit.Type.Results.NumFields() == 0 {
		return false
	}
	var at inspector.Cursor // where the table is built
	switch p := cur.Parent().Node().(type) {
	case *ast.KeyValueExpr:
		cl, ok := cur.Parent().Parent().Node().(*ast.CompositeLit)
		if !ok || p.Value != lit {
			return false
		}
		if _, isMap := pass.TypesInfo.TypeOf(cl).Underlying().(*types.Map); !isMap {
			return false
		}
		at = cur.Parent().Parent()
	case *ast.AssignStmt:
		if len(p.Lhs) != len(p.Rhs) {
			return false
		}
		i := slices.Index(p.Rhs, ast.Expr(lit))
		if i < 0 {
			return false
		}
		ix, ok := ast.Unparen(p.Lhs[i]).(*ast.IndexExpr)
		if !ok {
			return false
		}
		if _, isMap := pass.TypesInfo.TypeOf(ix.X).Underlying().(*types.Map); !isMap || !isPackageLevelVar(pass.TypesInfo, ix.X) {
			return false
		}
		at = cur.Parent()
	default:
		return false
	}
	for c := range at.Enclosing((*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		d, ok := c.Node().(*ast.FuncDecl)
		return ok && d.Recv == nil && d.Name.Name == "init"
	}
	return true // a package-level variable's initializer
}

// isInitRegistered reports whether the function literal at cur, in any
// package, is a factory registered from init: a literal with results
// (func(*InitContext) (any, error)) that init passes to a call, within
// composite literals or not (registry.Register(&Registration{InitFn:
// func...})), or stores in a package-level variable, a field of one or an
// element of a package-level map (factories["x"] = func...). A plugin
// registry calls such a factory once per process. A literal without
// results (a handler, a callback) may run any number of times and does
// not count.
func isInitRegistered(pass *analysis.Pass, cur inspector.Cursor) bool {
	lit, ok := cur.Node().(*ast.FuncLit)
	if !ok || lit.Type.Results.NumFields() == 0 {
		return false
	}
	for c := cur; ; c = c.Parent() {
		e := c.Node()
		switch p := c.Parent().Node().(type) {
		case *ast.KeyValueExpr:
			if p.Value != e {
				return false
			}
		case *ast.CompositeLit, *ast.ParenExpr:
			// an element or field value, or parentheses: go on up
		case *ast.UnaryExpr:
			if p.Op != token.AND {
				return false
			}
		case *ast.CallExpr:
			if !slices.Contains(p.Args, e.(ast.Expr)) {
				return false // called, or a conversion's operand
			}
			return inInit(c.Parent())
		case *ast.AssignStmt:
			i := slices.Index(p.Rhs, e.(ast.Expr))
			if i < 0 || len(p.Lhs) != len(p.Rhs) {
				return false
			}
			lhs := ast.Unparen(p.Lhs[i])
			if ix, ok := lhs.(*ast.IndexExpr); ok {
				lhs = ix.X
			}
			return isPackageLevelVar(pass.TypesInfo, lhs) && inInit(c.Parent())
		default:
			return false
		}
	}
}

// inInit reports whether cur lies directly in an init function, outside
// any function literal.
func inInit(cur inspector.Cursor) bool {
	for c := range cur.Enclosing((*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		d, ok := c.Node().(*ast.FuncDecl)
		return ok && d.Recv == nil && d.Name.Name == "init"
	}
	return false
}
