package unwaited

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/asynclint/asynclint/internal/astmatch"
	"github.com/asynclint/asynclint/internal/noreturn"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"
)

// This file follows Adds made inside a function literal that the
// function calls in place and whose error result it checks at once:
//
//	err := func() error {
//		if err := start(); err != nil {
//			return err // before any Add
//		}
//		wg.Add(n)
//		go ...
//		return nil
//	}()
//	if err != nil {
//		return err // no goroutine was added on this path
//	}
//	...
//	wg.Wait()
//
// When every return of the literal that an Add reaches returns a nil
// error, the Adds can only have happened on the path where err is nil,
// so they are moved from the call to that edge of the if
// (controller-runtime's Controller.Start).

// inPlace is an Add's literal called in place, and the assignment that
// takes its results, if any.
type inPlace struct {
	lit    *ast.FuncLit
	assign *ast.AssignStmt
}

// calledInPlace returns the literal around the method call at c (the
// group's identifier) when fun calls that literal in place, directly.
func calledInPlace(fun, c inspector.Cursor) inPlace {
	litCur, _ := enclosingFunc(c)
	lit, ok := litCur.Node().(*ast.FuncLit)
	if !ok || litCur.Node() == fun.Node() {
		return inPlace{}
	}
	call, ok := litCur.Parent().Node().(*ast.CallExpr)
	if !ok || call.Fun != lit {
		return inPlace{}
	}
	if outer, _ := enclosingFunc(litCur.Parent()); outer.Node() != fun.Node() {
		return inPlace{}
	}
	assign, _ := litCur.Parent().Parent().Node().(*ast.AssignStmt)
	if assign != nil && (len(assign.Rhs) != 1 || assign.Rhs[0] != call) {
		assign = nil
	}
	return inPlace{lit, assign}
}

// movedAdds returns, for the Adds of g made in a literal called in place
// whose error result the next condition tests, the edge of that
// condition where the error is nil, when the Adds can have happened on
// that edge only. Any other Add stays where it is.
func movedAdds(pass *analysis.Pass, graph *cfg.CFG, g *group) map[int]edge {
	byLit := map[*ast.FuncLit][]int{}
	var lits []inPlace // in source order
	for i, ip := range g.addLits {
		if ip.lit == nil || ip.assign == nil {
			continue
		}
		if _, seen := byLit[ip.lit]; !seen {
			lits = append(lits, ip)
		}
		byLit[ip.lit] = append(byLit[ip.lit], i)
	}
	var moved map[int]edge
	for _, ip := range lits {
		idx := byLit[ip.lit]
		e, ok := nilErrorEdge(pass, graph, g, ip, idx)
		if !ok {
			continue
		}
		if moved == nil {
			moved = map[int]edge{}
		}
		for _, i := range idx {
			moved[i] = e
		}
	}
	return moved
}

// nilErrorEdge returns the edge described at movedAdds for the Adds idx
// of g, all made directly in ip.lit.
func nilErrorEdge(pass *analysis.Pass, graph *cfg.CFG, g *group, ip inPlace, idx []int) (edge, bool) {
	info := pass.TypesInfo
	// Every Add inside the statement must be the literal's own: one in a
	// goroutine or a deeper literal is not covered by its returns.
	for j, a := range g.adds {
		if a.Pos() >= ip.assign.Pos() && a.Pos() < ip.assign.End() && g.addLits[j].lit != ip.lit {
			return edge{}, false
		}
	}
	// The literal's last result is an error, unnamed (a deferred closure
	// could set a named one after a return nil), taken by a variable.
	sig, ok := info.TypeOf(ip.lit).(*types.Signature)
	if !ok || sig.Results().Len() == 0 || sig.Results().Len() != len(ip.assign.Lhs) {
		return edge{}, false
	}
	n := sig.Results().Len()
	last := sig.Results().At(n - 1)
	if last.Name() != "" || !types.Identical(last.Type(), types.Universe.Lookup("error").Type()) {
		return edge{}, false
	}
	errID, ok := ast.Unparen(ip.assign.Lhs[n-1]).(*ast.Ident)
	if !ok || errID.Name == "_" {
		return edge{}, false
	}
	errVar := info.ObjectOf(errID)

	// The condition right after the assignment tests that variable.
	e, ok := errCheck(info, graph, ip.assign, errVar)
	if !ok {
		return edge{}, false
	}

	// Every return of the literal that an Add reaches returns a nil error.
	sub := &group{}
	for _, i := range idx {
		sub.adds = append(sub.adds, g.adds[i])
	}
	litGraph := pass.ResultOf[noreturn.Analyzer].(*noreturn.Result).CFG(ip.lit.Body)
	_, rets := unwaitedPaths(litGraph, sub, stableConds(info, ip.lit.Body, litGraph), nil)
	returns := map[token.Pos]*ast.ReturnStmt{}
	ast.Inspect(ip.lit.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			returns[n.Return] = n
		}
		return true
	})
	for _, pos := range rets {
		ret := returns[pos]
		if ret == nil || len(ret.Results) != n || !astmatch.IsNil(info, ret.Results[n-1]) {
			return edge{}, false
		}
	}
	return e, true
}

// errCheck finds the block where assign is followed by the condition
// errVar != nil (or == nil) that ends it, and returns its edge taken
// when errVar is nil.
func errCheck(info *types.Info, graph *cfg.CFG, assign *ast.AssignStmt, errVar types.Object) (edge, bool) {
	for _, b := range graph.Blocks {
		k := len(b.Nodes) - 2
		if k < 0 || b.Nodes[k] != assign || len(b.Succs) != 2 {
			continue
		}
		expr, ok := b.Nodes[k+1].(ast.Expr)
		if !ok {
			return edge{}, false
		}
		cond, ok := ast.Unparen(expr).(*ast.BinaryExpr)
		if !ok || (cond.Op != token.NEQ && cond.Op != token.EQL) {
			return edge{}, false
		}
		x, y := ast.Unparen(cond.X), ast.Unparen(cond.Y)
		if astmatch.IsNil(info, x) {
			x, y = y, x
		}
		id, ok := x.(*ast.Ident)
		if !ok || info.Uses[id] != errVar || !astmatch.IsNil(info, y) {
			return edge{}, false
		}
		if cond.Op == token.NEQ {
			return edge{b.Index, 1}, true // Succs[1]: the condition is false
		}
		return edge{b.Index, 0}, true
	}
	return edge{}, false
}
