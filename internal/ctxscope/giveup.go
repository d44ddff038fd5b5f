package ctxscope

import (
	"fmt"
	"go/ast"
	"go/types"
	"reflect"
	"slices"
	"strings"

	"github.com/asynclint/asynclint/internal/typematch"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
)

// GiveUp computes which functions give up when a context they are given
// is cancelled, and exports a [*GivesUp] fact for each. Its result is a
// [*GiveUps]. A rule that asks "will this call fail at once with a
// cancelled ctx" (cancelledcleanup) requires it; it reports nothing.
var GiveUp = &analysis.Analyzer{
	Name:       "ctxgiveup",
	Doc:        "ctxgiveup: which functions give up when a context parameter is cancelled, across packages (building block)",
	Requires:   []*analysis.Analyzer{inspect.Analyzer, Analyzer},
	Run:        runGiveUp,
	FactTypes:  []analysis.Fact{new(GivesUp)},
	ResultType: reflect.TypeFor[*GiveUps](),
}

// GivesUp is the fact that a function gives up when one of its context
// parameters is cancelled: its body (or a literal in it) selects on that
// context's Done channel, or tests its Err (ctx.Err() != nil,
// errors.Is(ctx.Err(), ...)), or passes it (or a context derived from it,
// not through WithoutCancel) to a function with this fact. A receive
// <-ctx.Done() as a statement does not count: it waits for the end and
// then proceeds. Calls through interfaces and function values are not
// followed. Params are the indices of those parameters, in increasing
// order.
type GivesUp struct {
	Params []int
}

// AFact marks GivesUp as a fact.
func (*GivesUp) AFact() {}

// String is "givesUp(0,2)", for fixtures.
func (f *GivesUp) String() string {
	var b strings.Builder
	for i, p := range f.Params {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprint(&b, p)
	}
	return "givesUp(" + b.String() + ")"
}

// GiveUps answers for the functions of the package and the ones it
// calls.
type GiveUps struct {
	pass  *analysis.Pass
	local map[*types.Func][]int
}

// GivesUp reports whether fn gives up when its i-th parameter (counting
// from 0, without the receiver) is cancelled, as far as facts know.
func (g *GiveUps) GivesUp(fn *types.Func, i int) bool {
	if fn == nil {
		return false
	}
	fn = fn.Origin()
	if fn.Pkg() == g.pass.Pkg {
		return slices.Contains(g.local[fn], i)
	}
	var f GivesUp
	return g.pass.ImportObjectFact(fn, &f) && slices.Contains(f.Params, i)
}

// param is one context parameter of a function of this package.
type param struct {
	fn    *types.Func
	index int
}

// runGiveUp computes the facts of the package's functions.
//
// Bound: each (function, context parameter) pair gains the fact at most
// once, and each call edge is followed once, when its callee's
// parameter gains it, so the propagation is linear in the number of
// calls that pass a context: no rounds, no fixpoint iteration.
func runGiveUp(pass *analysis.Pass) (any, error) {
	res := &GiveUps{pass: pass, local: map[*types.Func][]int{}}
	if pass.Pkg.Path() != "context" && !typematch.Imports(pass.Pkg, "context") {
		return res, nil // no function here can take a context (an alias of it aside)
	}
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	scope := pass.ResultOf[Analyzer].(*Result)

	got := map[param]bool{}
	var work []param
	gain := func(p param) {
		if !got[p] {
			got[p] = true
			work = append(work, p)
		}
	}
	callers := map[param][]param{} // callee parameter -> caller parameters passed to it

	for cur := range in.Root().Preorder((*ast.FuncDecl)(nil)) {
		d := cur.Node().(*ast.FuncDecl)
		fn, ok := pass.TypesInfo.Defs[d.Name].(*types.Func)
		if !ok || d.Body == nil {
			continue
		}
		params := ctxParams(fn)
		if len(params) == 0 {
			continue // nothing to give up on
		}
		index := map[*types.Var]int{}
		for _, i := range params {
			index[fn.Signature().Params().At(i)] = i
		}
		paramOf := func(f *Func, e ast.Expr) (int, bool) {
			c := f.Of(e)
			if c == nil || c.Detached {
				return 0, false
			}
			root := c.Root()
			i, ok := index[root.Var]
			return i, ok && !root.Implicit
		}
		// The declaration and every literal in it: a goroutine or a
		// callback that gives up on ctx drops the work just the same.
		// funcs is the stack of functions around the current node, so
		// that a call finds its function without climbing the tree.
		var funcs []*Func
		for c := range cur.Preorder((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil), (*ast.CallExpr)(nil)) {
			for len(funcs) > 0 && funcs[len(funcs)-1].Node.End() <= c.Node().Pos() {
				funcs = funcs[:len(funcs)-1]
			}
			switch n := c.Node().(type) {
			case *ast.FuncDecl, *ast.FuncLit:
				f := scope.Func(c)
				funcs = append(funcs, f)
				for _, o := range f.Observations {
					if o.Ctx == nil || o.How == DoneRecv {
						continue // an error of a call, or a wait for the end
					}
					if i, ok := paramOf(f, o.Ctx); ok {
						gain(param{fn, i})
					}
				}
			case *ast.CallExpr:
				callee := typematch.Callee(pass.TypesInfo, n)
				if callee == nil || callee.Pkg() == nil || callee.Pkg().Path() == "context" {
					continue // unknown, or a derivation or a read of the context
				}
				f := funcs[len(funcs)-1]
				for a, arg := range n.Args {
					j, ok := ParamIndex(pass.TypesInfo, n, a)
					if !ok || !typematch.IsContext(pass.TypesInfo.TypeOf(arg)) {
						continue
					}
					i, ok := paramOf(f, arg)
					if !ok {
						continue
					}
					switch {
					case callee.Pkg() == pass.Pkg:
						to := param{callee, j}
						callers[to] = append(callers[to], param{fn, i})
					case res.GivesUp(callee, j):
						gain(param{fn, i})
					}
				}
			}
		}
	}

	for len(work) > 0 {
		p := work[len(work)-1]
		work = work[:len(work)-1]
		for _, caller := range callers[p] {
			gain(caller)
		}
	}

	for p := range got {
		res.local[p.fn] = append(res.local[p.fn], p.index)
	}
	for fn, idx := range res.local {
		slices.Sort(idx)
		pass.ExportObjectFact(fn, &GivesUp{Params: idx})
	}
	return res, nil
}

// ctxParams returns the indices of fn's context parameters: not the
// receiver, not a variadic one, not one named _.
func ctxParams(fn *types.Func) []int {
	sig := fn.Signature()
	var out []int
	for i := range sig.Params().Len() {
		p := sig.Params().At(i)
		if typematch.IsContext(p.Type()) && p.Name() != "_" && (!sig.Variadic() || i != sig.Params().Len()-1) {
			out = append(out, i)
		}
	}
	return out
}

// ParamIndex returns the index of the callee's parameter that argument a
// of call binds: a itself, or a-1 for a method expression T.m(x, ...),
// whose first argument is the receiver.
func ParamIndex(info *types.Info, call *ast.CallExpr, a int) (int, bool) {
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if s, ok := info.Selections[sel]; ok && s.Kind() == types.MethodExpr {
			a--
		}
	}
	return a, a >= 0
}
