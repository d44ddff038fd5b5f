package strandedsend

import (
	"go/ast"
	"slices"

	"github.com/asynclint/asynclint/internal/chanflow"
	"golang.org/x/tools/go/cfg"
)

// pending returns how many values can wait to be received along with
// those of s: its own sends, times the goroutines its statement starts
// when it can run again before a receive (a loop), plus those of the
// senders started before or after it with no receive in between. counted
// reports that the number is unknown only because a loop starts a number
// of goroutines known at run time, each sending a known number of times.
func (r *receiver) pending(s *chanflow.Spawn, senders []*chanflow.Spawn) (total chanflow.Count, counted bool) {
	manySends := false
	for _, o := range senders {
		if o != s && !r.reaches(o.Stmt, s.Stmt) && !r.reaches(s.Stmt, o.Stmt) {
			continue // a receive separates them
		}
		times := chanflow.Count(1)
		if r.reaches(o.Stmt, o.Stmt) {
			// The loops around the start, up to one that also receives.
			for _, l := range o.Loops {
				if slices.Contains(r.loops, l) {
					break
				}
				times = times.Mul(chanflow.TripCount(r.info, l))
			}
		}
		manySends = manySends || o.Use.Sends >= chanflow.Many
		total = add(total, o.Use.Sends.Mul(times))
	}
	return total, total >= chanflow.Many && !manySends
}

// reaches reports whether control can go from just after node from to
// node to without receiving from the channel.
func (r *receiver) reaches(from, to ast.Node) bool {
	g := r.c.CFG
	fb, fi := chanflow.Locate(g, from.Pos())
	tb, ti := chanflow.Locate(g, to.Pos())
	if fb == nil || tb == nil {
		return false
	}
	seen := map[*cfg.Block]bool{}
	var visit func(b *cfg.Block, i int) bool
	visit = func(b *cfg.Block, i int) bool {
		if i == 0 && r.entryWeight(b, nil) > 0 {
			return false
		}
		for ; i < len(b.Nodes); i++ {
			if b == tb && i == ti {
				return true
			}
			if _, comm := r.comms[b.Nodes[i]]; !comm && r.receivesAt(b.Nodes[i]) > 0 {
				return false
			}
		}
		for _, s := range b.Succs {
			if !seen[s] && !r.loopEnd(b, s) {
				seen[s] = true
				if visit(s, 0) {
					return true
				}
			}
		}
		return false
	}
	return visit(fb, fi+1)
}

// giveUp returns where the spawner can stop receiving, after starting
// the goroutine s, having received fewer than need values; nil when every
// path to a return receives enough.
func (r *receiver) giveUp(s *chanflow.Spawn, need chanflow.Count) *giveUp {
	g := r.c.CFG
	start, idx := chanflow.Locate(g, s.Stmt.Pos())
	if start == nil {
		return nil
	}
	// Shortest paths (fewest receives) from just after the spawn: node i
	// of the search is block i, and len(g.Blocks) is the rest of the
	// start block.
	n := len(g.Blocks)
	virt := n
	dist := make([]chanflow.Count, n+1)
	pred := make([]int, n+1)
	for i := range dist {
		dist[i] = -1
		pred[i] = -1
	}
	block := func(i int) *cfg.Block {
		if i == virt {
			return start
		}
		return g.Blocks[i]
	}
	dist[virt] = r.weight(start, idx+1, s)
	queue := []int{virt}
	inQueue := map[int]bool{virt: true}
	for len(queue) > 0 {
		i := queue[0]
		queue = queue[1:]
		inQueue[i] = false
		b := block(i)
		if i == virt && b.Return() != nil {
			continue
		}
		for _, succ := range b.Succs {
			d := add(dist[i], r.edge(b, succ, s, need))
			if dist[succ.Index] < 0 || d < dist[succ.Index] {
				dist[succ.Index] = d
				pred[succ.Index] = i
				if !inQueue[int(succ.Index)] {
					inQueue[int(succ.Index)] = true
					queue = append(queue, int(succ.Index))
				}
			}
		}
	}
	best := -1
	for i := range dist {
		if dist[i] < 0 || !block(i).Live || block(i).Return() == nil {
			continue
		}
		if best < 0 || dist[i] < dist[best] {
			best = i
		}
	}
	if best < 0 || dist[best] >= need {
		return nil
	}
	var path []*cfg.Block
	for i := best; i >= 0; i = pred[i] {
		path = append(path, block(i))
		if i == virt {
			break
		}
	}
	slices.Reverse(path)
	return r.explain(path, dist[best])
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
		slices.Contains(r.loops, b.Stmt)
}
