package lostresult

import (
	"go/ast"
	"go/types"
	"regexp"
	"strings"

	"github.com/asynclint/asynclint/internal/astmatch"
	"golang.org/x/tools/go/types/typeutil"
)

// loggingPackages are the last elements (without a /vN suffix) of the
// paths of packages whose functions and methods are taken for logging:
// log and log/slog, klog, glog, zap, logrus, zerolog, hclog, logr, go-kit's
// log, ipfs's go-log, and a project's own log, logger or logging package.
var loggingPackages = map[string]bool{
	"log": true, "slog": true, "logger": true, "logging": true, "klog": true, "glog": true,
	"zap": true, "logrus": true, "zerolog": true, "go-hclog": true, "hclog": true,
	"logr": true, "go-log": true, "golog": true,
}

var majorSuffix = regexp.MustCompile(`/v[0-9]+$`)

// isLoggingFunc reports whether fn belongs to a logging package, judged
// by the last element of its package path.
func isLoggingFunc(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	path := majorSuffix.ReplaceAllString(fn.Pkg().Path(), "")
	return loggingPackages[path[strings.LastIndex(path, "/")+1:]]
}

// logsEveryError reports whether every return of d that can carry an
// error is the statement right after a logging call that mentions the
// returned error, and at least one is, as in
//
//	if err := s.sync(); err != nil {
//		log.Printf("sync: %v", err)
//		return err
//	}
//
// The function then reports its failures itself; the caller's copy is spare.
func logsEveryError(info *types.Info, fn *types.Func, d *ast.FuncDecl) bool {
	idx := errorIndex(fn.Signature())
	if idx < 0 {
		return false
	}
	prev := map[*ast.ReturnStmt]ast.Stmt{}
	note := func(list []ast.Stmt) {
		for i, s := range list {
			if r, ok := s.(*ast.ReturnStmt); ok && i > 0 {
				prev[r] = list[i-1]
			}
		}
	}
	ast.Inspect(d.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.BlockStmt:
			note(n.List)
		case *ast.CaseClause:
			note(n.Body)
		case *ast.CommClause:
			note(n.Body)
		}
		return true
	})
	logged := 0
	ok := astmatch.EachReturn(d.Body, func(r *ast.ReturnStmt) bool {
		if len(r.Results) != idx+1 {
			return false // a bare return or a forwarded call: not proved
		}
		e := r.Results[idx]
		if astmatch.IsNil(info, e) {
			return true
		}
		vars := errorVars(info, e)
		if len(vars) == 0 || !logsVar(info, prev[r], vars) {
			return false
		}
		logged++
		return true
	})
	return ok && logged > 0
}

// errorVars returns the error-typed variables that e mentions: err in
// return err or return fmt.Errorf("x: %w", err).
func errorVars(info *types.Info, e ast.Expr) map[types.Object]bool {
	vars := map[types.Object]bool{}
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if v, ok := info.Uses[id].(*types.Var); ok && types.Implements(v.Type(), errorType.Underlying().(*types.Interface)) {
				vars[v] = true
			}
		}
		return true
	})
	return vars
}

// logsVar reports whether s is a call statement to a logging function
// whose arguments mention one of vars, zap.Error(err) and the like
// included.
func logsVar(info *types.Info, s ast.Stmt, vars map[types.Object]bool) bool {
	es, ok := s.(*ast.ExprStmt)
	if !ok {
		return false
	}
	call, ok := ast.Unparen(es.X).(*ast.CallExpr)
	if !ok {
		return false
	}
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	if !isLoggingFunc(fn) {
		return false
	}
	found := false
	ast.Inspect(call, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && vars[info.Uses[id]] {
			found = true
		}
		return !found
	})
	return found
}
