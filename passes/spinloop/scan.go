package spinloop

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/asynclint/asynclint/internal/noreturn"
	"github.com/asynclint/asynclint/internal/typematch"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// maxLocalDepth bounds how far reads follows a local assigned in the
// loop to the values stored in it (v := s.n.Load(); w := v; if w ...):
// each step is one assignment, and a chain longer than this in a loop
// body that does nothing else does not occur; past it the local is taken
// to read nothing shared, and the loop is not reported.
const maxLocalDepth = 8

// loopScan judges one for loop: whether every statement an idle round
// runs is trivial (reads, local bookkeeping, a lock), which conditions can
// end it, and what they read.
type loopScan struct {
	c    *checker
	cur  inspector.Cursor
	loop *ast.ForStmt
	// fn is the declaration or literal the loop is in, for the shared
	// locals; nil for a package-level initializer.
	exits []ast.Expr // conditions whose truth can end the loop
	// skip are the parts of the loop an idle round does not run: the
	// branches that leave it and the select's cases, in source order.
	skip   []ast.Node
	locals map[*types.Var]*local // locals the loop assigns
	sel    *ast.SelectStmt       // the select with a default, if any
	// selWork reports that the select's default does bookkeeping
	// (spins++), not nothing.
	selWork bool
	locks   bool // an idle round locks a mutex
}

// local is what a loop stores in one of its locals.
type local struct {
	// counter reports a local the loop advances from its own value
	// (i++, n = n.next, x /= 2): a condition on it bounds the loop.
	counter bool
	values  []ast.Expr // the values stored otherwise (v := s.n.Load())
}

// block reports whether every statement of list is trivial. inLoop is
// set for the loop's own body, where a break leaves the loop; inside a
// select's default a break only leaves the select.
func (l *loopScan) block(list []ast.Stmt, inLoop bool) bool {
	for _, s := range list {
		if !l.trivial(s, inLoop) {
			return false
		}
	}
	return true
}

// trivial reports whether s does no work worth the name: an empty
// statement, continue, a local assignment from a pure value, a counter
// step, a lock or unlock, an if on a pure condition (whose branch may
// leave the loop), or the loop's select with a default.
func (l *loopScan) trivial(s ast.Stmt, inLoop bool) bool {
	info := l.c.pass.TypesInfo
	switch s := s.(type) {
	case *ast.EmptyStmt:
		return true
	case *ast.BlockStmt:
		return l.block(s.List, inLoop)
	case *ast.BranchStmt:
		switch s.Tok {
		case token.CONTINUE:
			return s.Label == nil || l.isLoopLabel(s.Label)
		case token.BREAK:
			return !inLoop && s.Label == nil // leaves the select only
		}
		return false
	case *ast.IncDecStmt:
		v := localVar(info, s.X)
		if v == nil {
			return false // a write to shared state is work
		}
		l.local(v).counter = true
		return true
	case *ast.AssignStmt:
		if len(s.Rhs) != len(s.Lhs) && len(s.Rhs) != 1 {
			return false
		}
		for _, r := range s.Rhs {
			if !l.pure(r) {
				return false
			}
		}
		for i, lhs := range s.Lhs {
			if id, ok := lhs.(*ast.Ident); ok && id.Name == "_" {
				continue
			}
			v := localVar(info, lhs)
			if v == nil {
				return false
			}
			rhs := s.Rhs[0]
			if len(s.Rhs) == len(s.Lhs) {
				rhs = s.Rhs[i]
			}
			lv := l.local(v)
			if s.Tok != token.ASSIGN && s.Tok != token.DEFINE {
				lv.counter = true
			} else {
				lv.values = append(lv.values, rhs)
			}
		}
		return true
	case *ast.ExprStmt:
		call, ok := ast.Unparen(s.X).(*ast.CallExpr)
		if !ok || !isLockOp(typematch.Callee(info, call)) {
			return false
		}
		l.locks = true
		return true
	case *ast.IfStmt:
		if s.Init != nil && !l.trivial(s.Init, inLoop) || !l.pure(s.Cond) {
			return false
		}
		before := len(l.exits)
		if l.exitsLoop(s.Body.List, inLoop) {
			l.exits = append(l.exits, s.Cond)
			l.skip = append(l.skip, s.Body)
		} else if !l.block(s.Body.List, inLoop) {
			return false
		}
		if s.Else != nil && !l.trivial(s.Else, inLoop) {
			return false
		}
		if len(l.exits) > before && l.exits[before] != s.Cond {
			l.exits = append(l.exits, s.Cond) // an exit nested in it
		}
		return true
	case *ast.SelectStmt:
		if !inLoop || l.sel != nil {
			return false
		}
		var def *ast.CommClause
		for _, st := range s.Body.List {
			if cc := st.(*ast.CommClause); cc.Comm == nil {
				def = cc
			} else {
				l.skip = append(l.skip, cc)
			}
		}
		if def == nil {
			return false // it blocks
		}
		if l.exitsLoop(def.Body, false) || l.setsExit(def.Body) {
			return false // a drain: the loop ends when nothing is ready
		}
		if !l.block(def.Body, false) {
			return false // the default does the work
		}
		for _, st := range def.Body {
			switch st := st.(type) {
			case *ast.EmptyStmt:
			case *ast.BranchStmt:
				if st.Tok != token.CONTINUE && st.Tok != token.BREAK {
					l.selWork = true
				}
			default:
				l.selWork = true
			}
		}
		l.sel = s
		return true
	}
	return false
}

// setsExit reports whether list (a select's default) assigns a local
// that the loop's condition, or the condition of an if directly in the
// loop's body, reads: for !drained { select { case ...: default: drained
// = true } } is a drain that ends when nothing is ready, written with a
// flag instead of a labeled break. It reads each condition once per
// assigned local: the default's statements times the loop's top-level
// statements.
func (l *loopScan) setsExit(list []ast.Stmt) bool {
	info := l.c.pass.TypesInfo
	conds := []ast.Expr{l.loop.Cond}
	for _, st := range l.loop.Body.List {
		if is, ok := st.(*ast.IfStmt); ok {
			conds = append(conds, is.Cond)
		}
	}
	for _, st := range list {
		as, ok := st.(*ast.AssignStmt)
		if !ok {
			continue
		}
		for _, lhs := range as.Lhs {
			v := localVar(info, lhs)
			if v == nil {
				continue
			}
			for _, cond := range conds {
				if cond != nil && mentions(info, cond, v) {
					return true
				}
			}
		}
	}
	return false
}

// mentions reports whether e uses v.
func mentions(info *types.Info, e ast.Expr, v *types.Var) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && info.Uses[id] == v {
			found = true
		}
		return !found
	})
	return found
}

// exitsLoop reports whether list ends by leaving the loop: a return, a
// goto, a break of the loop (unlabeled only where inLoop), a labeled
// break (in a trivial body it can only name this loop or an outer
// statement), or a call that does not return.
func (l *loopScan) exitsLoop(list []ast.Stmt, inLoop bool) bool {
	if len(list) == 0 {
		return false
	}
	switch s := list[len(list)-1].(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.BranchStmt:
		switch s.Tok {
		case token.GOTO:
			return true
		case token.BREAK:
			return s.Label != nil || inLoop
		}
	case *ast.ExprStmt:
		if call, ok := ast.Unparen(s.X).(*ast.CallExpr); ok {
			return noReturn(l.c.pass, call)
		}
	}
	return false
}

// noReturn reports whether call never returns (internal/noreturn: panic,
// os.Exit, log.Fatal, runtime.Goexit, t.FailNow and a project's own fatal
// helpers, across packages).
func noReturn(pass *analysis.Pass, call *ast.CallExpr) bool {
	return pass.ResultOf[noreturn.Analyzer].(*noreturn.Result).Call(call)
}

// isLoopLabel reports whether label names the loop being scanned.
func (l *loopScan) isLoopLabel(label *ast.Ident) bool {
	ls, ok := l.cur.Parent().Node().(*ast.LabeledStmt)
	return ok && ls.Label.Name == label.Name
}

// local returns the record of v, a local the loop assigns.
func (l *loopScan) local(v *types.Var) *local {
	lv := l.locals[v]
	if lv == nil {
		lv = new(local)
		l.locals[v] = lv
	}
	return lv
}

// pure reports whether evaluating e only reads: no call but conversions,
// len and cap, atomic loads, try-locks, acquiring compare-and-swaps and
// predicates that poll (facts); no receive; no function literal.
func (l *loopScan) pure(e ast.Expr) bool {
	return l.c.pure(e, 0)
}

func (c *checker) pure(e ast.Expr, depth int) bool {
	info := c.pass.TypesInfo
	ok := true
	ast.Inspect(e, func(n ast.Node) bool {
		if !ok {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit, *ast.CompositeLit:
			ok = false
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				ok = false
			}
		case *ast.CallExpr:
			tv := info.Types[n.Fun]
			switch {
			case tv.IsType():
				return true // a conversion
			case tv.IsBuiltin():
				id, _ := ast.Unparen(n.Fun).(*ast.Ident)
				ok = id != nil && (id.Name == "len" || id.Name == "cap")
				return ok
			}
			fn := typematch.Callee(info, n)
			if _, ok2 := atomicPoll(info, n, fn); ok2 {
				return true
			}
			if c.predicate(fn, depth+1) != nil {
				return true
			}
			ok = false
		}
		return ok
	})
	return ok
}

// read is one piece of state an exit condition depends on.
type read struct {
	kind    spinKind // spinPlain, spinLocked or spinAtomic
	what    string
	counter bool // a local the loop advances, not shared state
}

// reads returns what e reads that another goroutine may change, and the
// counters it reads.
func (l *loopScan) reads(e ast.Expr, depth int) []read {
	return l.c.reads(e, l, depth)
}

// reads is loopScan.reads for a loop (l) or a predicate's result (l nil,
// where locals are the function's parameters and never shared).
func (c *checker) reads(e ast.Expr, l *loopScan, depth int) []read {
	info := c.pass.TypesInfo
	var out []read
	var visit func(e ast.Expr)
	// countersOnly visits the operands of a poll (the address an atomic
	// load reads, a predicate's receiver): the poll is the read, but a
	// counter among them (&slots[i]) still bounds the loop.
	countersOnly := func(e ast.Expr) {
		n := len(out)
		visit(e)
		kept := out[:n]
		for _, r := range out[n:] {
			if r.counter {
				kept = append(kept, r)
			}
		}
		out = kept
	}
	visit = func(e ast.Expr) {
		switch e := ast.Unparen(e).(type) {
		case *ast.Ident:
			v, ok := info.Uses[e].(*types.Var)
			if !ok {
				return
			}
			if isPackageLevel(v) {
				out = append(out, read{kind: spinPlain, what: e.Name})
				return
			}
			if l == nil {
				return
			}
			if lv := l.locals[v]; lv != nil {
				if lv.counter {
					out = append(out, read{counter: true})
					return
				}
				if depth < maxLocalDepth {
					for _, val := range lv.values {
						out = append(out, l.reads(val, depth+1)...)
					}
				}
				return
			}
			if l.c.sharedLocal(l.cur, v) {
				out = append(out, read{kind: spinPlain, what: e.Name})
			}
		case *ast.SelectorExpr:
			if sel, ok := info.Selections[e]; ok {
				if sel.Kind() == types.FieldVal && c.sharedBase(e.X, sel, l) {
					out = append(out, read{kind: spinPlain, what: types.ExprString(e)})
				}
				visit(e.X)
				return
			}
			if _, ok := info.Uses[e.Sel].(*types.Var); ok { // pkg.Var
				out = append(out, read{kind: spinPlain, what: types.ExprString(e)})
			}
		case *ast.StarExpr:
			out = append(out, read{kind: spinPlain, what: types.ExprString(e)})
			visit(e.X)
		case *ast.CallExpr:
			tv := info.Types[e.Fun]
			if tv.IsType() {
				for _, a := range e.Args {
					visit(a)
				}
				return
			}
			if tv.IsBuiltin() {
				if len(e.Args) == 1 && isChan(info.TypeOf(e.Args[0])) {
					out = append(out, read{kind: spinAtomic, what: types.ExprString(e)})
					return
				}
				for _, a := range e.Args {
					visit(a)
				}
				return
			}
			fn := typematch.Callee(info, e)
			if x, ok := atomicPoll(info, e, fn); ok {
				out = append(out, read{kind: spinAtomic, what: types.ExprString(x)})
				countersOnly(x)
				return
			}
			p := c.predicate(fn, depth+1)
			if p != nil {
				out = append(out, read{kind: spinKind(p.Kind), what: types.ExprString(e)})
			}
			if sel, ok := ast.Unparen(e.Fun).(*ast.SelectorExpr); ok {
				countersOnly(sel.X)
			}
			for _, a := range e.Args {
				if p != nil {
					countersOnly(a)
				} else {
					visit(a)
				}
			}
		case *ast.UnaryExpr:
			visit(e.X)
		case *ast.BinaryExpr:
			visit(e.X)
			visit(e.Y)
		case *ast.IndexExpr:
			visit(e.X)
			visit(e.Index)
		case *ast.SliceExpr:
			visit(e.X)
		case *ast.TypeAssertExpr:
			visit(e.X)
		}
	}
	visit(e)
	return out
}

// sharedBase reports whether the field selected from x lives where
// another goroutine can reach it: behind a pointer, in a package-level
// variable, or in a local that a function literal captures.
func (c *checker) sharedBase(x ast.Expr, sel *types.Selection, l *loopScan) bool {
	if sel.Indirect() {
		return true
	}
	info := c.pass.TypesInfo
	switch x := ast.Unparen(x).(type) {
	case *ast.Ident:
		v, ok := info.Uses[x].(*types.Var)
		if !ok {
			return false
		}
		return isPackageLevel(v) || l != nil && l.c.sharedLocal(l.cur, v)
	case *ast.SelectorExpr:
		if s, ok := info.Selections[x]; ok {
			return c.sharedBase(x.X, s, l)
		}
		return true // pkg.Var.field
	case *ast.IndexExpr:
		if _, ok := info.TypeOf(x.X).Underlying().(*types.Array); ok {
			if s, ok := x.X.(*ast.SelectorExpr); ok {
				if ss, ok := info.Selections[s]; ok {
					return c.sharedBase(s.X, ss, l)
				}
			}
			if id, ok := x.X.(*ast.Ident); ok {
				v, _ := info.Uses[id].(*types.Var)
				return v != nil && (isPackageLevel(v) || l != nil && l.c.sharedLocal(l.cur, v))
			}
		}
		return true // a slice's or map's elements are shared
	}
	return true
}

// sharedLocal reports whether v, a local variable, may be changed by
// another goroutine while the code at cur runs: a function literal other
// than the one around cur writes it (or the function around cur does,
// when cur is in a literal), or its address is taken.
func (c *checker) sharedLocal(cur inspector.Cursor, v *types.Var) bool {
	var outer, inner ast.Node
	for f := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		if inner == nil {
			inner = f.Node()
		}
		outer = f.Node()
	}
	if outer == nil {
		return false
	}
	set, ok := c.shared[outer]
	if !ok {
		set = sharedLocals(c.pass.TypesInfo, outer)
		c.shared[outer] = set
	}
	w := set[v]
	if w == nil {
		return false
	}
	if w.addrTaken {
		return true
	}
	for _, f := range w.writers {
		if f != inner {
			return true
		}
	}
	return false
}

// writes is how a function's local variable is written: by which
// function bodies (the declaration or a literal nested in it), and
// whether its address is taken.
type writes struct {
	writers   []ast.Node
	addrTaken bool
}

// sharedLocals walks a function once and records, for each local that
// is written, the innermost function (declaration or literal) of every
// write, and whether its address is taken.
func sharedLocals(info *types.Info, fn ast.Node) map[*types.Var]*writes {
	set := map[*types.Var]*writes{}
	var funcs []ast.Node // the functions around the current node, innermost last
	record := func(e ast.Expr, at token.Pos) {
		id, ok := ast.Unparen(e).(*ast.Ident)
		if !ok {
			return
		}
		v, ok := info.Uses[id].(*types.Var)
		if !ok || v.IsField() || isPackageLevel(v) {
			return
		}
		for len(funcs) > 1 && funcs[len(funcs)-1].End() <= at {
			funcs = funcs[:len(funcs)-1]
		}
		w := set[v]
		if w == nil {
			w = new(writes)
			set[v] = w
		}
		f := funcs[len(funcs)-1]
		for _, g := range w.writers {
			if g == f {
				return
			}
		}
		w.writers = append(w.writers, f)
	}
	funcs = append(funcs, fn)
	ast.Inspect(fn, func(n ast.Node) bool {
		if n == nil || n == fn {
			return n != nil
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			for len(funcs) > 1 && funcs[len(funcs)-1].End() <= n.Pos() {
				funcs = funcs[:len(funcs)-1]
			}
			funcs = append(funcs, n)
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				record(l, n.Pos())
			}
		case *ast.IncDecStmt:
			record(n.X, n.Pos())
		case *ast.RangeStmt:
			if n.Key != nil {
				record(n.Key, n.Pos())
			}
			if n.Value != nil {
				record(n.Value, n.Pos())
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				if v := rootVar(info, n.X); v != nil && !v.IsField() && !isPackageLevel(v) {
					w := set[v]
					if w == nil {
						w = new(writes)
						set[v] = w
					}
					w.addrTaken = true
				}
			}
		}
		return true
	})
	return set
}

// rootVar returns the local variable at the root of x (s in s.a.b, a in
// a[i]), or nil.
func rootVar(info *types.Info, x ast.Expr) *types.Var {
	for {
		switch e := ast.Unparen(x).(type) {
		case *ast.Ident:
			v, _ := info.Uses[e].(*types.Var)
			return v
		case *ast.SelectorExpr:
			if _, ok := info.Selections[e]; !ok {
				return nil
			}
			x = e.X
		case *ast.IndexExpr:
			x = e.X
		default:
			return nil
		}
	}
}

// localVar returns the local variable e names, or nil when e is anything
// else (a field, a dereference, a package-level variable).
func localVar(info *types.Info, e ast.Expr) *types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	obj := info.Defs[id]
	if obj == nil {
		obj = info.Uses[id]
	}
	v, ok := obj.(*types.Var)
	if !ok || v.IsField() || isPackageLevel(v) {
		return nil
	}
	return v
}

// markCounters marks as counters the locals whose stored values read a
// local the loop assigns (itself included: n = n.next; or another one:
// m := (lo+hi)/2; hi = m): the loop computes them, round after round,
// instead of reading them from shared state.
func (l *loopScan) markCounters() {
	info := l.c.pass.TypesInfo
	for _, lv := range l.locals {
		for _, val := range lv.values {
			ast.Inspect(val, func(n ast.Node) bool {
				if id, ok := n.(*ast.Ident); ok {
					if v, ok := info.Uses[id].(*types.Var); ok && l.locals[v] != nil {
						lv.counter = true
					}
				}
				return !lv.counter
			})
		}
	}
}

func isPackageLevel(v *types.Var) bool {
	return v.Pkg() != nil && v.Parent() == v.Pkg().Scope()
}

// isLockOp reports whether fn locks or unlocks a sync.Mutex, RWMutex or
// Locker.
func isLockOp(fn *types.Func) bool {
	for _, t := range []string{"Mutex", "RWMutex", "Locker"} {
		for _, m := range []string{"Lock", "Unlock", "RLock", "RUnlock"} {
			if typematch.IsMethod(fn, "sync", t, m) {
				return true
			}
		}
	}
	return false
}

// atomicPoll returns the state call polls when it is an atomic read of
// shared state: a sync/atomic load; a compare-and-swap or swap with a
// constant old or new value (acquiring a spin lock: it succeeds only
// once another goroutine changes the state); a mutex's TryLock.
// A compare-and-swap whose old value was loaded this round is a retry,
// not a poll, and is not matched.
func atomicPoll(info *types.Info, call *ast.CallExpr, fn *types.Func) (ast.Expr, bool) {
	if fn == nil || fn.Pkg() == nil {
		return nil, false
	}
	recv := func() (ast.Expr, bool) {
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return nil, false
		}
		return sel.X, true
	}
	addr := func() (ast.Expr, bool) {
		if len(call.Args) == 0 {
			return nil, false
		}
		a := ast.Unparen(call.Args[0])
		if u, ok := a.(*ast.UnaryExpr); ok && u.Op == token.AND {
			a = u.X
		}
		return a, true
	}
	constant := func(i int) bool {
		if i >= len(call.Args) {
			return false
		}
		tv := info.Types[call.Args[i]]
		return tv.Value != nil || tv.IsNil()
	}
	isMethod := fn.Signature().Recv() != nil
	switch fn.Pkg().Path() {
	case "sync/atomic":
		name := fn.Name()
		switch {
		case isMethod && name == "Load":
			return recv()
		case isMethod && (name == "CompareAndSwap" || name == "Swap") && constant(0):
			return recv()
		case !isMethod && len(name) > 4 && name[:4] == "Load":
			return addr()
		case !isMethod && hasPrefix(name, "CompareAndSwap") && constant(1):
			return addr()
		case !isMethod && hasPrefix(name, "Swap") && constant(1):
			return addr()
		}
	case "sync":
		if typematch.IsMethod(fn, "sync", "Mutex", "TryLock") || typematch.IsMethod(fn, "sync", "RWMutex", "TryLock") ||
			typematch.IsMethod(fn, "sync", "RWMutex", "TryRLock") {
			return recv()
		}
	}
	return nil, false
}

func hasPrefix(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }

// isChan reports whether t is a channel type.
func isChan(t types.Type) bool {
	if t == nil {
		return false
	}
	_, ok := t.Underlying().(*types.Chan)
	return ok
}
