// Package chanflow follows channels through the functions that use them:
// from the make that creates a local channel, to the goroutines that send
// on it or close it, to the receives of the function that made it. It is
// the building block of the rules about channels that outlive their
// goroutines (strandedsend, unclosedrange).
//
// [Analyzer] reports nothing. For every function with a channel parameter
// it exports a [Summary] fact, so that go worker(ch) is understood through
// worker's body even when worker lives in another package; its result, a
// [*Result], hands the rules those summaries and, on demand, every local
// channel of the package with what each goroutine does to it ([Chan]).
//
// All counts are per run of a body and computed on its control-flow graph:
// a send on a path that can repeat counts as [Many], two sends in the two
// branches of an if count as one.
package chanflow

import (
	"go/ast"
	"go/types"
	"reflect"
	"sort"
	"strings"
	"sync"

	"github.com/asynclint/asynclint/internal/astmatch"
	"github.com/asynclint/asynclint/internal/noreturn"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// Analyzer computes the channel summaries of a package's functions.
var Analyzer = &analysis.Analyzer{
	Name:       "chanflow",
	Doc:        "chanflow: follow channels from make to the goroutines that send on them or close them (building block)",
	Requires:   []*analysis.Analyzer{inspect.Analyzer, noreturn.Analyzer},
	Run:        run,
	FactTypes:  []analysis.Fact{new(Summary)},
	ResultType: reflect.TypeFor[*Result](),
}

// Summary is the fact chanflow keeps about a function with channel
// parameters: what its body (and the goroutines it starts) does to each.
type Summary struct {
	Params   []Param
	Finishes bool // the function can return normally
}

// Param is what a function does to one of its channel parameters.
type Param struct {
	Index        int
	Name         string
	Sends        Count // unguarded sends on one call, at most
	Guarded      bool  // sends in a select that can take another case
	Receives     bool
	Closes       bool // on some path
	ClosesOnExit bool // on every path that returns normally
	Escapes      bool // stored, returned or passed where it cannot be followed
}

// AFact marks Summary as a fact.
func (*Summary) AFact() {}

// String describes the summary for fixtures, e.g. "out(send=1 close)".
func (s *Summary) String() string {
	var parts []string
	for _, p := range s.Params {
		var fl []string
		if p.Sends > 0 {
			fl = append(fl, "send="+p.Sends.String())
		}
		if p.Guarded {
			fl = append(fl, "guarded")
		}
		if p.Receives {
			fl = append(fl, "recv")
		}
		if p.ClosesOnExit {
			fl = append(fl, "close")
		} else if p.Closes {
			fl = append(fl, "maycloses")
		}
		if p.Escapes {
			fl = append(fl, "escapes")
		}
		parts = append(parts, p.Name+"("+strings.Join(fl, " ")+")")
	}
	if !s.Finishes {
		parts = append(parts, "noreturn")
	}
	return strings.Join(parts, " ")
}

// Param returns the summary of parameter i, or nil when i is not a
// channel parameter.
func (s *Summary) Param(i int) *Param {
	for k := range s.Params {
		if s.Params[k].Index == i {
			return &s.Params[k]
		}
	}
	return nil
}

// Result is chanflow's result: the summaries it knows (the package's own
// functions and the imported ones it calls) and the package's local
// channels.
type Result struct {
	pass      *analysis.Pass
	in        *inspector.Inspector
	env       *env
	summaries map[*types.Func]*Summary

	once  sync.Once
	chans []*Chan
}

// Summary returns what fn does with its channel parameters, or nil when
// fn has none or is not known (an interface method, a function without
// body).
func (r *Result) Summary(fn *types.Func) *Summary {
	if fn == nil {
		return nil
	}
	return r.summaries[fn.Origin()]
}

// Chans returns the channels made by the package's functions, in source
// order, with their goroutines. It is computed once, on first use.
func (r *Result) Chans() []*Chan {
	r.once.Do(func() { r.chans = findChans(r.env, r.in) })
	return r.chans
}

func run(pass *analysis.Pass) (any, error) {
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	res := &Result{pass: pass, in: in, summaries: map[*types.Func]*Summary{}}

	// Imported callees first: their facts are what local summaries build on.
	for cur := range in.Root().Preorder((*ast.CallExpr)(nil)) {
		fn, ok := typeutil.Callee(pass.TypesInfo, cur.Node().(*ast.CallExpr)).(*types.Func)
		if !ok || fn.Pkg() == nil || fn.Pkg() == pass.Pkg || !hasChanParam(fn.Signature()) {
			continue
		}
		fn = fn.Origin()
		if _, seen := res.summaries[fn]; seen {
			continue
		}
		s := new(Summary)
		if pass.ImportObjectFact(fn, s) {
			res.summaries[fn] = s
		} else {
			res.summaries[fn] = nil
		}
	}

	decls := map[*types.Func]*ast.FuncDecl{}
	for cur := range in.Root().Preorder((*ast.FuncDecl)(nil)) {
		d := cur.Node().(*ast.FuncDecl)
		fn, ok := pass.TypesInfo.Defs[d.Name].(*types.Func)
		if ok && d.Body != nil && hasChanParam(fn.Signature()) {
			decls[fn] = d
		}
	}
	// A summary may need its callees' (forwarding the channel), so it is
	// computed on demand; recursion proves nothing and reads as escaping.
	inProgress := map[*types.Func]bool{}
	var summary func(fn *types.Func) *Summary
	// One env for the summaries and, later, the local channels: once
	// every summary is made, summary only reads them.
	// Graphs are cut at calls that never return, so their paths are not
	// exits.
	cut := pass.ResultOf[noreturn.Analyzer].(*noreturn.Result).CFG
	res.env = newEnv(pass.TypesInfo, func(fn *types.Func) *Summary { return summary(fn) }, cut)
	summary = func(fn *types.Func) *Summary {
		fn = fn.Origin()
		if s, ok := res.summaries[fn]; ok {
			return s
		}
		d, local := decls[fn]
		if !local {
			return nil
		}
		if inProgress[fn] {
			return nil
		}
		inProgress[fn] = true
		s := summarize(res.env, fn, d)
		delete(inProgress, fn)
		res.summaries[fn] = s
		return s
	}
	fns := make([]*types.Func, 0, len(decls))
	for fn := range decls {
		fns = append(fns, fn)
	}
	sort.Slice(fns, func(i, j int) bool { return fns[i].Pos() < fns[j].Pos() })
	for _, fn := range fns {
		if s := summary(fn); s != nil {
			pass.ExportObjectFact(fn, s)
		}
	}
	return res, nil
}

// summarize computes fn's summary from its declaration.
func summarize(e *env, fn *types.Func, d *ast.FuncDecl) *Summary {
	s := &Summary{}
	params := fn.Signature().Params()
	s.Finishes = e.graph(d.Body).finishes
	for i := range params.Len() {
		v := params.At(i)
		if !isChan(v.Type()) || v.Name() == "" || v.Name() == "_" {
			if isChan(v.Type()) {
				s.Params = append(s.Params, Param{Index: i, Name: "_"})
			}
			continue
		}
		u, _ := analyze(e, d.Body, map[*types.Var]bool{v: true}, nil, false)
		s.Params = append(s.Params, Param{
			Index:        i,
			Name:         v.Name(),
			Sends:        u.Sends,
			Guarded:      u.Guarded,
			Receives:     u.Receives,
			Closes:       u.Closes,
			ClosesOnExit: u.ClosesOnExit,
			Escapes:      u.Escapes,
		})
	}
	return s
}

// hasChanParam reports whether sig has a parameter of channel type.
func hasChanParam(sig *types.Signature) bool {
	for v := range sig.Params().Variables() {
		if isChan(v.Type()) {
			return true
		}
	}
	return false
}

// isChan reports whether t is a channel type.
func isChan(t types.Type) bool {
	_, ok := types.Unalias(t).Underlying().(*types.Chan)
	return ok
}

// SignalsTogether returns the most unguarded sends and closes that the
// goroutine of s makes on the channels vars together, on one run: 1 for a
// goroutine that sends on a result channel or on an error channel (or
// closes a done channel) but never does both. It returns Many when s is
// not a literal.
func (r *Result) SignalsTogether(s *Spawn, vars ...*types.Var) Count {
	if s.Lit == nil {
		return Many
	}
	set := map[*types.Var]bool{}
	for _, v := range vars {
		set[v] = true
	}
	if g, ok := s.Stmt.(*ast.GoStmt); ok {
		params := paramVars(r.pass.TypesInfo, s.Lit)
		for i, arg := range g.Call.Args {
			if id := astmatch.Ident(arg); id != nil && i < len(params) && params[i] != nil {
				if v, ok := r.pass.TypesInfo.Uses[id].(*types.Var); ok && set[v] {
					set[params[i]] = true
				}
			}
		}
	}
	u, _ := analyze(r.env, s.Lit.Body, set, nil, false)
	return u.signals
}
