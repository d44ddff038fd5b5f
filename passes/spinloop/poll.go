package spinloop

import (
	"go/ast"
	"go/types"

	"github.com/asynclint/asynclint/internal/typematch"
	"golang.org/x/tools/go/ast/inspector"
)

// maxPredDepth bounds how many predicates deep a poll is followed
// (for !s.Ready() {} where Ready returns s.isReady(), which loads an
// atomic): one level of wrapper is common, two are rare; past the bound
// the call is taken for work and the loop is not reported.
const maxPredDepth = 4

// maxPredStmts is the most statements a predicate may have to be judged:
// a poll is a return, perhaps under a lock (lock, defer unlock, return).
// Longer functions are not polls, and are not read.
const maxPredStmts = 4

// polls is the fact of a function that only reads shared state and
// returns what it read: calling it in a loop condition polls that state.
type polls struct {
	Kind uint8 // a spinKind: spinPlain, spinLocked or spinAtomic
}

// AFact marks polls as a fact.
func (*polls) AFact() {}

func (p *polls) String() string {
	switch spinKind(p.Kind) {
	case spinPlain:
		return "polls(plain)"
	case spinLocked:
		return "polls(locked)"
	}
	return "polls(atomic)"
}

// exportFacts records the package's functions and exports a polls fact
// for each exported one that polls.
func (c *checker) exportFacts(in *inspector.Inspector) {
	var exported []*types.Func
	for cur := range in.Root().Preorder((*ast.FuncDecl)(nil)) {
		d := cur.Node().(*ast.FuncDecl)
		fn, ok := c.pass.TypesInfo.Defs[d.Name].(*types.Func)
		if !ok || d.Body == nil {
			continue
		}
		c.decls[fn] = d
		if fn.Exported() {
			exported = append(exported, fn)
		}
	}
	for _, fn := range exported {
		if p := c.predicate(fn, 0); p != nil {
			c.pass.ExportObjectFact(fn, p)
		}
	}
}

// predicate returns the polls fact of fn, or nil when fn is not known to
// be a poll: its body, after at most a lock and a deferred unlock, is one
// return of a pure expression that reads shared state.
func (c *checker) predicate(fn *types.Func, depth int) *polls {
	if fn == nil || depth > maxPredDepth {
		return nil
	}
	fn = fn.Origin()
	if fn.Pkg() != c.pass.Pkg {
		p := new(polls)
		if fn.Pkg() == nil || !c.pass.ImportObjectFact(fn, p) {
			return nil
		}
		return p
	}
	if p, ok := c.preds[fn]; ok {
		return p
	}
	c.preds[fn] = nil // in progress: recursion is no poll
	p := c.judgePredicate(fn, depth)
	c.preds[fn] = p
	return p
}

func (c *checker) judgePredicate(fn *types.Func, depth int) *polls {
	d := c.decls[fn]
	if d == nil || fn.Signature().Results().Len() != 1 {
		return nil
	}
	list := d.Body.List
	if len(list) == 0 || len(list) > maxPredStmts {
		return nil
	}
	ret, ok := list[len(list)-1].(*ast.ReturnStmt)
	if !ok || len(ret.Results) != 1 {
		return nil
	}
	info := c.pass.TypesInfo
	locks := false
	for _, s := range list[:len(list)-1] {
		var call *ast.CallExpr
		switch s := s.(type) {
		case *ast.ExprStmt:
			call, _ = ast.Unparen(s.X).(*ast.CallExpr)
		case *ast.DeferStmt:
			call = s.Call
		}
		if call == nil || !isLockOp(typematch.Callee(info, call)) {
			return nil
		}
		locks = true
	}
	if !c.pure(ret.Results[0], depth) {
		return nil
	}
	rs := c.reads(ret.Results[0], nil, depth)
	if len(rs) == 0 {
		return nil
	}
	kind := spinAtomic
	for _, r := range rs {
		kind = min(kind, r.kind)
	}
	if kind == spinPlain && locks {
		kind = spinLocked
	}
	return &polls{Kind: uint8(kind)}
}
