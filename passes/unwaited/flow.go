package unwaited

import (
	"go/ast"
	"go/token"
	"slices"

	"golang.org/x/tools/go/cfg"
)

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
// A path that branches on a stable condition guarding one of g's Adds or
// Waits (see [stableConds]) keeps its value and takes the same way at the
// next branch on it. That search is bounded (see [maxStatesPerBlock]);
// past the bound, the search runs again without conditions.
//
// An Add in moved does not happen where it sits: it happens on the given
// edge of the graph instead (see [movedAdds]).
func unwaitedPaths(graph *cfg.CFG, g *group, cs *conds, moved map[int]edge) (*ast.CallExpr, []token.Pos) {
	var events []event
	edges := map[edge]int{} // the earliest Add moved to each edge
	for i, a := range g.adds {
		if e, ok := moved[i]; ok {
			if old, seen := edges[e]; !seen || i < old {
				edges[e] = i
			}
			continue
		}
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

	s := &search{graph: graph, events: blockEvents, edges: edges, none: len(g.adds)}
	s.bits = cs.tracked(events)
	if len(s.bits) > 0 && !s.run(maxStatesPerBlock*len(graph.Blocks)) {
		s.bits = nil // too many combinations of conditions: forget them
		s.run(-1)
	} else if len(s.bits) == 0 {
		s.run(-1)
	}
	if s.first == s.none {
		return nil, nil
	}
	slices.Sort(s.returns)
	return g.adds[s.first], s.returns
}

// maxStatesPerBlock bounds the search that remembers conditions: it may
// visit each block with this many different sets of condition values on
// average (four independent conditions, each guarding an Add or a Wait,
// decided at once), so that its cost stays proportional to the function.
// Past the bound the search starts again without conditions, which
// visits a block once per earlier pending Add at worst, and usually once:
// it may then report a path that adds under a condition and skips the
// Wait under the same condition.
const maxStatesPerBlock = 16

// search finds, for every block, the earliest Add (in source order) that
// some path from the entry carries there without a Wait.
//
// A state is a block and the values of the tracked conditions decided on
// the way; each state keeps the earliest pending Add over the paths that
// reach it (none when every such path waited), which is all the answer
// needs: a later Add or a Wait changes the earliest pending Add the same
// way whichever path came first, so merging paths at a state loses
// nothing, and a state is visited again only when its Add gets earlier.
type search struct {
	graph  *cfg.CFG
	events [][]event
	edges  map[edge]int      // Adds that happen on an edge rather than in a block
	bits   map[int32]condBit // tracked condition blocks; nil for the condition-free search
	none   int               // the pending value for "no Add pending": len(adds)

	first   int         // the earliest Add carried to a return, or none
	returns []token.Pos // the returns reached with an Add pending
	seenRet map[token.Pos]bool
}

// condBit is how a block that branches on a tracked condition updates a
// path's condition values.
type condBit struct {
	bit     uint64
	negated bool // the block branches on !cond
}

// edge is a block's i-th successor edge.
type edge struct{ block, succ int32 }

type state struct {
	block        int32
	known, value uint64 // tracked conditions decided on this path, and their values
}

// run searches from the entry; it gives up and returns false once it has
// made more than budget states (budget < 0: no limit).
func (s *search) run(budget int) bool {
	s.first, s.returns, s.seenRet = s.none, nil, map[token.Pos]bool{}
	pending := map[state]int{} // the earliest pending Add at each state reached
	type item struct {
		st state
		p  int
	}
	var queue []item // a state is queued again when its pending Add gets earlier
	visit := func(st state, p int) bool {
		old, seen := pending[st]
		if seen && old <= p {
			return true
		}
		if !seen && budget >= 0 && len(pending) >= budget {
			return false
		}
		pending[st] = p
		queue = append(queue, item{st, p})
		return true
	}
	visit(state{}, s.none)
	for len(queue) > 0 {
		it := queue[0]
		queue = queue[1:]
		st := it.st
		if pending[st] < it.p {
			continue // queued again with an earlier Add
		}
		b := s.graph.Blocks[st.block]
		p, covered := it.p, false
		for _, e := range s.events[b.Index] {
			switch e.kind {
			case evAdd:
				p = min(p, e.add)
			case evWait:
				p = s.none
			case evDeferWait:
				covered = true
			}
		}
		if covered {
			continue // the deferred Wait runs on every return from here
		}
		if len(b.Succs) == 0 {
			if ret := b.Return(); ret != nil && p < s.none {
				s.first = min(s.first, p)
				if !s.seenRet[ret.Return] {
					s.seenRet[ret.Return] = true
					s.returns = append(s.returns, ret.Return)
				}
			}
			continue // a return, or a call that does not return
		}
		cb, isCond := s.bits[b.Index]
		for i, succ := range b.Succs { // Succs[0] is taken when the condition holds
			next := state{succ.Index, st.known, st.value}
			if isCond {
				holds := (i == 0) != cb.negated
				if st.known&cb.bit != 0 && (st.value&cb.bit != 0) != holds {
					continue // this path already decided the condition the other way
				}
				next.known |= cb.bit
				next.value &^= cb.bit
				if holds {
					next.value |= cb.bit
				}
			}
			np := p
			if a, ok := s.edges[edge{b.Index, int32(i)}]; ok {
				np = min(np, a)
			}
			if !visit(next, np) {
				return false
			}
		}
	}
	return true
}
