package lostresult

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"github.com/asynclint/asynclint/internal/astmatch"
	"golang.org/x/tools/go/types/typeutil"
)

// This file judges servers by shape rather than by name: an accept loop
// (a loop around a method named Accept...) returns an error only to say
// that its listener was closed, whatever the function is called.

// isAcceptCall reports whether call is a method whose name begins with
// Accept and that returns an error: net.Listener.Accept, quic's
// Listener.Accept, Conn.AcceptStream and the like, which fail once their
// listener or connection is closed.
func isAcceptCall(info *types.Info, call *ast.CallExpr) bool {
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	return ok && fn.Signature().Recv() != nil && strings.HasPrefix(fn.Name(), "Accept") && errorIndex(fn.Signature()) >= 0
}

// acceptLoops returns the loops of body (those of function literals
// included when lits is set) whose body calls an Accept method. It walks
// body once: an Accept call marks the loops enclosing it, innermost
// first, stopping at one already marked (whose own enclosers are marked
// too), so nested loops cost linear time.
func acceptLoops(info *types.Info, body *ast.BlockStmt, lits bool) []ast.Stmt {
	var (
		stack  []ast.Node // the nodes on the path to the current one
		open   []int      // indexes in stack of the loops enclosing it
		marked = map[ast.Node]bool{}
		loops  []ast.Stmt
	)
	ast.Inspect(body, func(n ast.Node) bool {
		if n == nil {
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if len(open) > 0 && open[len(open)-1] == len(stack) {
				open = open[:len(open)-1]
				if marked[top] {
					loops = append(loops, top.(ast.Stmt))
				}
			}
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			if !lits {
				return false
			}
		case *ast.ForStmt, *ast.RangeStmt:
			open = append(open, len(stack))
		case *ast.CallExpr:
			if isAcceptCall(info, n) {
				for i := len(open) - 1; i >= 0 && !marked[stack[open[i]]]; i-- {
					marked[stack[open[i]]] = true
				}
			}
		}
		stack = append(stack, n)
		return true
	})
	return loops
}

// stopClauses returns the select cases of body (outside function
// literals) that receive a bare stop signal, case <-done: or case
// <-ctx.Done(): from a channel of struct{} (closed to broadcast a stop).
// A return there answers "stopped", not a failure. A timer's or ticker's
// case (a channel of time.Time) is no stop signal.
func stopClauses(info *types.Info, body *ast.BlockStmt) []ast.Stmt {
	var clauses []ast.Stmt
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CommClause:
			if s, ok := n.Comm.(*ast.ExprStmt); ok {
				if u, ok := ast.Unparen(s.X).(*ast.UnaryExpr); ok && u.Op == token.ARROW && isSignalChan(info.TypeOf(u.X)) {
					clauses = append(clauses, n)
				}
			}
		}
		return true
	})
	return clauses
}

// onlyStopErrors reports whether every return of d that can carry an
// error lies in an accept loop or in a stop case, or forwards a call to
// a function of that kind, and at least one does: the function's error
// only ever says that its listener was closed or that it was told to
// stop, as in
//
//	func (m *mux) run() error {
//		for {
//			c, err := m.l.Accept()
//			if err != nil {
//				return err
//			}
//			go m.handle(c)
//		}
//	}
//
// Any return inside the loop counts, not only Accept's error: a loop
// that also fails on a bad connection is still judged a server.
func onlyStopErrors(info *types.Info, d *ast.FuncDecl, calleeStop func(*types.Func) bool) bool {
	idx := errorIndex(info.Defs[d.Name].(*types.Func).Signature())
	scopes := append(acceptLoops(info, d.Body, false), stopClauses(info, d.Body)...)
	inScope := func(r *ast.ReturnStmt) bool {
		return slices.ContainsFunc(scopes, func(s ast.Stmt) bool { return s.Pos() <= r.Pos() && r.End() <= s.End() })
	}
	signals := 0
	ok := astmatch.EachReturn(d.Body, func(r *ast.ReturnStmt) bool {
		switch {
		case len(r.Results) == idx+1 && astmatch.IsNil(info, r.Results[idx]):
			return true
		case inScope(r):
			signals++
			return true
		case len(r.Results) == 1 && isErrorCall(info, r.Results[0]):
			fn, _ := typeutil.Callee(info, ast.Unparen(r.Results[0]).(*ast.CallExpr)).(*types.Func)
			signals++
			return fn != nil && calleeStop(fn.Origin())
		}
		return false
	})
	return ok && signals > 0
}

// runsAcceptLoop reports whether d serves: it has an accept loop (in its
// own body or in a goroutine it starts), or it returns the result of a
// call to a function that serves. Unlike onlyStopErrors, d may also fail
// while it sets up (a bind, a bad configuration), so its error is only a
// stop signal once someone owns and stops the server.
func runsAcceptLoop(info *types.Info, d *ast.FuncDecl, calleeServes func(*types.Func) bool) bool {
	if len(acceptLoops(info, d.Body, true)) > 0 {
		return true
	}
	return !astmatch.EachReturn(d.Body, func(r *ast.ReturnStmt) bool {
		if len(r.Results) != 1 || !isErrorCall(info, r.Results[0]) {
			return true
		}
		fn, _ := typeutil.Callee(info, ast.Unparen(r.Results[0]).(*ast.CallExpr)).(*types.Func)
		return fn == nil || !calleeServes(fn.Origin())
	})
}

// isSignalChan reports whether t is a channel of struct{}.
func isSignalChan(t types.Type) bool {
	ch, ok := t.Underlying().(*types.Chan)
	if !ok {
		return false
	}
	st, ok := ch.Elem().Underlying().(*types.Struct)
	return ok && st.NumFields() == 0
}
