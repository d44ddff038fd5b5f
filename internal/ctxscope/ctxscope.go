package ctxscope

import (
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"sort"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
)

// Analyzer computes, on demand, the contexts each function of a package
// has and where it observes their cancellation. It reports nothing and
// exports no facts; its result is a [*Result].
var Analyzer = &analysis.Analyzer{
	Name:       "ctxscope",
	Doc:        "ctxscope: the contexts each function has in scope, and where it observes their cancellation (building block)",
	Requires:   []*analysis.Analyzer{inspect.Analyzer},
	Run:        run,
	ResultType: reflect.TypeFor[*Result](),
}

func run(pass *analysis.Pass) (any, error) {
	return &Result{
		info:  pass.TypesInfo,
		pkg:   pass.Pkg,
		funcs: map[ast.Node]*Func{},
	}, nil
}

// Result answers questions about the functions of one package. Each
// function declaration (with the literals nested in it) is analysed once,
// on the first question about it, in one walk of its body. It is safe for
// concurrent use by the analyzers that require it.
type Result struct {
	info *types.Info
	pkg  *types.Package

	mu    sync.Mutex
	funcs map[ast.Node]*Func // every FuncDecl and FuncLit of the declarations analysed so far
}

// Func returns the innermost function (declaration or literal) that
// encloses cur, cur itself if it is one, or nil when cur lies outside
// every function (a package-level declaration).
func (r *Result) Func(cur inspector.Cursor) *Func {
	r.mu.Lock()
	defer r.mu.Unlock()
	var inner, outermost ast.Node
	for c := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		if inner == nil {
			inner = c.Node()
			if f, ok := r.funcs[inner]; ok {
				return f // walked already: no need to climb further
			}
		}
		outermost = c.Node()
	}
	if inner == nil {
		return nil
	}
	newScope(r, outermost).walk()
	return r.funcs[inner]
}

// Origin says where the chain of derivations of a context starts.
type Origin uint8

const (
	// Other is a context that is not in scope: a struct field, a
	// package-level variable, the result of a call it cannot follow, or a
	// variable assigned from several origins.
	Other Origin = iota
	// Param is a context.Context parameter (not one named _).
	Param
	// Request is r.Context() of an *http.Request parameter r.
	Request
	// Test is t.Context() of a *testing.T, *testing.B, *testing.F or
	// testing.TB parameter t (Go 1.24 and later).
	Test
	// Background is context.Background() or context.TODO().
	Background
)

var originNames = [...]string{"other", "param", "request", "test", "background"}

func (o Origin) String() string { return originNames[o] }

// Ctx is one context value a function has: a variable, the implicit
// r.Context() of a request or test parameter, or (from [Func.Of]) an
// expression that builds one.
type Ctx struct {
	// Var is the variable holding the context. For an Implicit context
	// it is the parameter whose Context method gives it; for a context
	// that only an expression denotes (an argument such as
	// context.WithTimeout(ctx, d)) it is nil.
	Var *types.Var
	// Implicit reports that the context is Var.Context(), not a
	// variable of its own.
	Implicit bool
	Origin   Origin
	// Parent is the context this one was derived from, or nil for a
	// root (a parameter, r.Context(), Background()).
	Parent *Ctx
	// Via is the function that derived it from Parent
	// (context.WithTimeout, errgroup.WithContext, a project's own
	// func(ctx, ...) context.Context); nil for a plain copy and for roots.
	Via *types.Func
	// Detached reports a context.WithoutCancel on the chain from the
	// root: the context is not cancelled with its root, on purpose.
	Detached bool
	// Call is the call that made the context: Background(), TODO(),
	// WithTimeout(...); nil for parameters and copies.
	Call *ast.CallExpr
	// Src is the expression a context of origin Other was taken from
	// (s.ctx), when there is one.
	Src ast.Expr
	// Func is the function that declares the variable; nil for an
	// expression.
	Func *Func
}

// Cancellable reports whether c is a context in scope in the sense the
// rules use: it comes from a parameter, a request or a test, and no
// WithoutCancel detached it.
func (c *Ctx) Cancellable() bool {
	return !c.Detached && (c.Origin == Param || c.Origin == Request || c.Origin == Test)
}

// Root returns the start of c's chain of derivations.
func (c *Ctx) Root() *Ctx {
	for c.Parent != nil {
		c = c.Parent
	}
	return c
}

// Expr returns Go source that denotes c where its variable is visible:
// "ctx", or "r.Context()" for an implicit context.
func (c *Ctx) Expr() string {
	switch {
	case c.Var == nil && c.Call != nil:
		return types.ExprString(c.Call)
	case c.Var == nil:
		return "<ctx>"
	case c.Implicit:
		return c.Var.Name() + ".Context()"
	}
	return c.Var.Name()
}

// String describes c and its chain, for tests and debugging:
// "ctx2=context.WithTimeout(ctx:param)".
func (c *Ctx) String() string {
	var b strings.Builder
	c.format(&b)
	return b.String()
}

func (c *Ctx) format(b *strings.Builder) {
	if c.Var != nil {
		b.WriteString(c.Expr())
		if c.Parent == nil && c.Via == nil && c.Call == nil {
			b.WriteString(":" + c.Origin.String())
			return
		}
		b.WriteString("=")
	}
	switch {
	case c.Via != nil:
		b.WriteString(funcName(c.Via) + "(")
		if c.Parent != nil {
			c.Parent.format(b)
		} else {
			b.WriteString("?")
		}
		b.WriteString(")")
	case c.Parent != nil:
		b.WriteString("(")
		c.Parent.format(b)
		b.WriteString(")")
	case c.Call != nil && c.Origin == Background:
		b.WriteString(types.ExprString(c.Call.Fun) + "()")
	default:
		b.WriteString(c.Origin.String())
	}
}

// funcName is pkg.Name or pkg.Type.Name, short enough for messages.
func funcName(fn *types.Func) string {
	name := fn.Name()
	if recv := fn.Signature().Recv(); recv != nil {
		t := recv.Type()
		if p, ok := types.Unalias(t).(*types.Pointer); ok {
			t = p.Elem()
		}
		if n, ok := types.Unalias(t).(*types.Named); ok {
			name = n.Obj().Name() + "." + name
		}
	}
	if fn.Pkg() != nil {
		name = fn.Pkg().Name() + "." + name
	}
	return name
}

// Func is what ctxscope knows about one function declaration or literal.
type Func struct {
	Node ast.Node // *ast.FuncDecl or *ast.FuncLit
	// Outer is the function a literal is nested in; nil for a
	// declaration and for a literal at package level. A literal sees its
	// Outer's contexts too.
	Outer *Func
	// Ctxs are the contexts this function declares, in source order:
	// parameters (the implicit contexts of request and test parameters
	// included) then local variables of type context.Context, whatever
	// their origin. Those of Outer are not repeated.
	Ctxs []*Ctx
	// Observations are the places in this function's body (not in its
	// literals) where a context is known to be cancelled, in source order.
	Observations []*Observation

	s        *scope
	vars     []*Ctx // the cancellable variables of Ctxs, by position
	implicit []*Ctx // the cancellable implicit contexts of Ctxs
	hasScope bool   // f or an enclosing function has a cancellable context
}

// Lookup returns the context held by v, a context variable of this
// function or of an enclosing one: a parameter, or a local with its
// derivation. It returns nil when v is not a local of type
// context.Context, and a context of origin Other for one that nothing
// was stored in (a parameter named _).
func (f *Func) Lookup(v *types.Var) *Ctx {
	return f.s.resolve(v)
}

// InScope returns the cancellable contexts (see [Ctx.Cancellable]) of f
// and of the functions it is nested in, innermost function first, each
// function's in source order. It does not check where they are visible
// ([Func.Best] does) and costs their number: ask [Func.HasScope] for a
// yes or no.
func (f *Func) InScope() []*Ctx {
	var out []*Ctx
	for g := f; g != nil; g = g.Outer {
		for _, c := range g.Ctxs {
			if c.Cancellable() {
				out = append(out, c)
			}
		}
	}
	return out
}

// HasScope reports whether f has a cancellable context in scope.
func (f *Func) HasScope() bool { return f.hasScope }

// Best returns the cancellable context to use at pos, a position in f's
// body, or nil: among those in scope whose variable is visible there
// (declared before pos, not shadowed), a variable rather than an implicit
// r.Context(), and of those the latest declared (the innermost
// derivation, a literal's own parameter before its enclosing function's).
//
// It tries the candidates from the latest declared before pos
// backwards and stops at the first visible one, so it costs a binary
// search and, in practice, one scope look-up.
func (f *Func) Best(pos token.Pos) *Ctx {
	for g := f; g != nil; g = g.Outer {
		vars := g.vars
		i := sort.Search(len(vars), func(i int) bool { return vars[i].Var.Pos() >= pos })
		for i--; i >= 0; i-- {
			if f.s.visible(vars[i].Var, pos) {
				return vars[i]
			}
		}
	}
	for g := f; g != nil; g = g.Outer {
		for _, c := range g.implicit {
			if f.s.visible(c.Var, pos) {
				return c
			}
		}
	}
	return nil
}

// Of returns the context that the expression e denotes: a context
// variable of f (or of an enclosing function), r.Context() of a request
// or test parameter, or a call that builds one (Background(),
// context.WithTimeout(ctx, d), a project's func(ctx) context.Context).
// A context it cannot follow (a struct field, a package-level variable,
// an unknown call) has origin Other and its expression in Src. It
// returns nil when e is not of type context.Context.
func (f *Func) Of(e ast.Expr) *Ctx {
	c := f.s.expr(e, 0)
	if c == cycle {
		return nil
	}
	return c
}

// Background returns the context.Background() or context.TODO() call
// that e is, directly or through one local variable assigned only that
// call (bg := context.Background(); use(bg)), or nil.
func (f *Func) Background(e ast.Expr) *ast.CallExpr {
	e = ast.Unparen(e)
	if call, ok := e.(*ast.CallExpr); ok {
		if isBackground(f.s.info, call) {
			return call
		}
		return nil
	}
	id, ok := e.(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := f.s.info.Uses[id].(*types.Var)
	if !ok {
		return nil
	}
	if rs := f.s.assigns[v]; len(rs) == 1 && !f.s.params[v] {
		if call, ok := ast.Unparen(rs[0].e).(*ast.CallExpr); ok && isBackground(f.s.info, call) {
			return call
		}
	}
	return nil
}

// Cancels reports whether cancelling the context from also cancels the
// context e: e is from, or derived from it through With* calls (and
// plain copies) with no WithoutCancel between them. Contexts it cannot
// follow (struct fields) are compared by what they name: s.ctx cancels
// s.ctx.
func (f *Func) Cancels(from, e ast.Expr) bool {
	if sameRef(f.s.info, from, e) {
		return true
	}
	a := f.Of(from)
	if a == nil {
		return false
	}
	return f.CancelsCtx(a, e)
}

// CancelsCtx is [Func.Cancels] for a context already resolved, such as
// a parameter from [Func.Ctxs].
func (f *Func) CancelsCtx(from *Ctx, e ast.Expr) bool {
	n := 0
	for c := f.Of(e); c != nil && n < maxChain; c, n = c.Parent, n+1 {
		if f.s.sameCtx(c, from) || from.Src != nil && c.Src != nil && sameRef(f.s.info, from.Src, c.Src) {
			return true
		}
		if isWithoutCancel(c.Via) {
			return false // detached on purpose from here up
		}
	}
	return false
}

// maxChain bounds how many derivations Cancels climbs from e towards
// from. Real chains are a handful long (WithTimeout of WithValue of a
// parameter); the bound keeps a generated function that derives a
// thousand contexts in a row from making each question cost a thousand
// steps. Past it the answer is false: not known to be derived.
const maxChain = 32

// sameCtx reports whether a and b are the same context: the same
// variable, the same call, or what the same expression names.
func (s *scope) sameCtx(a, b *Ctx) bool {
	switch {
	case a.Var != nil || b.Var != nil:
		return a.Var == b.Var && a.Implicit == b.Implicit
	case a.Call != nil && a.Call == b.Call:
		return true
	}
	return a.Src != nil && b.Src != nil && sameRef(s.info, a.Src, b.Src)
}
