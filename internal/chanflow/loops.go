package chanflow

import (
	"go/ast"
	"go/token"
)

// EarlyExit returns the first statement in loop's body that leaves the
// loop before its own end: a return, a break out of it, a goto to a label
// outside it. Nodes for which skip is true are not looked into (the
// branch taken once a channel is closed, say); function literals never
// are. It returns nil when the loop ends only by its condition, its range
// or a call that does not return.
//
// A labeled continue is taken to continue this loop: an early exit only
// when it names an outer loop, which this syntax-only view cannot tell.
func EarlyExit(loop ast.Stmt, skip func(ast.Node) bool) ast.Stmt {
	var body *ast.BlockStmt
	switch l := loop.(type) {
	case *ast.ForStmt:
		body = l.Body
	case *ast.RangeStmt:
		body = l.Body
	default:
		return nil
	}
	labels := map[string]bool{} // labels declared inside the loop
	ast.Inspect(body, func(n ast.Node) bool {
		if l, ok := n.(*ast.LabeledStmt); ok {
			labels[l.Label.Name] = true
		}
		return true
	})
	var exit ast.Stmt
	var stack []ast.Node
	ast.Inspect(body, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return false
		}
		if exit != nil || skip != nil && skip(n) {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			exit = n
			return false
		case *ast.BranchStmt:
			if leavesLoop(n, stack, labels) {
				exit = n
			}
			return false
		}
		stack = append(stack, n)
		return true
	})
	return exit
}

// leavesLoop reports whether branch statement b, at the walk position
// stack inside a loop's body, leaves that loop.
func leavesLoop(b *ast.BranchStmt, stack []ast.Node, labels map[string]bool) bool {
	switch b.Tok {
	case token.GOTO:
		return !labels[b.Label.Name]
	case token.FALLTHROUGH, token.CONTINUE:
		return false
	}
	if b.Label != nil {
		return !labels[b.Label.Name] // a label of this loop or of an outer statement
	}
	for i := len(stack) - 1; i >= 0; i-- {
		switch stack[i].(type) {
		case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
			return false // breaks an inner statement
		}
	}
	return true
}
