package ctxscope

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"github.com/asynclint/asynclint/internal/typematch"
)

// How says how a function learned that a context was cancelled.
type How uint8

const (
	// DoneCase is a select case receiving from ctx.Done() (or from a
	// local assigned once from it).
	DoneCase How = iota
	// DoneRecv is a receive from ctx.Done() as a statement, or a select
	// whose only case is one: the statements after it know.
	DoneRecv
	// ErrNotNil is ctx.Err() != nil, context.Cause(ctx) != nil, or
	// err != nil for an err assigned once from ctx.Err().
	ErrNotNil
	// ErrorsIs is errors.Is(err, context.Canceled) or
	// errors.Is(err, context.DeadlineExceeded).
	ErrorsIs
	// ErrEqual is err == context.Canceled (or DeadlineExceeded), and a
	// case context.Canceled: of a switch on the error.
	ErrEqual
)

var howNames = [...]string{"done", "recv", "errNotNil", "errorsIs", "errEqual"}

func (h How) String() string { return howNames[h] }

// Observation is a place where a function knows that a context was
// cancelled (or that an error is a cancellation), and the statements
// that run knowing it.
type Observation struct {
	How How
	// At is the node a rule reports: the *ast.CommClause of a Done case,
	// the *ast.IfStmt, the *ast.CaseClause of a switch, or the receive
	// statement (*ast.ExprStmt, or the *ast.SelectStmt whose only case
	// is Done).
	At ast.Node
	// Body are the statements that run knowing it: the case's body, the
	// branch of the if that the condition selects (its else branch for
	// ctx.Err() == nil), the statements after a receive.
	Body []ast.Stmt
	// Ctx is the context observed (ctx in ctx.Done(), ctx.Err(), or the
	// ctx an err was assigned from); nil when only an error was tested.
	// Resolve it with [Func.Of].
	Ctx ast.Expr
	// Err is the error tested (err in errors.Is(err, context.Canceled));
	// nil for Done.
	Err ast.Expr
	// Sentinel is "Canceled" or "DeadlineExceeded" when only that error
	// was tested for, "" for any cancellation.
	Sentinel string
}

// pending is an observation candidate met during the walk: a case or
// comm clause, an if or switch statement, or a statement list (a
// receive statement in it is observed for what follows).
type pending struct {
	f     *Func
	node  ast.Node
	stmts []ast.Stmt
	i     int
}

// list records the receive statements of a statement list.
func (s *scope) list(f *Func, stmts []ast.Stmt) {
	for i, st := range stmts {
		switch st := st.(type) {
		case *ast.ExprStmt:
			if u, ok := ast.Unparen(st.X).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
				s.pending = append(s.pending, pending{f: f, node: st, stmts: stmts, i: i})
			}
		case *ast.SelectStmt:
			if len(st.Body.List) == 1 {
				s.pending = append(s.pending, pending{f: f, node: st, stmts: stmts, i: i})
			}
		}
	}
}

// observe classifies the candidates into the functions' Observations.
func (s *scope) observe() {
	for _, p := range s.pending {
		if o := s.classify(p); o != nil {
			p.f.Observations = append(p.f.Observations, o...)
		}
	}
	s.pending = nil
}

func (s *scope) classify(p pending) []*Observation {
	switch n := p.node.(type) {
	case *ast.ExprStmt:
		if ctx := s.doneOf(n.X); ctx != nil {
			return []*Observation{{How: DoneRecv, At: n, Body: p.stmts[p.i+1:], Ctx: ctx}}
		}
	case *ast.SelectStmt:
		if cc, ok := n.Body.List[0].(*ast.CommClause); ok && cc.Comm != nil {
			if ctx := s.commDone(cc.Comm); ctx != nil {
				return []*Observation{{How: DoneRecv, At: n, Body: p.stmts[p.i+1:], Ctx: ctx}}
			}
		}
	case *ast.CommClause:
		if n.Comm != nil {
			if ctx := s.commDone(n.Comm); ctx != nil {
				return []*Observation{{How: DoneCase, At: n, Body: n.Body, Ctx: ctx}}
			}
		}
	case *ast.IfStmt:
		var out []*Observation
		if a := s.when(n.Cond, true); a != nil {
			a.At, a.Body = n, n.Body.List
			out = append(out, a)
		}
		if n.Else != nil {
			if a := s.when(n.Cond, false); a != nil {
				a.At = n
				switch e := n.Else.(type) {
				case *ast.BlockStmt:
					a.Body = e.List
				default:
					a.Body = []ast.Stmt{e}
				}
				out = append(out, a)
			}
		}
		return out
	case *ast.SwitchStmt:
		var out []*Observation
		for _, st := range n.Body.List {
			cc, ok := st.(*ast.CaseClause)
			if !ok || len(cc.List) == 0 {
				continue // default
			}
			var a *Observation
			if n.Tag != nil {
				a = s.switchCase(n.Tag, cc.List)
			} else {
				a = s.all(cc.List)
			}
			if a != nil {
				a.At, a.Body = cc, cc.Body
				out = append(out, a)
			}
		}
		return out
	}
	return nil
}

// commDone returns ctx when the select case comm receives from
// ctx.Done().
func (s *scope) commDone(comm ast.Stmt) ast.Expr {
	switch c := comm.(type) {
	case *ast.ExprStmt:
		return s.doneOf(c.X)
	case *ast.AssignStmt:
		if len(c.Rhs) == 1 {
			return s.doneOf(c.Rhs[0])
		}
	}
	return nil
}

// doneOf returns ctx when e is <-ctx.Done(), or a receive from a local
// assigned only ctx.Done().
func (s *scope) doneOf(e ast.Expr) ast.Expr {
	u, ok := ast.Unparen(e).(*ast.UnaryExpr)
	if !ok || u.Op != token.ARROW {
		return nil
	}
	x := ast.Unparen(u.X)
	if id, ok := x.(*ast.Ident); ok {
		if x = s.single(id); x == nil {
			return nil
		}
	}
	if call, ok := x.(*ast.CallExpr); ok {
		if typematch.IsMethodCall(s.info, call, "context", "Context", "Done") {
			return call.Fun.(*ast.SelectorExpr).X
		}
	}
	return nil
}

// single returns the only value ever stored in the local id names, or
// nil.
func (s *scope) single(id *ast.Ident) ast.Expr {
	v, ok := s.info.Uses[id].(*types.Var)
	if !ok {
		return nil
	}
	if vals := s.assigns[v]; len(vals) == 1 && vals[0].index == 0 && !s.params[v] {
		return ast.Unparen(vals[0].e)
	}
	return nil
}

// ctxErr returns ctx when e is ctx.Err(), context.Cause(ctx), or a local
// assigned only one of them.
func (s *scope) ctxErr(e ast.Expr) ast.Expr {
	e = ast.Unparen(e)
	if id, ok := e.(*ast.Ident); ok {
		if e = s.single(id); e == nil {
			return nil
		}
	}
	call, ok := e.(*ast.CallExpr)
	if !ok {
		return nil
	}
	fn := typematch.Callee(s.info, call)
	switch {
	case typematch.IsMethod(fn, "context", "Context", "Err"):
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			return sel.X
		}
	case typematch.IsFunc(fn, "context", "Cause") && len(call.Args) == 1:
		return call.Args[0]
	}
	return nil
}

// sentinel returns "Canceled" or "DeadlineExceeded" when e names that
// error of package context, or "".
func (s *scope) sentinel(e ast.Expr) string {
	var id *ast.Ident
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		id = e
	case *ast.SelectorExpr:
		id = e.Sel
	default:
		return ""
	}
	v, ok := s.info.Uses[id].(*types.Var)
	if !ok || v.Pkg() == nil || v.Pkg().Path() != "context" {
		return ""
	}
	if v.Name() == "Canceled" || v.Name() == "DeadlineExceeded" {
		return v.Name()
	}
	return ""
}

// when returns the observation that cond being truth proves, or nil.
// A conjunction proves what either side proves; a disjunction only what
// both sides prove.
func (s *scope) when(cond ast.Expr, truth bool) *Observation {
	switch e := ast.Unparen(cond).(type) {
	case *ast.UnaryExpr:
		if e.Op == token.NOT {
			return s.when(e.X, !truth)
		}
	case *ast.BinaryExpr:
		switch e.Op {
		case token.LAND, token.LOR:
			a, b := s.when(e.X, truth), s.when(e.Y, truth)
			if (e.Op == token.LAND) == truth { // either side holds
				if a != nil {
					return a
				}
				return b
			}
			return s.both(a, b)
		case token.EQL, token.NEQ:
			eq := e.Op == token.EQL
			if a := s.compare(e.X, e.Y, eq == truth); a != nil {
				return a
			}
			return s.compare(e.Y, e.X, eq == truth)
		}
	case *ast.CallExpr:
		fn := typematch.Callee(s.info, e)
		if truth && typematch.IsFunc(fn, "errors", "Is") && len(e.Args) == 2 {
			if name := s.sentinel(e.Args[1]); name != "" {
				return &Observation{How: ErrorsIs, Err: e.Args[0], Ctx: s.ctxErr(e.Args[0]), Sentinel: name}
			}
		}
	}
	return nil
}

// compare returns what x == y (equal) or x != y (!equal) proves when it
// holds: x != nil for a context's error, x == context.Canceled.
func (s *scope) compare(x, y ast.Expr, equal bool) *Observation {
	if name := s.sentinel(y); name != "" && equal {
		return &Observation{How: ErrEqual, Err: x, Ctx: s.ctxErr(x), Sentinel: name}
	}
	if tv, ok := s.info.Types[y]; ok && tv.IsNil() && !equal {
		if ctx := s.ctxErr(x); ctx != nil {
			return &Observation{How: ErrNotNil, Err: x, Ctx: ctx}
		}
	}
	return nil
}

// both returns what two observations prove together: the cancellation
// of one context or error, when each proves it (errors.Is(err,
// context.Canceled) || errors.Is(err, context.DeadlineExceeded)).
func (s *scope) both(a, b *Observation) *Observation {
	if a == nil || b == nil || !s.sameOpt(a.Err, b.Err) || !s.sameOpt(a.Ctx, b.Ctx) {
		return nil
	}
	out := *a
	if a.Sentinel != b.Sentinel {
		out.Sentinel = ""
	}
	return &out
}

// sameOpt reports whether a and b are both nil or name the same thing.
func (s *scope) sameOpt(a, b ast.Expr) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return sameRef(s.info, a, b)
}

// switchCase returns what a case of switch tag { case list...: } proves:
// every listed value is context.Canceled or DeadlineExceeded.
func (s *scope) switchCase(tag ast.Expr, list []ast.Expr) *Observation {
	var out *Observation
	for _, e := range list {
		a := s.compare(tag, e, true)
		if a == nil {
			return nil
		}
		if out == nil {
			out = a
		} else if out = s.both(out, a); out == nil {
			return nil
		}
	}
	return out
}

// all returns what a case of a tagless switch proves: its conditions
// are alternatives, so each must prove it.
func (s *scope) all(list []ast.Expr) *Observation {
	var out *Observation
	for i, e := range list {
		a := s.when(e, true)
		if a == nil {
			return nil
		}
		if i == 0 {
			out = a
		} else {
			out = s.both(out, a)
		}
	}
	return out
}

// Propagates reports whether returning the error e hands the caller the
// cancellation that o observed (o may be nil): e is o's error,
// ctx.Err() or context.Cause(ctx) of any context, context.Canceled or
// DeadlineExceeded, a local assigned only one of these, fmt.Errorf with
// a %w verb and such an operand, or any other call returning an error
// that is handed such an error (errors.Join, a project's wrap(err)):
// wrappers are assumed to keep the chain that errors.Is follows.
func (f *Func) Propagates(o *Observation, e ast.Expr) bool {
	return f.s.propagates(o, e, 0)
}

// maxWrapDepth bounds how far Propagates looks into nested wrappers and
// single-assignment locals (fmt.Errorf("%w", wrap(err)) is depth 2):
// real code wraps once or twice, and the bound keeps a pathological
// expression from costing more than a few steps.
const maxWrapDepth = 4

func (s *scope) propagates(o *Observation, e ast.Expr, depth int) bool {
	if depth > maxWrapDepth {
		return false
	}
	e = ast.Unparen(e)
	if o != nil && o.Err != nil && sameRef(s.info, e, o.Err) {
		return true
	}
	if s.sentinel(e) != "" || s.ctxErr(e) != nil {
		return true
	}
	switch e := e.(type) {
	case *ast.Ident:
		if v := s.single(e); v != nil {
			return s.propagates(o, v, depth+1)
		}
	case *ast.CallExpr:
		t := s.info.TypeOf(e)
		if t == nil || !types.Identical(t, errorType) {
			return false
		}
		fn := typematch.Callee(s.info, e)
		args := e.Args
		if typematch.IsFunc(fn, "fmt", "Errorf") {
			if len(args) == 0 || !hasWrapVerb(s.info, args[0]) {
				return false // %v keeps the text, not the chain
			}
			args = args[1:]
		}
		for _, a := range args {
			if s.propagates(o, a, depth+1) {
				return true
			}
		}
		// status.FromContextError(err).Err(): the receiver carries it.
		if sel, ok := ast.Unparen(e.Fun).(*ast.SelectorExpr); ok {
			if inner, ok := ast.Unparen(sel.X).(*ast.CallExpr); ok {
				for _, a := range inner.Args {
					if s.propagates(o, a, depth+1) {
						return true
					}
				}
			}
		}
	}
	return false
}

// hasWrapVerb reports whether the format e is a constant holding %w.
func hasWrapVerb(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	return ok && tv.Value != nil && tv.Value.Kind() == constant.String &&
		strings.Contains(constant.StringVal(tv.Value), "%w")
}
