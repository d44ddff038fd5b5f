package strandedsend

import (
	"container/heap"
	"go/ast"
	mathbits "math/bits"

	"github.com/asynclint/asynclint/internal/chanflow"
	"golang.org/x/tools/go/cfg"
)

// searchGraph is what the searches over the spawner's graph share,
// computed once per channel.
type searchGraph struct {
	preds  [][]*cfg.Block     // block index -> its predecessors, in block order
	suffix [][]chanflow.Count // block index -> receives in its nodes from node i on
	// excl are the select cases that receive from another channel: when
	// the sender judged signals on that channel instead of this one, the
	// case means it has nothing left to send (see exclusive).
	excl    []*cfg.Block
	classes map[classKey]*toReturn
}

func (r *receiver) graph() *searchGraph {
	if r.search != nil {
		return r.search
	}
	g := r.c.CFG
	sg := &searchGraph{
		preds:   make([][]*cfg.Block, len(g.Blocks)),
		suffix:  make([][]chanflow.Count, len(g.Blocks)),
		classes: map[classKey]*toReturn{},
	}
	for _, b := range g.Blocks {
		for _, s := range b.Succs {
			sg.preds[s.Index] = append(sg.preds[s.Index], b)
		}
		sg.suffix[b.Index] = r.nodeWeights(b)
		if b.Kind == cfg.KindSelectCaseBody {
			if x := commRecv(b.Stmt.(*ast.CommClause).Comm); x != nil && !r.isCh(x) {
				sg.excl = append(sg.excl, b)
			}
		}
	}
	r.search = sg
	return sg
}

// pending returns, for each sender, how many values can wait to be
// received along with those of its goroutine: its own sends, times the
// goroutines its statement starts when it can run again before a receive
// (a loop), plus those of the senders started before or after it with no
// receive in between. counted reports that the number is unknown only
// because a loop starts a number of goroutines known at run time, each
// sending a known number of times.
//
// Which senders a receive separates comes from two passes over the graph
// (see reach), and the sums from counting set bits per distinct number of
// sends, so that the cost is the graph's size times the senders' number
// in words, not a search per pair of senders.
func (r *receiver) pending(senders []*chanflow.Spawn) (total []chanflow.Count, counted []bool) {
	before := r.reach(senders, true) // j's start reaches i's without a receive
	after := r.reach(senders, false) // i's start reaches j's
	words := (len(senders) + 63) / 64
	bySends := map[chanflow.Count]bits{} // senders by how many values they leave pending
	manySends := make(bits, words)       // senders whose goroutine sends countless times
	for j, o := range senders {
		times := chanflow.Count(1)
		if before[j].has(j) {
			// The loops around the start, up to one that also receives.
			for _, l := range o.Loops {
				if r.isLoop[l] {
					break
				}
				times = times.Mul(chanflow.TripCount(r.info, l))
			}
		}
		if o.Use.Sends >= chanflow.Many {
			manySends.set(j)
		}
		w := o.Use.Sends.Mul(times)
		if bySends[w] == nil {
			bySends[w] = make(bits, words)
		}
		bySends[w].set(j)
	}
	total = make([]chanflow.Count, len(senders))
	counted = make([]bool, len(senders))
	together := make(bits, words)
	for i := range senders {
		copy(together, before[i])
		together.or(after[i])
		together.set(i)
		for w, set := range bySends {
			total[i] = add(total[i], w.Mul(chanflow.Count(together.common(set))))
		}
		counted[i] = total[i] >= chanflow.Many && together.common(manySends) == 0
	}
	return total, counted
}

// bits is a set of senders.
type bits []uint64

func (b bits) has(i int) bool { return b[i/64]&(1<<(i%64)) != 0 }
func (b bits) set(i int)      { b[i/64] |= 1 << (i % 64) }

// or adds c to b and reports whether b grew.
func (b bits) or(c bits) bool {
	grew := false
	for k := range b {
		if c[k]&^b[k] != 0 {
			b[k] |= c[k]
			grew = true
		}
	}
	return grew
}

// common returns how many members b and c share.
func (b bits) common(c bits) int {
	n := 0
	for k := range b {
		n += mathbits.OnesCount64(b[k] & c[k])
	}
	return n
}

// reach returns, for each sender i, the senders j such that control can
// leave j's statement and arrive at i's without receiving from the
// channel (forward), or leave i's and arrive at j's (backward); a sender
// that can run again before a receive reaches itself. It is a dataflow
// over the graph in which receives kill every sender and the senders'
// statements generate themselves, and each block's set only grows.
func (r *receiver) reach(senders []*chanflow.Spawn, forward bool) []bits {
	g := r.c.CFG
	sg := r.graph()
	words := (len(senders) + 63) / 64
	out := make([]bits, len(senders))
	for i := range out {
		out[i] = make(bits, words)
	}
	type at struct{ node, sender int }
	starts := map[int32][]at{} // block index -> the senders' statements in it
	for i, s := range senders {
		if b, k := r.c.Graph.Locate(s.Stmt.Pos()); b != nil {
			starts[b.Index] = append(starts[b.Index], at{k, i})
		}
	}
	// flow[b] is the set at b's entry (forward: arriving from its
	// predecessors; backward: what its predecessors see of it).
	flow := make([]bits, len(g.Blocks))
	var queue []*cfg.Block
	queued := make([]bool, len(g.Blocks))
	push := func(b *cfg.Block) {
		if !queued[b.Index] {
			queued[b.Index] = true
			queue = append(queue, b)
		}
	}
	for _, b := range g.Blocks {
		if len(starts[b.Index]) > 0 {
			push(b)
		}
	}
	cur := make(bits, words)
	node := func(b *cfg.Block, k int) {
		here := starts[b.Index]
		for _, a := range here {
			if a.node == k {
				out[a.sender].or(cur)
			}
		}
		if _, comm := r.comms[b.Nodes[k]]; !comm && r.receivesAt(b.Nodes[k]) > 0 {
			clear(cur)
		}
		for _, a := range here {
			if a.node == k {
				cur.set(a.sender)
			}
		}
	}
	for len(queue) > 0 {
		b := queue[0]
		queue = queue[1:]
		queued[b.Index] = false
		clear(cur)
		if forward {
			if flow[b.Index] != nil && r.entryWeight(b, nil) == 0 {
				copy(cur, flow[b.Index])
			}
			for k := range b.Nodes {
				node(b, k)
			}
			for _, s := range b.Succs {
				if r.loopEnd(b, s) {
					continue
				}
				if flow[s.Index] == nil {
					flow[s.Index] = make(bits, words)
				}
				if flow[s.Index].or(cur) {
					push(s)
				}
			}
			continue
		}
		for _, s := range b.Succs {
			if flow[s.Index] != nil && !r.loopEnd(b, s) {
				cur.or(flow[s.Index])
			}
		}
		for k := len(b.Nodes) - 1; k >= 0; k-- {
			node(b, k)
		}
		if r.entryWeight(b, nil) > 0 {
			clear(cur)
		}
		if flow[b.Index] == nil {
			flow[b.Index] = make(bits, words)
		}
		if flow[b.Index].or(cur) {
			for _, p := range sg.preds[b.Index] {
				push(p)
			}
		}
	}
	return out
}

// classKey sorts senders by what the give-up search's costs depend on:
// whether the sender's sends are countless (against a counted receiving
// loop), and which select cases mean it has nothing left to send.
type classKey struct {
	many bool
	excl string
}

// toReturn holds, for each block, the fewest receives on a path from its
// end to a return, and the successor such a path takes.
type toReturn struct {
	cost []chanflow.Count // -1: no return is reachable
	next []int32          // -1 at a return
}

// giveUp returns where the spawner can stop receiving, after starting
// the goroutine s, having received fewer than need values; nil when every
// path to a return receives enough.
//
// The fewest receives from each block to a return are computed once per
// class of sender (a backward search from the returns, see toReturns), so
// that judging every sender of a channel costs little more than judging
// one: the search from s then looks only at its own block's remainder
// and successors, and the explanation follows the successors the backward
// search chose.
func (r *receiver) giveUp(s *chanflow.Spawn, need chanflow.Count) *giveUp {
	start, idx := r.c.Graph.Locate(s.Stmt.Pos())
	if start == nil {
		return nil
	}
	got := r.weight(start, idx+1, s)
	path := []*cfg.Block{start}
	if start.Return() == nil {
		tr := r.toReturns(s, need)
		var best *cfg.Block
		var rest chanflow.Count
		for _, succ := range start.Succs {
			if tr.cost[succ.Index] < 0 {
				continue
			}
			c := add(r.edge(start, succ, s, need), tr.cost[succ.Index])
			if best == nil || c < rest {
				best, rest = succ, c
			}
		}
		if best == nil {
			return nil // no return: the spawner never gives up by leaving
		}
		got = add(got, rest)
		for b := best; b != nil; {
			path = append(path, b)
			if next := tr.next[b.Index]; next >= 0 {
				b = r.c.CFG.Blocks[next]
			} else {
				b = nil
			}
		}
	}
	if got >= need {
		return nil
	}
	return r.explain(path, got)
}

// toReturns returns the fewest receives from the end of each block to a
// live return, for senders of s's class: Dijkstra's search backwards from
// the returns (costs are counts of receives, never negative), in time
// proportional to the graph (times a logarithm), once per class.
func (r *receiver) toReturns(s *chanflow.Spawn, need chanflow.Count) *toReturn {
	sg := r.graph()
	key := classKey{many: need >= chanflow.Many}
	var sig []byte
	for _, b := range sg.excl {
		if r.exclusive(b.Stmt.(*ast.CommClause), s) {
			sig = append(sig, '1')
		} else {
			sig = append(sig, '0')
		}
	}
	key.excl = string(sig)
	if tr, ok := sg.classes[key]; ok {
		return tr
	}
	g := r.c.CFG
	tr := &toReturn{cost: make([]chanflow.Count, len(g.Blocks)), next: make([]int32, len(g.Blocks))}
	for i := range tr.cost {
		tr.cost[i], tr.next[i] = -1, -1
	}
	h := &costHeap{}
	for _, b := range g.Blocks {
		if b.Live && b.Return() != nil {
			tr.cost[b.Index] = 0
			heap.Push(h, costItem{0, b.Index})
		}
	}
	for h.Len() > 0 {
		it := heap.Pop(h).(costItem)
		if it.cost != tr.cost[it.block] {
			continue // improved since it was queued
		}
		y := g.Blocks[it.block]
		for _, x := range sg.preds[it.block] {
			c := add(r.edge(x, y, s, need), it.cost)
			if tr.cost[x.Index] < 0 || c < tr.cost[x.Index] {
				tr.cost[x.Index], tr.next[x.Index] = c, it.block
				heap.Push(h, costItem{c, x.Index})
			}
		}
	}
	sg.classes[key] = tr
	return tr
}

type costItem struct {
	cost  chanflow.Count
	block int32
}

// costHeap orders blocks by cost, then by index, for a deterministic
// choice among equal paths.
type costHeap []costItem

func (h costHeap) Len() int { return len(h) }
func (h costHeap) Less(i, j int) bool {
	return h[i].cost < h[j].cost || h[i].cost == h[j].cost && h[i].block < h[j].block
}
func (h costHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *costHeap) Push(x any)   { *h = append(*h, x.(costItem)) }
func (h *costHeap) Pop() any {
	old := *h
	it := old[len(old)-1]
	*h = old[:len(old)-1]
	return it
}

// edge returns the receives counted when control goes from b to s: the
// receives of s, or, when a loop that receives from the channel ends by
// its own condition (the range over the channel ends once it is closed,
// a counted loop once it has run for every goroutine), as many as the
// loop was written to receive: Many, or its constant trip count. cur is
// the sender whose give-up is searched, need the receives it needs.
func (r *receiver) edge(b, s *cfg.Block, cur *chanflow.Spawn, need chanflow.Count) chanflow.Count {
	w := r.weight(s, 0, cur)
	if r.loopEnd(b, s) {
		if rs, ok := b.Stmt.(*ast.RangeStmt); ok && r.isCh(rs.X) {
			return chanflow.Many
		}
		if need >= chanflow.Many {
			return chanflow.Many // an unknown number of sends against a counted loop: presumed matched
		}
		return add(w, chanflow.TripCount(r.info, b.Stmt))
	}
	return w
}

// loopEnd reports whether the edge from b to s is the normal end of a
// loop that receives from the channel.
func (r *receiver) loopEnd(b, s *cfg.Block) bool {
	return (b.Kind == cfg.KindForLoop || b.Kind == cfg.KindRangeLoop) && len(b.Succs) == 2 && s == b.Succs[1] &&
		r.isLoop[b.Stmt]
}
