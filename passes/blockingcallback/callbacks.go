package blockingcallback

import (
	"go/ast"
	"go/types"

	"github.com/asynclint/asynclint/internal/blocking"
	"github.com/asynclint/asynclint/internal/typematch"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// teaPaths are the import paths of Bubble Tea.
var teaPaths = []string{
	"github.com/charmbracelet/bubbletea",
	"github.com/charmbracelet/bubbletea/v2",
	"charm.land/bubbletea/v2",
}

const cachePath = "k8s.io/client-go/tools/cache"

// teaUpdates judges every Bubble Tea Update method of the package: a
// method Update(tea.Msg) (M, tea.Cmd), the program's own model's or a
// component's, which the program's event loop calls one message at a
// time.
func (c *checker) teaUpdates() {
	if !importsAny(c.pass.Pkg, teaPaths) {
		return
	}
	for cur := range c.in.Root().Preorder((*ast.FuncDecl)(nil)) {
		d := cur.Node().(*ast.FuncDecl)
		if d.Recv == nil || d.Name.Name != "Update" || d.Body == nil || c.skipped(d.Pos()) {
			continue
		}
		fn, ok := c.pass.TypesInfo.Defs[d.Name].(*types.Func)
		if !ok || !isTeaUpdate(fn) {
			continue
		}
		c.judgeBody(cur, &site{kind: teaSite})
	}
}

// isTeaUpdate reports whether fn is func (T) Update(tea.Msg) (M, tea.Cmd).
func isTeaUpdate(fn *types.Func) bool {
	sig := fn.Signature()
	if sig.Params().Len() != 1 || sig.Results().Len() != 2 {
		return false
	}
	return isTea(sig.Params().At(0).Type(), "Msg") && isTea(sig.Results().At(1).Type(), "Cmd")
}

func isTea(t types.Type, name string) bool {
	for _, p := range teaPaths {
		if typematch.IsNamed(t, p, name) {
			return true
		}
	}
	return false
}

// informerHandlers judges the callbacks a client-go informer calls, one
// event at a time per handler: the AddFunc, UpdateFunc and DeleteFunc
// fields of cache.ResourceEventHandlerFuncs (and the Detailed and Typed
// variants), and the OnAdd, OnUpdate and OnDelete methods of a type that
// implements cache.ResourceEventHandler.
func (c *checker) informerHandlers() {
	var iface *types.Interface
	for _, imp := range c.pass.Pkg.Imports() {
		if imp.Path() == cachePath {
			if obj, ok := imp.Scope().Lookup("ResourceEventHandler").(*types.TypeName); ok {
				iface, _ = obj.Type().Underlying().(*types.Interface)
			}
		}
	}
	if iface == nil {
		return // not a client of the cache package (nor the package itself)
	}
	info := c.pass.TypesInfo
	for cur := range c.in.Root().Preorder((*ast.CompositeLit)(nil), (*ast.FuncDecl)(nil)) {
		if c.skipped(cur.Node().Pos()) {
			continue
		}
		switch n := cur.Node().(type) {
		case *ast.CompositeLit:
			if !isHandlerFuncs(info.TypeOf(n)) {
				continue
			}
			for i, elt := range n.Elts {
				kv, ok := elt.(*ast.KeyValueExpr)
				if !ok {
					continue
				}
				if id, ok := kv.Key.(*ast.Ident); !ok || id.Name != "AddFunc" && id.Name != "UpdateFunc" && id.Name != "DeleteFunc" {
					continue
				}
				c.callback(cur.ChildAt(edge.CompositeLit_Elts, i).ChildAt(edge.KeyValueExpr_Value, -1), &site{kind: informerSite})
			}
		case *ast.FuncDecl:
			if n.Recv == nil || n.Body == nil {
				continue
			}
			switch n.Name.Name {
			case "OnAdd", "OnUpdate", "OnDelete":
			default:
				continue
			}
			fn, ok := info.Defs[n.Name].(*types.Func)
			if !ok {
				continue
			}
			recv := fn.Signature().Recv().Type()
			if p, ok := recv.(*types.Pointer); ok {
				recv = p.Elem()
			}
			if types.Implements(recv, iface) || types.Implements(types.NewPointer(recv), iface) {
				c.judgeBody(cur, &site{kind: informerSite})
			}
		}
	}
}

// isHandlerFuncs reports whether t is one of the cache package's
// structs of handler funcs.
func isHandlerFuncs(t types.Type) bool {
	for _, name := range []string{"ResourceEventHandlerFuncs", "ResourceEventHandlerDetailedFuncs",
		"TypedResourceEventHandlerFuncs", "TypedResourceEventHandlerDetailedFuncs"} {
		if typematch.IsNamed(t, cachePath, name) {
			return true
		}
	}
	return false
}

// listedDispatchers judges the func arguments of every call to a
// dispatcher named by -blockingcallback.funcs.
func (c *checker) listedDispatchers() {
	if len(funcs.entries) == 0 {
		return
	}
	info := c.pass.TypesInfo
	for cur := range c.in.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		e := funcs.match(typematch.Callee(info, call))
		if e == nil || c.skipped(call.Pos()) {
			continue
		}
		for i, a := range call.Args {
			if _, ok := info.TypeOf(a).Underlying().(*types.Signature); ok {
				c.callback(cur.ChildAt(edge.CallExpr_Args, i), &site{kind: listedSite, dispatcher: e.text})
			}
		}
	}
}

// callback judges the function value at cur as a callback of s: a
// literal's body, the body of a function or method of this package, or,
// for a function of another package, what blocking's fact says of it.
func (c *checker) callback(cur inspector.Cursor, s *site) {
	info := c.pass.TypesInfo
	switch v := ast.Unparen(cur.Node().(ast.Expr)).(type) {
	case *ast.FuncLit:
		c.judge(cur.ChildAt(edge.FuncLit_Body, -1), s)
		return
	case *ast.Ident, *ast.SelectorExpr:
		var id *ast.Ident
		if sel, ok := v.(*ast.SelectorExpr); ok {
			id = sel.Sel
		} else {
			id = v.(*ast.Ident)
		}
		fn, ok := info.Uses[id].(*types.Func)
		if !ok {
			return // a variable holding a function: unknown
		}
		fn = fn.Origin()
		if d, ok := c.decl(fn); ok {
			c.judgeBody(d, s)
			return
		}
		f := c.blocks.Fact(fn)
		if f == nil || c.reported[v.Pos()] {
			return
		}
		k := withinFact(f, f.Kinds&blocking.Waits)
		if k == 0 {
			return
		}
		kind, phrase := strongest(k)
		if f.DepthOf(kind) >= blocking.MaxDepth {
			return // as far as a call to it would be followed
		}
		c.report(v, types.ExprString(v)+" "+phrase+" and runs as "+s.where()+": "+s.consequence())
	}
}

// judgeBody judges the body of the function declared at cur, once per
// kind of site.
func (c *checker) judgeBody(cur inspector.Cursor, s *site) {
	d := cur.Node().(*ast.FuncDecl)
	if c.judged[d] || d.Body == nil {
		return
	}
	c.judged[d] = true
	c.judge(cur.ChildAt(edge.FuncDecl_Body, -1), s)
}

func importsAny(pkg *types.Package, paths []string) bool {
	for _, p := range paths {
		if pkg.Path() == p || typematch.Imports(pkg, p) {
			return true
		}
	}
	return false
}
