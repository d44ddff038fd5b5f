// Package typematch matches functions and types by package path and name,
// never by how the source spells them (an import may be renamed, a type
// aliased, a method reached through embedding).
package typematch

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"
)

// ErrgroupPath is the import path of golang.org/x/sync/errgroup, whose
// Group several rules know.
const ErrgroupPath = "golang.org/x/sync/errgroup"

// Callee returns the function or method call invokes, or nil (a call of a
// function value, a builtin or a conversion). For generic functions it
// returns the generic declaration, not the instance.
func Callee(info *types.Info, call *ast.CallExpr) *types.Func {
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	if !ok {
		return nil
	}
	return fn.Origin()
}

// Builtin returns the name of the builtin function call invokes (len,
// make, panic...), or "".
func Builtin(info *types.Info, call *ast.CallExpr) string {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return ""
	}
	if b, ok := info.Uses[id].(*types.Builtin); ok {
		return b.Name()
	}
	return ""
}

// IsFunc reports whether fn is the package-level function pkgPath.name.
func IsFunc(fn *types.Func, pkgPath, name string) bool {
	return fn != nil && fn.Name() == name && fn.Pkg() != nil && fn.Pkg().Path() == pkgPath &&
		fn.Signature().Recv() == nil
}

// IsMethod reports whether fn is the method typeName.name declared in
// package pkgPath (on the type or a pointer to it).
func IsMethod(fn *types.Func, pkgPath, typeName, name string) bool {
	if fn == nil || fn.Name() != name {
		return false
	}
	recv := fn.Signature().Recv()
	if recv == nil {
		return false
	}
	return IsNamed(recv.Type(), pkgPath, typeName)
}

// IsNamed reports whether t, or what it points to, is the named type
// pkgPath.name (an instance of it, for generic types).
func IsNamed(t types.Type, pkgPath, name string) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return false
	}
	obj := n.Origin().Obj()
	return obj.Name() == name && obj.Pkg() != nil && obj.Pkg().Path() == pkgPath
}

// IsCallTo reports whether call invokes the function pkgPath.name.
func IsCallTo(info *types.Info, call *ast.CallExpr, pkgPath, name string) bool {
	return IsFunc(Callee(info, call), pkgPath, name)
}

// IsMethodCall reports whether call invokes the method typeName.name of
// package pkgPath.
func IsMethodCall(info *types.Info, call *ast.CallExpr, pkgPath, typeName, name string) bool {
	return IsMethod(Callee(info, call), pkgPath, typeName, name)
}

// IsContext reports whether t is context.Context.
func IsContext(t types.Type) bool { return IsNamed(t, "context", "Context") }

// Imports reports whether pkg imports path directly.
func Imports(pkg *types.Package, path string) bool {
	for _, imp := range pkg.Imports() {
		if imp.Path() == path {
			return true
		}
	}
	return false
}
