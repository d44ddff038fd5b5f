package unwaited

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"github.com/asynclint/asynclint/internal/typematch"
	"golang.org/x/tools/go/cfg"
)

// buildCFG builds the control-flow graph of body, cutting the edges after
// calls that do not return normally.
func buildCFG(info *types.Info, body *ast.BlockStmt) *cfg.CFG {
	return cfg.New(body, func(call *ast.CallExpr) bool { return !noReturn(info, call) })
}

// noReturn reports whether call never returns to its caller normally:
// panic, os.Exit, runtime.Goexit, log.Fatal* and log.Panic* (functions
// and *log.Logger methods), and the testing methods that stop a test
// (Fatal, Fatalf, FailNow, Skip, Skipf, SkipNow on T, B, F or TB).
func noReturn(info *types.Info, call *ast.CallExpr) bool {
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if b, ok := info.Uses[id].(*types.Builtin); ok {
			return b.Name() == "panic"
		}
	}
	fn := typematch.Callee(info, call)
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	name := fn.Name()
	switch fn.Pkg().Path() {
	case "os":
		return typematch.IsFunc(fn, "os", "Exit")
	case "syscall":
		return typematch.IsFunc(fn, "syscall", "Exit")
	case "runtime":
		return typematch.IsFunc(fn, "runtime", "Goexit")
	case "log":
		return strings.HasPrefix(name, "Fatal") || strings.HasPrefix(name, "Panic")
	case "testing":
		switch name {
		case "Fatal", "Fatalf", "FailNow", "Skip", "Skipf", "SkipNow":
			return fn.Signature().Recv() != nil
		}
	}
	return false
}

// event kinds, in the order they apply when one statement holds several.
const (
	evAdd = iota
	evWait
	evDeferWait
)

type event struct {
	pos  token.Pos
	kind int
	add  int // index into group.adds for evAdd
}

// unwaitedPaths walks the paths of graph from its entry and returns the
// first Add/Go call of g (in source order) that some path carries to a
// return without a Wait in between, with the returns such paths reach, in
// source order; or nil if every path waits. A path that runs defer
// g.Wait() is covered from there on; a path that ends in a call that does
// not return (panic, os.Exit, t.Fatal) never returns normally.
//
// A path that branches on a stable condition (see [stableConds]) keeps
// its value and takes the same way at the next branch on it.
func unwaitedPaths(graph *cfg.CFG, g *group, cs *conds) (*ast.CallExpr, []token.Pos) {
	var events []event
	for i, a := range g.adds {
		events = append(events, event{a.Pos(), evAdd, i})
	}
	for _, p := range g.waits {
		events = append(events, event{pos: p, kind: evWait})
	}
	for _, p := range g.deferWaits {
		events = append(events, event{pos: p, kind: evDeferWait})
	}
	slices.SortFunc(events, func(a, b event) int { return int(a.pos - b.pos) })

	// The events each block runs, in order.
	blockEvents := make([][]event, len(graph.Blocks))
	for _, b := range graph.Blocks {
		for _, n := range b.Nodes {
			lo, _ := slices.BinarySearchFunc(events, n.Pos(), func(e event, p token.Pos) int { return int(e.pos - p) })
			for i := lo; i < len(events) && events[i].pos < n.End(); i++ {
				blockEvents[b.Index] = append(blockEvents[b.Index], events[i])
			}
		}
	}

	// Search over (block, earliest add not yet waited for) states: at
	// most blocks × (adds+1) of them.
	type state struct {
		block        int32
		pending      int    // index into g.adds, or -1
		known, value uint64 // conditions decided on this path, and their values
	}
	seen := map[state]bool{}
	queue := []state{{0, -1, 0, 0}}
	first := -1
	var returns []token.Pos
	for len(queue) > 0 {
		s := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		if seen[s] {
			continue
		}
		seen[s] = true
		b := graph.Blocks[s.block]
		pending, covered := s.pending, false
		for _, e := range blockEvents[b.Index] {
			switch e.kind {
			case evAdd:
				if pending < 0 || e.add < pending {
					pending = e.add
				}
			case evWait:
				pending = -1
			case evDeferWait:
				covered = true
			}
		}
		if covered {
			continue // the deferred Wait runs on every return from here
		}
		if len(b.Succs) == 0 {
			if ret := b.Return(); ret != nil && pending >= 0 {
				if first < 0 || pending < first {
					first = pending
				}
				if !slices.Contains(returns, ret.Return) {
					returns = append(returns, ret.Return)
				}
			}
			continue // a return, or a call that does not return
		}
		id, isCond := cs.key[b.Index]
		if !isCond {
			for _, succ := range b.Succs {
				queue = append(queue, state{succ.Index, pending, s.known, s.value})
			}
			continue
		}
		bit := uint64(1) << id
		for i, succ := range b.Succs { // Succs[0] is taken when the condition holds
			holds := (i == 0) != cs.negated[b.Index]
			if s.known&bit != 0 && (s.value&bit != 0) != holds {
				continue // this path already decided the condition the other way
			}
			value := s.value &^ bit
			if holds {
				value |= bit
			}
			queue = append(queue, state{succ.Index, pending, s.known | bit, value})
		}
	}
	if first < 0 {
		return nil, nil
	}
	slices.Sort(returns)
	return g.adds[first], returns
}
