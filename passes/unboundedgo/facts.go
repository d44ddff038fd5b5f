package unboundedgo

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"github.com/asynclint/asynclint/internal/typematch"
	"golang.org/x/tools/go/analysis"
)

// limiterFact is what unboundedgo knows about a function that takes part
// in bounding goroutines, for its callers in this package and others:
// it acquires a limiter (a semaphore slot) before it returns or does its
// work, or it is a worker that drains a channel it is handed.
type limiterFact struct {
	Acquires bool  // acquires a semaphore slot: a send on a semaphore channel, Weighted.Acquire, or a call of a function that does
	Drains   []int // the parameters (by index; receiverParam for the receiver) whose channel it receives from in a loop
	Global   bool  // it receives in a loop from a package-level channel
}

// receiverParam stands for the receiver in limiterFact.Drains.
const receiverParam = -1

func (*limiterFact) AFact() {}

// String names the fact for fixtures: "acquiresLimiter", "drains(0)",
// "drains(recv)", "drains(global)", joined by spaces.
func (f *limiterFact) String() string {
	var parts []string
	if f.Acquires {
		parts = append(parts, "acquiresLimiter")
	}
	for _, i := range f.Drains {
		if i == receiverParam {
			parts = append(parts, "drains(recv)")
		} else {
			parts = append(parts, fmt.Sprintf("drains(%d)", i))
		}
	}
	if f.Global {
		parts = append(parts, "drains(global)")
	}
	return strings.Join(parts, " ")
}

func (f *limiterFact) empty() bool { return !f.Acquires && len(f.Drains) == 0 && !f.Global }

// funcFacts judges the functions of one package and hands out the facts
// of functions of others.
//
// Each function of the package is judged once (a memoized depth-first
// walk of the calls): the work is linear in the package's size. A call
// back into a function still being judged (recursion) counts as a call of
// a function that neither acquires nor drains.
type funcFacts struct {
	pass     *analysis.Pass
	decls    map[*types.Func]*ast.FuncDecl
	memo     map[*types.Func]*limiterFact
	judging  map[*types.Func]bool
	released map[*types.Var]bool // channels received from with the value discarded: semaphore releases

	anyAcquire *scanner // for firstAcquire, made on first use
}

func newFuncFacts(pass *analysis.Pass) *funcFacts {
	ff := &funcFacts{
		pass:     pass,
		decls:    map[*types.Func]*ast.FuncDecl{},
		memo:     map[*types.Func]*limiterFact{},
		judging:  map[*types.Func]bool{},
		released: map[*types.Var]bool{},
	}
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
				if fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
					ff.decls[fn] = fd
				}
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			var x ast.Expr
			switch n := n.(type) {
			case *ast.ExprStmt: // <-sem
				x = n.X
			case *ast.AssignStmt: // _ = <-sem
				if len(n.Lhs) == 1 && len(n.Rhs) == 1 && isBlank(n.Lhs[0]) {
					x = n.Rhs[0]
				}
			}
			if u, ok := ast.Unparen(x).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
				if v := chanVar(pass.TypesInfo, u.X); v != nil {
					ff.released[v] = true
				}
			}
			return true
		})
	}
	return ff
}

// export exports the facts of the package's functions that have one.
func (ff *funcFacts) export() {
	for fn := range ff.decls {
		if f := ff.of(fn); !f.empty() {
			ff.pass.ExportObjectFact(fn, f)
		}
	}
}

// of returns the fact of fn (never nil; empty when it has none).
func (ff *funcFacts) of(fn *types.Func) *limiterFact {
	fn = fn.Origin()
	if f, ok := ff.memo[fn]; ok {
		return f
	}
	d, local := ff.decls[fn]
	if !local {
		f := new(limiterFact)
		if fn.Pkg() != nil && fn.Pkg() != ff.pass.Pkg {
			ff.pass.ImportObjectFact(fn, f)
		}
		ff.memo[fn] = f
		return f
	}
	if ff.judging[fn] {
		return new(limiterFact) // recursion: see funcFacts
	}
	ff.judging[fn] = true
	f := ff.judge(fn, d)
	delete(ff.judging, fn)
	ff.memo[fn] = f
	return f
}

// judge computes the fact of a function of this package from its body.
func (ff *funcFacts) judge(fn *types.Func, d *ast.FuncDecl) *limiterFact {
	f := &limiterFact{Acquires: ff.acquiresIn(d.Body, handedIn, true)}
	params := map[*types.Var]int{}
	sig := fn.Signature()
	if sig.Recv() != nil {
		params[sig.Recv()] = receiverParam
	}
	for i := range sig.Params().Len() {
		params[sig.Params().At(i)] = i
	}
	for _, c := range drainedChans(ff.pass.TypesInfo, d.Body) {
		root := rootVar(ff.pass.TypesInfo, c)
		if root == nil {
			continue
		}
		if i, ok := params[root]; ok {
			if !slices.Contains(f.Drains, i) {
				f.Drains = append(f.Drains, i)
			}
		} else if isPackageLevel(root) {
			f.Global = true
		}
	}
	slices.Sort(f.Drains)
	return f
}

// acquiresIn reports whether n, outside function literals and go
// statements, acquires a limiter: a send on a semaphore channel (see
// isSemaphore), semaphore.Weighted's Acquire or TryAcquire, or a call of
// a function that acquires one. The channel's or semaphore's variable
// must satisfy holds; with outsideLoops, acquires inside a loop that
// starts goroutines do not count.
func (ff *funcFacts) acquiresIn(n ast.Node, holds func(*types.Var) bool, outsideLoops bool) bool {
	return firstMatch(n, ff.acquireVisit(holds, outsideLoops)) != nil
}

// firstAcquire returns the position of the first acquire of any limiter
// in n (see acquiresIn), or token.NoPos. The checker asks it of every
// loop around a goroutine start and of every goroutine's body, so one
// scanner keeps the answers.
func (ff *funcFacts) firstAcquire(n ast.Node) token.Pos {
	if ff.anyAcquire == nil {
		ff.anyAcquire = newScanner(ff.acquireVisit(anyVar, false))
	}
	if found := ff.anyAcquire.first(n); found != nil {
		return found.Pos()
	}
	return token.NoPos
}

// acquireVisit returns the question "is n an acquire that acquiresIn
// counts, and is it worth looking inside n", for a scanner or firstMatch.
func (ff *funcFacts) acquireVisit(holds func(*types.Var) bool, outsideLoops bool) func(ast.Node) (bool, bool) {
	info := ff.pass.TypesInfo
	return func(n ast.Node) (bool, bool) {
		switch n := n.(type) {
		case *ast.FuncLit, *ast.GoStmt:
			return false, false
		case *ast.ForStmt, *ast.RangeStmt:
			// A retry loop around the acquire still acquires once
			// (for { select { case sem <- token: return nil; ... } });
			// a loop that starts goroutines acquires for them, not for
			// the caller.
			return false, !outsideLoops || !startsGoroutines(info, n)
		case *ast.SendStmt:
			return ff.isSemaphore(n.Chan) && holds(chanVar(info, n.Chan)), true
		case *ast.CallExpr:
			return ff.acquireCall(n, holds), true
		}
		return false, true
	}
}

// anyVar accepts any variable as a limiter's holder.
func anyVar(*types.Var) bool { return true }

// handedIn reports whether v outlives the function that uses it: a
// field, a parameter or receiver, a package-level variable. A function
// acquires for its caller only a limiter held there.
func handedIn(v *types.Var) bool {
	return v != nil && (v.IsField() || isParam(v) || isPackageLevel(v))
}

// acquireCall reports whether call acquires a limiter: a Weighted
// semaphore whose variable satisfies holds, or a function that acquires
// one (facts).
func (ff *funcFacts) acquireCall(call *ast.CallExpr, holds func(*types.Var) bool) bool {
	fn := typematch.Callee(ff.pass.TypesInfo, call)
	if fn == nil {
		return false
	}
	if typematch.IsMethod(fn, semaphorePath, "Weighted", "Acquire") || typematch.IsMethod(fn, semaphorePath, "Weighted", "TryAcquire") {
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		return ok && holds(chanVar(ff.pass.TypesInfo, sel.X))
	}
	if isInterfaceMethod(fn) {
		if !isLimiterMethod(fn) {
			return false
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		return ok && holds(chanVar(ff.pass.TypesInfo, sel.X))
	}
	return ff.of(fn).Acquires
}

// isLimiterMethod reports whether fn, a method of an interface, has the
// shape of a semaphore's acquire: Acquire(ctx, n) error or
// TryAcquire(n) bool, as projects declare to hide a semaphore.Weighted
// behind an optional limit (containerd's unpack.Limiter).
func isLimiterMethod(fn *types.Func) bool {
	sig := fn.Signature()
	params, results := sig.Params(), sig.Results()
	isInt := func(t types.Type) bool {
		b, ok := t.Underlying().(*types.Basic)
		return ok && b.Info()&types.IsInteger != 0
	}
	switch fn.Name() {
	case "Acquire":
		return params.Len() == 2 && typematch.IsContext(params.At(0).Type()) && isInt(params.At(1).Type()) &&
			results.Len() == 1 && types.Identical(results.At(0).Type(), types.Universe.Lookup("error").Type())
	case "TryAcquire":
		return params.Len() == 1 && isInt(params.At(0).Type()) &&
			results.Len() == 1 && types.Identical(results.At(0).Type(), types.Typ[types.Bool])
	}
	return false
}

// isSemaphore reports whether a send on ch takes a semaphore slot: the
// channel (a local, a field, a package variable) is also received from
// somewhere in the package with the value thrown away (<-sem: the
// release). A send on a channel whose receiver keeps the value is a hand
// over of data, not an acquire.
func (ff *funcFacts) isSemaphore(ch ast.Expr) bool {
	v := chanVar(ff.pass.TypesInfo, ch)
	return v != nil && ff.released[v]
}

// drainedChans returns the channel expressions body receives from in a
// loop: for range ch, or a receive (<-ch, a select case) inside a for or
// range statement. Channels of empty structs (signals, not items), timer
// channels and ctx.Done() are left out. Function literals are not
// entered.
func drainedChans(info *types.Info, body *ast.BlockStmt) []ast.Expr {
	var out []ast.Expr
	depth := 0 // loops around the node
	var stack []ast.Node
	ast.Inspect(body, func(n ast.Node) bool {
		if n == nil {
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if isLoop(top) {
				depth--
			}
			return false
		}
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		switch n := n.(type) {
		case *ast.RangeStmt:
			if _, ok := typeUnder(info, n.X).(*types.Chan); ok && isItemChan(info, n.X) {
				out = append(out, n.X)
			}
		case *ast.UnaryExpr:
			if n.Op == token.ARROW && depth > 0 && isItemChan(info, n.X) {
				out = append(out, n.X)
			}
		}
		stack = append(stack, n)
		if isLoop(n) {
			depth++
		}
		return true
	})
	return out
}

// isItemChan reports whether ch carries work items: not a channel of
// empty structs, not a timer's channel, not a Done channel.
func isItemChan(info *types.Info, ch ast.Expr) bool {
	t := info.TypeOf(ch)
	if t == nil || isEmptyStructChan(t) || isTimerChan(info, ch) {
		return false
	}
	if call, ok := ast.Unparen(ch).(*ast.CallExpr); ok {
		if fn := typematch.Callee(info, call); fn != nil && fn.Name() == "Done" {
			return false
		}
	}
	return true
}

func isLoop(n ast.Node) bool {
	switch n.(type) {
	case *ast.ForStmt, *ast.RangeStmt:
		return true
	}
	return false
}

// startsGoroutines reports whether n holds a go statement, or a call of
// errgroup.Group.Go or sync.WaitGroup.Go.
func startsGoroutines(info *types.Info, n ast.Node) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.GoStmt:
			found = true
		case *ast.CallExpr:
			fn := typematch.Callee(info, n)
			found = typematch.IsMethod(fn, errgroupPath, "Group", "Go") || typematch.IsMethod(fn, "sync", "WaitGroup", "Go")
		}
		return !found
	})
	return found
}
