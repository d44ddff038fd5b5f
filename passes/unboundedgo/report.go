package unboundedgo

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"
	"unicode"

	"github.com/asynclint/asynclint/internal/report"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// defaultLimit is the value of the constant the suggested fix introduces:
// the chapter's Semaphore(10), a starting point for I/O-bound work that
// the user is expected to tune.
const defaultLimit = 10

// fixTitle is the suggested fix's title; golden files are keyed by it.
const fixTitle = "Limit the group's goroutines"

func (c *checker) report(s *spawn, l *inputLoop) {
	const bound = "bound them with errgroup.SetLimit, a semaphore or a worker pool"
	var msg string
	switch s.kind {
	case goStmt:
		msg = fmt.Sprintf("goroutine started for each %s with no limit on how many run at once; %s", l.what, bound)
	case waitGroupGo:
		msg = fmt.Sprintf("%s.Go starts a goroutine for each %s with no limit on how many run at once; %s",
			types.ExprString(s.sel.X), l.what, bound)
	case errgroupGo:
		g := types.ExprString(s.sel.X)
		msg = fmt.Sprintf("%s.Go starts a goroutine for each %s and %s has no limit; call %s.SetLimit before the loop",
			g, l.what, g, g)
	}
	d := analysis.Diagnostic{
		Pos:     s.node.Pos(),
		End:     s.node.End(),
		Message: msg,
		Related: []analysis.RelatedInformation{{Pos: l.stmt.Pos(), End: l.stmt.Pos() + token.Pos(len("for")), Message: "the loop runs once per " + l.what}},
	}
	if s.kind == errgroupGo && !c.fixed[s.group] {
		if fix, ok := c.setLimitFix(s); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{fix}
			c.fixed[s.group] = true // one fix per group, however many loops use it
		}
	}
	report.Report(c.pass, d)
}

// setLimitFix inserts g.SetLimit(name) right after the statement that
// declares s's group, and const name = 10 above the enclosing function
// declaration. It offers nothing when the group is not declared by a
// statement of its own (an if or for header).
func (c *checker) setLimitFix(s *spawn) (analysis.SuggestedFix, bool) {
	decl, ok := declaringStmt(s.cur, s.group)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	var fd *ast.FuncDecl
	for enc := range s.cur.Enclosing((*ast.FuncDecl)(nil)) {
		fd = enc.Node().(*ast.FuncDecl)
	}
	if fd == nil {
		return analysis.SuggestedFix{}, false
	}
	name := c.constName(fd, decl.End())
	indent, ok := c.indentOf(decl)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	top := fd.Pos()
	if fd.Doc != nil {
		top = fd.Doc.Pos()
	}
	constDecl := fmt.Sprintf("// %s caps how many goroutines %s runs at once: tune it to the work.\nconst %s = %d\n\n",
		name, fd.Name.Name, name, defaultLimit)
	return analysis.SuggestedFix{
		Message: fixTitle,
		TextEdits: []analysis.TextEdit{
			{Pos: top, End: top, NewText: []byte(constDecl)},
			{Pos: decl.End(), End: decl.End(), NewText: fmt.Appendf(nil, "\n%s%s.SetLimit(%s)", indent, s.group.Name(), name)},
		},
	}, true
}

// declaringStmt returns the statement that declares v (g := ..., var g
// errgroup.Group), if it stands in a statement list.
func declaringStmt(from inspector.Cursor, v *types.Var) (ast.Stmt, bool) {
	body := enclosingFuncBody(from)
	if body == nil {
		return nil, false
	}
	var found ast.Stmt
	ast.Inspect(body, func(n ast.Node) bool {
		if found != nil {
			return false
		}
		switch n := n.(type) {
		case *ast.BlockStmt:
			for _, st := range n.List {
				if declares(st, v) {
					found = st
					return false
				}
			}
		case *ast.CaseClause:
			for _, st := range n.Body {
				if declares(st, v) {
					found = st
					return false
				}
			}
		case *ast.CommClause:
			for _, st := range n.Body {
				if declares(st, v) {
					found = st
					return false
				}
			}
		}
		return true
	})
	return found, found != nil
}

// declares reports whether statement st declares v.
func declares(st ast.Stmt, v *types.Var) bool {
	switch st := st.(type) {
	case *ast.AssignStmt:
		if st.Tok != token.DEFINE {
			return false
		}
		for _, lhs := range st.Lhs {
			if id, ok := lhs.(*ast.Ident); ok && id.Pos() == v.Pos() {
				return true
			}
		}
	case *ast.DeclStmt:
		gd, ok := st.Decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.VAR {
			return false
		}
		for _, spec := range gd.Specs {
			for _, name := range spec.(*ast.ValueSpec).Names {
				if name.Pos() == v.Pos() {
					return true
				}
			}
		}
	}
	return false
}

// constName returns a name for the limit constant, from the function's
// name, that no declaration in the package or in scope at pos uses.
func (c *checker) constName(fd *ast.FuncDecl, pos token.Pos) string {
	r := []rune(fd.Name.Name)
	r[0] = unicode.ToLower(r[0])
	base := string(r) + "Limit"
	scope := c.pass.Pkg.Scope().Innermost(pos)
	for i := 1; ; i++ {
		name := base
		if i > 1 {
			name = fmt.Sprintf("%s%d", base, i)
		}
		if c.pass.Pkg.Scope().Lookup(name) == nil && (scope == nil || scope.Lookup(name) == nil && lookupParent(scope, name, pos) == nil) && !c.names[name] {
			if c.names == nil {
				c.names = map[string]bool{}
			}
			c.names[name] = true
			return name
		}
	}
}

func lookupParent(scope *types.Scope, name string, pos token.Pos) types.Object {
	_, obj := scope.LookupParent(name, pos)
	return obj
}

// indentOf returns the whitespace before st on its line.
func (c *checker) indentOf(st ast.Stmt) (string, bool) {
	tf := c.pass.Fset.File(st.Pos())
	if tf == nil {
		return "", false
	}
	src, err := c.pass.ReadFile(tf.Name())
	if err != nil {
		return "", false
	}
	start := tf.Offset(tf.LineStart(tf.Line(st.Pos())))
	end := tf.Offset(st.Pos())
	if start > end || end > len(src) {
		return "", false
	}
	indent := string(src[start:end])
	if strings.TrimSpace(indent) != "" {
		return "", false // something else precedes it on the line
	}
	return indent, true
}
