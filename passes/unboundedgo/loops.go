package unboundedgo

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/asynclint/asynclint/internal/typematch"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// inputLoop is a loop whose trip count depends on input.
type inputLoop struct {
	stmt ast.Stmt // *ast.ForStmt or *ast.RangeStmt
	body *ast.BlockStmt
	what string // how the message names an iteration: "element of urls"

	// source is the collection or channel the loop goes through (x of a
	// counted loop up to len(x)); nil if none.
	source ast.Expr

	// A counted loop (for i := 0; i < n; i++, for i := range n) starts
	// one goroutine per item only when n is a length (len(xs)); otherwise
	// it starts n alike goroutines, a pool of workers.
	counted bool

	accept bool // the loop calls an Accept method: a server's accept loop

}

// loops classifies loops.
type loops struct {
	pass *analysis.Pass
	in   *inspector.Inspector
	vals map[*types.Var][]ast.Expr // variables whose every value is known (see values); computed on first use
	memo map[ast.Stmt]*inputLoop   // loops classified so far (nil: not input-sized)

	receives, accepts *scanner // for receiveIn and callsAccept, made on first use
}

// classify returns loop as an input-sized loop, or nil when its trip
// count is fixed (a constant, an array, a literal, GOMAXPROCS) or does
// not come from input (a for { } that receives nothing). Each loop is
// classified once: nested loops are walked once per loop around them.
func (l *loops) classify(loop ast.Stmt) *inputLoop {
	if il, ok := l.memo[loop]; ok {
		return il
	}
	if l.memo == nil {
		l.memo = map[ast.Stmt]*inputLoop{}
	}
	il := l.classifyOnce(loop)
	l.memo[loop] = il
	return il
}

func (l *loops) classifyOnce(loop ast.Stmt) *inputLoop {
	info := l.pass.TypesInfo
	switch s := loop.(type) {
	case *ast.RangeStmt:
		il := &inputLoop{stmt: s, body: s.Body, source: s.X}
		switch t := typeUnder(info, s.X).(type) {
		case *types.Basic:
			if t.Info()&types.IsInteger == 0 || l.fixedCount(s.X) {
				return nil // a string's runes, or range 4
			}
			il.counted = true
			il.what = "index below " + shortExpr(s.X)
			il.source = l.lengthOf(s.X)
		case *types.Pointer, *types.Array:
			return nil // an array's length is its type's
		case *types.Slice:
			if l.fixedSize(s.X) {
				return nil
			}
			if _, ok := t.Elem().Underlying().(*types.Signature); ok {
				return nil // hooks or tasks the program registered: code, not data
			}
			il.what = "element of " + shortExpr(s.X)
			if n, ok := l.madeLen(s.X); ok {
				// A slice the function made n long: as many goroutines
				// as for i := range n, a pool unless n is a length.
				if l.fixedCount(n) {
					return nil
				}
				il.counted, il.source = true, l.lengthOf(n)
			}
		case *types.Map:
			if l.fixedSize(s.X) {
				return nil
			}
			il.what = "entry of " + shortExpr(s.X)
		case *types.Chan:
			if isTimerChan(info, s.X) {
				return nil // one per tick: paced by the clock, not by input
			}
			il.what = "value received from " + shortExpr(s.X)
			il.accept = isConnLike(t.Elem())
		case *types.Signature:
			il.what = "value of " + shortExpr(s.X)
		default:
			return nil
		}
		il.accept = il.accept || l.callsAccept(s.Body)
		return il
	case *ast.ForStmt:
		il := &inputLoop{stmt: s, body: s.Body}
		if _, bound, ok := countedBound(info, s); ok {
			if l.fixedCount(bound) {
				return nil
			}
			il.counted, il.source = true, l.lengthOf(bound)
			il.what = "index below " + shortExpr(bound)
			return il
		}
		if call, ok := ast.Unparen(s.Cond).(*ast.CallExpr); ok && !isConstant(info, s.Cond) {
			il.what = "iteration of " + shortExpr(call) // for sc.Scan() { ... }
			il.source = call.Fun
			if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
				il.source = sel.X
			}
			il.accept = l.callsAccept(s.Body)
			return il
		}
		if s.Cond != nil && isConstant(info, s.Cond) && !isTrue(info, s.Cond) {
			return nil // for false { }
		}
		if l.callsAccept(s.Body) {
			il.what, il.accept = "accepted connection", true
			return il
		}
		if ch := l.receiveIn(s.Body); ch != nil {
			il.what = "value received from " + shortExpr(ch)
			il.source = ch
			if c, ok := typeUnder(info, ch).(*types.Chan); ok {
				il.accept = isConnLike(c.Elem())
			}
			return il
		}
	}
	return nil
}

// isConnLike reports whether values of t are connections: they have the
// methods of a net.Conn (Read, Write, Close, LocalAddr, RemoteAddr). A
// loop that starts a goroutine per connection it receives is an accept
// loop whose Accept happens elsewhere.
func isConnLike(t types.Type) bool {
	ms := types.NewMethodSet(t)
	if _, ok := t.Underlying().(*types.Interface); !ok {
		ms = types.NewMethodSet(types.NewPointer(t))
	}
	for _, name := range []string{"Read", "Write", "Close", "LocalAddr", "RemoteAddr"} {
		if ms.Lookup(nil, name) == nil {
			return false
		}
	}
	return true
}

// lengthOf returns x when n is a length of x (len(x), or a variable
// whose only value is one), or nil: a counted loop then starts n alike
// goroutines.
func (l *loops) lengthOf(n ast.Expr) ast.Expr {
	info := l.pass.TypesInfo
	if x := lenArg(info, n); x != nil {
		return x
	}
	if vals, ok := l.values(n); ok && len(vals) == 1 {
		return lenArg(info, vals[0])
	}
	return nil
}

// lenArg returns x in len(x) or cap(x) (plus or minus a constant), or nil.
func lenArg(info *types.Info, e ast.Expr) ast.Expr {
	switch e := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		if id, ok := ast.Unparen(e.Fun).(*ast.Ident); ok && len(e.Args) == 1 {
			if b, ok := info.Uses[id].(*types.Builtin); ok && (b.Name() == "len" || b.Name() == "cap") {
				return e.Args[0]
			}
		}
	case *ast.BinaryExpr:
		if isConstant(info, e.Y) {
			return lenArg(info, e.X)
		}
		if isConstant(info, e.X) {
			return lenArg(info, e.Y)
		}
	}
	return nil
}

// maxResolve bounds how many variables fromCaller follows from one
// expression (x := y; y := param): enough for the copies real code makes,
// and a guard against assignment cycles.
const maxResolve = 4

// fromCaller reports whether the collection or channel x is one the
// function was handed by its caller: a parameter (not the receiver, which
// is the program's own state), a slice of one, a variable whose every
// value is one, or maps.Keys, slices.Values and the like applied to one.
func (l *loops) fromCaller(x ast.Expr) bool {
	return l.fromCallerDepth(x, maxResolve)
}

func (l *loops) fromCallerDepth(x ast.Expr, depth int) bool {
	if x == nil || depth == 0 {
		return false
	}
	info := l.pass.TypesInfo
	switch e := ast.Unparen(x).(type) {
	case *ast.SliceExpr:
		return l.fromCallerDepth(e.X, depth)
	case *ast.StarExpr:
		return l.fromCallerDepth(e.X, depth)
	case *ast.CallExpr:
		fn := typematch.Callee(info, e)
		if fn != nil && fn.Pkg() != nil && (fn.Pkg().Path() == "maps" || fn.Pkg().Path() == "slices") && len(e.Args) > 0 {
			return l.fromCallerDepth(e.Args[0], depth) // maps.Keys(m), slices.Values(s), slices.Sorted(...)
		}
	case *ast.Ident:
		v, ok := info.Uses[e].(*types.Var)
		if !ok {
			return false
		}
		if v.Kind() == types.ParamVar {
			return true
		}
		vals, ok := l.values(e)
		if !ok {
			return false
		}
		for _, val := range vals {
			if !l.fromCallerDepth(val, depth-1) {
				return false
			}
		}
		return true
	}
	return false
}

// countedBound recognizes a counted for loop: i := a; i < n (or <=, >,
// >=, !=, either way round); i++ or i--, or any post statement. It
// returns the loop variable and the bound that is not a constant: n
// counting up, a counting down from a to a constant.
func countedBound(info *types.Info, s *ast.ForStmt) (*types.Var, ast.Expr, bool) {
	init, ok := s.Init.(*ast.AssignStmt)
	if !ok || len(init.Lhs) != 1 || len(init.Rhs) != 1 {
		return nil, nil, false
	}
	id, ok := init.Lhs[0].(*ast.Ident)
	if !ok {
		return nil, nil, false
	}
	v, _ := info.ObjectOf(id).(*types.Var)
	cond, ok := ast.Unparen(s.Cond).(*ast.BinaryExpr)
	if v == nil || !ok {
		return nil, nil, false
	}
	switch cond.Op {
	case token.LSS, token.LEQ, token.GTR, token.GEQ, token.NEQ:
	default:
		return nil, nil, false
	}
	var bound ast.Expr
	switch {
	case isVar(info, cond.X, v):
		bound = cond.Y
	case isVar(info, cond.Y, v):
		bound = cond.X
	default:
		return nil, nil, false
	}
	if isConstant(info, bound) && !isConstant(info, init.Rhs[0]) {
		bound = init.Rhs[0] // for i := len(xs) - 1; i >= 0; i--
	}
	return v, bound, true
}

func isVar(info *types.Info, e ast.Expr, v *types.Var) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && info.Uses[id] == v
}

func isConstant(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	return ok && tv.Value != nil
}

func isTrue(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	return ok && tv.Value != nil && tv.Value.String() == "true"
}

// fixedCount reports whether the count n is fixed: a constant, or
// runtime.GOMAXPROCS(0) or runtime.NumCPU(), possibly scaled by a
// constant (2*runtime.NumCPU()).
func (l *loops) fixedCount(n ast.Expr) bool {
	info := l.pass.TypesInfo
	if isConstant(info, n) {
		return true
	}
	switch n := ast.Unparen(n).(type) {
	case *ast.CallExpr:
		if typematch.IsCallTo(info, n, "runtime", "GOMAXPROCS") || typematch.IsCallTo(info, n, "runtime", "NumCPU") {
			return true
		}
		if tv, ok := info.Types[n.Fun]; ok && tv.IsType() && len(n.Args) == 1 {
			return l.fixedCount(n.Args[0]) // int(x)
		}
	case *ast.BinaryExpr:
		switch n.Op {
		case token.MUL, token.ADD, token.SUB, token.QUO:
			return l.fixedCount(n.X) && l.fixedCount(n.Y)
		}
	}
	return false
}

// receiveIn returns the first item channel body receives from outside
// function literals (see isItemChan), or nil.
func (l *loops) receiveIn(body *ast.BlockStmt) ast.Expr {
	if l.receives == nil {
		info := l.pass.TypesInfo
		l.receives = newScanner(func(n ast.Node) (bool, bool) {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false, false
			case *ast.UnaryExpr:
				return n.Op == token.ARROW && isItemChan(info, n.X), true
			}
			return false, true
		})
	}
	if recv, ok := l.receives.first(body).(*ast.UnaryExpr); ok {
		return recv.X
	}
	return nil
}

// callsAccept reports whether body, outside function literals, calls a
// method Accept (or AcceptTCP, AcceptStream...) whose last result is an
// error: a listener's or a session's accept.
func (l *loops) callsAccept(body *ast.BlockStmt) bool {
	if l.accepts == nil {
		info := l.pass.TypesInfo
		l.accepts = newScanner(func(n ast.Node) (bool, bool) {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false, false
			case *ast.CallExpr:
				return isAcceptCall(info, n), true
			}
			return false, true
		})
	}
	return l.accepts.first(body) != nil
}

// isAcceptCall reports whether call is a method whose name starts with
// Accept and whose last result is an error. Listeners of many libraries
// (net, QUIC, yamux, SSH) share only this shape, so the name is matched
// here, unlike elsewhere.
func isAcceptCall(info *types.Info, call *ast.CallExpr) bool {
	fn := typematch.Callee(info, call)
	if fn == nil || fn.Signature().Recv() == nil || len(fn.Name()) < len("Accept") || fn.Name()[:len("Accept")] != "Accept" {
		return false
	}
	res := fn.Signature().Results()
	return res.Len() >= 2 && types.Identical(res.At(res.Len()-1).Type(), types.Universe.Lookup("error").Type())
}

// fixedSize reports whether x, ranged over, has a size fixed by the
// code: a composite literal, or a variable that only ever holds one (and
// is never appended to, grown through an index, or has its address
// taken).
func (l *loops) fixedSize(x ast.Expr) bool {
	if _, ok := ast.Unparen(x).(*ast.CompositeLit); ok {
		return true
	}
	vals, ok := l.values(x)
	if !ok {
		return false
	}
	for _, v := range vals {
		if _, ok := ast.Unparen(v).(*ast.CompositeLit); !ok {
			return false
		}
	}
	return true
}

// madeLen returns n when x is a variable whose only value is
// make([]T, n) (never appended to, its address never taken): a slice the
// function sized itself, whose elements it makes rather than receives.
func (l *loops) madeLen(x ast.Expr) (ast.Expr, bool) {
	vals, ok := l.values(x)
	if !ok || len(vals) != 1 {
		return nil, false
	}
	call, ok := ast.Unparen(vals[0]).(*ast.CallExpr)
	if !ok || len(call.Args) < 2 {
		return nil, false
	}
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if b, ok := l.pass.TypesInfo.Uses[id].(*types.Builtin); ok && b.Name() == "make" {
			return call.Args[1], true
		}
	}
	return nil, false
}

// values returns every value assigned to the variable x denotes, when
// they are all known: x is a local or an unexported package-level
// variable, every assignment to it is seen, and nothing else can change
// its length (no address taken; for maps, no use but reading, ranging,
// len and delete).
func (l *loops) values(x ast.Expr) ([]ast.Expr, bool) {
	id, ok := ast.Unparen(x).(*ast.Ident)
	if !ok {
		return nil, false
	}
	v, ok := l.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok || v.IsField() || isParam(v) || isPackageLevel(v) && v.Exported() {
		return nil, false
	}
	if l.vals == nil {
		l.vals = varValues(l.pass, l.in)
	}
	vals, ok := l.vals[v]
	return vals, ok && len(vals) > 0
}

// varValues maps the variables of the package whose every value is known
// (see values) to those values. A variable missing from the map, or
// mapped to nil, has values that cannot be known.
func varValues(pass *analysis.Pass, in *inspector.Inspector) map[*types.Var][]ast.Expr {
	info := pass.TypesInfo
	vals := map[*types.Var][]ast.Expr{}
	unknown := map[*types.Var]bool{}
	assign := func(id *ast.Ident, rhs ast.Expr) {
		v, ok := info.ObjectOf(id).(*types.Var)
		if !ok {
			return
		}
		if rhs == nil {
			unknown[v] = true
			return
		}
		vals[v] = append(vals[v], rhs)
	}
	for cur := range in.Root().Preorder((*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				id, ok := ast.Unparen(lhs).(*ast.Ident)
				if !ok {
					continue
				}
				var rhs ast.Expr
				if len(n.Lhs) == len(n.Rhs) && (n.Tok == token.ASSIGN || n.Tok == token.DEFINE) {
					rhs = n.Rhs[i]
				}
				assign(id, rhs)
			}
		case *ast.ValueSpec:
			for i, name := range n.Names {
				if i < len(n.Values) {
					assign(name, n.Values[i])
				} else if len(n.Values) > 0 {
					assign(name, nil) // var a, b = f()
				}
			}
		}
	}
	// Uses next, once every assignment is known (a package-level
	// variable may be used above its declaration).
	for cur := range in.Root().Preorder((*ast.Ident)(nil)) {
		v, ok := info.Uses[cur.Node().(*ast.Ident)].(*types.Var)
		if ok && vals[v] != nil && !sizePreservingUse(info, cur, v) {
			unknown[v] = true
		}
	}
	for v := range unknown {
		delete(vals, v)
	}
	return vals
}

// sizePreservingUse reports whether the use of v at cur cannot change the
// size of the slice or map it holds.
func sizePreservingUse(info *types.Info, cur inspector.Cursor, v *types.Var) bool {
	parent := cur.Parent().Node()
	if u, ok := parent.(*ast.UnaryExpr); ok && u.Op == token.AND {
		return false // &v: anything may be stored
	}
	if _, isMap := v.Type().Underlying().(*types.Map); !isMap {
		return true // a slice's length changes only by assignment
	}
	switch p := parent.(type) {
	case *ast.RangeStmt:
		return p.X == cur.Node()
	case *ast.IndexExpr:
		// m[k] read is fine; m[k] = v grows the map
		if as, ok := cur.Parent().Parent().Node().(*ast.AssignStmt); ok {
			for _, lhs := range as.Lhs {
				if lhs == p {
					return false
				}
			}
		}
		return p.X == cur.Node()
	case *ast.CallExpr:
		if id, ok := ast.Unparen(p.Fun).(*ast.Ident); ok {
			if b, ok := info.Uses[id].(*types.Builtin); ok {
				return b.Name() == "len" || b.Name() == "delete"
			}
		}
	}
	return false
}
