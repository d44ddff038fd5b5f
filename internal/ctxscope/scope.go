package ctxscope

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"

	"github.com/asynclint/asynclint/internal/typematch"
)

// scope is what one walk of a function declaration (or of a literal at
// package level), with the literals nested in it, found. Variables are
// followed flow-insensitively: a local's context is what every value
// assigned to it agrees on.
type scope struct {
	r    *Result
	info *types.Info
	root ast.Node

	ctxs      map[*types.Var]*Ctx    // resolved context variables; parameters from the start
	params    map[*types.Var]bool    // context parameters
	carriers  map[*types.Var]*Ctx    // request and test parameters: their implicit contexts
	assigns   map[*types.Var][]value // every value stored in a local of context, error or channel type
	declared  map[*types.Var]*Func   // the function declaring each local context variable
	locals    []*types.Var           // local context variables, in order of declaration
	resolving map[*types.Var]bool
	pending   []pending // observation candidates, in source order
	funcs     []*Func   // the functions walked, in preorder
	frozen    bool      // the walk is over: the maps are only read, by any goroutine
}

// value is one value stored in a variable: the right-hand side e, and
// for a multi-valued call the index of the result. e is nil when the
// value is unknown (a range variable, an address taken).
type value struct {
	e     ast.Expr
	index int
}

// cycle is what following a variable yields while that variable is
// being resolved (ctx = context.WithValue(ctx, k, v)): it adds nothing.
var cycle = &Ctx{}

func newScope(r *Result, root ast.Node) *scope {
	return &scope{
		r:         r,
		info:      r.info,
		root:      root,
		ctxs:      map[*types.Var]*Ctx{},
		params:    map[*types.Var]bool{},
		carriers:  map[*types.Var]*Ctx{},
		assigns:   map[*types.Var][]value{},
		declared:  map[*types.Var]*Func{},
		resolving: map[*types.Var]bool{},
	}
}

// walk visits the declaration once, then resolves its context variables
// and classifies the observation candidates.
func (s *scope) walk() {
	var nodes []ast.Node // the path from root to the current node
	var funcs []*Func    // the functions on that path, innermost last
	top := func() *Func {
		if len(funcs) == 0 {
			return nil
		}
		return funcs[len(funcs)-1]
	}
	ast.Inspect(s.root, func(n ast.Node) bool {
		if n == nil {
			switch nodes[len(nodes)-1].(type) {
			case *ast.FuncDecl, *ast.FuncLit:
				funcs = funcs[:len(funcs)-1]
			}
			nodes = nodes[:len(nodes)-1]
			return true
		}
		nodes = append(nodes, n)
		switch n := n.(type) {
		case *ast.FuncDecl:
			f := s.newFunc(n, nil, n.Type)
			funcs = append(funcs, f)
		case *ast.FuncLit:
			f := s.newFunc(n, top(), n.Type)
			funcs = append(funcs, f)
		case *ast.AssignStmt:
			if n.Tok != token.DEFINE && n.Tok != token.ASSIGN {
				break
			}
			for i, l := range n.Lhs {
				var val value
				switch {
				case len(n.Lhs) == len(n.Rhs):
					val = value{e: n.Rhs[i]}
				case len(n.Rhs) == 1:
					val = value{e: n.Rhs[0], index: i}
				}
				s.store(top(), l, val)
			}
		case *ast.ValueSpec:
			for i, name := range n.Names {
				switch {
				case len(n.Values) == len(n.Names):
					s.store(top(), name, value{e: n.Values[i]})
				case len(n.Values) == 1:
					s.store(top(), name, value{e: n.Values[0], index: i})
				default:
					s.declare(top(), name) // the zero value: nothing stored yet
				}
			}
		case *ast.RangeStmt:
			if n.Key != nil {
				s.store(top(), n.Key, value{})
			}
			if n.Value != nil {
				s.store(top(), n.Value, value{})
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				s.store(top(), n.X, value{}) // its address escapes: anything may be stored
			}
		case *ast.BlockStmt:
			s.list(top(), n.List)
		case *ast.CaseClause:
			s.list(top(), n.Body)
			s.pending = append(s.pending, pending{f: top(), node: n})
		case *ast.CommClause:
			s.list(top(), n.Body)
			s.pending = append(s.pending, pending{f: top(), node: n})
		case *ast.IfStmt:
			s.pending = append(s.pending, pending{f: top(), node: n})
		case *ast.SwitchStmt:
			s.pending = append(s.pending, pending{f: top(), node: n})
		}
		return true
	})

	for _, v := range s.locals {
		if c := s.resolve(v); c != nil && c != cycle {
			f := s.declared[v]
			f.Ctxs = append(f.Ctxs, c)
		}
	}
	rest := make([]*types.Var, 0, len(s.assigns))
	for v := range s.assigns {
		rest = append(rest, v)
	}
	sort.Slice(rest, func(i, j int) bool { return rest[i].Pos() < rest[j].Pos() })
	for _, v := range rest {
		s.resolve(v) // named results, and variables of literals declared elsewhere
	}
	// A parameter keeps its origin whatever is stored in it later, but a
	// context.WithoutCancel stored back detaches it.
	for v := range s.params {
		for _, val := range s.assigns[v] {
			if a := s.value(val); a != nil && a != cycle && a.Detached {
				s.ctxs[v].Detached = true
			}
		}
	}
	for _, f := range s.funcs { // outer functions before the literals in them
		for _, c := range f.Ctxs {
			switch {
			case !c.Cancellable():
			case c.Implicit:
				f.implicit = append(f.implicit, c)
			default:
				f.vars = append(f.vars, c)
			}
		}
		sort.Slice(f.vars, func(i, j int) bool { return f.vars[i].Var.Pos() < f.vars[j].Var.Pos() })
		f.hasScope = len(f.vars) > 0 || len(f.implicit) > 0 || f.Outer != nil && f.Outer.hasScope
	}
	s.observe()
	s.frozen = true
}

// newFunc records a function and its parameters.
func (s *scope) newFunc(n ast.Node, outer *Func, typ *ast.FuncType) *Func {
	f := &Func{Node: n, Outer: outer, s: s}
	s.r.funcs[n] = f
	s.funcs = append(s.funcs, f)
	if typ.Params == nil {
		return f
	}
	handler := false // a ResponseWriter parameter: the *http.Request is the one being served
	for _, field := range typ.Params.List {
		if tv, ok := s.info.Types[field.Type]; ok && typematch.IsNamed(tv.Type, "net/http", "ResponseWriter") {
			handler = true
		}
	}
	for _, field := range typ.Params.List {
		for _, name := range field.Names {
			v, ok := s.info.Defs[name].(*types.Var)
			if !ok || name.Name == "_" {
				continue
			}
			switch origin := carrier(v.Type()); {
			case origin == Request && !handler:
				// An outgoing request (a client's Do(req), a sender's
				// post(req)): its context is whatever its maker set,
				// often Background, not a caller's cancellation.
			case typematch.IsContext(v.Type()):
				c := &Ctx{Var: v, Origin: Param, Func: f}
				s.ctxs[v] = c
				s.params[v] = true
				f.Ctxs = append(f.Ctxs, c)
			case origin != Other:
				c := &Ctx{Var: v, Implicit: true, Origin: origin, Func: f}
				s.carriers[v] = c
				f.Ctxs = append(f.Ctxs, c)
			}
		}
	}
	return f
}

// carrier returns Request or Test when t is a type whose Context method
// gives a parameter's context (*http.Request; *testing.T, B and F and
// testing.TB from Go 1.24), or Other.
func carrier(t types.Type) Origin {
	var origin Origin
	switch {
	case typematch.IsNamed(t, "net/http", "Request"):
		origin = Request
	case typematch.IsNamed(t, "testing", "T"), typematch.IsNamed(t, "testing", "B"),
		typematch.IsNamed(t, "testing", "F"), typematch.IsNamed(t, "testing", "TB"):
		origin = Test
	default:
		return Other
	}
	if _, ok := types.Unalias(t).(*types.Pointer); !ok && origin == Request {
		return Other // an http.Request value is a copy; still, r.Context() works, but it is rare
	}
	obj, _, _ := types.LookupFieldOrMethod(t, true, nil, "Context")
	if m, ok := obj.(*types.Func); !ok || m.Signature().Params().Len() != 0 ||
		m.Signature().Results().Len() != 1 || !typematch.IsContext(m.Signature().Results().At(0).Type()) {
		return Other // testing before Go 1.24
	}
	return origin
}

// tracked reports whether v is a local variable whose stored values
// ctxscope keeps: of context type (to follow derivations), error type
// (err := ctx.Err()) or channel type (done := ctx.Done()).
func tracked(v *types.Var) bool {
	if v.IsField() || v.Pkg() == nil || v.Parent() == v.Pkg().Scope() {
		return false
	}
	t := v.Type()
	if typematch.IsContext(t) || types.Identical(t, errorType) {
		return true
	}
	_, ok := t.Underlying().(*types.Chan)
	return ok
}

var errorType = types.Universe.Lookup("error").Type()

// declare records the declaration of a local context variable by f.
func (s *scope) declare(f *Func, id *ast.Ident) *types.Var {
	v, ok := s.info.Defs[id].(*types.Var)
	if !ok || !tracked(v) {
		return nil
	}
	if typematch.IsContext(v.Type()) {
		if _, seen := s.declared[v]; !seen && f != nil {
			s.declared[v] = f
			s.locals = append(s.locals, v)
		}
	}
	return v
}

// store records that val is stored in the variable that lhs names.
func (s *scope) store(f *Func, lhs ast.Expr, val value) {
	id, ok := ast.Unparen(lhs).(*ast.Ident)
	if !ok || id.Name == "_" {
		return
	}
	v := s.declare(f, id)
	if v == nil {
		var ok bool
		if v, ok = s.info.Uses[id].(*types.Var); !ok || !tracked(v) {
			return
		}
	}
	s.assigns[v] = append(s.assigns[v], val)
}

// resolve returns the context that the variable v holds, nil when v is
// not a local context variable (or parameter), or cycle while v is being
// resolved.
func (s *scope) resolve(v *types.Var) *Ctx {
	if v == nil {
		return nil
	}
	if c, ok := s.ctxs[v]; ok {
		return c
	}
	if !typematch.IsContext(v.Type()) || !tracked(v) {
		return nil
	}
	if s.frozen {
		return &Ctx{Var: v, Origin: Other} // nothing was ever stored in it
	}
	if s.resolving[v] {
		return cycle
	}
	s.resolving[v] = true
	defer delete(s.resolving, v)

	c := &Ctx{Var: v, Func: s.declared[v]}
	n := 0
	for _, val := range s.assigns[v] {
		a := s.value(val)
		if a == cycle {
			continue // derived from itself: adds nothing
		}
		if a == nil {
			a = &Ctx{Origin: Other, Src: val.e}
		}
		if n == 0 {
			if a.Var == nil { // an expression: v holds what it built
				c.Origin, c.Parent, c.Via, c.Detached, c.Call, c.Src = a.Origin, a.Parent, a.Via, a.Detached, a.Call, a.Src
			} else { // a copy of another context
				c.Origin, c.Parent, c.Detached = a.Origin, a, a.Detached
			}
		} else {
			if a.Origin != c.Origin {
				c.Origin = Other // two origins: neither can be relied on
			}
			c.Detached = c.Detached || a.Detached
		}
		n++
	}
	s.ctxs[v] = c
	return c
}

// value returns the context a stored value denotes.
func (s *scope) value(val value) *Ctx {
	if val.e == nil {
		return nil
	}
	return s.expr(val.e, val.index)
}

// expr returns the context e denotes (the index-th result when e is a
// multi-valued call), nil when e is not of context type, or cycle.
func (s *scope) expr(e ast.Expr, index int) *Ctx {
	e = ast.Unparen(e)
	switch e := e.(type) {
	case *ast.Ident:
		if v, ok := s.info.Uses[e].(*types.Var); ok {
			if c := s.resolve(v); c != nil {
				return c
			}
		}
	case *ast.CallExpr:
		return s.call(e, index)
	}
	if typematch.IsContext(s.info.TypeOf(e)) {
		return &Ctx{Origin: Other, Src: e}
	}
	return nil
}

// call returns the context that the index-th result of call is, or nil
// when that result is not a context.
//
// A call that takes a context and returns one is taken to derive the
// result from its first context argument: context.WithTimeout and its
// kin, errgroup.WithContext, signal.NotifyContext, and a project's own
// trace.NewContext(ctx, span) alike. A function that ignores its
// argument and returns Background() would be misread; that is rare.
func (s *scope) call(call *ast.CallExpr, index int) *Ctx {
	t := s.info.TypeOf(call.Fun)
	if t == nil {
		return nil
	}
	sig, ok := t.Underlying().(*types.Signature)
	if !ok || index >= sig.Results().Len() || !typematch.IsContext(sig.Results().At(index).Type()) {
		return nil
	}
	fn := typematch.Callee(s.info, call)
	if isBackground(s.info, call) {
		return &Ctx{Origin: Background, Call: call}
	}
	// r.Context() of a request or test parameter.
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && len(call.Args) == 0 && sel.Sel.Name == "Context" {
		if id, ok := ast.Unparen(sel.X).(*ast.Ident); ok {
			if v, ok := s.info.Uses[id].(*types.Var); ok {
				if c, ok := s.carriers[v]; ok {
					return c
				}
			}
		}
	}
	for _, arg := range call.Args {
		if !typematch.IsContext(s.info.TypeOf(arg)) {
			continue
		}
		p := s.expr(arg, 0)
		if p == cycle {
			return cycle
		}
		return &Ctx{
			Origin:   p.Origin,
			Parent:   p,
			Via:      fn,
			Detached: p.Detached || isWithoutCancel(fn),
			Call:     call,
		}
	}
	return &Ctx{Origin: Other, Call: call, Src: call}
}

// isBackground reports whether call is context.Background() or
// context.TODO().
func isBackground(info *types.Info, call *ast.CallExpr) bool {
	fn := typematch.Callee(info, call)
	return typematch.IsFunc(fn, "context", "Background") || typematch.IsFunc(fn, "context", "TODO")
}

// isWithoutCancel reports whether fn is context.WithoutCancel.
func isWithoutCancel(fn *types.Func) bool {
	return typematch.IsFunc(fn, "context", "WithoutCancel")
}

// visible reports whether v can be named at pos: it is declared before
// pos and no other declaration shadows it there.
func (s *scope) visible(v *types.Var, pos token.Pos) bool {
	if v.Pos() >= pos || s.r.pkg == nil {
		return false
	}
	inner := innermost(s.r.pkg.Scope(), pos)
	if inner == nil {
		return false
	}
	_, obj := inner.LookupParent(v.Name(), pos)
	return obj == v
}

// innermost is types.Scope.Innermost with a binary search over each
// scope's children, which the type checker creates in source order
// within a file: Innermost scans them, which costs a function with n
// blocks n steps per question. Should the order not hold, the scope
// found is an outer one, and LookupParent from there can only miss v
// (not visible), never find a wrong one.
func innermost(pkg *types.Scope, pos token.Pos) *types.Scope {
	var s *types.Scope
	for i := range pkg.NumChildren() { // file scopes, in no particular order
		if f := pkg.Child(i); f.Contains(pos) {
			s = f
			break
		}
	}
	for s != nil {
		n := s.NumChildren()
		i := sort.Search(n, func(i int) bool { return s.Child(i).End() > pos })
		if i == n || !s.Child(i).Contains(pos) {
			return s
		}
		s = s.Child(i)
	}
	return nil
}

// sameRef reports whether a and b name the same thing: the same
// variable, the same field of the same thing (s.ctx and s.ctx), or the
// same method called on the same thing with no arguments (r.Context()).
func sameRef(info *types.Info, a, b ast.Expr) bool {
	a, b = ast.Unparen(a), ast.Unparen(b)
	switch a := a.(type) {
	case *ast.Ident:
		b, ok := b.(*ast.Ident)
		if !ok {
			return false
		}
		oa, ob := info.ObjectOf(a), info.ObjectOf(b)
		return oa != nil && oa == ob
	case *ast.SelectorExpr:
		b, ok := b.(*ast.SelectorExpr)
		if !ok {
			return false
		}
		oa, ob := info.ObjectOf(a.Sel), info.ObjectOf(b.Sel)
		if oa == nil || oa != ob {
			return false
		}
		if _, isPkg := info.ObjectOf(identOf(a.X)).(*types.PkgName); isPkg {
			return true // pkg.Var: the object says it all
		}
		return sameRef(info, a.X, b.X)
	case *ast.CallExpr:
		b, ok := b.(*ast.CallExpr)
		if !ok || len(a.Args) != 0 || len(b.Args) != 0 {
			return false
		}
		return sameRef(info, a.Fun, b.Fun)
	case *ast.StarExpr:
		b, ok := b.(*ast.StarExpr)
		return ok && sameRef(info, a.X, b.X)
	}
	return false
}

// identOf returns e as an identifier, or a placeholder that resolves to
// nothing.
func identOf(e ast.Expr) *ast.Ident {
	if id, ok := ast.Unparen(e).(*ast.Ident); ok {
		return id
	}
	return &ast.Ident{}
}
