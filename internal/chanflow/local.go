package chanflow

import (
	"go/ast"
	"go/constant"
	"go/types"

	"github.com/asynclint/asynclint/internal/astmatch"
	"github.com/asynclint/asynclint/internal/typematch"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"
)

// Chan is a channel made in a function and held in a local variable,
// with what the function and the goroutines it starts do to it.
type Chan struct {
	Var  *types.Var
	Make *ast.CallExpr
	Cap  int64 // the buffer capacity; -1 when it is not a constant

	Func  ast.Node       // the *ast.FuncDecl or *ast.FuncLit that makes it
	Body  *ast.BlockStmt // Func's body
	CFG   *cfg.CFG       // Body's control-flow graph
	Graph *Graph         // the same, with an index of its nodes

	// Own is what Func does with the channel outside the goroutines it
	// starts (function literals called in place or kept as closures
	// included).
	Own Use
	// Spawns are the goroutines Func starts that use the channel.
	Spawns []*Spawn

	env      *env // for the questions asked later (DeferCloses)
	closures closures
}

// Escapes reports whether the channel leaves what chanflow can follow:
// assigned again or aliased, stored, returned, sent, or passed to a
// function or goroutine without a summary.
func (c *Chan) Escapes() bool {
	if c.Own.Escapes {
		return true
	}
	for _, s := range c.Spawns {
		if s.Use.Escapes {
			return true
		}
	}
	return false
}

// Spawner returns the spawn whose goroutine function is lit, or nil.
func (c *Chan) Spawner(lit *ast.FuncLit) *Spawn {
	for _, s := range c.Spawns {
		if s.Lit == lit {
			return s
		}
	}
	return nil
}

// maxChansPerFunc bounds the channels followed in one function: each one
// costs a walk of the function's body and graph (and the rules' searches
// over them), so a function making many channels would cost their number
// times its size. Channels made after the first maxChansPerFunc of a
// function are not followed, and no rule judges them; hand-written
// functions stay far below it.
const maxChansPerFunc = 32

// findChans lists the package's local channels.
func findChans(e *env, in *inspector.Inspector) []*Chan {
	info := e.info
	var out []*Chan
	perBody := map[*ast.BlockStmt]int{}
	for cur := range in.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		if !isChanMake(info, call) {
			continue
		}
		// The variable the make is assigned to.
		var lhs *ast.Ident
		switch p := cur.Parent().Node().(type) {
		case *ast.AssignStmt:
			if len(p.Lhs) == len(p.Rhs) {
				for i, r := range p.Rhs {
					if r == call {
						lhs = astmatch.Ident(p.Lhs[i])
					}
				}
			}
		case *ast.ValueSpec:
			if len(p.Names) == len(p.Values) {
				for i, r := range p.Values {
					if r == call {
						lhs = p.Names[i]
					}
				}
			}
		}
		if lhs == nil {
			continue
		}
		v, ok := info.ObjectOf(lhs).(*types.Var)
		if !ok || v.IsField() {
			continue
		}
		var fun inspector.Cursor
		for f := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
			fun = f
			break
		}
		if !fun.Valid() {
			continue
		}
		var body *ast.BlockStmt
		switch f := fun.Node().(type) {
		case *ast.FuncDecl:
			body = f.Body
		case *ast.FuncLit:
			body = f.Body
		}
		if body == nil || v.Pos() < body.Pos() || v.Pos() >= body.End() {
			continue // a package variable, or one captured from an outer function
		}
		if perBody[body] == maxChansPerFunc {
			continue // each channel costs a walk of the function: enough
		}
		perBody[body]++
		g := e.graph(body)
		own, spawns := analyze(e, body, map[*types.Var]bool{v: true}, lhs, true)
		c := &Chan{Var: v, Make: call, Cap: -1, Func: fun.Node(), Body: body, CFG: g.CFG, Graph: g, Own: own, Spawns: spawns, env: e}
		if len(call.Args) == 1 {
			c.Cap = 0
		} else if tv := info.Types[call.Args[1]]; tv.Value != nil {
			if n, exact := constant.Int64Val(constant.ToInt(tv.Value)); exact {
				c.Cap = n
			}
		}
		out = append(out, c)
	}
	return out
}

// isChanMake reports whether call is make(chan T[, n]).
func isChanMake(info *types.Info, call *ast.CallExpr) bool {
	if len(call.Args) == 0 || len(call.Args) > 2 {
		return false
	}
	if typematch.Builtin(info, call) != "make" {
		return false
	}
	return isChan(info.TypeOf(call.Args[0]))
}
