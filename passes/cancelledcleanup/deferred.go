package cancelledcleanup

import (
	"go/ast"
	"go/types"

	"github.com/asynclint/asynclint/internal/ctxscope"
	"golang.org/x/tools/go/ast/inspector"
)

// checkDefers reports the deferred form: a defer statement of a
// function whose call (or a call directly in its deferred literal)
// passes a context that a region of the same function proves cancelled,
// when the function returns from inside that region after the defer
// statement ran. A receive <-ctx.Done() at the top level of the body
// that only straight-line statements follow counts as a return at the
// end of the function.
//
// Cost: one walk of each function body for its defers and returns;
// returns meet their regions in one sweep (at most maxRegionsPerNode
// each), and each (return, region) pair is checked against the
// function's defers that pass a context: a handful in real code.
func (c *checker) checkDefers(root inspector.Cursor, scope *ctxscope.Result, regions []*region) {
	byFunc := map[*ctxscope.Func][]*region{}
	for _, r := range regions {
		byFunc[r.f] = append(byFunc[r.f], r)
	}
	for cur := range root.Preorder((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		f := scope.Func(cur)
		rs := byFunc[f]
		if len(rs) == 0 {
			continue
		}
		body := bodyOf(cur.Node())
		if body == nil {
			continue
		}
		defers, rets := defersAndReturns(c.pass.TypesInfo, body)
		if len(defers) == 0 {
			continue
		}
		check := func(r *region, ret ast.Node) {
			for _, d := range defers {
				if d.stmt.Pos() < ret.Pos() && d.block.Pos() <= ret.Pos() && ret.End() <= d.block.End() {
					for _, call := range d.calls {
						c.checkCall(r, call, ret)
					}
				}
			}
		}
		sweep(rs, rets, func(ret ast.Node, open []*region) {
			for _, r := range open {
				check(r, ret)
			}
		})
		for _, r := range rs {
			if endsBody(body, r) { // falls off the end: the closing brace returns
				check(r, &ast.Ident{NamePos: body.Rbrace, Name: "}"})
			}
		}
	}
}

// bodyOf returns the body of a FuncDecl or FuncLit, or nil.
func bodyOf(fn ast.Node) *ast.BlockStmt {
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		return fn.Body
	case *ast.FuncLit:
		return fn.Body
	}
	return nil
}

// deferStmt is a defer statement, the block (or case body) it is in, and
// the calls that run when it fires.
type deferStmt struct {
	stmt  *ast.DeferStmt
	block ast.Node
	calls []*ast.CallExpr
}

// defersAndReturns returns the defer statements that pass a context and
// the return statements of a function body, not those of nested
// literals, in source order.
func defersAndReturns(info *types.Info, body *ast.BlockStmt) ([]deferStmt, []ast.Node) {
	var out []deferStmt
	var rets []ast.Node
	var blocks []ast.Node
	ast.Inspect(body, func(n ast.Node) bool {
		if n == nil {
			blocks = blocks[:len(blocks)-1]
			return true
		}
		blocks = append(blocks, n)
		switch n := n.(type) {
		case *ast.FuncLit:
			blocks = blocks[:len(blocks)-1]
			return false
		case *ast.ReturnStmt:
			rets = append(rets, n)
		case *ast.DeferStmt:
			d := deferStmt{stmt: n, block: enclosingList(blocks)}
			if lit, ok := ast.Unparen(n.Call.Fun).(*ast.FuncLit); ok {
				ast.Inspect(lit.Body, func(m ast.Node) bool {
					switch m := m.(type) {
					case *ast.FuncLit:
						return false
					case *ast.CallExpr:
						if hasCtxArg(info, m) {
							d.calls = append(d.calls, m)
						}
					}
					return true
				})
			} else if hasCtxArg(info, n.Call) {
				d.calls = []*ast.CallExpr{n.Call}
			}
			if len(d.calls) > 0 {
				out = append(out, d)
			}
		}
		return true
	})
	return out, rets
}

// enclosingList returns the innermost node on the path (which ends with
// a defer statement) that holds a statement list: a block or a case.
func enclosingList(path []ast.Node) ast.Node {
	for i := len(path) - 2; i >= 0; i-- {
		switch path[i].(type) {
		case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
			return path[i]
		}
	}
	return path[0]
}

// endsBody reports whether r is a receive from Done at the top level of
// body whose following statements can only fall off the end of the
// function (no loop, no other statement that might not end): the
// function returns right after the cancellation.
func endsBody(body *ast.BlockStmt, r *region) bool {
	if r.o.How != ctxscope.DoneRecv {
		return false
	}
	at, ok := r.o.At.(ast.Stmt)
	if !ok {
		return false
	}
	for i, st := range body.List {
		if st != at {
			continue
		}
		for _, rest := range body.List[i+1:] {
			switch rest.(type) {
			case *ast.ExprStmt, *ast.AssignStmt, *ast.IfStmt, *ast.DeclStmt, *ast.IncDecStmt, *ast.SendStmt:
			default:
				return false
			}
		}
		return true
	}
	return false
}
