package unboundedgo

import "go/ast"

// scanner finds the first node, in source order, that one question
// matches in a subtree: does this loop body call Accept, receive, sleep,
// acquire, wait. It keeps its answer for every statement it walks, and a
// statement asks the statements nested in it through the same memo, so
// that asking about every loop of a deep nest walks the function once in
// all, not once per level (which would be quadratic in the depth).
type scanner struct {
	// visit says whether n is a match, and whether to look inside n.
	visit func(n ast.Node) (hit, descend bool)
	memo  map[ast.Stmt]ast.Node // the first match in each statement walked, or nil
}

// newScanner returns a scanner that keeps its answers: for questions
// asked of many nested statements (every loop around a goroutine start).
func newScanner(visit func(ast.Node) (hit, descend bool)) *scanner {
	return &scanner{visit: visit, memo: map[ast.Stmt]ast.Node{}}
}

// firstMatch returns the first node in root that visit matches, by one
// plain walk: for a question asked once per function (its fact), where a
// memo would only cost a map entry per statement.
func firstMatch(root ast.Node, visit func(ast.Node) (hit, descend bool)) ast.Node {
	var found ast.Node
	ast.Inspect(root, func(n ast.Node) bool {
		if found != nil || n == nil {
			return false
		}
		hit, descend := visit(n)
		if hit {
			found = n
		}
		return found == nil && descend
	})
	return found
}

// first returns the first match in root, or nil.
func (s *scanner) first(root ast.Node) ast.Node {
	st, isStmt := root.(ast.Stmt)
	if isStmt {
		if hit, ok := s.memo[st]; ok {
			return hit
		}
	}
	var found ast.Node
	ast.Inspect(root, func(n ast.Node) bool {
		if found != nil || n == nil {
			return false
		}
		if inner, ok := n.(ast.Stmt); ok && n != root {
			found = s.first(inner)
			return false
		}
		hit, descend := s.visit(n)
		if hit {
			found = n
		}
		return found == nil && descend
	})
	if isStmt {
		s.memo[st] = found
	}
	return found
}
