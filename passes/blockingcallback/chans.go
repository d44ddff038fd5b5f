package blockingcallback

import (
	"go/ast"
	"go/types"
)

// bufState is what the package's make calls say about a channel
// variable or field.
type bufState uint8

const (
	madeBuffered   bufState = 1 << iota // some make gives it a capacity
	madeUnbuffered                      // some make gives it none
)

// buffered reports whether the channel e denotes (a variable or a
// field) is made buffered by every make that the package stores in it,
// and by at least one. A send on it waits only when the buffer is full:
// a worker channel with room is the fix the rule recommends.
func (c *checker) buffered(e ast.Expr) bool {
	obj := chanObj(c.pass.TypesInfo, e)
	if obj == nil {
		return false
	}
	if c.chans == nil {
		c.chans = c.makes()
	}
	return c.chans[obj] == madeBuffered
}

// chanObj returns the variable or field e names, or nil.
func chanObj(info *types.Info, e ast.Expr) types.Object {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		if obj := info.Uses[e]; obj != nil {
			return obj
		}
		return info.Defs[e]
	case *ast.SelectorExpr:
		return info.Uses[e.Sel]
	}
	return nil
}

// makes walks the package's make(chan T[, n]) calls once, and records
// for each variable or field they are stored in whether they had a
// capacity: in an assignment, a var declaration or a composite literal's
// field.
func (c *checker) makes() map[types.Object]bufState {
	info := c.pass.TypesInfo
	out := map[types.Object]bufState{}
	copied := map[types.Object]bufState{} // kept apart, so that copies are one step
	record := func(dst ast.Expr, call *ast.CallExpr) {
		obj := chanObj(info, dst)
		if obj == nil {
			return
		}
		state := madeUnbuffered
		if len(call.Args) > 1 {
			if tv := info.Types[call.Args[1]]; tv.Value == nil || tv.Value.String() != "0" {
				state = madeBuffered
			}
		}
		out[obj] |= state
	}
	for cur := range c.in.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		if !isMakeChan(info, call) || c.skipped(call.Pos()) {
			continue // a test's fake with no buffer says nothing of the code's channel
		}
		switch p := cur.Parent().Node().(type) {
		case *ast.AssignStmt:
			for i, r := range p.Rhs {
				if r == call && i < len(p.Lhs) {
					record(p.Lhs[i], call)
				}
			}
		case *ast.ValueSpec:
			for i, v := range p.Values {
				if v == call && i < len(p.Names) {
					record(p.Names[i], call)
				}
			}
		case *ast.KeyValueExpr:
			if p.Value == call {
				if id, ok := p.Key.(*ast.Ident); ok {
					record(id, call)
				}
			}
		}
	}
	// One step of copies: a local that holds a make is stored in a
	// field or another variable (outc := make(chan T, 1); ws :=
	// &stream{outc: outc}). One step covers the constructor idiom; a
	// chain of copies is not followed, and its channel counts as
	// unbuffered.
	copyFrom := func(dst, src ast.Expr) {
		id, ok := ast.Unparen(src).(*ast.Ident)
		if !ok {
			return
		}
		from, ok := info.Uses[id].(*types.Var)
		if !ok || out[from] == 0 {
			return
		}
		if to := chanObj(info, dst); to != nil && to != types.Object(from) {
			copied[to] |= out[from]
		}
	}
	for cur := range c.in.Root().Preorder((*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil), (*ast.KeyValueExpr)(nil)) {
		switch p := cur.Node().(type) {
		case *ast.AssignStmt:
			if len(p.Lhs) == len(p.Rhs) {
				for i := range p.Rhs {
					copyFrom(p.Lhs[i], p.Rhs[i])
				}
			}
		case *ast.ValueSpec:
			if len(p.Names) == len(p.Values) {
				for i := range p.Values {
					copyFrom(p.Names[i], p.Values[i])
				}
			}
		case *ast.KeyValueExpr:
			if id, ok := p.Key.(*ast.Ident); ok {
				copyFrom(id, p.Value)
			}
		}
	}
	for obj, state := range copied {
		out[obj] |= state
	}
	return out
}

// isMakeChan reports whether call is make(chan T, ...).
func isMakeChan(info *types.Info, call *ast.CallExpr) bool {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok || len(call.Args) == 0 {
		return false
	}
	if b, ok := info.Uses[id].(*types.Builtin); !ok || b.Name() != "make" {
		return false
	}
	_, ok = info.TypeOf(call.Args[0]).Underlying().(*types.Chan)
	return ok
}
