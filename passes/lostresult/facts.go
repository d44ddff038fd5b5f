package lostresult

import (
	"go/ast"
	"go/constant"
	"go/types"
	"slices"
	"strings"

	"github.com/asynclint/asynclint/internal/astmatch"
	"github.com/asynclint/asynclint/internal/typematch"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// outcome is the fact lostresult keeps about a function's results: what
// a caller loses by dropping them.
type outcome struct {
	NilError     bool // the error result is nil on every return path
	SelfReported bool // a deferred func reads the named error result: the function reports it itself
	Future       bool // returns an unbuffered channel it made and that a goroutine it starts sends on
	StopOnly     bool // every error it returns comes from an accept loop or a stop receive: it only says "stopped"
	Serves       bool // it runs an accept loop (or forwards to one), so it serves until its owner stops it
}

func (*outcome) AFact() {}

func (o *outcome) String() string {
	var parts []string
	if o.NilError {
		parts = append(parts, "nilError")
	}
	if o.SelfReported {
		parts = append(parts, "selfReported")
	}
	if o.Future {
		parts = append(parts, "future")
	}
	if o.StopOnly {
		parts = append(parts, "stopOnly")
	}
	if o.Serves {
		parts = append(parts, "serves")
	}
	return strings.Join(parts, ",")
}

// outcomeOf returns the fact for fn, or the zero outcome.
func outcomeOf(pass *analysis.Pass, fn *types.Func) outcome {
	var o outcome
	pass.ImportObjectFact(fn.Origin(), &o)
	return o
}

// exportOutcomeFacts computes and exports the outcome facts of the
// package's functions.
func exportOutcomeFacts(pass *analysis.Pass, in *inspector.Inspector) {
	decls := map[*types.Func]*ast.FuncDecl{}
	for cur := range in.Root().Preorder((*ast.FuncDecl)(nil)) {
		d := cur.Node().(*ast.FuncDecl)
		if fn, ok := pass.TypesInfo.Defs[d.Name].(*types.Func); ok && d.Body != nil && fn.Signature().Results().Len() > 0 {
			decls[fn] = d
		}
	}
	// nilError of a function may depend on its callees' (return f()), so it
	// is computed on demand with memoization; recursion proves nothing.
	memo := map[*types.Func]bool{}
	var nilError func(fn *types.Func) bool
	nilError = func(fn *types.Func) bool {
		d, local := decls[fn]
		if !local {
			return outcomeOf(pass, fn).NilError
		}
		if v, ok := memo[fn]; ok {
			return v
		}
		memo[fn] = false
		v := errorIndex(fn.Signature()) >= 0 && returnsOnlyNilError(pass.TypesInfo, d, nilError)
		memo[fn] = v
		return v
	}
	// selfReported likewise follows "return f()" to its callee.
	memoSelf := map[*types.Func]bool{}
	var selfReported func(fn *types.Func) bool
	selfReported = func(fn *types.Func) bool {
		d, local := decls[fn]
		if !local {
			return outcomeOf(pass, fn).SelfReported
		}
		if v, ok := memoSelf[fn]; ok {
			return v
		}
		memoSelf[fn] = false
		v := deferReadsNamedError(pass.TypesInfo, fn, d) ||
			storesErrorInReceiver(pass.TypesInfo, fn, d) ||
			logsEveryError(pass.TypesInfo, fn, d) ||
			forwardsSelfReported(pass.TypesInfo, fn, d, selfReported)
		memoSelf[fn] = v
		return v
	}
	// stopOnly and serves likewise follow "return f()" to its callee.
	memoStop := map[*types.Func]bool{}
	var stopOnly func(fn *types.Func) bool
	stopOnly = func(fn *types.Func) bool {
		d, local := decls[fn]
		if !local {
			return outcomeOf(pass, fn).StopOnly
		}
		if v, ok := memoStop[fn]; ok {
			return v
		}
		memoStop[fn] = false
		v := errorIndex(fn.Signature()) >= 0 && onlyStopErrors(pass.TypesInfo, d, stopOnly)
		memoStop[fn] = v
		return v
	}
	memoServes := map[*types.Func]bool{}
	var serves func(fn *types.Func) bool
	serves = func(fn *types.Func) bool {
		d, local := decls[fn]
		if !local {
			o := outcomeOf(pass, fn)
			return o.Serves || o.StopOnly
		}
		if v, ok := memoServes[fn]; ok {
			return v
		}
		memoServes[fn] = false
		v := errorIndex(fn.Signature()) >= 0 && runsAcceptLoop(pass.TypesInfo, d, func(g *types.Func) bool { return stopOnly(g) || serves(g) })
		memoServes[fn] = v
		return v
	}
	for fn, d := range decls {
		o := outcome{
			NilError:     nilError(fn),
			SelfReported: selfReported(fn),
			Future:       hasChanResult(fn.Signature()) && returnsFuture(pass.TypesInfo, d),
			StopOnly:     stopOnly(fn),
		}
		o.Serves = !o.StopOnly && serves(fn)
		if o != (outcome{}) {
			pass.ExportObjectFact(fn, &o)
		}
	}
}

// errorIndex returns the index of sig's last result if it is an error, or -1.
func errorIndex(sig *types.Signature) int {
	n := sig.Results().Len()
	if n == 0 || !types.Identical(sig.Results().At(n-1).Type(), errorType) {
		return -1
	}
	return n - 1
}

// returnsOnlyNilError reports whether every return statement of d gives a
// literal nil error, or returns the results of a call whose error is nil
// on every path. A function with no return statement never delivers an
// error at all and counts too.
func returnsOnlyNilError(info *types.Info, d *ast.FuncDecl, calleeNil func(*types.Func) bool) bool {
	idx := errorIndex(info.Defs[d.Name].(*types.Func).Signature())
	return astmatch.EachReturn(d.Body, func(r *ast.ReturnStmt) bool {
		switch {
		case len(r.Results) == 0:
			return false // a bare return of a named result: not proved
		case len(r.Results) == 1 && isErrorCall(info, r.Results[0]):
			fn, _ := typeutil.Callee(info, ast.Unparen(r.Results[0]).(*ast.CallExpr)).(*types.Func)
			return fn != nil && calleeNil(fn.Origin())
		case len(r.Results) == idx+1:
			return astmatch.IsNil(info, r.Results[idx])
		}
		return false
	})
}

// isErrorCall reports whether e is a call whose last result is an error,
// as in "return f()" forwarding f's results.
func isErrorCall(info *types.Info, e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	sig, ok := info.TypeOf(call.Fun).Underlying().(*types.Signature)
	return ok && errorIndex(sig) >= 0
}

// deferReadsNamedError reports whether fn names its error result and a
// deferred function literal in its body reads it, as in
//
//	func (l *lessor) loop() (err error) {
//		defer func() { l.loopErr = err }()
//
// The function then delivers its own error; the caller's copy is spare.
func deferReadsNamedError(info *types.Info, fn *types.Func, d *ast.FuncDecl) bool {
	idx := errorIndex(fn.Signature())
	if idx < 0 {
		return false
	}
	named := fn.Signature().Results().At(idx)
	if named.Name() == "" || named.Name() == "_" {
		return false
	}
	found := false
	ast.Inspect(d.Body, func(n ast.Node) bool {
		def, ok := n.(*ast.DeferStmt)
		if !ok || found {
			return !found
		}
		if lit, ok := ast.Unparen(def.Call.Fun).(*ast.FuncLit); ok {
			ast.Inspect(lit.Body, func(n ast.Node) bool {
				if id, ok := n.(*ast.Ident); ok && info.Uses[id] == named {
					found = true
				}
				return !found
			})
		}
		return !found
	})
	return found
}

// storesErrorInReceiver reports whether method fn assigns to an
// error-typed field of its receiver, as crypto/tls's handshake does with
// c.handshakeErr: the outcome is kept where the owner reads it.
func storesErrorInReceiver(info *types.Info, fn *types.Func, d *ast.FuncDecl) bool {
	recv := fn.Signature().Recv()
	if recv == nil || errorIndex(fn.Signature()) < 0 {
		return false
	}
	found := false
	ast.Inspect(d.Body, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok || found {
			return false
		}
		as, ok := n.(*ast.AssignStmt)
		if !ok {
			return true
		}
		for _, lhs := range as.Lhs {
			sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr)
			if ok && info.Uses[astmatch.Ident(sel.X)] == recv && types.Identical(info.TypeOf(sel), errorType) {
				found = true
			}
		}
		return !found
	})
	return found
}

// forwardsSelfReported reports whether every return of fn that can carry
// an error forwards the results of a call to a function that reports its
// error itself (return c.handshakeContext(ctx)).
func forwardsSelfReported(info *types.Info, fn *types.Func, d *ast.FuncDecl, calleeSelf func(*types.Func) bool) bool {
	idx := errorIndex(fn.Signature())
	if idx < 0 {
		return false
	}
	forwards := 0
	ok := astmatch.EachReturn(d.Body, func(r *ast.ReturnStmt) bool {
		switch {
		case len(r.Results) == 1 && isErrorCall(info, r.Results[0]):
			callee, _ := typeutil.Callee(info, ast.Unparen(r.Results[0]).(*ast.CallExpr)).(*types.Func)
			forwards++
			return callee != nil && calleeSelf(callee.Origin())
		case len(r.Results) == idx+1:
			return astmatch.IsNil(info, r.Results[idx])
		}
		return false
	})
	return ok && forwards > 0
}

// hasChanResult reports whether sig returns a channel.
func hasChanResult(sig *types.Signature) bool {
	for v := range sig.Results().Variables() {
		if _, ok := v.Type().Underlying().(*types.Chan); ok {
			return true
		}
	}
	return false
}

// returnsFuture reports whether d returns a channel it made unbuffered
// and that a goroutine started in d sends on: the shape of a future,
//
//	func (w *Worker) Start(ctx context.Context) <-chan error {
//		ch := make(chan error)
//		go func() { ch <- w.run(ctx) }()
//		return ch
//	}
//
// A caller that drops the channel strands that goroutine on its send.
func returnsFuture(info *types.Info, d *ast.FuncDecl) bool {
	// Local variables only ever assigned an unbuffered make.
	unbuffered := map[types.Object]bool{}
	assign := func(obj types.Object, rhs ast.Expr) {
		if obj == nil {
			return
		}
		prev, seen := unbuffered[obj]
		unbuffered[obj] = isUnbufferedMake(info, rhs) && (prev || !seen)
	}
	var sent []types.Object // channels sent on inside a goroutine
	ast.Inspect(d.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if len(n.Lhs) == len(n.Rhs) {
				for i, lhs := range n.Lhs {
					if id, ok := lhs.(*ast.Ident); ok {
						assign(info.ObjectOf(id), n.Rhs[i])
					}
				}
			}
		case *ast.ValueSpec:
			if len(n.Names) == len(n.Values) {
				for i, name := range n.Names {
					assign(info.Defs[name], n.Values[i])
				}
			}
		case *ast.GoStmt:
			if lit, ok := ast.Unparen(n.Call.Fun).(*ast.FuncLit); ok {
				ast.Inspect(lit.Body, func(n ast.Node) bool {
					if s, ok := n.(*ast.SendStmt); ok {
						if id := astmatch.Ident(s.Chan); id != nil {
							sent = append(sent, info.Uses[id])
						}
					}
					return true
				})
			}
		}
		return true
	})
	found := false
	astmatch.EachReturn(d.Body, func(r *ast.ReturnStmt) bool {
		for _, e := range r.Results {
			if id := astmatch.Ident(e); id != nil && unbuffered[info.Uses[id]] && slices.Contains(sent, info.Uses[id]) {
				found = true
			}
		}
		return !found
	})
	return found
}

// isUnbufferedMake reports whether e is make(chan T) or make(chan T, 0).
func isUnbufferedMake(info *types.Info, e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) == 0 {
		return false
	}
	if typematch.Builtin(info, call) != "make" {
		return false
	}
	if _, ok := info.TypeOf(call.Args[0]).Underlying().(*types.Chan); !ok {
		return false
	}
	if len(call.Args) == 1 {
		return true
	}
	tv := info.Types[call.Args[1]]
	return tv.Value != nil && constant.Sign(tv.Value) == 0
}
