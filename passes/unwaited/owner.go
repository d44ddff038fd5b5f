package unwaited

import (
	"go/ast"
	"go/types"
	"slices"

	"github.com/asynclint/asynclint/internal/typematch"
	"golang.org/x/tools/go/ast/inspector"
)

// This file holds three shapes where a local WaitGroup left unwaited on a
// path loses nothing: the goroutines are also counted by a long-lived
// group that their owner waits for, or the group is a latch that waits
// for an event, not for goroutines.

// fieldGroupsWaited returns the struct fields of type sync.WaitGroup that
// some function of the package waits on (s.wg.Wait(), typically in
// Close or Stop).
func fieldGroupsWaited(info *types.Info, in *inspector.Inspector) map[*types.Var]bool {
	waited := map[*types.Var]bool{}
	for cur := range in.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		if f := fieldGroupCall(info, call, "Wait"); f != nil {
			waited[f] = true
		}
	}
	return waited
}

// fieldGroupCall returns the field f if call is x.f.method() on a
// sync.WaitGroup field f, or nil.
func fieldGroupCall(info *types.Info, call *ast.CallExpr, method string) *types.Var {
	if !typematch.IsMethodCall(info, call, "sync", "WaitGroup", method) {
		return nil
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	field, ok := ast.Unparen(sel.X).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	v, ok := info.Uses[field.Sel].(*types.Var)
	if !ok || !v.IsField() {
		return nil
	}
	return v
}

// alsoCountedByOwner reports whether every goroutine the local group
// counts (each literal, other than fun, that marks it done) also marks
// done a struct-field WaitGroup that the package waits on somewhere, as in
//
//	rf.refCount.Add(1)
//	wg.Add(1)
//	go func() {
//		defer rf.refCount.Done()
//		defer wg.Done()
//		...
//	}()
//
// where Close waits on rf.refCount: the owner joins the goroutine on
// every path, and the local group only separates rounds of work.
func (g *group) alsoCountedByOwner(info *types.Info, fun ast.Node, waitedFields func() map[*types.Var]bool) bool {
	if g.starts {
		return false // Go and TryGo start goroutines that no other group counts
	}
	n := 0
	for _, d := range g.dones {
		if d == fun {
			continue
		}
		n++
		if !donesWaitedField(info, d, waitedFields()) {
			return false
		}
	}
	return n > 0
}

// donesWaitedField reports whether the literal lit marks done a field
// group in waited (not counting the literals nested in it).
func donesWaitedField(info *types.Info, lit ast.Node, waited map[*types.Var]bool) bool {
	found := false
	ast.Inspect(lit, func(n ast.Node) bool {
		if n != lit {
			if _, ok := n.(*ast.FuncLit); ok {
				return false
			}
		}
		if call, ok := n.(*ast.CallExpr); ok {
			if f := fieldGroupCall(info, call, "Done"); f != nil && waited[f] {
				found = true
			}
		}
		return !found
	})
	return found
}

// latchDone reports whether the Done call at cur (the group's identifier)
// sits under an if inside a function literal handed to a call as a
// callback, not run by a go statement: a latch released once a
// condition holds (every message arrived), as in
//
//	wg.Add(1)
//	sub, err := nc.Subscribe(subj, func(m *nats.Msg) {
//		received++
//		if received == want {
//			wg.Done()
//		}
//	})
func latchDone(cur inspector.Cursor) bool {
	underIf := false
	for c := cur.Parent(); c.Valid(); c = c.Parent() {
		switch n := c.Node().(type) {
		case *ast.IfStmt:
			underIf = true
		case *ast.FuncDecl:
			return false
		case *ast.FuncLit:
			call, ok := c.Parent().Node().(*ast.CallExpr)
			if !ok || call.Fun == n {
				return false // called in place or by a go statement, or stored
			}
			return underIf
		}
	}
	return false
}

// isLatch reports whether every Done of the group is a latch's.
func (g *group) isLatch() bool {
	return !g.starts && len(g.dones) > 0 && g.latchDones == len(g.dones)
}

// firstStatement reports whether call (a Done of the group) is, as a
// statement, the first statement of its function literal's body that is
// not a defer statement: the goroutine marks itself done before it does
// anything, as in
//
//	cwg.Add(1)
//	go func() {
//		cwg.Done()
//		io.CopyBuffer(console, in, buf) // runs on, unjoined
//	}()
//
// A Done in the declaring function itself is never a first statement
// here; the caller ignores those anyway.
func firstStatement(call inspector.Cursor) bool {
	stmt, ok := call.Parent().Node().(*ast.ExprStmt)
	if !ok || stmt.X != call.Node() {
		return false
	}
	block, ok := call.Parent().Parent().Node().(*ast.BlockStmt)
	if !ok {
		return false
	}
	if _, ok := call.Parent().Parent().Parent().Node().(*ast.FuncLit); !ok {
		return false
	}
	for _, s := range block.List {
		if _, isDefer := s.(*ast.DeferStmt); !isDefer {
			return s == stmt
		}
	}
	return false
}

// isStartBarrier reports whether the group only waits for its goroutines
// to start: every Done in a closure that counts a goroutine (see
// getsGoroutines) is that closure's first statement other than defers.
// Its Wait joins nothing, so a path that skips it leaves behind nothing
// that a Wait would have stopped (containerd's CopyConsole starts its
// console copiers so, and lets them outlive it on every path).
func (g *group) isStartBarrier(fun ast.Node) bool {
	if g.starts {
		return false // Go and TryGo mark done when the function ends
	}
	n := 0
	for i, d := range g.dones {
		if d == fun || slices.Contains(g.addFuncs, d) {
			continue
		}
		if !g.doneFirst[i] {
			return false
		}
		n++
	}
	return n > 0
}
