package cancelledcleanup

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"go/version"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

const (
	fixDetach  = "Use context.WithoutCancel"
	fixTimeout = "Use context.WithoutCancel with a timeout"
	// cleanupTimeout is the bound the timeout fix writes; the doc tells
	// the user to adjust it.
	cleanupTimeout = "10*%s.Second"
)

// fixes returns the suggested fixes for the cancelled context arg of
// call: detach it with context.WithoutCancel, or detach it and bound the
// cleanup with a timeout (not for a go statement, whose call would need
// a literal of its own). None before Go 1.21, or when the names the
// fixes need are taken.
func (c *checker) fixes(call *ast.CallExpr, arg ast.Expr) []analysis.SuggestedFix {
	file := c.fileOf(arg.Pos())
	if file == nil {
		return nil
	}
	if v := c.pass.TypesInfo.FileVersions[file]; v != "" && version.Compare(v, "go1.21") < 0 {
		return nil // no context.WithoutCancel
	}
	ctxName, ctxImport, ok := c.pkgName(file, "context", arg.Pos())
	if !ok {
		return nil
	}
	src := types.ExprString(arg)
	detached := fmt.Sprintf("%s.WithoutCancel(%s)", ctxName, src)
	var out []analysis.SuggestedFix
	out = append(out, analysis.SuggestedFix{
		Message:   fixDetach,
		TextEdits: append([]analysis.TextEdit{{Pos: arg.Pos(), End: arg.End(), NewText: []byte(detached)}}, ctxImport...),
	})
	if t := c.timeoutFix(file, call, arg, ctxName, ctxImport, detached); t != nil {
		out = append(out, *t)
	}
	return out
}

// timeoutFix declares a bounded, detached context before the statement
// holding call (or inside a new deferred literal for a deferred call)
// and passes it instead of arg.
func (c *checker) timeoutFix(file *ast.File, call *ast.CallExpr, arg ast.Expr, ctxName string, ctxImport []analysis.TextEdit, detached string) *analysis.SuggestedFix {
	cur, ok := c.calls[call]
	if !ok {
		return nil
	}
	timeName, timeImport, ok := c.pkgName(file, "time", call.Pos())
	if !ok {
		return nil
	}
	if timeImport != nil && ctxImport != nil {
		timeImport = nil
		ctxImport = c.addImports(file, "context", "time")
	}
	stmt, inDefer := statementOf(cur)
	if stmt == nil {
		return nil
	}
	ctxVar, cancelVar, ok := c.freshNames(stmt.Pos(), "cleanupCtx", "cancelCleanup")
	if !ok {
		return nil
	}
	decl := fmt.Sprintf("%s, %s := %s.WithTimeout(%s, "+cleanupTimeout+")", ctxVar, cancelVar, ctxName, detached, timeName)
	indent := c.indentOf(stmt.Pos())
	var edits []analysis.TextEdit
	if inDefer {
		// defer f(ctx) -> defer func() { ...; f(cleanupCtx) }()
		text := c.source(call.Pos(), arg.Pos()) + ctxVar + c.source(arg.End(), call.End())
		lit := fmt.Sprintf("func() {\n%[1]s\t%[2]s\n%[1]s\tdefer %[3]s()\n%[1]s\t%[4]s\n%[1]s}()", indent, decl, cancelVar, text)
		edits = append(edits, analysis.TextEdit{Pos: call.Pos(), End: call.End(), NewText: []byte(lit)})
	} else {
		pre := fmt.Sprintf("%s\n%sdefer %s()\n%s", decl, indent, cancelVar, indent)
		edits = append(edits,
			analysis.TextEdit{Pos: stmt.Pos(), End: stmt.Pos(), NewText: []byte(pre)},
			analysis.TextEdit{Pos: arg.Pos(), End: arg.End(), NewText: []byte(ctxVar)})
	}
	edits = append(edits, ctxImport...)
	edits = append(edits, timeImport...)
	return &analysis.SuggestedFix{Message: fixTimeout, TextEdits: edits}
}

// statementOf returns the statement before which the timeout fix
// declares its context: the innermost statement around the call that
// sits in a statement list, when the call is evaluated there (not in a
// literal, not a go statement's call, not in a loop's header). For a
// deferred call it returns the defer statement and true.
func statementOf(cur inspector.Cursor) (ast.Stmt, bool) {
	call := cur.Node()
	for c := cur.Parent(); c.Node() != nil; c = c.Parent() {
		switch n := c.Node().(type) {
		case *ast.FuncLit:
			return nil, false
		case *ast.GoStmt:
			return nil, false
		case *ast.DeferStmt:
			return n, n.Call == call
		case *ast.ForStmt, *ast.RangeStmt, *ast.SelectStmt, *ast.TypeSwitchStmt, *ast.LabeledStmt:
			return nil, false
		case ast.Stmt:
			switch c.Parent().Node().(type) {
			case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
				return n, false
			}
		}
	}
	return nil, false
}

// fileOf returns the file of the package that holds pos.
func (c *checker) fileOf(pos token.Pos) *ast.File {
	for _, f := range c.pass.Files {
		if f.FileStart <= pos && pos < f.FileEnd {
			return f
		}
	}
	return nil
}

// pkgName returns the name under which file refers to the package path
// at pos, and the edits that import it when file does not; ok is false
// when the package cannot be named there (a blank or dot import, or the
// name is taken by something else).
func (c *checker) pkgName(file *ast.File, path string, pos token.Pos) (string, []analysis.TextEdit, bool) {
	for _, spec := range file.Imports {
		p, _ := strconv.Unquote(spec.Path.Value)
		if p != path {
			continue
		}
		name := path
		if spec.Name != nil {
			name = spec.Name.Name
		}
		if name == "_" || name == "." {
			return "", nil, false
		}
		if !c.declaredInRoot(name) {
			return name, nil, true // no local shadows the import
		}
		_, obj := c.scopeAt(pos).LookupParent(name, pos)
		if pn, ok := obj.(*types.PkgName); !ok || pn.Imported().Path() != path {
			return "", nil, false // shadowed
		}
		return name, nil, true
	}
	if c.declaredInRoot(path) || c.pass.Pkg.Scope().Lookup(path) != nil || fileDeclares(file, path) {
		return "", nil, false // the name is taken: the import would clash
	}
	return path, c.addImports(file, path), true
}

// addImports returns the edits that add the given import paths to file.
func (c *checker) addImports(file *ast.File, paths ...string) []analysis.TextEdit {
	var lines bytes.Buffer
	for _, p := range paths {
		fmt.Fprintf(&lines, "\t%q\n", p)
	}
	for _, d := range file.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.IMPORT {
			continue
		}
		if g.Lparen.IsValid() {
			return []analysis.TextEdit{{Pos: g.Rparen, End: g.Rparen, NewText: lines.Bytes()}}
		}
		// import "x" -> import ( "x"; new )
		text := "import (\n\t" + c.source(g.Specs[0].Pos(), g.Specs[0].End()) + "\n" + lines.String() + ")"
		return []analysis.TextEdit{{Pos: g.Pos(), End: g.End(), NewText: []byte(text)}}
	}
	text := "\n\nimport (\n" + lines.String() + ")"
	return []analysis.TextEdit{{Pos: file.Name.End(), End: file.Name.End(), NewText: []byte(text)}}
}

// freshNames returns names, or names with a number appended, that
// nothing declares at pos.
func (c *checker) freshNames(pos token.Pos, names ...string) (string, string, bool) {
	if !c.declaredInRoot(names[0]) && !c.declaredInRoot(names[1]) &&
		c.pass.Pkg.Scope().Lookup(names[0]) == nil && c.pass.Pkg.Scope().Lookup(names[1]) == nil &&
		types.Universe.Lookup(names[0]) == nil && types.Universe.Lookup(names[1]) == nil {
		return names[0], names[1], true // no scope can declare them: skip the walk up the scopes
	}
	scope := c.scopeAt(pos)
	for n := 1; n <= 9; n++ {
		suffix := ""
		if n > 1 {
			suffix = strconv.Itoa(n)
		}
		a, b := names[0]+suffix, names[1]+suffix
		if _, o := scope.LookupParent(a, pos); o != nil {
			continue
		}
		if _, o := scope.LookupParent(b, pos); o != nil {
			continue
		}
		return a, b, true
	}
	return "", "", false
}

func (c *checker) scopeAt(pos token.Pos) *types.Scope {
	if s := c.pass.Pkg.Scope().Innermost(pos); s != nil {
		return s
	}
	return c.pass.Pkg.Scope()
}

// source returns the file's text between two positions.
func (c *checker) source(from, to token.Pos) string {
	tf := c.pass.Fset.File(from)
	if tf == nil {
		return ""
	}
	b, ok := c.texts[tf.Name()]
	if !ok {
		var err error
		if b, err = c.pass.ReadFile(tf.Name()); err != nil {
			b = nil
		}
		c.texts[tf.Name()] = b // read once: a file with n findings is not read n times
	}
	start, end := tf.Offset(from), tf.Offset(to)
	if start < 0 || end > len(b) || start > end {
		return ""
	}
	return string(b[start:end])
}

// indentOf returns the whitespace that starts the line of pos.
func (c *checker) indentOf(pos token.Pos) string {
	tf := c.pass.Fset.File(pos)
	if tf == nil {
		return ""
	}
	lineStart := tf.LineStart(tf.Line(pos))
	s := c.source(lineStart, pos)
	for i, r := range s {
		if r != ' ' && r != '\t' {
			return s[:i]
		}
	}
	return s
}

// declaredInRoot reports whether the current declaration declares name
// anywhere (a parameter, a local, a label). The set is built once per
// declaration, so that n fixes in a deeply nested function do not each
// climb n scopes.
func (c *checker) declaredInRoot(name string) bool {
	if c.rootNames == nil {
		c.rootNames = map[string]bool{}
		ast.Inspect(c.root, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && c.pass.TypesInfo.Defs[id] != nil {
				c.rootNames[id.Name] = true
			}
			return true
		})
	}
	return c.rootNames[name]
}

// fileDeclares reports whether file imports some package under name.
func fileDeclares(file *ast.File, name string) bool {
	for _, spec := range file.Imports {
		if spec.Name != nil && spec.Name.Name == name {
			return true
		}
		if p, _ := strconv.Unquote(spec.Path.Value); spec.Name == nil && (p == name || strings.HasSuffix(p, "/"+name)) {
			return true
		}
	}
	return false
}
