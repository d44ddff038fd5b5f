package chanflow

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"sync"

	"golang.org/x/tools/go/cfg"
)

// env is what the analyses of one package share: its types, the summaries
// of the functions it calls, and the graph of every body already built,
// so that the channels of one function, and the goroutine literals every
// one of them looks into, reuse one graph.
type env struct {
	info   *types.Info
	lookup func(*types.Func) *Summary
	cfg    func(*ast.BlockStmt) *cfg.CFG // builds a body's graph, cut at calls that never return

	mu     sync.Mutex // rules of one package may ask concurrently
	graphs map[*ast.BlockStmt]*Graph
	uses   map[*types.Var][]token.Pos // the positions of each variable's uses, sorted; made on first need
}

func newEnv(info *types.Info, lookup func(*types.Func) *Summary, cfg func(*ast.BlockStmt) *cfg.CFG) *env {
	return &env{info: info, lookup: lookup, cfg: cfg, graphs: map[*ast.BlockStmt]*Graph{}}
}

// graph returns body's graph, building it on first use.
func (e *env) graph(body *ast.BlockStmt) *Graph {
	e.mu.Lock()
	defer e.mu.Unlock()
	g, ok := e.graphs[body]
	if !ok {
		g = newGraph(e.cfg(body))
		e.graphs[body] = g
	}
	return g
}

// usedIn reports whether v is used in [pos, end).
func (e *env) usedIn(v *types.Var, pos, end token.Pos) bool {
	e.mu.Lock()
	if e.uses == nil {
		e.uses = map[*types.Var][]token.Pos{}
		for id, obj := range e.info.Uses {
			if v, ok := obj.(*types.Var); ok {
				e.uses[v] = append(e.uses[v], id.Pos())
			}
		}
		for _, ps := range e.uses {
			slices.Sort(ps)
		}
	}
	ps := e.uses[v]
	e.mu.Unlock()
	i, _ := slices.BinarySearch(ps, pos)
	return i < len(ps) && ps[i] < end
}

// Graph is a body's control-flow graph with what chanflow works out once
// about it, so that every question a channel asks of it costs time in
// proportion to the graph, or less: its strongly connected components (which
// blocks lie on a cycle, and an order in which every edge that is not
// inside a cycle goes forward), whether it can return, and an index from
// source positions to the nodes that hold them.
type Graph struct {
	*cfg.CFG
	finishes bool      // a live block returns
	cyclic   []bool    // block index -> the block lies on a cycle
	sccs     [][]int32 // the components, in topological order (entry's first)
	scc      []int32   // block index -> its component
	nodes    []nodeRef // every node of every block, by position
	maxEnd   []token.Pos
}

// nodeRef is node i of a block.
type nodeRef struct {
	pos, end token.Pos
	block    int32
	i        int
}

func newGraph(c *cfg.CFG) *Graph {
	g := &Graph{CFG: c}
	for _, b := range c.Blocks {
		if b.Live && b.Return() != nil {
			g.finishes = true
		}
		for i, n := range b.Nodes {
			g.nodes = append(g.nodes, nodeRef{n.Pos(), n.End(), b.Index, i})
		}
	}
	slices.SortStableFunc(g.nodes, func(a, b nodeRef) int { return int(a.pos - b.pos) })
	g.maxEnd = make([]token.Pos, len(g.nodes))
	for i, n := range g.nodes {
		g.maxEnd[i] = n.end
		if i > 0 {
			g.maxEnd[i] = max(g.maxEnd[i], g.maxEnd[i-1])
		}
	}
	g.components()
	return g
}

// components computes the strongly connected components of the graph
// (Tarjan's algorithm, without recursion: bodies can be deep), in time
// proportional to the graph.
func (g *Graph) components() {
	n := len(g.Blocks)
	g.cyclic = make([]bool, n)
	g.scc = make([]int32, n)
	index := make([]int32, n) // visit order + 1; 0 is unvisited
	low := make([]int32, n)
	onStack := make([]bool, n)
	var stack []int32
	var sccs [][]int32 // sinks first
	next := int32(1)
	type frame struct {
		b    int32
		succ int
	}
	for root := range n {
		if index[root] != 0 {
			continue
		}
		index[root], low[root] = next, next
		next++
		stack = append(stack, int32(root))
		onStack[root] = true
		call := []frame{{int32(root), 0}}
		for len(call) > 0 {
			f := &call[len(call)-1]
			succs := g.Blocks[f.b].Succs
			if f.succ < len(succs) {
				s := succs[f.succ].Index
				f.succ++
				if s == f.b {
					g.cyclic[s] = true
				}
				if index[s] == 0 {
					index[s], low[s] = next, next
					next++
					stack = append(stack, s)
					onStack[s] = true
					call = append(call, frame{s, 0})
				} else if onStack[s] {
					low[f.b] = min(low[f.b], index[s])
				}
				continue
			}
			b := f.b
			call = call[:len(call)-1]
			if len(call) > 0 {
				p := call[len(call)-1].b
				low[p] = min(low[p], low[b])
			}
			if low[b] != index[b] {
				continue
			}
			var comp []int32
			for {
				x := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				onStack[x] = false
				comp = append(comp, x)
				if x == b {
					break
				}
			}
			if len(comp) > 1 {
				for _, x := range comp {
					g.cyclic[x] = true
				}
			}
			sccs = append(sccs, comp)
		}
	}
	slices.Reverse(sccs)
	g.sccs = sccs
	for i, comp := range sccs {
		for _, x := range comp {
			g.scc[x] = int32(i)
		}
	}
}

// containing calls f for every node of the graph that holds pos, with its
// block and index. Nodes hardly overlap (a select's channel operands sit
// in its head and in its cases), so this costs a binary search and a
// short walk back.
func (g *Graph) containing(pos token.Pos, f func(block int32, i int)) {
	hi, _ := slices.BinarySearchFunc(g.nodes, pos+1, func(n nodeRef, p token.Pos) int { return int(n.pos - p) })
	for j := hi - 1; j >= 0 && g.maxEnd[j] > pos; j-- {
		if n := g.nodes[j]; pos < n.end {
			f(n.block, n.i)
		}
	}
}

// Locate returns the live block of g and the index in it of the node that
// contains pos (the first block, then the first node, when several do),
// or nil.
func (g *Graph) Locate(pos token.Pos) (*cfg.Block, int) {
	var best *cfg.Block
	bestI := 0
	g.containing(pos, func(block int32, i int) {
		b := g.Blocks[block]
		if b.Live && (best == nil || block < best.Index || block == best.Index && i < bestI) {
			best, bestI = b, i
		}
	})
	return best, bestI
}

// longestPath returns the largest sum of block weights along a path from
// the entry, or Many when a live block of positive weight lies on a
// cycle. With no weight on a cycle, one pass over the components in
// topological order settles every block.
func (g *Graph) longestPath(weight []Count) Count {
	for _, b := range g.Blocks {
		if b.Live && weight[b.Index] > 0 && g.cyclic[b.Index] {
			return Many
		}
	}
	best := make([]Count, len(g.Blocks))
	for i := range best {
		best[i] = -1
	}
	best[0] = weight[0]
	for ci, comp := range g.sccs {
		if len(comp) > 1 {
			// A cycle reached from the entry weighs nothing: all its
			// blocks are as heavy as the heaviest way in.
			m := Count(-1)
			for _, x := range comp {
				m = max(m, best[x])
			}
			for _, x := range comp {
				best[x] = m
			}
		}
		for _, x := range comp {
			if best[x] < 0 {
				continue
			}
			for _, s := range g.Blocks[x].Succs {
				if g.scc[s.Index] != int32(ci) {
					best[s.Index] = max(best[s.Index], best[x].add(weight[s.Index]))
				}
			}
		}
	}
	var most Count
	for _, v := range best {
		most = max(most, v)
	}
	return most
}

// exitAvoiding returns a return statement reachable from node i of block
// start on a path through no node for which avoid is true, or nil: the
// first found by a depth-first search taking successors in order (with an
// explicit stack: bodies can be deep).
func (g *Graph) exitAvoiding(start *cfg.Block, i int, avoid func(ast.Node) bool) *ast.ReturnStmt {
	if slices.ContainsFunc(start.Nodes[i:], avoid) {
		return nil
	}
	if r := start.Return(); r != nil {
		return r
	}
	seen := make([]bool, len(g.Blocks))
	type frame struct {
		b    *cfg.Block
		next int // the successor to try next
	}
	stack := []frame{{start, 0}}
	for len(stack) > 0 {
		f := &stack[len(stack)-1]
		if f.next == len(f.b.Succs) {
			stack = stack[:len(stack)-1]
			continue
		}
		s := f.b.Succs[f.next]
		f.next++
		if seen[s.Index] {
			continue
		}
		seen[s.Index] = true
		if slices.ContainsFunc(s.Nodes, avoid) {
			continue
		}
		if r := s.Return(); r != nil {
			return r
		}
		stack = append(stack, frame{s, 0})
	}
	return nil
}

// ExitAvoiding returns a return statement of g reachable from the node
// that contains from (from g's entry when from is token.NoPos) without
// passing a node for which avoid is true, or nil.
func (g *Graph) ExitAvoiding(from token.Pos, avoid func(ast.Node) bool) *ast.ReturnStmt {
	if from == token.NoPos {
		return g.exitAvoiding(g.Blocks[0], 0, avoid)
	}
	b, i := g.Locate(from)
	if b == nil {
		return nil
	}
	return g.exitAvoiding(b, i+1, avoid)
}
